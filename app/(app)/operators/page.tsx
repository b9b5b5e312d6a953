import type { Metadata } from "next";
import { formatUtc } from "@/components/data-table/format-date";
import { EndSessionsButton } from "@/components/operators/end-sessions-button";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { sessionsNotBefore } from "@/lib/server/operator-sessions";
import { listOperators } from "@/lib/server/operators";
import { hasRole } from "@/lib/roles";
import { requireOperator } from "@/lib/server/session";

export const metadata: Metadata = { title: "Operators" };

/** Owner-only: the accounts of OPERATORS_FILE, and ending all sessions of one of them. */
export default async function OperatorsPage() {
  const me = await requireOperator();
  if (!hasRole(me.role, "owner")) {
    return <EmptyState title="Owners only" description={`Managing operators needs the owner role; you are ${me.role}.`} />;
  }
  const operators = listOperators().map((o) => ({ email: o.email, name: o.name ?? null, role: o.role, endedAt: sessionsNotBefore(o.email) }));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Operators</h1>
        <p className="text-sm text-muted-foreground">
          Accounts in the operators file. Add or change them with <code className="font-mono text-xs">npm run operator:add</code>; a change applies to signed-in sessions at once.
        </p>
      </div>
      {operators.length === 0 ? (
        <EmptyState title="No operators" description="The operators file lists no accounts." />
      ) : (
        <div className="overflow-x-auto rounded-md border">
          <table className="w-full text-sm">
            <thead className="bg-muted/50 text-left text-muted-foreground">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">E-mail</th>
                <th scope="col" className="px-3 py-2 font-medium">Name</th>
                <th scope="col" className="px-3 py-2 font-medium">Role</th>
                <th scope="col" className="px-3 py-2 font-medium">Sessions last ended</th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {operators.map((o) => (
                <tr key={o.email}>
                  <td className="px-3 py-2">{o.email}</td>
                  <td className="px-3 py-2">{o.name ?? "—"}</td>
                  <td className="px-3 py-2">
                    <Badge variant="outline" className="capitalize">
                      {o.role}
                    </Badge>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">{o.endedAt ? formatUtc(o.endedAt) : "—"}</td>
                  <td className="px-3 py-2 text-right">
                    <EndSessionsButton operator={{ email: o.email, name: o.name }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

import type { Metadata } from "next";
import { OperatorsTable } from "@/components/operators/operators-table";
import { EmptyState } from "@/components/ui/empty-state";
import { sessionsNotBefore } from "@/lib/server/operator-sessions";
import { listOperators } from "@/lib/server/operators";
import { hasRole, ROUTE_MIN_ROLE } from "@/lib/roles";
import { requireOperator } from "@/lib/server/session";

export const metadata: Metadata = { title: "Operators" };

/** Owner-only: the accounts of OPERATORS_FILE, and ending all sessions of one of them. */
export default async function OperatorsPage() {
  const me = await requireOperator();
  if (!hasRole(me.role, ROUTE_MIN_ROLE.operators)) {
    return <EmptyState title="Owners only" description={`Managing operators needs the owner role; you are ${me.role}.`} />;
  }
  const operators = await Promise.all(listOperators().map(async (o) => ({ email: o.email, name: o.name ?? null, role: o.role, endedAt: await sessionsNotBefore(o.email) })));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Operators</h1>
        <p className="text-sm text-muted-foreground">
          Accounts in the operators file. Add or change them with <code className="font-mono text-xs">npm run operator:add</code>; a change applies to signed-in sessions at once.
        </p>
      </div>
      <OperatorsTable operators={operators} />
    </div>
  );
}

"use client";

import { useActionRunner } from "@/components/forms/use-action-runner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";
import type { HeldPermissionRow, PermissionGrantsData } from "@/lib/permissions-dto";

type Row = { id: string; description: string | null; held: HeldPermissionRow | undefined };

function Status({ held }: { held: HeldPermissionRow | undefined }) {
  if (!held) return <span className="text-sm text-muted-foreground">Not held</span>;
  return (
    <div className="flex flex-col items-start gap-1">
      {held.direct ? <Badge variant="success">Granted directly</Badge> : null}
      {held.via ? (
        <span className="text-xs text-muted-foreground">
          {held.direct ? "Also through " : "Through "}
          <span className="font-mono text-foreground">{held.via[0]}</span>
          {held.via.length > 2 ? <span className="font-mono"> ({held.via.join(" → ")})</span> : null}
        </span>
      ) : null}
    </div>
  );
}

/**
 * Every permission of the scope and whether the subject holds it: directly (revocable), through a
 * containing permission (and which: only a direct grant can be revoked), or not at all.
 */
export function GrantsList({
  data,
  subject,
  canEdit,
  grant,
  revoke,
}: {
  data: PermissionGrantsData;
  /** Who holds them, for captions and toasts ("Ada in Acme"). */
  subject: string;
  canEdit: boolean;
  grant: (permissionId: string) => Promise<ActionResult<{ id: string }>>;
  revoke: (permissionId: string) => Promise<ActionResult<{ id: string }>>;
}) {
  const { run, pending } = useActionRunner();
  const held = new Map(data.held.map((h) => [h.id, h]));
  const rows: Row[] = data.definitions.map((d) => ({ id: d.id, description: d.description, held: held.get(d.id) }));
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No permissions are defined in this scope yet.</p>;
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Permissions of {subject}</caption>
      <thead>
        <tr className="border-b text-left text-xs text-muted-foreground">
          <th scope="col" className="py-2 pr-3 font-medium">
            Permission
          </th>
          <th scope="col" className="py-2 pr-3 font-medium">
            Status
          </th>
          {canEdit ? (
            <th scope="col" className="py-2 text-right font-medium">
              <span className="sr-only">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className="border-b last:border-0" aria-label={r.id}>
            <td className="py-2 pr-3 align-top">
              <span className="break-all font-mono">{r.id}</span>
              {r.description ? <span className="block text-xs text-muted-foreground">{r.description}</span> : null}
            </td>
            <td className="py-2 pr-3 align-top">
              <Status held={r.held} />
            </td>
            {canEdit ? (
              <td className="py-2 text-right align-top">
                {r.held?.direct ? (
                  <Button size="sm" variant="outline" disabled={pending} onClick={() => run(() => revoke(r.id), `Revoked ${r.id} from ${subject}`)}>
                    Revoke
                  </Button>
                ) : (
                  <Button size="sm" variant="outline" disabled={pending} onClick={() => run(() => grant(r.id), `Granted ${r.id} to ${subject}`)}>
                    Grant
                  </Button>
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

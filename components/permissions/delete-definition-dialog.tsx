"use client";

import { useRouter } from "next/navigation";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deletePermissionDefinitionAction } from "@/lib/actions/permissions";
import { DANGEROUS } from "@/lib/dangerous";
import type { PermissionDeletionImpact, PermissionScope } from "@/lib/permissions-dto";
import { permissionsHref } from "./permission-scope-tabs";

const op = DANGEROUS.deletePermission;

function grantsLine(impact: PermissionDeletionImpact): string {
  if (impact.directGrants === null) return "The number of grants could not be counted.";
  const n = impact.directGrants;
  return n === 0 ? "Nobody holds it directly: no grant disappears." : `${n.toLocaleString("en-US")} direct ${n === 1 ? "grant disappears" : "grants disappear"}.`;
}

/**
 * The delete confirmation of one definition, open while the URL names it (`?delete=<id>`): the
 * page read the definition and counted its grants. The server re-reads it before deleting.
 */
export function DeleteDefinitionDialog({ scope, impact }: { scope: PermissionScope; impact: PermissionDeletionImpact }) {
  const router = useRouter();
  const { confirm } = useActionRunner();
  const close = () => router.replace(permissionsHref(scope), { scroll: false });
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => (open ? null : close())}
      title={op.title}
      description={
        <>
          <p>{op.consequence}</p>
          <p>
            <strong>{grantsLine(impact)}</strong>
          </p>
          {impact.containedBy.length > 0 ? (
            <p>
              {impact.containedBy.length === 1 ? "One permission contains it and loses it" : `${impact.containedBy.length} permissions contain it and lose it`}:{" "}
              <span className="font-mono">{impact.containedBy.join(", ")}</span>.
            </p>
          ) : null}
        </>
      }
      target={{ label: `${scope === "team" ? "Team" : "Project"} permission`, id: impact.id }}
      confirmValue={impact.id}
      confirmLabel={op.confirmLabel}
      onConfirm={(typed) =>
        confirm(() => deletePermissionDefinitionAction({ scope, permissionId: impact.id, confirmation: typed }), `Deleted ${impact.id}`, {
          refresh: false,
          onSuccess: close,
        })
      }
    />
  );
}

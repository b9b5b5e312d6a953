"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { KeyRound, Plus } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import "@/components/data-table/column-meta";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { PermissionDefinitionRow, PermissionDefinitionsData, PermissionDeletionImpact } from "@/lib/permissions-dto";
import { permissionsHref } from "./permission-scope-tabs";
import { PermissionIds } from "./permission-ids";

const loadDialog = () => import("./definition-dialog");
const DefinitionDialog = dynamic(() => loadDialog().then((m) => m.DefinitionDialog), { ssr: false });
const DeleteDefinitionDialog = dynamic(() => import("./delete-definition-dialog").then((m) => m.DeleteDefinitionDialog), { ssr: false });

type Editing = { mode: "create" } | { mode: "edit"; row: PermissionDefinitionRow } | null;

function columns(canEdit: boolean, scope: PermissionDefinitionsData["scope"], edit: (row: PermissionDefinitionRow) => void): ColumnDef<PermissionDefinitionRow>[] {
  const cols: ColumnDef<PermissionDefinitionRow>[] = [
    {
      id: "id",
      meta: { label: "Permission" },
      cell: ({ row: { original: d } }) => (
        <div className="min-w-0 space-y-0.5">
          <div className="flex flex-wrap items-center gap-2">
            <span className="break-all font-mono font-medium">{d.id}</span>
            {d.system ? <Badge variant="secondary">System</Badge> : null}
          </div>
          {d.description ? <p className="text-xs text-muted-foreground">{d.description}</p> : null}
        </div>
      ),
    },
    {
      id: "contains",
      meta: { label: "Contains" },
      cell: ({ row: { original: d } }) => (
        <div className="space-y-1">
          <PermissionIds ids={d.containedPermissionIds} none="Nothing" />
          {d.impliedPermissionIds.length > d.containedPermissionIds.length ? (
            <p className="text-xs text-muted-foreground">
              Implies {d.impliedPermissionIds.length} in all: {d.impliedPermissionIds.filter((x) => !d.containedPermissionIds.includes(x)).join(", ")} through containment.
            </p>
          ) : null}
        </div>
      ),
    },
    {
      id: "containedBy",
      meta: { label: "Contained by" },
      cell: ({ row: { original: d } }) => <PermissionIds ids={d.containedBy} none="—" />,
    },
  ];
  if (!canEdit) return cols;
  cols.push({
    id: "actions",
    meta: { label: "Actions", className: "w-44 text-right", skeleton: "action" },
    cell: ({ row: { original: d } }) =>
      d.system ? (
        <span className="text-xs text-muted-foreground">Read-only (built in)</span>
      ) : (
        <div className="flex justify-end gap-2">
          <Button size="sm" variant="outline" onPointerEnter={() => void loadDialog()} onClick={() => edit(d)}>
            Edit
          </Button>
          <Link href={permissionsHref(scope, d.id)} prefetch={false} scroll={false} className={buttonVariants({ size: "sm", variant: "outline" })}>
            Delete
          </Link>
        </div>
      ),
  });
  return cols;
}

/**
 * A scope's permission definitions: what each contains and is contained by, with create and edit
 * dialogs and the delete confirmation (opened through the URL, so the page counts its grants).
 */
export function DefinitionsView({
  data,
  canEdit,
  deletion,
}: {
  data: PermissionDefinitionsData;
  canEdit: boolean;
  deletion: PermissionDeletionImpact | null;
}) {
  const [editing, setEditing] = useState<Editing>(null);
  const noun = data.scope === "team" ? "team permission" : "project permission";
  const createButton = canEdit ? (
    <Button onPointerEnter={() => void loadDialog()} onFocus={() => void loadDialog()} onClick={() => setEditing({ mode: "create" })}>
      <Plus aria-hidden /> Create {noun}
    </Button>
  ) : null;
  return (
    <>
      <DataTable
        columns={columns(canEdit, data.scope, (row) => setEditing({ mode: "edit", row }))}
        data={data.definitions}
        getRowId={(d) => d.id}
        caption={`${data.scope === "team" ? "Team" : "Project"} permission definitions.`}
        rowName={(d) => d.id}
        toolbar={<div className="ml-auto">{createButton}</div>}
        empty={
          <EmptyState
            icon={KeyRound}
            title={`No ${noun}s yet`}
            description={data.scope === "project" ? "Project permissions are granted to users directly, outside any team." : "Team permissions are granted to members of a team."}
          />
        }
      />
      {editing ? (
        <DefinitionDialog
          key={editing.mode === "edit" ? editing.row.id : "create"}
          scope={data.scope}
          editing={editing.mode === "edit" ? editing.row : null}
          definitions={data.definitions}
          open
          onOpenChange={(open) => (open ? null : setEditing(null))}
        />
      ) : null}
      {deletion ? <DeleteDefinitionDialog key={deletion.id} scope={data.scope} impact={deletion} /> : null}
    </>
  );
}

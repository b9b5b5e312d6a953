"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { formatUtc } from "@/components/data-table/format-date";
import { EndSessionsButton } from "@/components/operators/end-sessions-button";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { Role } from "@/lib/roles";
import "@/components/data-table/column-meta";
import { RoleGate } from "@/components/ui/role-gate";

export type OperatorRow = { email: string; name: string | null; role: Role; endedAt: number | null };

const columns: ColumnDef<OperatorRow>[] = [
  { id: "email", meta: { label: "E-mail" }, cell: ({ row }) => row.original.email },
  { id: "name", meta: { label: "Name" }, cell: ({ row }) => row.original.name ?? "—" },
  {
    id: "role",
    meta: { label: "Role" },
    cell: ({ row }) => (
      <Badge variant="outline" className="capitalize">
        {row.original.role}
      </Badge>
    ),
  },
  {
    id: "endedAt",
    meta: { label: "Sessions last ended", className: "whitespace-nowrap tabular-nums" },
    cell: ({ row }) => (row.original.endedAt ? formatUtc(row.original.endedAt) : "—"),
  },
  {
    id: "actions",
    enableHiding: false,
    header: () => <span className="sr-only">Actions</span>,
    meta: { className: "text-right", skeleton: "action" },
    cell: ({ row }) => (
      <RoleGate action="endOperatorSessions">
        <EndSessionsButton operator={{ email: row.original.email, name: row.original.name }} />
      </RoleGate>
    ),
  },
];

/** The operators file's accounts (a short list: no paging). */
export function OperatorsTable({ operators }: { operators: OperatorRow[] }) {
  return (
    <DataTable
      columns={columns}
      data={operators}
      getRowId={(o) => o.email}
      caption="Operators"
      rowName={(o) => o.email}
      empty={<EmptyState title="No operators" description="The operators file lists no accounts." />}
    />
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useId, type ReactNode } from "react";
import type { FieldValues } from "react-hook-form";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm, type ActionFormOptions } from "@/components/forms/use-action-form";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { TeamPicker } from "@/components/users/user-picker";
import {
  bulkAddTeamMemberAction,
  bulkDeleteUsersAction,
  bulkGrantProjectPermissionAction,
  bulkRemoveTeamMemberAction,
  bulkRestrictUsersAction,
  bulkRevokeProjectPermissionAction,
  bulkRevokeUserSessionsAction,
} from "@/lib/actions/jobs";
import type { ActionResult } from "@/lib/action-result";
import { DANGEROUS } from "@/lib/dangerous";
import type { UserSelection } from "@/lib/schemas/jobs";

export type BulkKind = "restrict" | "lift" | "addToTeam" | "removeFromTeam" | "grantPermission" | "revokePermission" | "revokeSessions" | "delete";

type Started = { jobId: string; total: number };
type Props = { kind: BulkKind; selection: UserSelection; count: number; onClose: () => void };

const schemas = () => import("@/lib/schemas/jobs");
const users = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "user" : "users"}`;

/** One bulk action's dialog: its parameters (or the typed count), then the job's progress page. */
export function BulkJobDialog(props: Props) {
  switch (props.kind) {
    case "delete":
      return <ConfirmJob {...props} danger="bulkDeleteUsers" action={bulkDeleteUsersAction} />;
    case "revokeSessions":
      return <ConfirmJob {...props} danger="bulkRevokeSessions" action={bulkRevokeUserSessionsAction} />;
    case "restrict":
    case "lift":
      return <RestrictJob {...props} restricted={props.kind === "restrict"} />;
    case "addToTeam":
    case "removeFromTeam":
      return <TeamJob {...props} add={props.kind === "addToTeam"} />;
    case "grantPermission":
    case "revokePermission":
      return <PermissionJob {...props} grant={props.kind === "grantPermission"} />;
  }
}

function useOpenJob(onClose: () => void) {
  const router = useRouter();
  return (data: Started) => {
    onClose();
    router.push(`/jobs/${data.jobId}`);
  };
}

function ConfirmJob({ selection, count, onClose, danger, action }: Props & { danger: "bulkDeleteUsers" | "bulkRevokeSessions"; action: (input: { selection: UserSelection; confirmation: string }) => Promise<ActionResult<Started>> }) {
  const { confirm } = useActionRunner();
  const openJob = useOpenJob(onClose);
  const op = DANGEROUS[danger];
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={op.title}
      description={
        <p>
          {op.consequence} Type the number of users, <strong>{count}</strong>, to confirm; the server counts them again.
        </p>
      }
      target={{ label: users(count), id: selection.kind === "filter" ? "every user matching the search" : "the selected rows" }}
      confirmValue={String(count)}
      confirmLabel={op.confirmLabel}
      onConfirm={(typed) => confirm(() => action({ selection, confirmation: typed }), (d) => `Started: ${users(d.total)}`, { refresh: false, onSuccess: openJob })}
    />
  );
}

function JobForm<V extends FieldValues>({ title, description, submit, onClose, options, children }: { title: string; description: ReactNode; submit: string; onClose: () => void; options: Omit<ActionFormOptions<V, Started>, "success" | "refresh" | "onSuccess">; children?: (form: ReturnType<typeof useActionForm<V, Started>>["form"]) => ReactNode }) {
  const openJob = useOpenJob(onClose);
  const { form, onSubmit, failure, pending } = useActionForm<V, Started>({ ...options, success: (c) => `Started: ${users(c.data.total)}`, refresh: false, onSuccess: ({ data }) => openJob(data) });
  return (
    <Dialog open onOpenChange={(open) => !open && !pending && onClose()}>
      <DialogContent dismissible={!pending}>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          {children ? <fieldset disabled={pending} className="grid gap-4">{children(form)}</fieldset> : null}
          <FormMessage failure={failure} />
          <DialogFooter>
            <Button variant="outline" disabled={pending} onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              {submit}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function RestrictJob({ selection, count, onClose, restricted }: Props & { restricted: boolean }) {
  const id = useId();
  return (
    <JobForm
      title={restricted ? `Restrict ${users(count)}` : `Lift the restriction of ${users(count)}`}
      description={restricted ? "Restricted users can sign in but are treated as restricted by your app until it is lifted." : "Each user's restriction, its reason and note are cleared."}
      submit={restricted ? "Restrict" : "Lift restriction"}
      onClose={onClose}
      options={{ schema: async () => (await schemas()).bulkRestrictUsersSchema, defaultValues: { selection, restricted, publicReason: "", privateDetails: "" }, action: bulkRestrictUsersAction }}
    >
      {restricted
        ? (form) => (
            <>
              <Field id={`${id}-reason`} label="Reason shown to the users (optional)" error={form.formState.errors.publicReason?.message}>
                <Textarea rows={2} {...form.register("publicReason")} />
              </Field>
              <Field id={`${id}-details`} label="Private note (only admins see it)" error={form.formState.errors.privateDetails?.message}>
                <Textarea rows={2} {...form.register("privateDetails")} />
              </Field>
            </>
          )
        : undefined}
    </JobForm>
  );
}

function TeamJob({ selection, count, onClose, add }: Props & { add: boolean }) {
  const id = useId();
  return (
    <JobForm
      title={add ? `Add ${users(count)} to a team` : `Remove ${users(count)} from a team`}
      description={add ? "Each user joins with the team's member defaults; users already in it are reported, not added twice." : "Each user leaves the team with their team permissions."}
      submit={add ? "Add to team" : "Remove from team"}
      onClose={onClose}
      options={{ schema: async () => (await schemas()).bulkTeamMembershipSchema, defaultValues: { selection, teamId: "" }, action: add ? bulkAddTeamMemberAction : bulkRemoveTeamMemberAction }}
    >
      {(form) => (
        <div className="grid gap-1">
          <TeamPicker label="Team" onSelect={(team) => form.setValue("teamId", team?.id ?? "", { shouldValidate: Boolean(team) })} invalid={Boolean(form.formState.errors.teamId)} describedBy={form.formState.errors.teamId ? `${id}-team-error` : undefined} />
          {form.formState.errors.teamId ? (
            <p id={`${id}-team-error`} className="text-sm text-destructive">
              Choose a team.
            </p>
          ) : null}
        </div>
      )}
    </JobForm>
  );
}

function PermissionJob({ selection, count, onClose, grant }: Props & { grant: boolean }) {
  const id = useId();
  return (
    <JobForm
      title={grant ? `Grant a project permission to ${users(count)}` : `Revoke a project permission from ${users(count)}`}
      description="A project permission definition's id, as on the Permissions page."
      submit={grant ? "Grant" : "Revoke"}
      onClose={onClose}
      options={{ schema: async () => (await schemas()).bulkProjectPermissionSchema, defaultValues: { selection, permissionId: "" }, action: grant ? bulkGrantProjectPermissionAction : bulkRevokeProjectPermissionAction }}
    >
      {(form) => (
        <Field id={`${id}-permission`} label="Permission id" error={form.formState.errors.permissionId?.message}>
          <Input autoComplete="off" {...form.register("permissionId")} />
        </Field>
      )}
    </JobForm>
  );
}

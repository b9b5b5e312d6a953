"use client";

import { MailPlus } from "lucide-react";
import { useId, useState } from "react";
import { formatUtc } from "@/components/data-table/format-date";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { LazyConfirmDialog, preloadConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { revokeTeamInvitationAction, sendTeamInvitationAction } from "@/lib/actions/teams";
import type { SendTeamInvitationInput } from "@/lib/schemas/teams";
import type { InvitationDefaults, TeamInvitationRow } from "@/lib/teams-dto";

const inviteSchema = () => import("@/lib/schemas/teams").then((m) => m.sendTeamInvitationSchema);
type Failure = { code: string; message: string } | null;

/** A team's pending invitations (e-mail, expiry), invite by e-mail, revoke. */
export function TeamInvitationsCard({
  teamId,
  invitations,
  error,
  defaults,
  canEdit,
}: {
  teamId: string;
  invitations: TeamInvitationRow[] | null;
  error: Failure;
  defaults: InvitationDefaults | null;
  canEdit: boolean;
}) {
  const [revoking, setRevoking] = useState<TeamInvitationRow | null>(null);
  const { confirm } = useActionRunner();
  return (
    <Card>
      <CardHeader>
        <CardTitle>Invitations</CardTitle>
        <CardDescription>Pending invitations: the link in each e-mail adds its recipient to the team until it expires.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {error ? (
          <ErrorBanner title="Could not load invitations" message={error.message} code={error.code} />
        ) : invitations && invitations.length > 0 ? (
          <table className="w-full text-sm">
            <caption className="sr-only">Pending invitations</caption>
            <thead className="text-left text-muted-foreground">
              <tr>
                <th className="py-2 font-medium">E-mail</th>
                <th className="py-2 font-medium">Expires</th>
                {canEdit ? (
                  <th className="py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {invitations.map((inv) => (
                <tr key={inv.id} className="border-t">
                  <td className="py-2 break-all">{inv.email}</td>
                  <td className="py-2">
                    <time dateTime={new Date(inv.expiresAt).toISOString()}>{formatUtc(inv.expiresAt)}</time>
                  </td>
                  {canEdit ? (
                    <td className="py-2 text-right">
                      <Button variant="outline" size="sm" onPointerEnter={preloadConfirmDialog} onFocus={preloadConfirmDialog} onClick={() => setRevoking(inv)} aria-label={`Revoke the invitation of ${inv.email}`}>
                        Revoke…
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <EmptyState icon={MailPlus} title="No pending invitations" description="Invitations sent to this team appear here until accepted, revoked or expired." />
        )}
        {canEdit && defaults ? <InviteForm teamId={teamId} defaults={defaults} /> : null}
      </CardContent>
      <LazyConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => (open ? undefined : setRevoking(null))}
        title="Revoke invitation"
        description={<p>The link sent to <strong>{revoking?.email}</strong> stops working. You can invite them again later.</p>}
        target={{ label: revoking?.email ?? "", id: revoking?.id ?? "" }}
        confirmLabel="Revoke invitation"
        onConfirm={() => {
          const inv = revoking!;
          return confirm(() => revokeTeamInvitationAction({ teamId, invitationId: inv.id }), `Revoked the invitation of ${inv.email}`);
        }}
      />
    </Card>
  );
}

function InviteForm({ teamId, defaults }: { teamId: string; defaults: InvitationDefaults }) {
  const id = useId();
  const initial: SendTeamInvitationInput = { teamId, email: "", callbackUrl: defaults.callbackUrl };
  const { form, onSubmit, failure, pending } = useActionForm({
    schema: inviteSchema,
    defaultValues: initial,
    action: sendTeamInvitationAction,
    success: ({ data }) => `Invitation sent to ${data.email}`,
    onSuccess: ({ form }) => form.reset(initial),
  });
  const { errors } = form.formState;
  const trusted = defaults.trustedDomains.length > 0 ? `Trusted domains: ${defaults.trustedDomains.join(", ")}.` : "The project has no trusted domain yet (Settings → Domains).";
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 border-t pt-4" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="text-sm font-semibold">
        Invite by e-mail
      </h3>
      <fieldset disabled={pending} className="grid gap-4 md:grid-cols-2">
        <Field id={`${id}-email`} label="E-mail" error={errors.email?.message}>
          <Input type="email" autoComplete="off" {...form.register("email")} />
        </Field>
        <Field
          id={`${id}-callback`}
          label="Callback URL"
          description={`The invitation link opens this URL with a code; Stack accepts only a trusted domain${defaults.allowLocalhost ? " or localhost" : ""}. ${trusted}`}
          error={errors.callbackUrl?.message}
        >
          <Input type="url" autoComplete="off" placeholder="https://app.example.com/handler/team-invitation" {...form.register("callbackUrl")} />
        </Field>
      </fieldset>
      <FormMessage failure={failure} />
      <div className="flex justify-end">
        <Button type="submit" loading={pending}>
          Send invitation
        </Button>
      </div>
    </form>
  );
}

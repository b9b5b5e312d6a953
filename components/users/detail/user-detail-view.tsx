import type { ReactNode } from "react";
import type { UserDetailData } from "@/lib/users-dto";
import type { UserActionName, UserPermissions } from "../permissions";
import { ReadOnlyNote } from "../read-only-note";
import { userLabel } from "@/lib/labels";
import { ContactChannelsCard } from "./contact-channels-card";
import { DangerZoneCard } from "./danger-zone-card";
import { LazyMetadataCard, LazyPasswordCard } from "./lazy-cards";
import { LinkedAccountsCard } from "./linked-accounts-card";
import { ProfileCard } from "./profile-card";
import { RestrictionCard } from "./restriction-card";
import { SessionsCard } from "./sessions-card";
import { TwoFactorCard } from "./two-factor-card";
import { UserHeader } from "./user-header";

/** The user page: independent cards, each with its own form, action and save button (`teamsCard` comes from the teams area). */
export function UserDetailView({ data, permissions, teamsCard }: { data: UserDetailData; permissions: UserPermissions; teamsCard?: ReactNode }) {
  const { user } = data;
  const can = (action: UserActionName) => permissions.allowed.includes(action);
  const label = userLabel(user);
  return (
    <div className="space-y-6">
      <UserHeader user={user} />
      <ReadOnlyNote permissions={permissions} />
      <div className="grid items-start gap-6 xl:grid-cols-2">
        <ProfileCard user={user} />
        <LazyPasswordCard userId={user.id} hasEmail={user.primaryEmail !== null} hasPassword={user.hasPassword} />
        <div className="xl:col-span-2">
          <LazyMetadataCard user={user} />
        </div>
        <RestrictionCard user={user} supported={data.features.restriction} />
        <div className="grid gap-6">
          <TwoFactorCard user={user} targetLabel={label} />
          {teamsCard}
        </div>
        <div className="xl:col-span-2">
          <ContactChannelsCard userId={user.id} channels={data.contactChannels} />
        </div>
        <div className="xl:col-span-2">
          <SessionsCard user={{ id: user.id, primaryEmail: user.primaryEmail, label }} sessions={data.sessions} />
        </div>
        <div className="xl:col-span-2">
          <LinkedAccountsCard userId={user.id} accounts={data.linkedAccounts} />
        </div>
        {can("deleteUserAction") ? (
          <div className="xl:col-span-2">
            <DangerZoneCard user={user} />
          </div>
        ) : null}
      </div>
    </div>
  );
}

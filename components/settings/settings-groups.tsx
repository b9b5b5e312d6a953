import type { SettingsDTO } from "@/lib/settings-dto";
import { Badge } from "@/components/ui/badge";
import { BoolSetting, NotOnRelease, PermissionIds, Setting, SettingList, SettingsCard } from "./setting-list";

// The read-only groups of the settings page (server components: no JavaScript shipped).

const MERGE_STRATEGY: Record<string, string> = {
  link_method: "Link to the existing account",
  raise_error: "Refuse the sign-in",
  allow_duplicates: "Create a separate account",
};

export function SignInCard({ signIn }: { signIn: SettingsDTO["signIn"] }) {
  return (
    <SettingsCard title="Sign-in and sign-up" description="Who may create an account and which sign-in methods the project offers.">
      <SettingList>
        <BoolSetting label="Sign-up enabled" value={signIn.signUpEnabled} />
        <BoolSetting label="Password" value={signIn.password} />
        <BoolSetting label="Magic link / one-time code" value={signIn.magicLink} />
        <BoolSetting label="Passkey" value={signIn.passkey} />
        <BoolSetting label="Anonymous sign-up" value={signIn.anonymousSignUp} />
        <BoolSetting label="Require e-mail verification" value={signIn.requireEmailVerification} />
        <Setting label="Same e-mail on a new OAuth sign-in">
          {signIn.oauthAccountMergeStrategy === null ? <NotOnRelease /> : (MERGE_STRATEGY[signIn.oauthAccountMergeStrategy] ?? signIn.oauthAccountMergeStrategy)}
        </Setting>
        <BoolSetting label="User API keys" value={signIn.allowUserApiKeys} />
        <BoolSetting label="Team API keys" value={signIn.allowTeamApiKeys} />
      </SettingList>
    </SettingsCard>
  );
}

export function OAuthCard({ providers }: { providers: SettingsDTO["oauthProviders"] }) {
  return (
    <SettingsCard title="OAuth providers" description="Social sign-in. Client secrets are write-only: the console never shows them.">
      {providers.length === 0 ? (
        <p className="text-sm text-muted-foreground">No OAuth provider is configured.</p>
      ) : (
        <ul className="divide-y rounded-md border text-sm">
          {providers.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2" aria-label={`${p.id} provider`}>
              <span className="font-medium">{p.id}</span>
              <Badge variant={p.keys === "shared" ? "secondary" : "outline"}>{p.keys === "shared" ? "Shared development keys" : "Own keys"}</Badge>
              {p.clientId ? (
                <span className="text-muted-foreground">
                  Client id <span className="font-mono text-foreground">{p.clientId}</span>
                </span>
              ) : null}
              {p.microsoftTenantId ? <span className="text-muted-foreground">Tenant {p.microsoftTenantId}</span> : null}
              {p.facebookConfigId ? <span className="text-muted-foreground">Config id {p.facebookConfigId}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </SettingsCard>
  );
}

export function DomainsCard({ domains }: { domains: SettingsDTO["domains"] }) {
  return (
    <SettingsCard title="Domains" description="Where Stack may redirect after sign-in, and its handler path on each.">
      <SettingList>
        <BoolSetting label="Allow localhost" value={domains.allowLocalhost} />
        <Setting label="Trusted domains">
          {domains.trusted.length === 0 ? (
            <span className="text-muted-foreground">None</span>
          ) : (
            <ul className="space-y-1">
              {domains.trusted.map((d) => (
                <li key={d.domain}>
                  <span className="font-mono">{d.domain}</span> <span className="text-muted-foreground">handler</span> <span className="font-mono">{d.handlerPath}</span>
                </li>
              ))}
            </ul>
          )}
        </Setting>
      </SettingList>
    </SettingsCard>
  );
}

export function EmailsCard({ emails }: { emails: SettingsDTO["emails"] }) {
  const dash = (v: string | number | null) => (v === null || v === "" ? "—" : String(v));
  return (
    <SettingsCard title="E-mails" description="The server that sends sign-in and notification e-mails. Its password is write-only.">
      <SettingList>
        <Setting label="E-mail server">{emails.server === "shared" ? "Shared (Stack's)" : "Own SMTP server"}</Setting>
        {emails.server === "own" ? (
          <>
            <Setting label="Host">{dash(emails.host)}</Setting>
            <Setting label="Port">{dash(emails.port)}</Setting>
            <Setting label="Username">{dash(emails.username)}</Setting>
            <Setting label="Sender name">{dash(emails.senderName)}</Setting>
            <Setting label="Sender address">{dash(emails.senderEmail)}</Setting>
          </>
        ) : null}
      </SettingList>
    </SettingsCard>
  );
}

export function TeamsCard({ teams }: { teams: SettingsDTO["teams"] }) {
  return (
    <SettingsCard title="Teams" description="What happens on sign-up and what users may do from the client.">
      <SettingList>
        <BoolSetting label="Personal team on sign-up" value={teams.createPersonalTeamOnSignUp} />
        <BoolSetting label="Client-side team creation" value={teams.clientTeamCreation} />
        <BoolSetting label="Client-side user deletion" value={teams.clientUserDeletion} />
        <Setting label="Team creator's permissions">
          <PermissionIds ids={teams.teamCreatorDefaultPermissions} />
        </Setting>
        <Setting label="Team member's permissions">
          <PermissionIds ids={teams.teamMemberDefaultPermissions} />
        </Setting>
        <Setting label="New user's project permissions">
          <PermissionIds ids={teams.userDefaultPermissions} />
        </Setting>
      </SettingList>
    </SettingsCard>
  );
}

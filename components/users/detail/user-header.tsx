import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { RelativeTime } from "@/components/data-table/relative-time";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { userDisplayName, userLabel } from "@/lib/labels";
import type { UserDetail } from "@/lib/users-dto";
import { AuditHistoryLink } from "@/components/audit/history-link";
import { AuthMethodBadges } from "../auth-method-badges";
import { CopyButton } from "../copy-button";
import { UserStatusBadges, VerifiedBadge } from "../user-badges";

export function UserHeader({ user }: { user: UserDetail }) {
  const name = userDisplayName(user);
  const label = userLabel(user);
  return (
    <div className="space-y-4">
      <Link href="/users" prefetch={false} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden />
        Users
      </Link>
      <div className="flex flex-wrap items-start gap-4">
        <Avatar name={name ?? user.primaryEmail} src={user.profileImageUrl} size="lg" className="size-14 text-base" />
        <div className="min-w-0 flex-1 space-y-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="min-w-0 max-w-full truncate text-2xl font-semibold tracking-tight" title={label}>
              {label}
            </h1>
            <UserStatusBadges isAnonymous={user.isAnonymous} isRestricted={user.isRestricted} />
            {user.requiresTotpMfa ? <Badge variant="secondary">2FA</Badge> : null}
          </div>
          {user.primaryEmail ? (
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className="break-all">{user.primaryEmail}</span>
              <VerifiedBadge verified={user.primaryEmailVerified} />
            </p>
          ) : (
            <p className="text-sm text-muted-foreground">No primary e-mail</p>
          )}
          <p className="flex items-center gap-1 text-xs text-muted-foreground">
            <span className="sr-only">User id:</span>
            <code className="break-all font-mono">{user.id}</code>
            <CopyButton value={user.id} label="User id" />
            <span className="ml-3">
              <AuditHistoryLink targetId={user.id} label="Audit history" />
            </span>
          </p>
          <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
            <div className="flex gap-1.5">
              <dt className="text-muted-foreground">Signed up</dt>
              <dd>
                <RelativeTime ms={user.signedUpAt} />
              </dd>
            </div>
            <div className="flex gap-1.5">
              <dt className="text-muted-foreground">Last active</dt>
              <dd>
                <RelativeTime ms={user.lastActiveAt} />
              </dd>
            </div>
            <div className="flex items-center gap-1.5">
              <dt className="text-muted-foreground">Sign-in</dt>
              <dd>
                <AuthMethodBadges methods={user.authMethods} />
              </dd>
            </div>
          </dl>
        </div>
      </div>
    </div>
  );
}

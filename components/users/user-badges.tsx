import { Badge } from "@/components/ui/badge";

export function VerifiedBadge({ verified }: { verified: boolean }) {
  return verified ? <Badge variant="success">verified</Badge> : <Badge variant="warning">unverified</Badge>;
}

export function UserStatusBadges({ isAnonymous, isRestricted }: { isAnonymous: boolean; isRestricted: boolean }) {
  if (!isAnonymous && !isRestricted) return null;
  return (
    <span className="flex flex-wrap gap-1">
      {isAnonymous ? <Badge variant="secondary">anonymous</Badge> : null}
      {isRestricted ? <Badge variant="destructive">restricted</Badge> : null}
    </span>
  );
}

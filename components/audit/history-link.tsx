import { History } from "lucide-react";
import Link from "next/link";

/** "History": the audit log filtered to one target (a user, team, key…), from that target's page. */
export function AuditHistoryLink({ targetId, label = "History" }: { targetId: string; label?: string }) {
  return (
    <Link
      href={`/audit?target=${encodeURIComponent(targetId)}`}
      prefetch={false}
      className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground hover:underline"
    >
      <History aria-hidden className="size-4" />
      {label}
    </Link>
  );
}

import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function TeamMemberNotFound() {
  return (
    <EmptyState
      title="Not a member of this team"
      description="The team or the user may have been deleted, the user may have left the team, or the link is wrong."
      action={
        <Link href="/teams" className="text-sm font-medium underline">
          Back to teams
        </Link>
      }
    />
  );
}

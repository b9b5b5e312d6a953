import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function TeamNotFound() {
  return (
    <EmptyState
      title="Team not found"
      description="It may have been deleted, or the link is wrong."
      action={
        <Link href="/teams" className="text-sm font-medium underline">
          Back to teams
        </Link>
      }
    />
  );
}

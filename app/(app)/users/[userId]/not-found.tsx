import { UserX } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function UserNotFound() {
  return (
    <EmptyState
      icon={UserX}
      title="User not found"
      description="This user doesn't exist in the selected project. It may have been deleted."
      action={
        <Link href="/users" prefetch={false} className={buttonVariants({ variant: "outline" })}>
          Back to users
        </Link>
      }
    />
  );
}

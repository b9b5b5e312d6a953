import { ApiKeysCardSkeleton } from "@/components/api-keys/api-keys-card-skeleton";
import { PageHeader } from "@/components/users/page-header";

export default function ApiKeysLoading() {
  return (
    <>
      <PageHeader title="API keys" description="Loading the project's key sets…" />
      <ApiKeysCardSkeleton title="Key sets" />
    </>
  );
}

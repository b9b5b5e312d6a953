import type { Metadata } from "next";
import { PageHeader } from "@/components/users/page-header";
import { UsersTable } from "@/components/users/users-table";
import { userListParamsSchema } from "@/lib/schemas/users";
import { getCurrentStack } from "@/lib/server/current-project";
import { requireOperator } from "@/lib/server/session";
import { listUserPage } from "@/lib/server/users";
import type { UserPage } from "@/lib/users-dto";
import { stackErrorInfo } from "./stack-error";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOperator();
  const raw = await searchParams;
  const params = userListParamsSchema.parse(raw);

  let initialData: UserPage | null = null;
  let initialError: { code: string; message: string } | null = null;
  try {
    const { client } = await getCurrentStack();
    initialData = await listUserPage(client, params);
  } catch (err) {
    initialError = stackErrorInfo(err);
    if (!initialError) throw err;
  }

  return (
    <>
      <PageHeader title="Users" description="Everyone who signed up to this project. Select a row to open a user." />
      <UsersTable initialParams={params} initialData={initialData} initialError={initialError} />
    </>
  );
}

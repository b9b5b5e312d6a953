import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/users/page-header";
import { UserPermissionsProvider } from "@/components/users/permissions";
import { ReadOnlyNote } from "@/components/users/read-only-note";
import { UsersTable } from "@/components/users/users-table";
import { hasRole, ROUTE_MIN_ROLE } from "@/lib/roles";
import { getCurrentStack } from "@/lib/server/current-project";
import { requireOperator } from "@/lib/server/session";
import { maskedFor, maskUserPage } from "@/lib/server/mask";
import { getUserListFeatures, listUserPage } from "@/lib/server/users";
import { QueryProvider } from "@/lib/query/query-provider";
import { hasFilterParams, usersUrl } from "@/lib/url-state/users";
import { canManageView, listViews } from "@/lib/server/views";
import { getTeamDetail } from "@/lib/server/teams";
import { viewHref, type ListedView } from "@/lib/views-dto";
import type { UserListFeatures, UserPage } from "@/lib/users-dto";
import { userPermissions } from "./permissions";
import { describeReadFailure } from "@/lib/server/failure";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const operator = await requireOperator();
  const permissions = userPermissions(operator.role);
  const raw = await searchParams;
  const { params } = usersUrl.parse(raw);

  let initialData: UserPage | null = null;
  let initialError: { code: string; message: string } | null = null;
  const { client, project } = await getCurrentStack();
  let views: ListedView[] = [];
  try {
    views = (await listViews(project)).map((v) => ({ ...v, canManage: canManageView(operator, v) }));
  } catch (err) {
    console.error(`[users] saved views could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  // A view's short link (/users?view=<id>) opens with its filter and sort in the URL.
  const view = params.view ? views.find((v) => v.id === params.view) : undefined;
  if (view && !hasFilterParams({ has: (k) => raw[k] !== undefined })) redirect(viewHref(view));
  const teamLabel = params.team ? await getTeamDetail(client, params.team).then((t) => t?.displayName ?? null, () => null) : null;
  // Offered until the server is known to lack them; read after the list, which may have just learnt that.
  let features: UserListFeatures = { lastActiveSort: true, anonymousFilter: true, restrictedFilter: true, excludedDomains: true };
  try {
    initialData = maskedFor(operator.role, await listUserPage(client, params), maskUserPage);
    features = await getUserListFeatures(client);
  } catch (err) {
    initialError = describeReadFailure(err, { action: "listUsers", operator, project });
  }

  return (
    <UserPermissionsProvider allowed={permissions.allowed}>
      <PageHeader title="Users" description="Everyone who signed up to this project. Select a row to open a user.">
        <ReadOnlyNote permissions={permissions} />
      </PageHeader>
      {/* React Query only on this page; the user page invalidates through lib/query/browser-cache. */}
      <QueryProvider>
        <UsersTable initialParams={params} initialData={initialData} initialError={initialError} features={features} canExport={hasRole(operator.role, ROUTE_MIN_ROLE.exportUsers)} views={views} teamLabel={teamLabel} />
      </QueryProvider>
    </UserPermissionsProvider>
  );
}

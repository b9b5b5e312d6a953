import type { Metadata } from "next";
import Link from "next/link";
import { BarChart } from "@/components/overview/bar-chart";
import { ErrorBanner } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle, StatCard } from "@/components/ui/card";
import { userLabel } from "@/lib/labels";
import { getCurrentStack } from "@/lib/server/current-project";
import { describeFailure } from "@/lib/server/failure";
import { requireOperator } from "@/lib/server/session";
import { forgetCapabilities, getCapabilities } from "@/lib/stack/capabilities";
import type { StackClient } from "@/lib/stack/client";
import { isRouteMissing } from "@/lib/stack/errors";
import { getMetrics, getUserCounts } from "@/lib/stack/metrics";

export const metadata: Metadata = { title: "Overview" };

const sum = (xs: { activity: number }[]) => xs.reduce((a, p) => a + p.activity, 0);

/** [NEW] user counts, or null where the server has no /internal/metrics/user-counts (the page says so). */
async function userCountsIfServed(client: StackClient, projectSlug: string) {
  if (!(await getCapabilities(client, projectSlug)).userCounts) return null;
  try {
    return await getUserCounts(client);
  } catch (err) {
    if (!isRouteMissing(err)) throw err;
    forgetCapabilities(client, projectSlug);
    return null;
  }
}

export default async function OverviewPage() {
  await requireOperator();
  const { project, client } = await getCurrentStack();
  let metrics, counts;
  try {
    [metrics, counts] = await Promise.all([getMetrics(client), userCountsIfServed(client, project.slug)]);
  } catch (err) {
    const e = describeFailure(err);
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">{project.name}</h1>
        <ErrorBanner title="Could not load the project's metrics" code={e.code} message={e.message} />
      </div>
    );
  }
  const signUps30 = sum(metrics.daily_users);
  const activeToday = metrics.daily_active_users.at(-1)?.activity ?? 0;
  const stats = [
    { label: "Total users", value: metrics.total_users },
    { label: "Sign-ups, last 30 days", value: signUps30 },
    { label: "Active today", value: activeToday },
    { label: "Teams", value: metrics.auth_overview?.total_teams ?? null },
    { label: "Anonymous users", value: counts?.anonymousUsers ?? null },
  ];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{project.name}</h1>
        <p className="text-sm text-muted-foreground">Project {project.projectId}</p>
      </div>
      {counts ? null : <p className="text-sm text-muted-foreground">This Stack server is an older release that doesn&apos;t count anonymous users.</p>}
      <dl className="grid gap-4 sm:grid-cols-2 xl:grid-cols-5">
        {stats.map((s) => (
          <StatCard key={s.label} label={s.label} value={s.value === null ? "—" : s.value.toLocaleString("en-US")} />
        ))}
      </dl>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Daily sign-ups</CardTitle>
            <CardDescription>Last 30 days</CardDescription>
          </CardHeader>
          <CardContent>
            <BarChart label="Daily sign-ups over the last 30 days" points={metrics.daily_users.map((p) => ({ date: p.date, value: p.activity }))} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Daily active users</CardTitle>
            <CardDescription>Last 30 days</CardDescription>
          </CardHeader>
          <CardContent>
            <BarChart label="Daily active users over the last 30 days" points={metrics.daily_active_users.map((p) => ({ date: p.date, value: p.activity }))} />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Recently signed up</CardTitle>
        </CardHeader>
        <CardContent>
          {metrics.recently_registered.length === 0 ? (
            <p className="text-sm text-muted-foreground">No users yet.</p>
          ) : (
            <ul className="divide-y">
              {metrics.recently_registered.map((u) => (
                <li key={u.id} className="flex items-center justify-between gap-4 py-2 text-sm">
                  <Link href={`/users/${u.id}`} prefetch={false} className="min-w-0 truncate font-medium hover:underline">
                    {userLabel(u)}
                  </Link>
                  <span className="shrink-0 text-muted-foreground">{new Date(u.signed_up_at_millis).toISOString().slice(0, 10)}</span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { BarChart } from "@/components/overview/bar-chart";
import { ErrorBanner } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle, StatCard } from "@/components/ui/card";
import { getCurrentStack } from "@/lib/server/current-project";
import { describeReadFailure } from "@/lib/server/failure";
import { maskedFor, maskRecentSignUps } from "@/lib/server/mask";
import { getOverview } from "@/lib/server/overview";
import { requireOperator } from "@/lib/server/session";

export const metadata: Metadata = { title: "Overview" };

const sum = (xs: { value: number }[]) => xs.reduce((a, p) => a + p.value, 0);

export default async function OverviewPage() {
  const operator = await requireOperator();
  const { project, client } = await getCurrentStack();
  let metrics;
  try {
    metrics = await getOverview(client, project);
    metrics = { ...metrics, recentSignUps: maskedFor(operator.role, metrics.recentSignUps, maskRecentSignUps) };
  } catch (err) {
    const e = describeReadFailure(err, { action: "viewOverview", operator, project });
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">{project.name}</h1>
        <ErrorBanner title="Could not load the project's metrics" code={e.code} message={e.message} />
      </div>
    );
  }
  const signUps30 = sum(metrics.dailySignUps);
  const activeToday = metrics.dailyActiveUsers.at(-1)?.value ?? 0;
  const stats = [
    { label: "Total users", value: metrics.totalUsers },
    { label: "Sign-ups, last 30 days", value: signUps30 },
    { label: "Active today", value: activeToday },
    { label: "Teams", value: metrics.totalTeams },
    { label: "Anonymous users", value: metrics.anonymousUsers },
  ];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{project.name}</h1>
        <p className="text-sm text-muted-foreground">Project {project.projectId}</p>
      </div>
      {metrics.anonymousUsers !== null ? null : <p className="text-sm text-muted-foreground">This Stack server is an older release that doesn&apos;t count anonymous users.</p>}
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
            <BarChart label="Daily sign-ups over the last 30 days" points={metrics.dailySignUps} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Daily active users</CardTitle>
            <CardDescription>Last 30 days</CardDescription>
          </CardHeader>
          <CardContent>
            <BarChart label="Daily active users over the last 30 days" points={metrics.dailyActiveUsers} />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Recently signed up</CardTitle>
        </CardHeader>
        <CardContent>
          {metrics.recentSignUps.length === 0 ? (
            <p className="text-sm text-muted-foreground">No users yet.</p>
          ) : (
            <ul className="divide-y">
              {metrics.recentSignUps.map((u) => (
                <li key={u.id} className="flex items-center justify-between gap-4 py-2 text-sm">
                  <Link href={`/users/${u.id}`} prefetch={false} className="min-w-0 truncate font-medium hover:underline">
                    {u.label}
                  </Link>
                  <span className="shrink-0 text-muted-foreground">{new Date(u.signedUpAt).toISOString().slice(0, 10)}</span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { Users } from "lucide-react";
import { TimeChart } from "@/components/overview/time-chart";
import { VerificationBar } from "@/components/overview/verification-bar";
import { ErrorBanner } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle, StatCard } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/components/ui/cn";
import { getCurrentStack } from "@/lib/server/current-project";
import { describeReadFailure } from "@/lib/server/failure";
import { maskedFor, maskRecentSignUps } from "@/lib/server/mask";
import { getOverview } from "@/lib/server/overview";
import { requireOperator } from "@/lib/server/session";
import { OVERVIEW_RANGES, parseOverviewRange } from "@/lib/url-state/overview";

export const metadata: Metadata = { title: "Overview" };

const sum = (xs: { value: number }[]) => xs.reduce((a, p) => a + p.value, 0);

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const operator = await requireOperator();
  const { project, client } = await getCurrentStack();
  const range = parseOverviewRange((await searchParams).range);
  const days = Number(range);
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
  const header = (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{project.name}</h1>
        <p className="text-sm text-muted-foreground">Project {project.projectId}</p>
      </div>
      <nav aria-label="Time range" className="flex items-center gap-1 rounded-md border p-1 text-sm">
        {OVERVIEW_RANGES.map((r) => (
          <Link
            key={r}
            href={r === "30" ? "/" : `/?range=${r}`}
            prefetch={false}
            aria-current={r === range ? "page" : undefined}
            className={cn("rounded px-2.5 py-1", r === range ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:bg-accent hover:text-foreground")}
          >
            {r} days
          </Link>
        ))}
        <span className="px-2.5 py-1 text-muted-foreground line-through decoration-1" title="Stack's metrics cover the last 30 days">
          90 days <span className="sr-only">(not available: Stack&apos;s metrics cover the last 30 days)</span>
        </span>
      </nav>
    </div>
  );
  if (metrics.totalUsers === 0) {
    return (
      <div className="space-y-6">
        {header}
        <EmptyState
          icon={Users}
          title="No users yet"
          description="When people sign up to this project, their numbers appear here. You can also create a user by hand."
          action={
            <Link href="/users" prefetch={false} className="text-sm font-medium underline">
              Go to Users
            </Link>
          }
        />
      </div>
    );
  }

  const signUps = metrics.dailySignUps.slice(-days);
  const active = metrics.dailyActiveUsers.slice(-days);
  const stats = [
    { label: "Total users", value: metrics.totalUsers },
    { label: `Sign-ups, last ${days} days`, value: sum(signUps) },
    { label: "Active today", value: active.at(-1)?.value ?? 0 },
    { label: "Teams", value: metrics.totalTeams },
    { label: "Anonymous users", value: metrics.anonymousUsers },
  ];
  return (
    <div className="space-y-6">
      {header}
      {metrics.anonymousUsers !== null ? null : <p className="text-sm text-muted-foreground">This Stack server is an older release that doesn&apos;t count anonymous users.</p>}
      <dl className="grid gap-4 sm:grid-cols-2 xl:grid-cols-5">
        {stats.map((s) => (
          <StatCard key={s.label} label={s.label} value={s.value === null ? "—" : s.value.toLocaleString("en-US")} />
        ))}
      </dl>
      <Card>
        <CardHeader>
          <CardTitle>E-mail verification</CardTitle>
          <CardDescription>Users with and without a verified primary e-mail</CardDescription>
        </CardHeader>
        <CardContent>
          {metrics.verification ? (
            <VerificationBar verified={metrics.verification.verified} unverified={metrics.verification.unverified} />
          ) : (
            <p className="text-sm text-muted-foreground">This Stack server is an older release whose metrics don&apos;t split users by verification.</p>
          )}
        </CardContent>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Daily sign-ups</CardTitle>
            <CardDescription>Last {days} days (UTC)</CardDescription>
          </CardHeader>
          <CardContent>
            <TimeChart label={`Daily sign-ups over the last ${days} days`} unit="sign-ups" points={signUps} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Daily active users</CardTitle>
            <CardDescription>Last {days} days (UTC)</CardDescription>
          </CardHeader>
          <CardContent>
            <TimeChart label={`Daily active users over the last ${days} days`} unit="active users" points={active} />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Recently signed up</CardTitle>
        </CardHeader>
        <CardContent>
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
        </CardContent>
      </Card>
    </div>
  );
}

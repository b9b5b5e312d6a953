import "server-only";

import { userLabel } from "@/lib/labels";
import type { ProjectSummary } from "@/lib/projects-dto";
import { forgetCapabilities, getCapabilities } from "@/lib/stack/capabilities";
import type { StackClient } from "@/lib/stack/client";
import { isRouteMissing } from "@/lib/stack/errors";
import { getMetrics, getUserCounts } from "@/lib/stack/metrics";

type Point = { date: string; value: number };

/** What the overview page shows, from `GET /internal/metrics`. */
export type Overview = {
  totalUsers: number;
  /** Null when the server's metrics have no `auth_overview` (older releases). */
  totalTeams: number | null;
  dailySignUps: Point[];
  dailyActiveUsers: Point[];
  recentSignUps: { id: string; label: string; signedUpAt: number }[];
  /** Null where the server has no `/internal/metrics/user-counts` (older releases; the page says so). */
  anonymousUsers: number | null;
  /** Users with / without a verified primary e-mail (`auth_overview`); null on releases without it. */
  verification: { verified: number; unverified: number } | null;
};

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

export async function getOverview(client: StackClient, project: ProjectSummary): Promise<Overview> {
  const [m, counts] = await Promise.all([getMetrics(client), userCountsIfServed(client, project.slug)]);
  const points = (xs: { date: string; activity: number }[]) => xs.map((p) => ({ date: p.date, value: p.activity }));
  return {
    totalUsers: m.total_users,
    totalTeams: m.auth_overview?.total_teams ?? null,
    dailySignUps: points(m.daily_users),
    dailyActiveUsers: points(m.daily_active_users),
    recentSignUps: m.recently_registered.map((u) => ({ id: u.id, label: userLabel(u), signedUpAt: u.signed_up_at_millis })),
    anonymousUsers: counts?.anonymousUsers ?? null,
    verification:
      m.auth_overview?.verified_users !== undefined && m.auth_overview.unverified_users !== undefined
        ? { verified: m.auth_overview.verified_users, unverified: m.auth_overview.unverified_users }
        : null,
  };
}

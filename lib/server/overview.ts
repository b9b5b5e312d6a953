import "server-only";

import type { StackClient } from "@/lib/stack/client";
import { getMetrics } from "@/lib/stack/metrics";

type Point = { date: string; value: number };

/** What the overview page shows, from `GET /internal/metrics`. */
export type Overview = {
  totalUsers: number;
  /** Null when the server's metrics have no `auth_overview` (older releases). */
  totalTeams: number | null;
  dailySignUps: Point[];
  dailyActiveUsers: Point[];
  recentSignUps: { id: string; label: string; signedUpAt: number }[];
};

export async function getOverview(client: StackClient): Promise<Overview> {
  const m = await getMetrics(client);
  const points = (xs: { date: string; activity: number }[]) => xs.map((p) => ({ date: p.date, value: p.activity }));
  return {
    totalUsers: m.total_users,
    totalTeams: m.auth_overview?.total_teams ?? null,
    dailySignUps: points(m.daily_users),
    dailyActiveUsers: points(m.daily_active_users),
    recentSignUps: m.recently_registered.map((u) => ({ id: u.id, label: u.display_name ?? u.primary_email ?? u.id, signedUpAt: u.signed_up_at_millis })),
  };
}

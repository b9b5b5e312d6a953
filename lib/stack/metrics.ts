import "server-only";

import type { StackClient } from "@/lib/stack/client";
import { metricsSchema, userCountsSchema, type StackMetrics } from "@/lib/stack/schemas";

/** `GET /internal/metrics`. `includeAnonymous` is [NEW] and only sent when true. */
export async function getMetrics(client: StackClient, opts: { includeAnonymous?: boolean } = {}): Promise<StackMetrics> {
  return client.request({
    path: "/internal/metrics",
    query: { include_anonymous: opts.includeAnonymous ? true : undefined },
    schema: metricsSchema,
  });
}

/** [NEW] `{total_users, anonymous_users}`; old servers answer a plain 404 (see isRouteMissing). */
export async function getUserCounts(client: StackClient): Promise<{ totalUsers: number; anonymousUsers: number }> {
  const res = await client.request({ path: "/internal/metrics/user-counts", schema: userCountsSchema });
  return { totalUsers: res.total_users, anonymousUsers: res.anonymous_users };
}

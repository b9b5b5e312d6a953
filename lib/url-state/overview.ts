import { field } from "./define";

/** Stack's metrics cover the last 30 days (one point per day), so 90 is offered only as a note. */
export const OVERVIEW_RANGES = ["7", "30"] as const;
export type OverviewRange = (typeof OVERVIEW_RANGES)[number];
const range = field.oneOf(OVERVIEW_RANGES, "30");

export function parseOverviewRange(raw: string | string[] | undefined): OverviewRange {
  return (typeof raw === "string" ? range.parse(raw) : undefined) ?? range.default;
}

"use client";

import { useSyncExternalStore } from "react";
import { formatRelative, formatUtc } from "./format-date";

const MINUTE = 60_000;
const subscribe = (onChange: () => void) => {
  const id = setInterval(onChange, MINUTE);
  return () => clearInterval(id);
};
// Rounded to the minute so the snapshot is stable between ticks.
const getNow = () => Math.floor(Date.now() / MINUTE) * MINUTE;
const getServerNow = () => null;

/**
 * The server and the hydrating client render the absolute UTC date; the relative form appears
 * only after mount (it depends on the clock), so there is no hydration mismatch.
 */
export function RelativeTime({ ms, className }: { ms: number; className?: string }) {
  const now = useSyncExternalStore(subscribe, getNow, getServerNow);
  const absolute = formatUtc(ms);
  return (
    <time dateTime={new Date(ms).toISOString()} title={absolute} className={className}>
      {now === null ? absolute : formatRelative(ms, now)}
    </time>
  );
}

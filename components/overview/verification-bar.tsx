// Verified vs unverified users as one stacked bar with its numbers written out (no JS, no colour
// alone: each part is labelled, and the second part is hatched as well as lighter).
export function VerificationBar({ verified, unverified }: { verified: number; unverified: number }) {
  const total = verified + unverified;
  const pct = total === 0 ? 0 : Math.round((verified / total) * 1000) / 10;
  return (
    <div className="space-y-3">
      <div
        className="flex h-3 w-full overflow-hidden rounded-full bg-muted"
        role="img"
        aria-label={`${verified.toLocaleString("en-US")} verified (${pct}%), ${unverified.toLocaleString("en-US")} unverified`}
      >
        <div className="h-full bg-primary" style={{ width: `${pct}%` }} />
        <div className="h-full flex-1 bg-[repeating-linear-gradient(45deg,transparent_0_4px,var(--color-border)_4px_6px)]" />
      </div>
      <dl className="flex flex-wrap gap-x-8 gap-y-1 text-sm">
        <div className="flex items-center gap-2">
          <span aria-hidden className="size-2.5 rounded-full bg-primary" />
          <dt className="text-muted-foreground">Verified</dt>
          <dd className="font-medium tabular-nums">
            {verified.toLocaleString("en-US")} <span className="text-muted-foreground">({pct}%)</span>
          </dd>
        </div>
        <div className="flex items-center gap-2">
          <span aria-hidden className="size-2.5 rounded-full border border-border bg-muted" />
          <dt className="text-muted-foreground">Unverified</dt>
          <dd className="font-medium tabular-nums">{unverified.toLocaleString("en-US")}</dd>
        </div>
      </dl>
    </div>
  );
}

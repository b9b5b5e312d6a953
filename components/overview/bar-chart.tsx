// A server-rendered SVG bar chart: no client JavaScript for the overview.
export function BarChart({ points, label }: { points: { date: string; value: number }[]; label: string }) {
  const max = Math.max(1, ...points.map((p) => p.value));
  const w = 100 / Math.max(1, points.length);
  return (
    <svg viewBox="0 0 100 40" preserveAspectRatio="none" role="img" aria-label={label} className="h-32 w-full text-primary">
      {points.map((p, i) => {
        const h = (p.value / max) * 38;
        return (
          <rect key={p.date} x={i * w + w * 0.15} y={40 - h} width={w * 0.7} height={h} className="fill-current opacity-80">
            <title>{`${p.date}: ${p.value}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

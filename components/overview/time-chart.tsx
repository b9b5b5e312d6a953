import { scaleBand, scaleLinear } from "d3-scale";

// A daily series as a server-rendered SVG bar chart: no chart JavaScript reaches the browser.
// d3-scale picks "nice" value ticks; each bar carries its value as a <title> (shown on hover and
// read by screen readers), and the same numbers are one click away as a table.

export type DayPoint = { date: string; value: number };

const W = 640;
const H = 220;
const M = { top: 12, right: 8, bottom: 28, left: 44 };

const short = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  return d.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
};

export function TimeChart({ points, label, unit }: { points: DayPoint[]; label: string; unit: string }) {
  const max = Math.max(1, ...points.map((p) => p.value));
  const x = scaleBand<string>()
    .domain(points.map((p) => p.date))
    .range([M.left, W - M.right])
    .paddingInner(0.2);
  const y = scaleLinear().domain([0, max]).nice(4).range([H - M.bottom, M.top]);
  const yTicks = y.ticks(4).filter((t) => Number.isInteger(t));
  // About six date labels whatever the range (7, 30 days), the latest day always labelled.
  const every = Math.max(1, Math.ceil(points.length / 6));
  const xTicks = points.filter((_, i) => (points.length - 1 - i) % every === 0);
  const total = points.reduce((a, p) => a + p.value, 0);

  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${label}: ${total.toLocaleString("en-US")} ${unit} in total`} className="h-auto w-full">
        <g className="text-border">
          {yTicks.map((t) => (
            <line key={t} x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="currentColor" strokeDasharray={t === 0 ? undefined : "3 3"} />
          ))}
        </g>
        <g className="fill-muted-foreground text-[11px]" aria-hidden>
          {yTicks.map((t) => (
            <text key={t} x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
              {t.toLocaleString("en-US")}
            </text>
          ))}
          {xTicks.map((p) => (
            <text key={p.date} x={(x(p.date) ?? 0) + x.bandwidth() / 2} y={H - M.bottom + 16} textAnchor="middle">
              {short(p.date)}
            </text>
          ))}
        </g>
        <g className="fill-primary">
          {points.map((p) => (
            <rect key={p.date} x={x(p.date)} y={y(p.value)} width={x.bandwidth()} height={Math.max(0, y(0) - y(p.value))} rx={1.5}>
              <title>{`${short(p.date)}: ${p.value.toLocaleString("en-US")} ${unit}`}</title>
            </rect>
          ))}
        </g>
      </svg>
      <details className="text-sm">
        <summary className="cursor-pointer text-muted-foreground hover:text-foreground">Show as a table</summary>
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">{label}</caption>
          <thead>
            <tr className="border-b text-muted-foreground">
              <th scope="col" className="py-1 font-medium">
                Day (UTC)
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {unit[0]!.toUpperCase() + unit.slice(1)}
              </th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {points.map((p) => (
              <tr key={p.date} className="border-b last:border-0">
                <td className="py-1">{p.date}</td>
                <td className="py-1 text-right">{p.value.toLocaleString("en-US")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

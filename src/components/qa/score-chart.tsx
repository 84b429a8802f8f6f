import type { TrendPoint } from "@/lib/db/queries/qa";

const COLORS = ["#4f46e5", "#e11d48", "#059669", "#d97706", "#0891b2", "#7c3aed", "#65a30d", "#db2777"];
const W = 640;
const H = 220;
const PAD = { l: 36, r: 12, t: 12, b: 28 };

/**
 * Average score (0–100) per day, one line per agent or queue, as plain SVG. Days without
 * reviews are gaps between points, not zeros. A table under it carries the same numbers for
 * screen readers and keyboard users.
 */
export function ScoreChart({ title, points, days }: { title: string; points: TrendPoint[]; days: number }) {
  const keys = [...new Set(points.map((p) => p.key))].slice(0, COLORS.length);
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const start = today - (days - 1) * 86_400_000;
  const x = (day: string) =>
    PAD.l + ((Date.parse(`${day}T00:00:00Z`) - start) / Math.max(1, today - start)) * (W - PAD.l - PAD.r);
  const y = (score: number) => PAD.t + (1 - score / 100) * (H - PAD.t - PAD.b);
  return (
    <figure className="card p-4">
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      {points.length === 0 ? (
        <p className="py-10 text-center text-sm text-slate-500">No reviews in this period.</p>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${W} ${H}`}
            className="w-full"
            role="img"
            aria-label={`${title}, last ${days} days`}
          >
            {[0, 25, 50, 75, 100].map((v) => (
              <g key={v}>
                <line
                  x1={PAD.l}
                  x2={W - PAD.r}
                  y1={y(v)}
                  y2={y(v)}
                  stroke="currentColor"
                  strokeOpacity={0.1}
                />
                <text
                  x={PAD.l - 6}
                  y={y(v) + 4}
                  textAnchor="end"
                  fontSize={10}
                  fill="currentColor"
                  opacity={0.6}
                >
                  {v}
                </text>
              </g>
            ))}
            <text x={PAD.l} y={H - 8} fontSize={10} fill="currentColor" opacity={0.6}>
              {new Date(start).toISOString().slice(0, 10)}
            </text>
            <text x={W - PAD.r} y={H - 8} fontSize={10} textAnchor="end" fill="currentColor" opacity={0.6}>
              {new Date(today).toISOString().slice(0, 10)}
            </text>
            {keys.map((key, i) => {
              const series = points.filter((p) => p.key === key);
              const color = COLORS[i]!;
              return (
                <g key={key}>
                  <polyline
                    fill="none"
                    stroke={color}
                    strokeWidth={2}
                    points={series.map((p) => `${x(p.day)},${y(p.average)}`).join(" ")}
                  />
                  {series.map((p) => (
                    <circle key={p.day} cx={x(p.day)} cy={y(p.average)} r={3} fill={color}>
                      <title>{`${key} · ${p.day}: ${p.average}% (${p.reviews} review${p.reviews === 1 ? "" : "s"})`}</title>
                    </circle>
                  ))}
                </g>
              );
            })}
          </svg>
          <ul className="mt-2 flex flex-wrap gap-4 text-xs">
            {keys.map((key, i) => (
              <li key={key} className="flex items-center gap-1.5">
                <span
                  className="inline-block size-2.5 rounded-full"
                  style={{ background: COLORS[i] }}
                  aria-hidden
                />
                {key}: {average(points.filter((p) => p.key === key))}%
              </li>
            ))}
          </ul>
          <table className="sr-only">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">Who</th>
                <th scope="col">Day</th>
                <th scope="col">Average</th>
                <th scope="col">Reviews</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={`${p.key}-${p.day}`}>
                  <td>{p.key}</td>
                  <td>{p.day}</td>
                  <td>{p.average}</td>
                  <td>{p.reviews}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}

/** The period average, weighted by the number of reviews per day. */
function average(series: TrendPoint[]): number {
  const n = series.reduce((s, p) => s + p.reviews, 0);
  return n ? Math.round((series.reduce((s, p) => s + p.average * p.reviews, 0) / n) * 10) / 10 : 0;
}

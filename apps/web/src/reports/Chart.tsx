import { Bar, BarChart, CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';

export interface Series {
  key: string;
  label: string;
  /** A pattern as well as a colour, so the series differ without colour too (WCAG 1.4.1). */
  color: string;
  dashed?: boolean;
}

export interface ChartPoint {
  label: string;
  /** Null for a suppressed ("< 5") or missing value: shown as a gap, never as 0. */
  [series: string]: string | number | null;
}

/**
 * A chart as one image for screen readers (<svg role="img"> with <title> and <desc>); the table
 * beside it carries every figure, so nobody depends on reading the chart.
 */
export function ReportChart({ title, description, kind, data, series }: { title: string; description: string; kind: 'bar' | 'line'; data: ChartPoint[]; series: Series[] }) {
  const common = {
    data,
    role: 'img',
    title,
    desc: description,
    accessibilityLayer: false,
    responsive: true,
    style: { width: '100%', height: 280 },
    margin: { top: 8, right: 16, bottom: 8, left: 0 },
  } as const;
  const axes = (
    <>
      <CartesianGrid stroke="#c5ced8" strokeDasharray="3 3" />
      <XAxis dataKey="label" tick={{ fill: '#1b2733', fontSize: 12 }} />
      <YAxis allowDecimals={false} tick={{ fill: '#1b2733', fontSize: 12 }} width={40} />
    </>
  );
  if (data.length === 0) return null;
  return (
    <figure className="schakel-chart">
      {/* The legend for the eye; screen readers get the series from the chart's description and the table. */}
      <ul className="schakel-chart-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}>
            <svg width="28" height="12" viewBox="0 0 28 12">
              {kind === 'bar' ? (
                <rect x="4" y="1" width="20" height="10" fill={s.color} stroke="#1b2733" />
              ) : (
                <line x1="0" y1="6" x2="28" y2="6" stroke={s.color} strokeWidth="3" strokeDasharray={s.dashed ? '6 4' : undefined} />
              )}
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      {kind === 'bar' ? (
        <BarChart {...common}>
          {axes}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stroke="#1b2733" isAnimationActive={false} />
          ))}
        </BarChart>
      ) : (
        <LineChart {...common}>
          {axes}
          {series.map((s) => (
            <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={3} strokeDasharray={s.dashed ? '6 4' : undefined} dot={{ r: 4 }} connectNulls={false} isAnimationActive={false} />
          ))}
        </LineChart>
      )}
    </figure>
  );
}

/** The value a chart may draw from a shown figure: "12" is 12, "< 5" (suppressed) is a gap. */
export function shownValue(cell: { display: string }): number | null {
  return /^\d+$/.test(cell.display) ? Number(cell.display) : null;
}

/** The value a chart may draw: the number, or a gap when the API suppressed it. */
export function plotted(cell: { value: number | null; suppressed: boolean }): number | null {
  return cell.suppressed ? null : cell.value;
}

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, XAxis, YAxis } from 'recharts';

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
      <Legend />
    </>
  );
  return (
    <figure className="schakel-chart" aria-hidden={data.length === 0 ? true : undefined}>
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

/** The value a chart may draw: the number, or a gap when the API suppressed it. */
export function plotted(cell: { value: number | null; suppressed: boolean }): number | null {
  return cell.suppressed ? null : cell.value;
}

import type { LiveReportFiguresFragment } from '../api/generated';
import { ReportTable } from '../reports/ReportTable';

/** Live warm handoffs in the staat van de uitvoering: received, picked up, fallen back, time to pick up (seconds). */
export function LiveReportTable({ rows }: { rows: readonly LiveReportFiguresFragment[] }) {
  return (
    <ReportTable
      id="live"
      title="Live overdrachten per ontvangende organisatie (tijd tot overnemen in seconden)"
      columns={[
        { label: 'Organisatie' },
        { label: 'Ontvangen', numeric: true },
        { label: 'Live overgenomen', numeric: true },
        { label: 'Teruggevallen (acuut)', numeric: true },
        { label: 'Mediaan tot overnemen', numeric: true },
        { label: '90% binnen', numeric: true },
      ]}
      rows={rows.map((r) => ({
        key: r.key,
        cells: [r.label, r.received.display, r.pickedUp.display, r.fellBack.display, r.medianSecondsToPickUp.display, r.p90SecondsToPickUp.display],
      }))}
    />
  );
}

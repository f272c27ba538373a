import { useQuery } from '@apollo/client/react';
import { Alert, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { ExecutionReportViewDocument } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { usePageTitle } from '../ui/page';
import { ReportChart, shownValue } from './Chart';
import { executionColumns, executionRow, totalsRows } from './execution-table';
import { periodLabel } from './period';
import { asOf, rowLabel } from './present';
import { ProposalTable } from './ProposalTable';
import { ReportFilters, useReportFilter } from './ReportFilters';
import { ReportTable } from './ReportTable';
import { LiveReportTable } from '../live/LiveReportTable';

/** Staat van de uitvoering: how warm the handoffs were, for my organisation or all parties of a FINAL action list. */
export default function ExecutionReportPage() {
  usePageTitle('Staat van de uitvoering');
  const { period, scope, actionListId } = useReportFilter();
  const { data, previousData, loading, error } = useQuery(ExecutionReportViewDocument, { variables: { period, scope, actionListId }, fetchPolicy: 'cache-and-network' });
  const report = (data ?? previousData)?.executionReport;

  return (
    <>
      <Heading1>Staat van de uitvoering</Heading1>
      <Paragraph>
        Hoe snel en hoe goed inwoners warm worden doorverwezen. Tijden zijn in werkdagen. Een telling van minder dan 5 ziet u als &quot;&lt; 5&quot;, net als een getal dat u uit het totaal zou kunnen afleiden.
      </Paragraph>
      <ReportFilters />
      {error && !report && (
        <Alert type="error" role="alert">
          <Paragraph>{userFacingErrors(error)[0]?.message}</Paragraph>
        </Alert>
      )}
      <div aria-live="polite" className="schakel-visually-hidden">
        {loading ? 'Rapportage laden…' : report ? `Rapportage over ${periodLabel(report.period)} geladen.` : ''}
      </div>
      {report && (
        <div data-testid="execution-report" aria-busy={loading}>
          <Paragraph className="schakel-muted">
            {periodLabel(report.period)} · {report.organisations.map((o) => o.name).join(', ')} · {asOf(report.dataUpTo)}
          </Paragraph>

          <section aria-labelledby="totaal-titel">
            <Heading2 id="totaal-titel">In het kort</Heading2>
            <ReportTable id="totaal" title={`Totaal, ${periodLabel(report.period)}`} columns={[{ label: 'Wat' }, { label: 'Aantal of tijd', numeric: true }]} rows={totalsRows(report.totals)} />
          </section>

          <section aria-labelledby="maand-titel">
            <Heading2 id="maand-titel">Per maand</Heading2>
            <div className="schakel-chart-and-table">
              <ReportChart
                kind="bar"
                title="Overdrachten per maand"
                description="Staafdiagram van verzonden en ontvangen overdrachten per maand. Maanden met minder dan 5 staan er niet in. De cijfers staan in de tabel."
                data={report.byMonth.map((r) => ({ label: rowLabel(r.key, r.label), sent: shownValue(r.figures.sent), received: shownValue(r.figures.received) }))}
                series={[
                  { key: 'sent', label: 'Verzonden', color: '#1f4e79' },
                  { key: 'received', label: 'Ontvangen', color: '#e3a857' },
                ]}
              />
              <ReportTable id="per-maand" title="Staat van de uitvoering per maand" columns={executionColumns('Maand')} rows={report.byMonth.map((r) => executionRow(r.key, rowLabel(r.key, r.label), r.figures))} />
            </div>
          </section>

          <section aria-labelledby="onderwerp-titel">
            <Heading2 id="onderwerp-titel">Per onderwerp</Heading2>
            <ReportTable id="per-onderwerp" title="Staat van de uitvoering per onderwerp" columns={executionColumns('Onderwerp')} rows={report.byTopic.map((r) => executionRow(r.key, r.label, r.figures))} />
          </section>

          {report.scope === 'ACTION_LIST' && (
            <section aria-labelledby="partij-titel">
              <Heading2 id="partij-titel">Per partij</Heading2>
              <ReportTable id="per-partij" title="Staat van de uitvoering per partij van de actielijst" columns={executionColumns('Partij')} rows={report.byOrganisation.map((r) => executionRow(r.key, r.label, r.figures))} />
            </section>
          )}

          <section aria-labelledby="live-titel">
            <Heading2 id="live-titel">Live overdrachten</Heading2>
            <LiveReportTable rows={report.live} />
          </section>

          <section aria-labelledby="agenda-titel">
            <Heading2 id="agenda-titel">Vereenvoudigingsagenda</Heading2>
            <ProposalTable id="agenda" proposals={report.proposals} />
          </section>
        </div>
      )}
    </>
  );
}

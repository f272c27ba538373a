import { useQuery } from '@apollo/client/react';
import { Alert, DataList, DataListItem, DataListKey, DataListValue, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useSearchParams } from 'react-router';
import { BottleneckReportDocument, type BottleneckGrouping } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { BOTTLENECK_GROUPING_LABEL, optionsOf } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import { ReportChart, plotted } from './Chart';
import { monthLabel, periodLabel } from './period';
import { asOf, categoryLabel, topicLabel } from './present';
import { ProposalTable } from './ProposalTable';
import { ReportFilters, useReportFilter } from './ReportFilters';
import { ReportTable } from './ReportTable';
import { StoryList } from './StoryList';

const GROUPINGS = Object.keys(BOTTLENECK_GROUPING_LABEL) as BottleneckGrouping[];

function groupingFrom(value: string | null): BottleneckGrouping {
  return GROUPINGS.find((g) => g === value) ?? 'CATEGORY';
}

/** Knelpuntenrapportage: what blocks citizens, where, how often maatwerk helped, and what staff propose. */
export default function BottleneckReportPage() {
  usePageTitle('Knelpuntenrapportage');
  const [params] = useSearchParams();
  const { period, scope, actionListId } = useReportFilter();
  const groupBy = groupingFrom(params.get('groep'));
  const { data, previousData, loading, error } = useQuery(BottleneckReportDocument, { variables: { period, groupBy, scope, actionListId }, fetchPolicy: 'cache-and-network' });
  const report = (data ?? previousData)?.bottleneckReport;
  const groupLabel = BOTTLENECK_GROUPING_LABEL[groupBy].toLowerCase();
  const items = report?.groups.flatMap((g) => g.items) ?? [];
  const maatwerk = items.filter((i) => i.customSolutionApplied);

  return (
    <>
      <Heading1>Knelpuntenrapportage</Heading1>
      <Paragraph>
        Welke regels en systemen inwoners blokkeren, zoals medewerkers ze meldden. Teksten staan er zonder namen, nummers of adressen. Een telling van minder dan 5 ziet u als &quot;&lt; 5&quot;, zodat niemand herkenbaar is.
      </Paragraph>
      <ReportFilters extra={{ id: 'rapport-groep', label: 'Groepeer op', param: 'groep', value: groupBy, options: optionsOf(BOTTLENECK_GROUPING_LABEL) }} />
      {error && !report && (
        <Alert type="error" role="alert">
          <Paragraph>{userFacingErrors(error)[0]?.message}</Paragraph>
        </Alert>
      )}
      <div aria-live="polite" className="schakel-visually-hidden">
        {loading ? 'Rapportage laden…' : report ? `Rapportage over ${periodLabel(report.period)} geladen.` : ''}
      </div>
      {report && (
        <div data-testid="bottleneck-report" aria-busy={loading}>
          <Paragraph className="schakel-muted">
            {periodLabel(report.period)} · {report.organisations.map((o) => o.name).join(', ')} · {asOf(report.dataUpTo)}
          </Paragraph>
          <DataList className="schakel-datalist">
            <DataListItem>
              <DataListKey>Knelpunten</DataListKey>
              <DataListValue>
                <span data-testid="total">{report.total.display}</span>
              </DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>Waarvan met maatwerk</DataListKey>
              <DataListValue>{report.maatwerk.display}</DataListValue>
            </DataListItem>
          </DataList>

          <section aria-labelledby="verloop-titel">
            <Heading2 id="verloop-titel">Verloop per maand</Heading2>
            <div className="schakel-chart-and-table">
              <ReportChart
                kind="line"
                title="Knelpunten per maand"
                description={`Lijn van het aantal knelpunten en het aantal met maatwerk per maand, ${periodLabel(report.period)}. Een maand met minder dan 5 is een gat in de lijn. De cijfers staan in de tabel.`}
                data={report.trend.map((m) => ({ label: m.label, count: plotted(m.count), maatwerk: plotted(m.maatwerk) }))}
                series={[
                  { key: 'count', label: 'Knelpunten', color: '#1f4e79' },
                  { key: 'maatwerk', label: 'Met maatwerk', color: '#a05a00', dashed: true },
                ]}
              />
              <ReportTable
                id="knelpunten-per-maand"
                title="Knelpunten per maand"
                columns={[{ label: 'Maand' }, { label: 'Knelpunten', numeric: true }, { label: 'Met maatwerk', numeric: true }]}
                rows={report.trend.map((m) => ({ key: m.month, cells: [m.label, m.count.display, m.maatwerk.display] }))}
              />
            </div>
          </section>

          <section aria-labelledby="groep-titel">
            <Heading2 id="groep-titel">Per {groupLabel}</Heading2>
            <div className="schakel-chart-and-table">
              <ReportChart
                kind="bar"
                title={`Knelpunten per ${groupLabel}`}
                description={`Staafdiagram van het aantal knelpunten en het aantal met maatwerk per ${groupLabel}. De cijfers staan in de tabel.`}
                data={report.groups.map((g) => ({ label: g.label, count: plotted(g.count), maatwerk: plotted(g.maatwerk) }))}
                series={[
                  { key: 'count', label: 'Knelpunten', color: '#1f4e79' },
                  { key: 'maatwerk', label: 'Met maatwerk', color: '#e3a857' },
                ]}
              />
              <ReportTable
                id="knelpunten-per-groep"
                title={`Knelpunten per ${groupLabel}`}
                columns={[{ label: BOTTLENECK_GROUPING_LABEL[groupBy] }, { label: 'Knelpunten', numeric: true }, { label: 'Met maatwerk', numeric: true }]}
                rows={report.groups.map((g) => ({ key: g.key, cells: [g.label, g.count.display, g.maatwerk.display] }))}
              />
            </div>
          </section>

          <section aria-labelledby="maatwerk-titel">
            <Heading2 id="maatwerk-titel">Maatwerk en de reden</Heading2>
            <ReportTable
              id="maatwerk"
              title="Toegepast maatwerk en de reden"
              columns={[{ label: 'Maand' }, { label: 'Organisatie' }, { label: 'Soort knelpunt' }, { label: 'Regel of systeem' }, { label: 'Maatwerk en reden' }]}
              rows={maatwerk.map((i) => ({ key: i.id, cells: [monthLabel(i.month), i.organisationName, categoryLabel(i.category), i.rule ?? '', i.customSolution ?? ''] }))}
              empty="Geen maatwerk in deze periode, of te weinig om te tonen."
            />
          </section>

          <section aria-labelledby="knelpunten-titel">
            <Heading2 id="knelpunten-titel">De knelpunten</Heading2>
            <ReportTable
              id="knelpunten"
              title="Gemelde knelpunten (zonder persoonsgegevens)"
              columns={[{ label: 'Maand' }, { label: 'Organisatie' }, { label: 'Soort knelpunt' }, { label: 'Onderwerp' }, { label: 'Regel of systeem' }, { label: 'Wat blokkeert' }, { label: 'Maatwerk' }]}
              rows={items.map((i) => ({ key: i.id, cells: [monthLabel(i.month), i.organisationName, categoryLabel(i.category), topicLabel(i.topic), i.rule ?? '', i.description, i.customSolutionApplied ? 'ja' : 'nee'] }))}
              empty="Geen knelpunten in deze periode, of te weinig om te tonen."
            />
          </section>

          <section aria-labelledby="verhalen-titel">
            <Heading2 id="verhalen-titel">Leerverhalen</Heading2>
            <StoryList stories={report.stories} />
          </section>

          <section aria-labelledby="voorstellen-titel">
            <Heading2 id="voorstellen-titel">Voorstellen</Heading2>
            <ProposalTable id="voorstellen" proposals={report.proposals} title="Voorstellen op de vereenvoudigingsagenda" />
          </section>
        </div>
      )}
    </>
  );
}

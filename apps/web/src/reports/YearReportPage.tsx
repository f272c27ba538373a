import { useApolloClient, useQuery } from '@apollo/client/react';
import { Alert, Button, ButtonGroup, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ExecutionReportViewDocument, ExecutionReportPdfDocument } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { base64ToBytes, download } from '../action-lists/present';
import { useAnnounce } from '../ui/announcer';
import { SelectField } from '../ui/fields';
import { usePageTitle } from '../ui/page';
import { executionColumns, executionRow, totalsRows } from './execution-table';
import { yearPeriod } from './period';
import { asOf, rowLabel } from './present';
import { ProposalTable } from './ProposalTable';
import { useScopeOptions } from './ReportFilters';
import { ReportTable } from './ReportTable';
import { StoryList } from './StoryList';

function yearFrom(value: string | null, now = new Date()): number {
  const y = Number(value);
  return Number.isInteger(y) && y >= 2000 && y <= now.getFullYear() ? y : now.getFullYear();
}

/**
 * "Staat van de uitvoering <jaar>": the year report a secretaris hands to the council. Stories
 * first (how staff used their judgement), then the figures, then the agenda. Printable (print
 * CSS leaves out menus and buttons) and as the API's tagged PDF.
 */
export default function YearReportPage() {
  const [params, setParams] = useSearchParams();
  const year = yearFrom(params.get('jaar'));
  const actionListId = params.get('lijst');
  const scope = actionListId ? 'ACTION_LIST' : 'ORGANISATION';
  usePageTitle(`Staat van de uitvoering ${year}`);
  const client = useApolloClient();
  const announce = useAnnounce();
  const scopeOptions = useScopeOptions();
  const [chosenYear, setChosenYear] = useState(String(year));
  const [chosenList, setChosenList] = useState(actionListId ?? '');
  const [pdfBusy, setPdfBusy] = useState(false);
  const [pdfProblem, setPdfProblem] = useState<string | null>(null);
  const { data, loading, error } = useQuery(ExecutionReportViewDocument, { variables: { period: yearPeriod(year), scope, actionListId }, fetchPolicy: 'cache-and-network' });
  const report = data?.executionReport;
  const thisYear = new Date().getFullYear();

  function choose(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    next.set('jaar', chosenYear);
    if (chosenList) next.set('lijst', chosenList);
    setParams(next);
  }

  async function downloadPdf() {
    setPdfBusy(true);
    setPdfProblem(null);
    try {
      const result = await client.query({ query: ExecutionReportPdfDocument, variables: { year, scope, actionListId }, fetchPolicy: 'network-only' });
      if (!result.data) throw new Error('leeg');
      download(`staat-van-de-uitvoering-${year}.pdf`, base64ToBytes(result.data.executionReportPdf), 'application/pdf');
      announce('De PDF is gedownload.');
    } catch (err) {
      setPdfProblem(userFacingErrors(err)[0]?.message ?? null);
    } finally {
      setPdfBusy(false);
    }
  }

  return (
    <article className="schakel-year-report" data-testid="year-report">
      <form className="schakel-report-filters schakel-no-print" noValidate onSubmit={choose} aria-label="Jaar kiezen">
        <SelectField
          id="jaarrapport-jaar"
          label="Jaar"
          required
          value={chosenYear}
          onChange={setChosenYear}
          options={[0, 1, 2].map((d) => ({ value: String(thisYear - d), label: String(thisYear - d) }))}
        />
        {scopeOptions.length > 1 && <SelectField id="jaarrapport-voor" label="Cijfers van" required value={chosenList} onChange={setChosenList} options={scopeOptions} />}
        <Button appearance="secondary-action-button" type="submit">
          Toon jaar
        </Button>
      </form>
      <ButtonGroup className="schakel-no-print">
        <Button appearance="primary-action-button" type="button" onClick={() => window.print()}>
          Afdrukken
        </Button>
        <Button appearance="secondary-action-button" type="button" busy={pdfBusy} onClick={() => void downloadPdf()}>
          Download PDF
        </Button>
      </ButtonGroup>
      {pdfProblem && (
        <Alert type="error" role="alert">
          <Paragraph>{pdfProblem}</Paragraph>
        </Alert>
      )}

      <Heading1>Staat van de uitvoering {year}</Heading1>
      {error && !report && (
        <Alert type="error" role="alert">
          <Paragraph>{userFacingErrors(error)[0]?.message}</Paragraph>
        </Alert>
      )}
      {loading && !report && <Paragraph role="status">Laden…</Paragraph>}
      {report && (
        <>
          <Paragraph className="schakel-lead">
            {report.organisations.map((o) => o.name).join(', ')}. {asOf(report.dataUpTo)} Tijden zijn in werkdagen. Een telling van minder dan 5 staat er als &quot;&lt; 5&quot;, zodat niemand herkenbaar is.
          </Paragraph>

          <section aria-labelledby="jr-verhalen">
            <Heading2 id="jr-verhalen">Verhalen uit de uitvoering</Heading2>
            <Paragraph>Hoe medewerkers in een bepaalde situatie hun oordeel gebruikten, en waarom. Elk verhaal is zonder namen of nummers en door een coördinator beoordeeld.</Paragraph>
            <StoryList stories={report.stories} />
          </section>

          <section aria-labelledby="jr-cijfers" className="schakel-print-break">
            <Heading2 id="jr-cijfers">De cijfers</Heading2>
            <ReportTable id="jr-totaal" title={`Totaal ${year}`} columns={[{ label: 'Wat' }, { label: 'Aantal of tijd', numeric: true }]} rows={totalsRows(report.totals)} fileName={`staat-van-de-uitvoering-${year}-totaal.csv`} />
            <ReportTable id="jr-maand" title={`Per maand, ${year}`} columns={executionColumns('Maand')} rows={report.byMonth.map((r) => executionRow(r.key, rowLabel(r.key, r.label), r.figures))} fileName={`staat-van-de-uitvoering-${year}-per-maand.csv`} />
            <ReportTable id="jr-onderwerp" title={`Per onderwerp, ${year}`} columns={executionColumns('Onderwerp')} rows={report.byTopic.map((r) => executionRow(r.key, r.label, r.figures))} fileName={`staat-van-de-uitvoering-${year}-per-onderwerp.csv`} />
            {report.scope === 'ACTION_LIST' && (
              <ReportTable id="jr-partij" title={`Per partij, ${year}`} columns={executionColumns('Partij')} rows={report.byOrganisation.map((r) => executionRow(r.key, r.label, r.figures))} fileName={`staat-van-de-uitvoering-${year}-per-partij.csv`} />
            )}
          </section>

          <section aria-labelledby="jr-agenda">
            <Heading2 id="jr-agenda">Vereenvoudigingsagenda</Heading2>
            <ProposalTable id="jr-voorstellen" proposals={report.proposals} />
          </section>
        </>
      )}
    </article>
  );
}

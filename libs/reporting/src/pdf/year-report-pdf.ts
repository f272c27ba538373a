// The printable year report "Staat van de uitvoering <jaar>": a tagged PDF/UA file (structure
// tree with headings, paragraphs, lists and tables with header cells, language nl-NL, title shown,
// embedded DejaVu font), as the action-list PDF does. Pure: takes the report, returns the bytes.
// It leads with the leerverhalen; the figures follow, then the agenda. Suppressed cells print "< 5".
import { openTaggedPdf, pdfFontPath } from '@schakel/platform';
import type { ExecutionReport, ExecutionRow } from '../execution-report.service';
import { displayCell, type Measure } from '../figures/cells';
import type { ExecutionFigures } from '../figures/execution-figures';
import { CATEGORY_LABELS, PROPOSAL_STATUS_LABELS, TOPIC_LABELS } from '../labels';

const ZONE = 'Europe/Amsterdam';
const instant = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: ZONE });

const days = (m: Measure) => displayCell(m, (n) => n.toLocaleString('nl-NL', { maximumFractionDigits: 1 }));
const percent = (m: Measure) => displayCell(m, (n) => `${(n * 100).toLocaleString('nl-NL', { maximumFractionDigits: 1 })}%`);

/** The headline figures as label/value rows. */
export function headlineRows(f: ExecutionFigures): Array<[string, string]> {
  const c = f.counts;
  return [
    ['Verzonden overdrachten', displayCell(c.sent)],
    ['Ontvangen overdrachten', displayCell(c.received)],
    ['Opgepakt binnen de norm (afspraak of standaard)', `${percent(f.acceptWithinNormShare)} (${displayCell(c.acceptWithinNorm)} van ${displayCell(c.acceptMeasured)})`],
    ['Eerste contact binnen de norm', `${percent(f.contactWithinNormShare)} (${displayCell(c.contactWithinNorm)} van ${displayCell(c.contactMeasured)})`],
    ['Werkdagen tot oppakken: mediaan / 90e percentiel', `${days(f.acceptanceDays.median)} / ${days(f.acceptanceDays.p90)}`],
    ['Werkdagen tot eerste contact: mediaan / 90e percentiel', `${days(f.firstContactDays.median)} / ${days(f.firstContactDays.p90)}`],
    ['Escalaties (overdrachten met een verstreken termijn)', displayCell(c.escalated)],
    ['Warm doorgestuurd (verkeerde deur hersteld)', displayCell(c.forwarded)],
    ['Teruggestuurd met uitleg', displayCell(c.returned)],
    ['Verwijzingen met meer dan één schakel', displayCell(c.multiLinkChains)],
    ['Ketenlengte: mediaan / 90e percentiel', `${days(f.chainLength.median)} / ${days(f.chainLength.p90)}`],
    ['Afgerond: geholpen / deels / niet geholpen', `${displayCell(c.helped)} / ${displayCell(c.partlyHelped)} / ${displayCell(c.notHelped)}`],
    ['Nog open', displayCell(c.open)],
  ];
}

const ROW_COLUMNS = ['Ontvangen', 'Binnen norm', 'Mediaan oppakken (werkdagen)', 'Escalaties', 'Doorgestuurd', 'Teruggestuurd'];
function rowCells(f: ExecutionFigures): string[] {
  return [displayCell(f.counts.received), percent(f.acceptWithinNormShare), days(f.acceptanceDays.median), displayCell(f.counts.escalated), displayCell(f.counts.forwarded), displayCell(f.counts.returned)];
}

/** Renders the year report; resolves with the PDF bytes. */
export function renderYearReportPdf(report: ExecutionReport, year: number): Promise<Buffer> {
  const who = report.scope.organisations.map((o) => o.name).join(', ');
  const title = `Staat van de uitvoering ${year}`;
  const { doc, root, done } = openTaggedPdf({ title, subject: `${title}: ${who}`, createdAt: report.generatedAt });

  const heading = (text: string, level: 1 | 2 | 3) => {
    doc.x = doc.page.margins.left;
    doc.moveDown(level === 1 ? 0 : 0.8);
    doc.font('bold').fontSize(level === 1 ? 20 : level === 2 ? 14 : 11.5).fillColor('#1a1a1a');
    doc.text(text, { structParent: root, structType: `H${level}` });
    doc.font('body').fontSize(10).moveDown(0.3);
  };
  const paragraph = (text: string) => {
    doc.x = doc.page.margins.left;
    doc.font('body').fontSize(10).fillColor('#1a1a1a').text(text, { structParent: root, structType: 'P' });
    doc.moveDown(0.3);
  };
  const table = (header: string[], body: string[][], widths: number[]) => {
    doc.x = doc.page.margins.left;
    const options = {
      structParent: root,
      columnStyles: widths,
      defaultStyle: { padding: 3, border: 0.5, borderColor: '#888888', fontSize: 9 },
      data: [header.map((text) => ({ text, type: 'TH', scope: 'Column', font: { src: pdfFontPath('DejaVuSans-Bold.ttf') } })), ...body.map((r) => r.map((text, i) => (i === 0 ? { text, type: 'TH', scope: 'Row' } : { text })))],
    };
    doc.font('body').fontSize(9).table(options as unknown as PDFKit.Mixins.TableOptionsWithData);
    doc.moveDown(0.6);
  };

  heading(title, 1);
  paragraph(`${report.scope.scope === 'ACTION_LIST' ? 'Gezamenlijk verslag van de partijen van een ondertekende actielijst' : 'Verslag'}: ${who}.`);
  paragraph(`Periode: januari tot en met december ${year}. Opgesteld op ${instant.format(report.generatedAt)}${report.dataUpTo ? `, met cijfers tot ${instant.format(report.dataUpTo)}` : ''}.`);
  paragraph('Tellingen onder de 5 staan er als "< 5", net als een cel die uit een totaal min de andere cellen af te leiden zou zijn, zodat niemand herkenbaar is. Tijden zijn in hele werkdagen (zonder weekenden en feestdagen).');

  heading('Leerverhalen', 2);
  if (report.stories.length === 0) paragraph('Er zijn in deze periode geen beoordeelde leerverhalen.');
  for (const s of report.stories) {
    heading(s.title, 3);
    paragraph(`${TOPIC_LABELS[s.topic]}, ${CATEGORY_LABELS[s.category]}.`);
    paragraph(`De situatie: ${s.situation}`);
    paragraph(`Wat er is gedaan: ${s.action}`);
    paragraph(`Waarom: ${s.reason}`);
    if (s.ruleNeed) paragraph(`Wat het vroeg van de regels: ${s.ruleNeed}`);
  }

  heading('De cijfers', 2);
  table(['Indicator', 'Waarde'], headlineRows(report.totals), [300, 183]);

  const rowsTable = (caption: string, first: string, rows: ExecutionRow[]) => {
    heading(caption, 3);
    table([first, ...ROW_COLUMNS], rows.map((r) => [r.label, ...rowCells(r.figures)]), [103, 60, 60, 80, 60, 60, 60]);
  };
  if (report.byOrganisation.length > 0) rowsTable('Per partij', 'Organisatie', report.byOrganisation);
  rowsTable('Per maand', 'Maand', report.byMonth);
  rowsTable('Per onderwerp', 'Onderwerp', report.byTopic);

  heading('Vereenvoudigingsagenda', 2);
  if (report.proposals.length === 0) paragraph('Geen voorstellen.');
  for (const p of report.proposals) {
    heading(`${p.rule} (${PROPOSAL_STATUS_LABELS[p.status]})`, 3);
    paragraph(`Van ${p.authorOrganisationName} aan ${p.ownerOrganisationName}; bundelt ${p.bottleneckIds.length} knelpunt${p.bottleneckIds.length === 1 ? '' : 'en'}.`);
    paragraph(p.proposal);
    if (p.response) paragraph(`Antwoord: ${p.response}`);
    if (p.rejectionReason) paragraph(`Reden van afwijzen: ${p.rejectionReason}`);
  }

  root.end();
  doc.end();
  return done;
}

import { readPdf } from '@schakel/testing';
import type { ExecutionReport } from '../execution-report.service';
import { draftFigures, emptyCounts, emptyHistograms, publishFigures, suppressTable } from '../figures/execution-figures';
import { renderYearReportPdf } from './year-report-pdf';

function report(): ExecutionReport {
  const counts = { ...emptyCounts(), sent: 40, received: 120, accepted: 100, completed: 90, helped: 70, partly_helped: 17, not_helped: 3, open: 10, forwarded: 12, returned: 8, accept_measured: 120, accept_within: 96, escalated: 3 };
  const histograms = emptyHistograms();
  histograms.ACCEPT.set(0, 40).set(1, 30).set(2, 20).set(5, 10);
  const total = draftFigures(counts, histograms);
  const month = draftFigures({ ...counts }, histograms);
  suppressTable(total, [[month]]);
  return {
    scope: { scope: 'ORGANISATION', actionListId: null, organisations: [{ id: 'o1', name: 'UWV' }] },
    period: { from: '2026-01', to: '2026-12' },
    totals: publishFigures(total),
    byMonth: [{ key: '2026-01-01', label: 'januari 2026', figures: publishFigures(month) }],
    byTopic: [],
    byOrganisation: [],
    live: [],
    stories: [
      {
        id: 's1',
        organisationId: 'o1',
        authorEmployeeId: null,
        month: '2026-03-01',
        topic: 'WERK',
        category: 'SYSTEEM',
        title: 'Voorschot op vertrouwen',
        situation: 'Een inwoner zat zonder inkomen.',
        action: 'Voorschot gegeven.',
        reason: 'Anders huurachterstand.',
        ruleNeed: 'Inzage met toestemming.',
        status: 'GOEDGEKEURD',
        reviewNote: null,
        reviewedAt: new Date('2026-04-01T10:00:00Z'),
        createdAt: new Date('2026-03-20T10:00:00Z'),
      },
    ],
    proposals: [
      {
        id: 'p1',
        authorOrganisationId: 'o1',
        ownerOrganisationId: 'o2',
        authorOrganisationName: 'UWV',
        ownerOrganisationName: 'Sociale Verzekeringsbank',
        rule: 'Suwinet-Inkijk',
        proposal: 'Laat partners de beslissing zien.',
        status: 'AFGEWEZEN',
        response: null,
        rejectionReason: 'Regelt UWV zelf.',
        version: 3,
        createdAt: new Date('2026-05-01T10:00:00Z'),
        updatedAt: new Date('2026-06-01T10:00:00Z'),
        bottleneckIds: ['b1', 'b2'],
        bottlenecks: [],
      },
    ],
    dataUpTo: new Date('2026-12-01T10:00:00Z'),
    generatedAt: new Date('2026-12-01T11:00:00Z'),
  };
}

interface Read {
  text: string;
  title: string;
  markInfo: { Marked?: boolean } | null;
  tags: string[];
}

describe('renderYearReportPdf', () => {
  let pdf: Buffer;
  let read: Read;

  beforeAll(async () => {
    pdf = await renderYearReportPdf(report(), 2026);
    read = await readPdf<Read>(pdf);
  }, 40_000);

  it('is a tagged PDF/UA document in Dutch with its title shown and tables with header cells', () => {
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toMatch(/\/Lang \(nl-NL\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toContain('pdfuaid:part');
    expect(raw).toMatch(/\/FontFile2/);
    expect(read.markInfo?.Marked).toBe(true);
    expect(read.title).toBe('Staat van de uitvoering 2026');
    expect(read.tags).toEqual(expect.arrayContaining(['Document', 'H1', 'H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD']));
  });

  it('leads with the stories, then the figures with "< 5" for small counts, then the agenda', () => {
    const text = read.text.replace(/\s+/g, ' ');
    const story = text.indexOf('Voorschot op vertrouwen');
    const figures = text.indexOf('De cijfers');
    const agenda = text.indexOf('Vereenvoudigingsagenda');
    expect(story).toBeGreaterThan(0);
    expect(figures).toBeGreaterThan(story);
    expect(agenda).toBeGreaterThan(figures);
    expect(text).toContain('Ontvangen overdrachten 120');
    expect(text).toContain('80%');
    expect(text).toContain('< 5');
    expect(text).toContain('Reden van afwijzen: Regelt UWV zelf.');
  });
});

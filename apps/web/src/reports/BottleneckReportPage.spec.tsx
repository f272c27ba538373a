import type { MockedResponse } from '@apollo/client/testing';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActionListsDocument, BottleneckReportDocument, type BottleneckReportQueryVariables } from '../api/generated';
import BottleneckReportPage from './BottleneckReportPage';
import { meMock, renderScreen, TILBURG } from './testing';

// The chart is drawn by recharts, which measures the page; jsdom has no layout. The tables carry the figures.
jest.mock('./Chart', () => ({ ReportChart: ({ title }: { title: string }) => <figure data-testid="chart">{title}</figure>, plotted: (c: { value: number | null; suppressed: boolean }) => (c.suppressed ? null : c.value) }));

const download = jest.fn();
jest.mock('../action-lists/present', () => ({ ...jest.requireActual('../action-lists/present'), download: (...args: unknown[]) => download(...args) }));

const listsMock: MockedResponse = { request: { query: ActionListsDocument }, maxUsageCount: Number.POSITIVE_INFINITY, result: { data: { actionLists: [] } } };

function c(value: number | null) {
  return { __typename: 'ReportCell', value, suppressed: value === null, display: value === null ? '< 5' : String(value) };
}

function report(from: string, to: string) {
  return {
    __typename: 'BottleneckReport',
    scope: 'ORGANISATION',
    actionListId: null,
    organisations: [{ __typename: 'ReportOrganisation', id: TILBURG.id, name: TILBURG.name }],
    period: { __typename: 'ReportPeriod', from, to },
    groupBy: 'CATEGORY',
    stories: [],
    total: c(14),
    maatwerk: c(null),
    groups: [
      { __typename: 'BottleneckGroup', key: 'WET_EN_REGELGEVING', label: 'Wet- en regelgeving', count: c(9), maatwerk: c(null), items: [] },
      { __typename: 'BottleneckGroup', key: 'SYSTEEM', label: 'Systeem', count: c(null), maatwerk: c(null), items: [] },
    ],
    trend: [
      { __typename: 'BottleneckMonth', month: `${from}-01`, label: 'januari 2026', count: c(9), maatwerk: c(null) },
      { __typename: 'BottleneckMonth', month: `${to}-01`, label: 'maart 2026', count: c(null), maatwerk: c(null) },
    ],
    proposals: [],
    dataUpTo: '2026-03-31T22:00:00.000Z',
    generatedAt: '2026-04-01T08:00:00.000Z',
  };
}

const asked: BottleneckReportQueryVariables[] = [];
const reportMock: MockedResponse = {
  request: {
    query: BottleneckReportDocument,
    variables: (v: BottleneckReportQueryVariables) => {
      asked.push(v);
      return true;
    },
  },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: (v: BottleneckReportQueryVariables) => ({ data: { bottleneckReport: report(v.period.from, v.period.to) } }),
};

function renderPage() {
  return renderScreen(<BottleneckReportPage />, { mocks: [meMock(['BELEID']), listsMock, reportMock], url: '/rapportages/knelpunten?van=2026-01&tot=2026-03', path: '/rapportages/knelpunten' });
}

beforeEach(() => {
  asked.length = 0;
  download.mockReset();
});

describe('Knelpuntenrapportage', () => {
  it('shows the figures as the API gives them, "< 5" included, in a table beside each chart', async () => {
    renderPage();
    const table = await screen.findByRole('table', { name: 'Knelpunten per maand' });
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]).getByRole('rowheader')).toHaveTextContent('januari 2026');
    expect(rows[1]).toHaveTextContent('9');
    expect(rows[2]).toHaveTextContent('< 5');
    expect(screen.getByTestId('total')).toHaveTextContent('14');
    expect(screen.getAllByTestId('chart').map((f) => f.textContent)).toEqual(['Knelpunten per maand', 'Knelpunten per soort knelpunt']);
    expect(asked[0]).toEqual({ period: { from: '2026-01', to: '2026-03' }, groupBy: 'CATEGORY', scope: 'ORGANISATION', actionListId: null });
  });

  it('downloads a table as Excel-friendly CSV with "< 5" kept as text', async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('table', { name: 'Knelpunten per maand' });
    await user.click(screen.getByRole('button', { name: /^Download CSV\W+Knelpunten per maand$/ }));
    expect(download).toHaveBeenCalledTimes(1);
    const [name, content, type] = download.mock.calls[0] as [string, string, string];
    expect(name).toBe('knelpunten-per-maand.csv');
    expect(type).toBe('text/csv;charset=utf-8');
    expect(content).toBe('\uFEFFMaand;Knelpunten;Met maatwerk\r\njanuari 2026;9;< 5\r\nmaart 2026;< 5;< 5\r\n');
  });

  it('asks for the new period and grouping only when the user applies them', async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('table', { name: 'Knelpunten per maand' });
    const from = screen.getByLabelText('Van (maand)');
    await user.clear(from);
    await user.type(from, '2026-02');
    await user.selectOptions(screen.getByLabelText('Groepeer op'), 'RULE');
    expect(asked.every((v) => v.period.from === '2026-01')).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Toon rapportage' }));
    await screen.findByText(/^februari 2026 tot en met maart 2026 ·/);
    expect(asked.at(-1)).toEqual({ period: { from: '2026-02', to: '2026-03' }, groupBy: 'RULE', scope: 'ORGANISATION', actionListId: null });
  });

  it('refuses a period that ends before it starts, and says why', async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('table', { name: 'Knelpunten per maand' });
    const to = screen.getByLabelText('Tot en met (maand)');
    await user.clear(to);
    await user.type(to, '2025-12');
    const before = asked.length;
    await user.click(screen.getByRole('button', { name: 'Toon rapportage' }));
    expect(screen.getByRole('alert')).toHaveTextContent('De eindmaand ligt voor de beginmaand.');
    expect(screen.getByLabelText('Van (maand)')).toHaveAttribute('aria-invalid', 'true');
    expect(asked.length).toBe(before);
  });
});

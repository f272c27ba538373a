import { useQuery, useSubscription } from '@apollo/client/react';
import {
  Heading1,
  Paragraph,
  StatusBadge,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useSearchParams } from 'react-router';
import { HandoffEventsDocument, HandoffsDocument, type HandoffDirection, type HandoffRowFragment, type HandoffStatus } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { useAnnounce } from '../ui/announcer';
import { AppLink } from '../ui/AppLink';
import { CheckboxField, SelectField } from '../ui/fields';
import { ago, dayAndTime, fullDate, shortDay } from '../ui/format';
import { STATUS_LABEL, TOPIC_LABEL } from '../ui/labels';
import { usePageTitle } from '../ui/page';
import { Pager, useCursorPages } from '../ui/pager';

const PAGE_SIZE = 20;
const OPEN: HandoffStatus[] = ['REQUESTED', 'RECEIVED', 'ACCEPTED', 'IN_PROGRESS'];
const ALL_STATUSES = Object.keys(STATUS_LABEL) as HandoffStatus[];

const TEXT = {
  INCOMING: { title: 'Inkomend', intro: 'Doorverwijzingen naar uw organisatie. Nieuwe staan bovenaan.', party: 'Van', empty: 'Er zijn geen inkomende doorverwijzingen die bij dit filter passen.' },
  OUTGOING: { title: 'Uitgaand', intro: 'Doorverwijzingen die uw organisatie verstuurde. Zo ziet u of de andere organisatie ze oppakt.', party: 'Naar', empty: 'Er zijn geen uitgaande doorverwijzingen die bij dit filter passen.' },
} as const;

function statusesFor(filter: string): HandoffStatus[] | null {
  if (filter === 'open') return OPEN;
  if ((ALL_STATUSES as string[]).includes(filter)) return [filter as HandoffStatus];
  return null;
}

function StatusCell({ handoff }: { handoff: HandoffRowFragment }) {
  const tone = handoff.overdue ? 'danger' : handoff.status === 'COMPLETED' ? 'success' : 'neutral';
  return (
    <>
      <StatusBadge status={tone}>{STATUS_LABEL[handoff.status]}</StatusBadge>
      {handoff.overdue && (
        <span className="schakel-overdue">
          {' '}
          Te laat{handoff.escalationLevel > 0 ? `, opgeschaald (niveau ${handoff.escalationLevel})` : ''}
        </span>
      )}
    </>
  );
}

export default function HandoffListPage({ direction }: { direction: HandoffDirection }) {
  const text = TEXT[direction];
  usePageTitle(text.title);
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const statusFilter = params.get('status') ?? 'open';
  const overdueOnly = params.get('telaat') === 'ja';
  const pages = useCursorPages();
  const { after } = pages;

  const { data, loading, error, refetch } = useQuery(HandoffsDocument, {
    variables: { direction, status: statusesFor(statusFilter), overdue: overdueOnly ? true : null, first: PAGE_SIZE, after },
    fetchPolicy: 'cache-and-network',
  });

  useSubscription(HandoffEventsDocument, {
    variables: { direction },
    onData: ({ data: event }) => {
      const e = event.data?.handoffEvents;
      if (!e) return;
      const other = direction === 'INCOMING' ? e.handoff.from.name : e.handoff.to.name;
      announce(`${text.title}: doorverwijzing ${direction === 'INCOMING' ? 'van' : 'naar'} ${other} is nu ${STATUS_LABEL[e.handoff.status].toLowerCase()}.`);
      void refetch();
    },
  });

  function setFilter(name: 'status' | 'telaat', value: string | null) {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
    pages.reset();
  }

  const rows = data?.handoffs.edges.map((e) => e.node) ?? [];
  const pageInfo = data?.handoffs.pageInfo;

  return (
    <>
      <Heading1>{text.title}</Heading1>
      <Paragraph>{text.intro}</Paragraph>
      <div className="schakel-filters" role="search" aria-label="Filter">
        <SelectField
          id="filter-status"
          label="Status"
          required
          value={statusFilter}
          onChange={(v) => setFilter('status', v)}
          options={[{ value: 'open', label: 'Alle lopende' }, { value: 'alle', label: 'Alle' }, ...ALL_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))]}
        />
        <CheckboxField id="filter-telaat" label="Alleen te laat" checked={overdueOnly} onChange={(v) => setFilter('telaat', v ? 'ja' : null)} />
      </div>
      {error && !data && (
        <Paragraph role="alert" className="schakel-error-text">
          {userFacingErrors(error)[0]?.message}
        </Paragraph>
      )}
      <div className="schakel-table-scroll" tabIndex={0} role="region" aria-labelledby="lijst-titel">
        <Table className="schakel-table">
          <TableCaption id="lijst-titel">
            {text.title}: {rows.length === 0 ? 'geen' : rows.length} doorverwijzing{rows.length === 1 ? '' : 'en'} op deze pagina
          </TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Onderwerp</TableHeaderCell>
              <TableHeaderCell scope="col">{text.party}</TableHeaderCell>
              <TableHeaderCell scope="col">Status</TableHeaderCell>
              <TableHeaderCell scope="col">Verstuurd</TableHeaderCell>
              <TableHeaderCell scope="col">Termijn</TableHeaderCell>
              <TableHeaderCell scope="col">Behandelaar</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((h) => (
              <TableRow key={h.id} data-handoff-id={h.id} data-status={h.status}>
                <TableCell>
                  <AppLink to={`/doorverwijzingen/${h.referral.id}`}>
                    {TOPIC_LABEL[h.referral.topic]}
                    {h.referral.urgency !== 'NORMAAL' && <span className="schakel-urgent"> ({h.referral.urgency === 'ACUUT' ? 'acuut' : 'hoog'})</span>}
                  </AppLink>
                </TableCell>
                <TableCell>{direction === 'INCOMING' ? h.from.name : h.to.name}</TableCell>
                <TableCell>
                  <StatusCell handoff={h} />
                </TableCell>
                <TableCell>
                  <time dateTime={h.requestedAt} title={fullDate(h.requestedAt)}>
                    {shortDay(h.requestedAt)}
                  </time>
                  <span className="schakel-muted"> ({ago(h.requestedAt)})</span>
                </TableCell>
                <TableCell>
                  {h.dueAt ? (
                    <time dateTime={h.dueAt} title={fullDate(h.dueAt)}>
                      uiterlijk {dayAndTime(h.dueAt)}
                    </time>
                  ) : (
                    <span className="schakel-muted">geen</span>
                  )}
                </TableCell>
                <TableCell>{h.assignee?.name ?? <span className="schakel-muted">nog niemand</span>}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {!loading && rows.length === 0 && <Paragraph>{text.empty}</Paragraph>}
      <Pager pages={pages} pageInfo={pageInfo} />
    </>
  );
}

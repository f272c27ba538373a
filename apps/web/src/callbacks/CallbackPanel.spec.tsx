import type { MockedResponse } from '@apollo/client/testing';
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { MockedProvider } from '@apollo/client/testing/react';
import { createClient } from 'graphql-ws';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { BookCallbackDocument, CallbackBookingsDocument, CallbackDoorsDocument, CallbackSlotsDocument, MeDocument } from '../api/generated';
import { MeProvider } from '../app/me';
import { SessionProvider } from '../auth/session';
import { AnnouncerProvider } from '../ui/announcer';
import { CallbackPanel } from './CallbackPanel';

const TILBURG = { __typename: 'Organisation' as const, id: '00000000-0000-4000-8000-000000000001', name: 'Gemeente Tilburg', kind: 'GEMEENTE' as const };
const UWV = { __typename: 'Organisation' as const, id: '00000000-0000-4000-8000-000000000002', name: 'UWV', kind: 'UWV' as const };
const DOOR = 'd0000000-0000-4000-8000-000000000001';
const OTHER_DOOR = 'd0000000-0000-4000-8000-000000000009';
const HANDOFF = '00000000-0000-4000-8000-0000000000aa';

const meAs = (org: typeof TILBURG | typeof UWV, username: string): MockedResponse => ({
  request: { query: MeDocument },
  result: {
    data: {
      me: {
        __typename: 'Me',
        employee: { __typename: 'Employee', id: 'e1', name: 'Iemand', username, roles: ['BALIE', 'BEHANDELAAR'] },
        organisation: { ...org, gemeentecode: null },
      },
    },
  },
});

const slot = (date: string, part: 'OCHTEND' | 'MIDDAG', start: string, free: number) => ({
  __typename: 'CallbackSlot',
  date,
  weekday: 3,
  partOfDay: part,
  start,
  end: start,
  places: 3,
  free,
});

const mocks: MockedResponse[] = [
  { request: { query: CallbackBookingsDocument, variables: { handoffId: HANDOFF } }, maxUsageCount: Number.POSITIVE_INFINITY, result: { data: { callbackBookings: [] } } },
  {
    request: { query: CallbackDoorsDocument, variables: { organisationId: UWV.id } },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: {
      data: {
        doors: [
          { __typename: 'Door', id: OTHER_DOOR, name: 'Uitkeringen', organisationId: UWV.id, active: true },
          { __typename: 'Door', id: DOOR, name: 'WW en werk', organisationId: UWV.id, active: true },
        ],
      },
    },
  },
  {
    request: { query: CallbackSlotsDocument, variables: { doorId: DOOR, days: 10 } },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: {
      data: {
        callbackSlots: {
          __typename: 'CallbackSlots',
          doorId: DOOR,
          doorName: 'WW en werk',
          organisationName: 'UWV',
          slots: [
            slot('2026-12-02', 'OCHTEND', '2026-12-02T08:00:00.000Z', 0),
            slot('2026-12-02', 'MIDDAG', '2026-12-02T12:00:00.000Z', 1),
            slot('2026-12-03', 'OCHTEND', '2026-12-03T08:00:00.000Z', 3),
          ],
        },
      },
    },
  },
];

const sessionClient = {
  apollo: new ApolloClient({ cache: new InMemoryCache(), link: ApolloLink.empty() }),
  ws: createClient({ url: 'ws://127.0.0.1:9/graphql', lazy: true }),
};

const referral = {
  handoffs: [{ __typename: 'Handoff' as const, id: HANDOFF, status: 'REQUESTED' as const, from: TILBURG, to: UWV }],
};

function renderPanel(me: MockedResponse, extra: MockedResponse[] = []) {
  return render(
    <MockedProvider mocks={[me, ...mocks, ...extra]}>
      <MemoryRouter initialEntries={[{ pathname: '/doorverwijzingen/r1', state: { sent: 'UWV', doorId: DOOR } }]}>
        <SessionProvider client={sessionClient}>
          <AnnouncerProvider>
            <MeProvider loading={<p>laden</p>}>{() => <CallbackPanel referral={referral} />}</MeProvider>
          </AnnouncerProvider>
        </SessionProvider>
      </MemoryRouter>
    </MockedProvider>,
  );
}

describe('Terugbelafspraak maken (panel)', () => {
  it('preselects the door from the new-referral form, groups slots per day, and a full slot cannot be chosen', async () => {
    renderPanel(meAs(TILBURG, 'balie@tilburg.demo'));
    expect(await screen.findByRole('heading', { name: 'Terugbelafspraak maken' })).toBeInTheDocument();
    expect(await screen.findByLabelText('WW en werk')).toBeChecked();
    const picker = await screen.findByRole('group', { name: 'Kies een tijdvak' });
    const days = await within(picker).findAllByRole('group');
    expect(days.map((d) => d.querySelector('legend')?.textContent)).toEqual(['woensdag 2 december', 'donderdag 3 december']);
    expect(within(days[0]).getByLabelText(/Ochtend, 9.00 tot 12.00 uur: vol/)).toBeDisabled();
    expect(within(days[0]).getByLabelText(/Middag, 13.00 tot 17.00 uur: nog 1 plek/)).toBeEnabled();
  });

  it('asks for a slot in the error summary, then shows the server’s CONFLICT for a slot that just filled up', async () => {
    const user = userEvent.setup();
    const booked = jest.fn(() => ({
      errors: [{ message: 'Dit tijdvak is net vol geraakt; kies een ander. / This slot has just filled up; choose another one.', extensions: { code: 'CONFLICT' } }],
    }));
    renderPanel(meAs(TILBURG, 'balie@tilburg.demo'), [{ request: { query: BookCallbackDocument, variables: () => true }, result: booked }]);
    await screen.findByRole('group', { name: 'Kies een tijdvak' });
    await user.click(screen.getByRole('button', { name: 'Terugbelafspraak maken' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Er is 1 probleem');
    expect(within(summary).getByRole('link', { name: 'Tijdvak: Kies een tijdvak.' })).toBeInTheDocument();
    expect(booked).not.toHaveBeenCalled();

    await user.click(screen.getByLabelText(/Middag, 13.00 tot 17.00 uur: nog 1 plek/));
    await user.click(screen.getByRole('button', { name: 'Terugbelafspraak maken' }));
    await waitFor(() => expect(booked).toHaveBeenCalled());
    expect(await screen.findByText('Dit tijdvak is net vol geraakt; kies een ander.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('alert')).toHaveFocus());
  });

  it('is not shown to the receiving organisation', async () => {
    renderPanel(meAs(UWV, 'behandelaar@uwv.demo'));
    await waitFor(() => expect(screen.queryByText('laden')).not.toBeInTheDocument());
    expect(screen.queryByRole('heading', { name: /Terugbelafspraak/ })).not.toBeInTheDocument();
  });
});

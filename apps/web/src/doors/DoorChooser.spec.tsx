import type { MockedResponse } from '@apollo/client/testing';
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { MockedProvider } from '@apollo/client/testing/react';
import { createClient } from 'graphql-ws';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { DoorMatchesDocument, MeDocument, ReceivingOrganisationsDocument } from '../api/generated';
import { MeProvider } from '../app/me';
import { SessionProvider } from '../auth/session';
import { AnnouncerProvider } from '../ui/announcer';
import NewReferralPage from '../referrals/NewReferralPage';

const TILBURG = { id: '00000000-0000-4000-8000-000000000001', name: 'Gemeente Tilburg', kind: 'GEMEENTE' as const };
const UWV = { id: '00000000-0000-4000-8000-000000000002', name: 'UWV', kind: 'UWV' as const };

const meMock: MockedResponse = {
  request: { query: MeDocument },
  result: {
    data: {
      me: {
        __typename: 'Me',
        employee: { __typename: 'Employee', id: 'e1', name: 'Balie Tilburg', username: 'balie@tilburg.demo', roles: ['BALIE'] },
        organisation: { __typename: 'Organisation', ...TILBURG, gemeentecode: '0855' },
      },
    },
  },
};

const organisationsMock: MockedResponse = {
  request: { query: ReceivingOrganisationsDocument, variables: () => true },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: {
    data: {
      organisations: [TILBURG, UWV].map((o) => ({
        __typename: 'Organisation',
        ...o,
        active: true,
        gemeentecode: null,
        responseNorm: { __typename: 'ResponseNorm', description: 'reageert binnen 2 werkdagen' },
      })),
    },
  },
};

function match(id: string, name: string, organisation: { id: string; name: string }, medianMinutes: number | null, explanation: string, checklist: string[]) {
  return {
    __typename: 'DoorMatch',
    door: { __typename: 'Door', id, name, organisationId: organisation.id, organisationName: organisation.name, reach: 'DIRECTE_LIJN', liveAllowed: false },
    norm: { __typename: 'DoorNorm', source: 'STANDAARD', fromAgreement: false, norm: { __typename: 'ResponseNorm', description: 'reageert binnen 2 werkdagen' } },
    checklist,
    medianMinutes,
    acceptedCount: medianMinutes === null ? 0 : 8,
    reasons: ['ONDERWERP'],
    explanation,
  };
}

const matchesMock: MockedResponse = {
  request: { query: DoorMatchesDocument, variables: () => true },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: {
    data: {
      doorMatches: [
        match('d1', 'WW en werk', UWV, 30, 'Onderwerp Werk, landelijk loket', ['Laatste loonstrook of uitkeringsspecificatie']),
        match('d5', 'Werk en inkomen', TILBURG, null, 'Onderwerp Werk, werkt voor gemeente 0855', []),
      ],
    },
  },
};

const sessionClient = {
  apollo: new ApolloClient({ cache: new InMemoryCache(), link: ApolloLink.empty() }),
  ws: createClient({ url: 'ws://127.0.0.1:9/graphql', lazy: true }),
};

function renderForm() {
  return render(
    <MockedProvider mocks={[meMock, organisationsMock, matchesMock]}>
      <MemoryRouter>
        <SessionProvider client={sessionClient}>
          <AnnouncerProvider>
            <MeProvider loading={<p>laden</p>}>{() => <NewReferralPage />}</MeProvider>
          </AnnouncerProvider>
        </SessionProvider>
      </MemoryRouter>
    </MockedProvider>,
  );
}

describe('Welk loket (ranked doors while referring)', () => {
  it('asks for a topic first, then offers the ranked doors of other organisations; a door chooses its organisation and shows its checklist', async () => {
    const user = userEvent.setup();
    renderForm();
    expect(await screen.findByText(/Kies eerst een onderwerp/)).toBeTruthy();

    await user.selectOptions(screen.getByLabelText(/^Onderwerp/), 'WERK');
    await user.selectOptions(screen.getByLabelText(/^Gemeente van de inwoner/), '0855');
    const doors = await screen.findByRole('radiogroup', { name: /Loketten voor deze inwoner/ });
    const uwvDoor = await within(doors).findByRole('radio', { name: /^WW en werk \(UWV\): reageert binnen 2 werkdagen\. Meestal binnen 30 minuten opgepakt\./ });
    // The own organisation's door is not offered.
    expect(within(doors).queryByRole('radio', { name: /Gemeente Tilburg/ })).toBeNull();

    await user.click(uwvDoor);
    expect(await screen.findByText('Laatste loonstrook of uitkeringsspecificatie')).toBeTruthy();
    const receivers = screen.getByRole('radiogroup', { name: /Naar organisatie/ });
    expect((within(receivers).getByRole('radio', { name: /^UWV: / }) as HTMLInputElement).checked).toBe(true);
  });

  it('refuses a gemeentecode that is not 4 digits at the field', async () => {
    const user = userEvent.setup();
    renderForm();
    await user.type(await screen.findByLabelText(/^Of de gemeentecode/), '85');
    expect(await screen.findByText('Een gemeentecode bestaat uit 4 cijfers, bijvoorbeeld 0855.')).toBeTruthy();
  });
});

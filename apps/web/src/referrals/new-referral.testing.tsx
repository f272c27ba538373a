// Imported by specs only: the new-referral form with a signed-in balie of Tilburg, its sign-in and
// the receiving organisations mocked, so each spec adds only the answers it is about.
import type { MockedResponse } from '@apollo/client/testing';
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { MockedProvider } from '@apollo/client/testing/react';
import { createClient } from 'graphql-ws';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { MeDocument, ReceivingOrganisationsDocument } from '../api/generated';
import { MeProvider } from '../app/me';
import { SessionProvider } from '../auth/session';
import { AnnouncerProvider } from '../ui/announcer';
import NewReferralPage from './NewReferralPage';

export const TILBURG = { id: '00000000-0000-4000-8000-000000000001', name: 'Gemeente Tilburg', kind: 'GEMEENTE' as const };
export const UWV = { id: '00000000-0000-4000-8000-000000000002', name: 'UWV', kind: 'UWV' as const };

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

// The session's own client is only used to sign out or reset; the form talks to the mocks.
const sessionClient = {
  apollo: new ApolloClient({ cache: new InMemoryCache(), link: ApolloLink.empty() }),
  ws: createClient({ url: 'ws://127.0.0.1:9/graphql', lazy: true }),
};

/** Renders the form for balie@tilburg.demo, with `extra` answers besides sign-in and organisations. */
export function renderNewReferralForm(extra: MockedResponse[] = []) {
  return render(
    <MockedProvider mocks={[meMock, organisationsMock, ...extra]}>
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

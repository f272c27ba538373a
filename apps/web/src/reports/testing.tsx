import type { MockedResponse } from '@apollo/client/testing';
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { MockedProvider } from '@apollo/client/testing/react';
import { render } from '@testing-library/react';
import { createClient } from 'graphql-ws';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { MeDocument, type EmployeeRole } from '../api/generated';
import { MeProvider } from '../app/me';
import { SessionProvider } from '../auth/session';
import { AnnouncerProvider } from '../ui/announcer';

// Shared by the report screens' component tests (imported by specs only, never by the app).

export const TILBURG = { __typename: 'Organisation', id: '00000000-0000-4000-8000-000000000001', name: 'Gemeente Tilburg', kind: 'GEMEENTE' } as const;
export const UWV = { __typename: 'Organisation', id: '00000000-0000-4000-8000-000000000002', name: 'UWV', kind: 'UWV' } as const;

export function meMock(roles: EmployeeRole[], organisation: typeof TILBURG | typeof UWV = TILBURG): MockedResponse {
  return {
    request: { query: MeDocument },
    result: {
      data: {
        me: {
          __typename: 'Me',
          employee: { __typename: 'Employee', id: 'e1', name: 'Medewerker (demo)', username: 'demo@demo', roles },
          organisation: { ...organisation, gemeentecode: null },
        },
      },
    },
  };
}

const sessionClient = {
  apollo: new ApolloClient({ cache: new InMemoryCache(), link: ApolloLink.empty() }),
  ws: createClient({ url: 'ws://127.0.0.1:9/graphql', lazy: true }),
};

/** Renders one screen at `url` (route `path`) for a signed-in employee, against mocks. */
export function renderScreen(element: ReactElement, { mocks, url, path }: { mocks: MockedResponse[]; url: string; path: string }) {
  return render(
    <MockedProvider mocks={mocks}>
      <MemoryRouter initialEntries={[url]}>
        <SessionProvider client={sessionClient}>
          <AnnouncerProvider>
            <MeProvider loading={<p>laden</p>}>
              {() => (
                <Routes>
                  <Route path={path} element={element} />
                </Routes>
              )}
            </MeProvider>
          </AnnouncerProvider>
        </SessionProvider>
      </MemoryRouter>
    </MockedProvider>,
  );
}

import type { MockedResponse } from '@apollo/client/testing';
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { MockedProvider } from '@apollo/client/testing/react';
import { createClient } from 'graphql-ws';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { CreateReferralDocument, MeDocument, ReceivingOrganisationsDocument } from '../api/generated';
import { MeProvider } from '../app/me';
import { SessionProvider } from '../auth/session';
import { AnnouncerProvider } from '../ui/announcer';
import NewReferralPage from './NewReferralPage';

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

// The session's own client is only used to sign out or reset; the form talks to the mocks.
const sessionClient = {
  apollo: new ApolloClient({ cache: new InMemoryCache(), link: ApolloLink.empty() }),
  ws: createClient({ url: 'ws://127.0.0.1:9/graphql', lazy: true }),
};

function renderForm(extra: MockedResponse[] = []) {
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

describe('Nieuwe doorverwijzing (form rules)', () => {
  it('gives 11-test feedback on the BSN while typing', async () => {
    const user = userEvent.setup();
    renderForm();
    const bsn = await screen.findByLabelText(/^BSN/);
    await user.type(bsn, '1234');
    expect(screen.getByText('Nog 5 cijfers: een BSN heeft 9 cijfers.')).toBeInTheDocument();
    await user.type(bsn, '56789');
    expect(screen.getByText(/elfproef faalt/)).toBeInTheDocument();
    await user.clear(bsn);
    await user.type(bsn, '111222333');
    expect(screen.getByText('BSN klopt (elfproef).')).toBeInTheDocument();
    // The feedback is part of the field's description, so a screen reader reads it with the field.
    expect(bsn.getAttribute('aria-describedby')).toContain('bsn-status');
  });

  it('shows every missing required field at the field and in a summary, and sends nothing', async () => {
    const user = userEvent.setup();
    const sent = jest.fn(() => ({ data: null }));
    renderForm([{ request: { query: CreateReferralDocument, variables: () => true }, result: sent }]);
    await user.click(await screen.findByRole('button', { name: 'Doorverwijzing versturen' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Er zijn 7 problemen');
    const bsn = screen.getByLabelText(/^BSN/);
    expect(bsn).toHaveAttribute('aria-invalid', 'true');
    expect(bsn).toHaveAccessibleDescription(expect.stringContaining('Vul het BSN van de inwoner in.'));
    expect(screen.getByLabelText(/^Naam/)).toHaveAccessibleDescription('Vul de naam van de inwoner in.');
    expect(screen.getByLabelText(/^Het verhaal/)).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(summary).toHaveFocus());
    expect(sent).not.toHaveBeenCalled();
  });

  it('refuses to send without consent, with the message at the consent checkbox', async () => {
    const user = userEvent.setup();
    const sent = jest.fn(() => ({ data: null }));
    renderForm([{ request: { query: CreateReferralDocument, variables: () => true }, result: sent }]);
    await user.type(await screen.findByLabelText(/^BSN/), '111222333');
    await user.type(screen.getByLabelText(/^Naam/), 'J. Jansen');
    await user.selectOptions(screen.getByLabelText(/^Onderwerp/), 'WERK');
    await user.type(screen.getByLabelText(/^Het verhaal/), 'Zoekt werk na ontslag.');
    await user.click(await screen.findByLabelText('UWV: reageert binnen 2 werkdagen'));
    await user.click(screen.getByLabelText('Mondeling gevraagd'));
    await user.click(screen.getByRole('button', { name: 'Doorverwijzing versturen' }));

    const consent = screen.getByLabelText(/De inwoner geeft toestemming om te delen met UWV/);
    expect(consent).toHaveAttribute('aria-invalid', 'true');
    expect(consent).toHaveAccessibleDescription(expect.stringContaining('Zonder toestemming kunt u niet doorverwijzen'));
    expect(screen.getByRole('alert')).toHaveTextContent('Er is 1 probleem');
    expect(sent).not.toHaveBeenCalled();
  });

  it('puts a refusal from the server at the field it concerns', async () => {
    const user = userEvent.setup();
    renderForm([
      {
        request: { query: CreateReferralDocument, variables: () => true },
        result: {
          errors: [
            {
              message: 'Dit BSN is onbekend. / Unknown BSN.',
              extensions: { code: 'BAD_USER_INPUT', message_nl: 'Dit BSN kan niet worden gebruikt.', details: { field: 'citizen.bsn' } },
            },
          ],
        },
      },
    ]);
    await user.type(await screen.findByLabelText(/^BSN/), '111222333');
    await user.type(screen.getByLabelText(/^Naam/), 'J. Jansen');
    await user.selectOptions(screen.getByLabelText(/^Onderwerp/), 'WERK');
    await user.type(screen.getByLabelText(/^Het verhaal/), 'Zoekt werk na ontslag.');
    await user.click(await screen.findByLabelText('UWV: reageert binnen 2 werkdagen'));
    await user.click(screen.getByLabelText(/De inwoner geeft toestemming/));
    await user.click(screen.getByLabelText('Mondeling gevraagd'));
    await user.click(screen.getByRole('button', { name: 'Doorverwijzing versturen' }));

    const bsn = screen.getByLabelText(/^BSN/);
    await waitFor(() => expect(bsn).toHaveAttribute('aria-invalid', 'true'));
    expect(bsn).toHaveAccessibleDescription(expect.stringContaining('Dit BSN kan niet worden gebruikt.'));
    expect(screen.getByRole('alert')).toHaveTextContent('BSN: Dit BSN kan niet worden gebruikt.');
  });

  it('shows the receiving organisations with their norm, without the own organisation', async () => {
    renderForm();
    expect(await screen.findByLabelText('UWV: reageert binnen 2 werkdagen')).toBeInTheDocument();
    expect(screen.queryByLabelText(/Gemeente Tilburg:/)).not.toBeInTheDocument();
  });
});

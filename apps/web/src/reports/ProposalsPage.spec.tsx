import type { MockedResponse } from '@apollo/client/testing';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SimplificationProposalsDocument, UpdateSimplificationProposalStatusDocument, type ProposalStatus, type UpdateSimplificationProposalStatusMutationVariables } from '../api/generated';
import ProposalsPage from './ProposalsPage';
import { meMock, renderScreen, TILBURG, UWV } from './testing';

function proposal(status: ProposalStatus, extra: { canRespond: boolean; version?: number; rejectionReason?: string | null }) {
  return {
    __typename: 'SimplificationProposal',
    id: 'p1',
    author: { __typename: 'ReportOrganisation', id: TILBURG.id, name: TILBURG.name },
    owner: { __typename: 'ReportOrganisation', id: UWV.id, name: UWV.name },
    rule: 'Wet WIA art. 23',
    proposal: 'Voorschieten tijdens de wachttijd mogelijk maken.',
    status,
    response: null,
    rejectionReason: extra.rejectionReason ?? null,
    version: extra.version ?? 2,
    createdAt: '2026-11-02T09:00:00.000Z',
    updatedAt: '2026-11-03T09:00:00.000Z',
    canRespond: extra.canRespond,
    bottlenecks: [],
  };
}

function listMock(p: ReturnType<typeof proposal>): MockedResponse {
  return { request: { query: SimplificationProposalsDocument }, result: { data: { simplificationProposals: [p] } } };
}

const sent: UpdateSimplificationProposalStatusMutationVariables[] = [];

describe('Vereenvoudigingsagenda', () => {
  beforeEach(() => {
    sent.length = 0;
  });

  it('lets the owner reject only with a reason, and sends the version it showed', async () => {
    const user = userEvent.setup();
    const moved: MockedResponse = {
      request: {
        query: UpdateSimplificationProposalStatusDocument,
        variables: (v: UpdateSimplificationProposalStatusMutationVariables) => {
          sent.push(v);
          return true;
        },
      },
      result: { data: { updateSimplificationProposalStatus: proposal('AFGEWEZEN', { canRespond: false, version: 3, rejectionReason: 'Past niet in de wet.' }) } },
    };
    renderScreen(<ProposalsPage />, {
      mocks: [meMock(['SECRETARIS'], UWV), listMock(proposal('IN_BEHANDELING', { canRespond: true })), moved, listMock(proposal('AFGEWEZEN', { canRespond: false, version: 3, rejectionReason: 'Past niet in de wet.' }))],
      url: '/rapportages/agenda',
      path: '/rapportages/agenda',
    });
    const card = (await screen.findByRole('heading', { level: 3, name: 'Wet WIA art. 23' })).closest('li') as HTMLElement;
    await user.selectOptions(within(card).getByLabelText(/^Nieuwe status/), 'AFGEWEZEN');
    await user.click(within(card).getByRole('button', { name: 'Antwoord opslaan' }));
    const reason = within(card).getByLabelText(/^Reden van afwijzen/);
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveFocus();
    expect(sent).toHaveLength(0);

    await user.type(reason, 'Past niet in de wet.');
    await user.click(within(card).getByRole('button', { name: 'Antwoord opslaan' }));
    await screen.findByText('Reden van afwijzen: Past niet in de wet.');
    expect(sent[0]).toEqual({ input: { id: 'p1', status: 'AFGEWEZEN', expectedVersion: 2, response: null, rejectionReason: 'Past niet in de wet.' } });
  });

  it('shows no answer form to the organisation that made the voorstel', async () => {
    renderScreen(<ProposalsPage />, { mocks: [meMock(['BELEID'], TILBURG), listMock(proposal('INGEDIEND', { canRespond: false }))], url: '/rapportages/agenda', path: '/rapportages/agenda' });
    const card = (await screen.findByRole('heading', { level: 3, name: 'Wet WIA art. 23' })).closest('li') as HTMLElement;
    expect(within(card).getByText('Ingediend')).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: 'Antwoord opslaan' })).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: 'Van Gemeente Tilburg aan anderen (1)' })).toBeInTheDocument();
  });
});

import type { MockedResponse } from '@apollo/client/testing';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DoorMatchesDocument } from '../api/generated';
import { renderNewReferralForm, TILBURG, UWV } from '../referrals/new-referral.testing';

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

function renderForm() {
  return renderNewReferralForm([matchesMock]);
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

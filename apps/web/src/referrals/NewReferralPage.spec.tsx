import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CreateReferralDocument } from '../api/generated';
import { renderNewReferralForm as renderForm } from './new-referral.testing';

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

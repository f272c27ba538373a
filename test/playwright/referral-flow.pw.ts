import { expect, test, type Page } from '@playwright/test';
import { ApiActor } from './support/api';
import { ownerQuery } from './support/db';
import { openFromMenu, signInAsDemo } from './support/sign-in';

/**
 * The loop the product exists for, in two browsers at once: Tilburg's balie refers a citizen to
 * UWV; UWV's behandelaar sees it arrive and gets a melding without reloading, accepts, records
 * contact and completes; Tilburg's page shows "Afgerond" live.
 */

async function fillReferral(page: Page, story: string): Promise<void> {
  await page.getByLabel('BSN', { exact: true }).fill('111222333');
  await page.getByLabel(/^Naam/).fill('Fatima de Vries');
  await page.getByLabel(/^Telefoon/).fill('06-12345678');
  await page.getByLabel(/^Onderwerp/).selectOption('WERK');
  await page.getByLabel(/^Het verhaal/).fill(story);
  await page.getByRole('radio', { name: /^UWV: reageert binnen/ }).check();
  await page.getByLabel(/De inwoner geeft toestemming om te delen met UWV/).check();
  await page.getByRole('radio', { name: 'Mondeling gevraagd' }).check();
}

test('Tilburg verwijst warm door naar UWV; UWV pakt op en rondt af; Tilburg ziet het live', async ({ browser }) => {
  const story = `Verloor haar baan; de WW-aanvraag loopt vast (${Date.now()}).`;
  const tilburg = await (await browser.newContext()).newPage();
  const uwv = await (await browser.newContext()).newPage();

  // UWV's behandelaar is already looking at the inbox before the referral exists.
  await signInAsDemo(uwv, 'behandelaar@uwv.demo');
  await expect(uwv.getByRole('heading', { level: 1, name: 'Inkomend' })).toBeVisible();
  const asBehandelaar = await ApiActor.signIn('behandelaar@uwv.demo');
  const unread = async () =>
    (await asBehandelaar.graphql<{ notifications: { unreadCount: number } }>('{ notifications(first: 1) { unreadCount } }')).notifications.unreadCount;
  const unreadBefore = await unread();

  await signInAsDemo(tilburg, 'balie@tilburg.demo');
  await openFromMenu(tilburg, 'Nieuwe doorverwijzing');
  await fillReferral(tilburg, story);
  await tilburg.getByRole('button', { name: 'Doorverwijzing versturen' }).click();
  await expect(tilburg.getByRole('heading', { level: 1, name: 'Doorverwijzing: Werk' })).toBeVisible();
  await expect(tilburg.getByText(/^Verstuurd naar UWV. U ziet hier/)).toBeVisible();
  const referralId = tilburg.url().split('/').pop() ?? '';
  const [row] = await ownerQuery<{ summary: string }>('SELECT summary FROM referrals WHERE id = $1', [referralId]);
  expect(row.summary).toBe(story);

  // Without reloading: the new referral shows in UWV's inbox and the melding count goes up.
  const incoming = uwv.getByRole('table').getByRole('row').filter({ hasText: 'Gemeente Tilburg' }).filter({ hasText: 'Nieuw' });
  await expect(incoming.first()).toBeVisible();
  await expect(uwv.getByTestId('unread-count')).toContainText(String(unreadBefore + 1));
  await expect(uwv.getByTestId('live-region')).toContainText('Nieuwe melding');

  // UWV opens it from the melding, like a behandelaar would.
  await openFromMenu(uwv, /^Meldingen/);
  await uwv.getByRole('link', { name: /Nieuwe doorverwijzing van Gemeente Tilburg over Werk/ }).first().click();
  await expect(uwv.getByRole('heading', { level: 1, name: 'Doorverwijzing: Werk' })).toBeVisible();
  await expect(uwv.getByText(story)).toBeVisible();
  const step = uwv.locator('.schakel-chain__step').first();
  await expect(step.getByTestId('handoff-status')).toHaveText('Geopend');

  await uwv.getByRole('button', { name: 'Oppakken' }).click();
  await uwv.locator('form.schakel-action-form').getByRole('button', { name: 'Oppakken' }).click();
  await expect(step.getByTestId('handoff-status')).toHaveText('Opgepakt');
  // Tilburg sees each step as it happens.
  await expect(tilburg.locator('.schakel-chain__step').first().getByTestId('handoff-status')).toHaveText('Opgepakt');

  await uwv.getByRole('button', { name: 'Contact vastleggen' }).click();
  await uwv.getByLabel(/^Hoe had u contact/).selectOption('TELEFOON');
  await uwv.getByLabel(/^Wat is er besproken/).fill('Gebeld; samen de WW-aanvraag afgemaakt.');
  await uwv.locator('form.schakel-action-form').getByRole('button', { name: 'Contact vastleggen' }).click();
  await expect(step.getByTestId('handoff-status')).toHaveText('Contact gehad');

  await uwv.getByRole('button', { name: 'Afronden' }).click();
  await uwv.getByRole('radio', { name: 'Geholpen', exact: true }).check();
  await uwv.locator('form.schakel-action-form').getByRole('button', { name: 'Afronden' }).click();
  await expect(step.getByTestId('handoff-status')).toHaveText('Afgerond');

  // The loop closes on Tilburg's screen without a reload.
  await expect(tilburg.locator('.schakel-chain__step').first().getByTestId('handoff-status')).toHaveText('Afgerond');
  await expect(tilburg.getByTestId('referral-status')).toHaveText('Afgerond');
  await expect(tilburg.getByRole('listitem').filter({ hasText: 'Uitkomst: Geholpen' })).toBeVisible();

  // And Tilburg's outgoing list says so too.
  await openFromMenu(tilburg, 'Uitgaand');
  await tilburg.getByLabel('Status', { exact: true }).selectOption('COMPLETED');
  await expect(tilburg.locator(`tr:has(a[href="/doorverwijzingen/${referralId}"])`)).toContainText('Afgerond');
});

test('een dubbele klik op versturen maakt één doorverwijzing', async ({ page }) => {
  const story = `Dubbele klik ${Date.now()}`;
  await signInAsDemo(page, 'balie@tilburg.demo');
  await openFromMenu(page, 'Nieuwe doorverwijzing');
  await fillReferral(page, story);
  await page.getByRole('button', { name: 'Doorverwijzing versturen' }).dblclick();
  await expect(page.getByRole('heading', { level: 1, name: 'Doorverwijzing: Werk' })).toBeVisible();
  const rows = await ownerQuery<{ n: string }>('SELECT count(*)::text AS n FROM referrals WHERE summary = $1', [story]);
  expect(rows[0].n).toBe('1');
});

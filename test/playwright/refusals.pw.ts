import { expect, test, type Page } from '@playwright/test';
import { ApiActor, createReferral } from './support/api';
import { ownerQuery } from './support/db';
import { openFromMenu, signInAsDemo } from './support/sign-in';

/**
 * Refusals show where they belong and write nothing: an invalid BSN at the BSN field, missing
 * consent at the consent box, and a stale version explained with the fresh state shown.
 */

async function counts(): Promise<{ referrals: number; handoffs: number; events: number }> {
  const [row] = await ownerQuery<{ referrals: string; handoffs: string; events: string }>(
    `SELECT (SELECT count(*) FROM referrals)::text AS referrals, (SELECT count(*) FROM handoffs)::text AS handoffs,
            (SELECT count(*) FROM timeline_events)::text AS events`,
  );
  return { referrals: Number(row.referrals), handoffs: Number(row.handoffs), events: Number(row.events) };
}

async function fillAllBut(page: Page, skip: 'bsn' | 'consent'): Promise<void> {
  await page.getByLabel('BSN', { exact: true }).fill(skip === 'bsn' ? '123456789' : '111222333');
  await page.getByLabel(/^Naam/).fill('Fatima de Vries');
  await page.getByLabel(/^Onderwerp/).selectOption('TOESLAGEN');
  await page.getByLabel(/^Het verhaal/).fill('Toeslag teruggevorderd, betalingsregeling nodig.');
  await page.getByRole('radio', { name: /^Belastingdienst: reageert binnen/ }).check();
  if (skip !== 'consent') await page.getByLabel(/De inwoner geeft toestemming/).check();
  await page.getByRole('radio', { name: 'Schriftelijk (op papier)' }).check();
}

test.beforeEach(async ({ page }) => {
  await signInAsDemo(page, 'balie@tilburg.demo');
  await openFromMenu(page, 'Nieuwe doorverwijzing');
});

test('een ongeldig BSN: melding bij het veld, direct tijdens het typen en na versturen; niets opgeslagen', async ({ page }) => {
  const before = await counts();
  await fillAllBut(page, 'bsn');
  const bsn = page.getByLabel('BSN', { exact: true });
  await expect(page.locator('#bsn-status')).toContainText('elfproef');
  await page.getByRole('button', { name: 'Doorverwijzing versturen' }).click();
  await expect(bsn).toHaveAttribute('aria-invalid', 'true');
  await expect(bsn).toHaveAccessibleDescription(/elfproef/);
  const summary = page.getByRole('alert').filter({ hasText: 'Er is 1 probleem' });
  await expect(summary).toBeFocused();
  // The summary links to the field.
  await summary.getByRole('link', { name: /BSN/ }).click();
  await expect(bsn).toBeFocused();
  expect(await counts()).toEqual(before);
});

test('een leeg formulier: de foutenlijst brengt u bij elk veld, ook bij keuzerondjes', async ({ page }) => {
  const before = await counts();
  await page.getByRole('button', { name: 'Doorverwijzing versturen' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Er zijn 7 problemen' });
  await expect(summary).toBeFocused();
  await summary.getByRole('link', { name: /^Naar organisatie/ }).click();
  await expect(page.getByRole('radiogroup', { name: /Naar organisatie/ }).getByRole('radio').first()).toBeFocused();
  await summary.getByRole('link', { name: /^Hoe gevraagd/ }).click();
  await expect(page.getByRole('radio', { name: 'Mondeling gevraagd' })).toBeFocused();
  expect(await counts()).toEqual(before);
});

test('geen toestemming: melding bij de toestemming; niets opgeslagen', async ({ page }) => {
  const before = await counts();
  await fillAllBut(page, 'consent');
  await page.getByRole('button', { name: 'Doorverwijzing versturen' }).click();
  const consent = page.getByLabel(/De inwoner geeft toestemming om te delen met Belastingdienst/);
  await expect(consent).toHaveAttribute('aria-invalid', 'true');
  await expect(consent).toHaveAccessibleDescription(/Zonder toestemming kunt u niet doorverwijzen/);
  expect(await counts()).toEqual(before);
});

test('een verouderde versie: uitgelegd, met de nieuwe stand; niets dubbel opgeslagen', async ({ browser }) => {
  const balie = await ApiActor.signIn('balie@tilburg.demo');
  const created = await createReferral(balie, 'UWV');
  const page = await (await browser.newContext()).newPage();
  await signInAsDemo(page, 'behandelaar@uwv.demo', `/doorverwijzingen/${created.id}`);
  const step = page.locator('.schakel-chain__step').first();
  await expect(step.getByTestId('handoff-status')).toHaveText('Geopend');

  // The behandelaar opens "Oppakken"; meanwhile the coördinator accepts it elsewhere.
  await page.getByRole('button', { name: 'Oppakken' }).click();
  const coordinator = await ApiActor.signIn('coordinator@uwv.demo');
  const { handoff } = await coordinator.graphql<{ handoff: { version: number } }>('query ($id: ID!) { handoff(id: $id) { version } }', { id: created.currentHandoff.id });
  await coordinator.graphql('mutation ($id: ID!, $v: Int!) { acceptHandoff(id: $id, input: { expectedVersion: $v }) { id } }', { id: created.currentHandoff.id, v: handoff.version });
  // The page follows live, but the open form keeps the version it was opened on.
  await expect(step.getByTestId('handoff-status')).toHaveText('Opgepakt');
  const before = await counts();

  await page.locator('form.schakel-action-form').getByRole('button', { name: 'Oppakken' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Iemand anders heeft dit net gewijzigd' })).toBeVisible();
  await expect(step).toContainText('behandelaar: Coördinator UWV');
  expect(await counts()).toEqual(before);
  const [row] = await ownerQuery<{ status: string; accepts: string }>(
    `SELECT h.status, (SELECT count(*) FROM timeline_events t WHERE t.handoff_id = h.id AND t.type = 'ACCEPTED')::text AS accepts
       FROM handoffs h WHERE h.id = $1`,
    [created.currentHandoff.id],
  );
  expect(row).toEqual({ status: 'ACCEPTED', accepts: '1' });
});

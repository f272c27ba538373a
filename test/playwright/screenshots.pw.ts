import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ApiActor, createReferral } from './support/api';
import { openFromMenu, signInAsDemo } from './support/sign-in';

/**
 * `npm run screenshots`: the main screens as a new user sees them, saved to docs/screenshots/
 * for the README. Skipped in `npm test` (it checks nothing the other suites do not).
 */
const OUT = join(__dirname, '..', '..', 'docs', 'screenshots');

test.skip(!process.env.SCHAKEL_SCREENSHOTS, 'alleen met npm run screenshots');
test.use({ viewport: { width: 1280, height: 860 } });

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  // Let late fonts and live updates settle; the screenshots are for people, not assertions.
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
}

test('de hoofdschermen', async ({ browser }) => {
  const balieApi = await ApiActor.signIn('balie@tilburg.demo');
  const first = await createReferral(balieApi, 'UWV', { name: 'Fatima de Vries', topic: 'WERK', urgency: 'HOOG' });
  await createReferral(balieApi, 'UWV', { bsn: '123456782', name: 'Henk Jansen', topic: 'INKOMEN', urgency: 'NORMAAL', summary: 'Inkomen valt weg na ontslag; huur kan niet betaald worden.' });
  const uwvApi = await ApiActor.signIn('behandelaar@uwv.demo');
  const { handoff } = await uwvApi.graphql<{ handoff: { version: number } }>('query ($id: ID!) { handoff(id: $id) { version } }', { id: first.currentHandoff.id });
  await uwvApi.graphql('mutation ($id: ID!, $v: Int!) { acceptHandoff(id: $id, input: { expectedVersion: $v }) { id } }', { id: first.currentHandoff.id, v: handoff.version });

  const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  await page.goto('/');
  await page.getByLabel('Medewerker', { exact: true }).selectOption('balie@tilburg.demo');
  await shoot(page, '01-aanmelden');

  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uitgaand' })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row').nth(2)).toBeVisible();
  await shoot(page, '02-uitgaand');

  await openFromMenu(page, 'Nieuwe doorverwijzing');
  await page.getByLabel('BSN', { exact: true }).fill('12345678');
  await page.getByLabel(/^Naam/).fill('Johan Bakker');
  await page.getByLabel(/^Onderwerp/).selectOption('TOESLAGEN');
  await page.getByLabel(/^Het verhaal/).fill('Huurtoeslag teruggevorderd; er loopt ook een schuld bij de gemeente. Heeft een betalingsregeling nodig.');
  await page.getByRole('button', { name: 'Doorverwijzing versturen' }).click();
  await shoot(page, '03-nieuwe-doorverwijzing-fouten', true);

  const uwv = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  await signInAsDemo(uwv, 'behandelaar@uwv.demo');
  await expect(uwv.getByRole('table').getByRole('row').nth(2)).toBeVisible();
  await shoot(uwv, '04-inkomend');
  await uwv.locator(`a[href="/doorverwijzingen/${first.id}"]`).click();
  await uwv.getByRole('button', { name: 'Contact vastleggen' }).click();
  await uwv.getByLabel(/^Hoe had u contact/).selectOption('TELEFOON');
  await uwv.getByLabel(/^Wat is er besproken/).fill('Gebeld; afspraak op het UWV-kantoor gemaakt.');
  await shoot(uwv, '05-doorverwijzing', true);

  await openFromMenu(uwv, /^Meldingen/);
  await expect(uwv.getByRole('heading', { level: 1, name: 'Meldingen' })).toBeVisible();
  await shoot(uwv, '06-meldingen');

  const mobile = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await signInAsDemo(mobile, 'balie@tilburg.demo');
  await openFromMenu(mobile, 'Nieuwe doorverwijzing');
  await expect(mobile.getByRole('radio').first()).toBeVisible();
  await shoot(mobile, '07-mobiel-360px');
});

import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ApiActor, createReferral } from './support/api';
import { openFromMenu, signInAsDemo } from './support/sign-in';
import { stack } from './support/stack';

/**
 * `npm run screenshots`: the main screens as a new user sees them, saved to docs/screenshots/
 * for the README. Skipped in `npm test` (it checks nothing the other suites do not).
 */
const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'docs', 'screenshots');

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

test('het jaarrapport', async ({ browser }) => {
  // The e2e stack seeds no demo year; the year report should show one, so run the seed of
  // `npm start` (scripts/db-seed.ts, idempotent) against this run's database.
  const { ownerUrl, appUrl, redisUrl } = stack();
  const seed = spawnSync(process.execPath, ['-r', join(ROOT, 'scripts', 'runtime-paths.cjs'), join(ROOT, 'dist', 'scripts', 'db-seed.js')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_OWNER_URL: ownerUrl, DATABASE_URL: appUrl, REDIS_URL: redisUrl },
    encoding: 'utf8',
  });
  expect(seed.status, seed.stderr).toBe(0);

  const year = new Date().getFullYear();
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  await signInAsDemo(page, 'secretaris@tilburg.demo', `/rapportages/jaarrapport?jaar=${year}`);
  await expect(page.getByRole('heading', { level: 1, name: `Staat van de uitvoering ${year}` })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'De cijfers' })).toBeVisible();
  // As it prints: stories first, no menus or buttons.
  await page.emulateMedia({ media: 'print' });
  await shoot(page, '08-jaarrapport');

  // The bottleneck report with its chart beside the table.
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('navigation', { name: 'Rapportages' }).getByRole('link', { name: 'Knelpuntenrapportage' }).click();
  await expect(page.getByRole('table', { name: 'Knelpunten per maand' })).toBeVisible();
  await page.waitForTimeout(300);
  await page.locator('section[aria-labelledby="verloop-titel"]').screenshot({ path: join(OUT, '09-knelpuntenrapportage.png') });
});

import { expect, test } from '@playwright/test';
import { ownerQuery } from './support/db';
import { openFromMenu, signInAsDemo } from './support/sign-in';

/**
 * Tokens live in memory only, and a session that runs out asks to sign in again over the page,
 * so a half-filled form survives. Sign-out forgets everything.
 */

test('een verlopen sessie vraagt opnieuw aan te melden en houdt het formulier vast', async ({ page }) => {
  // A short session: the development issuer accepts expiresInSeconds outside production.
  await page.route('**/auth/dev/token', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
    await route.continue({ postData: JSON.stringify({ ...body, expiresInSeconds: 12 }) });
  });
  await signInAsDemo(page, 'balie@tilburg.demo');
  await page.unroute('**/auth/dev/token');

  // Nothing of the session on disk.
  const stored = await page.evaluate<string>('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })');
  expect(stored).not.toMatch(/ey[A-Za-z0-9_-]{10,}\./);

  await openFromMenu(page, 'Nieuwe doorverwijzing');
  const story = `Sessie verliep halverwege (${Date.now()}).`;
  await page.getByLabel('BSN', { exact: true }).fill('123456782');
  await page.getByLabel(/^Naam/).fill('Henk Jansen');
  await page.getByLabel(/^Onderwerp/).selectOption('SCHULDEN');
  await page.getByLabel(/^Het verhaal/).fill(story);

  const dialog = page.getByRole('dialog', { name: 'Uw sessie is verlopen' });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await dialog.getByLabel('Medewerker', { exact: true }).selectOption('balie@tilburg.demo');
  await dialog.getByRole('button', { name: 'Opnieuw aanmelden' }).click();
  await expect(dialog).toBeHidden();

  // The form is as it was; finish it and send.
  await expect(page.getByLabel('BSN', { exact: true })).toHaveValue('123456782');
  await expect(page.getByLabel(/^Het verhaal/)).toHaveValue(story);
  await page.getByRole('radio', { name: /^Sociale Verzekeringsbank: reageert binnen/ }).check();
  await page.getByLabel(/De inwoner geeft toestemming/).check();
  await page.getByRole('radio', { name: 'Digitaal' }).check();
  await page.getByRole('button', { name: 'Doorverwijzing versturen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Doorverwijzing: Schulden' })).toBeVisible();
  const rows = await ownerQuery<{ n: string }>('SELECT count(*)::text AS n FROM referrals WHERE summary = $1', [story]);
  expect(rows[0].n).toBe('1');
});

test('afmelden wist de sessie; herladen betekent opnieuw aanmelden', async ({ page }) => {
  await signInAsDemo(page, 'behandelaar@uwv.demo');
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden bij Schakel' })).toBeVisible();

  await signInAsDemo(page, 'behandelaar@uwv.demo');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden bij Schakel' })).toBeVisible();
});

import { expect, type Page, test } from '@playwright/test';
import { ApiActor, createReferral } from './support/api';
import { expectNoAxeViolations, expectNoHorizontalScroll } from './support/axe';
import { openFromMenu, signInAsDemo } from './support/sign-in';

/**
 * WCAG 2.1 AA (axe-core, tags wcag2a/aa and wcag21a/aa) on every screen of the web app, in the
 * state a user sees it: lists with rows, forms empty and with errors, an action form open, the
 * session-expired dialog. The form and the detail page again at 360 px (reflow, WCAG 1.4.10).
 */

let referralId: string;

test.beforeAll(async () => {
  // Something in the lists, the detail page and the meldingen: Tilburg refers two citizens to UWV.
  const balie = await ApiActor.signIn('balie@tilburg.demo');
  referralId = (await createReferral(balie, 'UWV')).id;
  await createReferral(balie, 'UWV', { bsn: '123456782', name: 'Henk Jansen', topic: 'INKOMEN', urgency: 'NORMAAL', summary: 'Inkomen valt weg na ontslag.' });
});

async function openNewReferralForm(page: Page): Promise<void> {
  await openFromMenu(page, 'Nieuwe doorverwijzing');
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe doorverwijzing' })).toBeVisible();
  // The receivers load after the page: wait for them, so axe sees the whole form.
  await expect(page.getByRole('radiogroup', { name: /Naar organisatie/ }).getByRole('radio').first()).toBeVisible();
}

async function submitWithErrors(page: Page): Promise<void> {
  await page.getByLabel('BSN', { exact: true }).fill('123456789');
  await page.getByRole('button', { name: 'Doorverwijzing versturen' }).click();
  const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: /problemen?$/ }) });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page.getByLabel('BSN', { exact: true })).toHaveAttribute('aria-invalid', 'true');
}

/** The detail page as UWV's behandelaar, with the "Doorsturen" form open (and, if asked, its errors). */
async function openDetailWithActionForm(page: Page, withErrors: boolean): Promise<void> {
  await signInAsDemo(page, 'behandelaar@uwv.demo', `/doorverwijzingen/${referralId}`);
  await expect(page.getByRole('heading', { level: 1, name: /^Doorverwijzing: / })).toBeVisible();
  await page.getByRole('button', { name: 'Doorsturen' }).click();
  await expect(page.getByRole('heading', { level: 4, name: 'Doorsturen' })).toBeFocused();
  await expect(page.getByLabel(/^Naar organisatie/).locator('option').nth(1)).toBeAttached();
  if (withErrors) {
    await page.locator('form.schakel-action-form').getByRole('button', { name: 'Doorsturen' }).click();
    await expect(page.getByLabel(/^Waarom deze organisatie/)).toHaveAttribute('aria-invalid', 'true');
  }
}

test('aanmeldscherm', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden bij Schakel' })).toBeVisible();
  await expect(page.getByLabel('Medewerker', { exact: true }).locator('option[value="balie@tilburg.demo"]')).toBeAttached();
  await expectNoAxeViolations(page, 'het aanmeldscherm');
});

test('Inkomend', async ({ page }) => {
  await signInAsDemo(page, 'behandelaar@uwv.demo');
  await expect(page.getByRole('heading', { level: 1, name: 'Inkomend' })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row').nth(1)).toBeVisible();
  await expectNoAxeViolations(page, 'Inkomend');
});

test('Uitgaand', async ({ page }) => {
  await signInAsDemo(page, 'balie@tilburg.demo');
  await expect(page.getByRole('heading', { level: 1, name: 'Uitgaand' })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row').nth(1)).toBeVisible();
  await expectNoAxeViolations(page, 'Uitgaand');
});

test('Nieuwe doorverwijzing, leeg en na versturen met fouten', async ({ page }) => {
  await signInAsDemo(page, 'balie@tilburg.demo');
  await openNewReferralForm(page);
  await expectNoAxeViolations(page, 'het lege formulier');
  await submitWithErrors(page);
  await expectNoAxeViolations(page, 'het formulier met fouten');
});

test('doorverwijzing met een actieformulier open', async ({ page }) => {
  await openDetailWithActionForm(page, false);
  await expectNoAxeViolations(page, 'de doorverwijzing met het formulier Doorsturen');
  await page.locator('form.schakel-action-form').getByRole('button', { name: 'Doorsturen' }).click();
  await expect(page.getByLabel(/^Waarom deze organisatie/)).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'de doorverwijzing met fouten in het formulier Doorsturen');
});

test('Meldingen', async ({ page }) => {
  await signInAsDemo(page, 'coordinator@uwv.demo');
  // The worker turns the new handoffs into meldingen; the badge counts them live.
  await expect(page.getByTestId('unread-count')).toHaveText(/[1-9]/, { timeout: 20_000 });
  await openFromMenu(page, /^Meldingen/);
  await expect(page.getByRole('heading', { level: 1, name: 'Meldingen' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Meldingen' }).getByRole('listitem').first()).toBeVisible();
  await expectNoAxeViolations(page, 'Meldingen');
});

test('Actielijsten en een nieuwe actielijst, als beleidsmedewerker', async ({ page }) => {
  // A beleidsmedewerker drafts but does not sign; a secretaris also keeps signing keys.
  await signInAsDemo(page, 'beleid@tilburg.demo');
  await expect(page.getByRole('heading', { level: 1, name: 'Actielijsten' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Mijn ondertekensleutels' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'Actielijsten');
  await page.getByRole('link', { name: 'Nieuwe actielijst' }).click();
  await expect(page.getByRole('checkbox', { name: 'UWV' })).toBeVisible();
  await page.getByRole('button', { name: 'Actie toevoegen' }).click();
  await page.getByRole('button', { name: 'Afspraak toevoegen' }).click();
  await expectNoAxeViolations(page, 'Nieuwe actielijst met een actie en een afspraak');
  await page.getByRole('button', { name: 'Concept opslaan' }).click();
  await expect(page.getByRole('alert').filter({ has: page.getByRole('heading', { name: /problemen?$/ }) })).toBeFocused();
  await expectNoAxeViolations(page, 'Nieuwe actielijst met fouten');
});

test('Mijn ondertekensleutels', async ({ page }) => {
  await signInAsDemo(page, 'secretaris@svb.demo');
  await page.getByRole('link', { name: 'Mijn ondertekensleutels' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn ondertekensleutels' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sleutel maken in deze browser' })).toBeVisible();
  await expectNoAxeViolations(page, 'Mijn ondertekensleutels');
});

test('sessie verlopen', async ({ page }) => {
  // A development token of 12 s (the API allows 5 s and up); the app asks to sign in again 5 s
  // before the end. Only the first token is short, so signing in again in the dialog sticks.
  let shortened = false;
  await page.route('**/auth/dev/token', async (route) => {
    if (shortened) return route.continue();
    shortened = true;
    const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
    await route.continue({ postData: JSON.stringify({ ...body, expiresInSeconds: 12 }) });
  });
  await signInAsDemo(page, 'balie@tilburg.demo');
  await openNewReferralForm(page);
  await page.getByLabel('Naam', { exact: true }).fill('Fatima de Vries');

  const dialog = page.getByRole('dialog', { name: 'Uw sessie is verlopen' });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await expect(dialog.getByLabel('Medewerker', { exact: true }).locator('option[value="balie@tilburg.demo"]')).toBeAttached();
  await expectNoAxeViolations(page, 'de dialoog Uw sessie is verlopen');

  // Signing in again keeps the half-filled form.
  await expect(dialog.getByLabel('Medewerker', { exact: true })).toHaveValue('balie@tilburg.demo');
  await dialog.getByRole('button', { name: 'Opnieuw aanmelden' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Naam', { exact: true })).toHaveValue('Fatima de Vries');
});

test.describe('op een smal scherm (360 px)', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('Nieuwe doorverwijzing, leeg en met fouten', async ({ page }) => {
    await signInAsDemo(page, 'balie@tilburg.demo');
    await openNewReferralForm(page);
    await expectNoHorizontalScroll(page, 360);
    await expectNoAxeViolations(page, 'het lege formulier op 360 px');
    await submitWithErrors(page);
    await expectNoHorizontalScroll(page, 360);
    await expectNoAxeViolations(page, 'het formulier met fouten op 360 px');
  });

  test('Inkomend', async ({ page }) => {
    await signInAsDemo(page, 'behandelaar@uwv.demo');
    await expect(page.getByRole('table').getByRole('row').nth(1)).toBeVisible();
    await expectNoHorizontalScroll(page, 360);
    await expectNoAxeViolations(page, 'Inkomend op 360 px');
  });

  test('doorverwijzing met een actieformulier open', async ({ page }) => {
    await openDetailWithActionForm(page, true);
    await expectNoHorizontalScroll(page, 360);
    await expectNoAxeViolations(page, 'de doorverwijzing met het formulier Doorsturen op 360 px');
  });
});

/** Follows a link of the Rapportages sub menu and waits for its page. */
async function openReport(page: Page, link: string, heading: string | RegExp): Promise<void> {
  await page.getByRole('navigation', { name: 'Rapportages' }).getByRole('link', { name: link }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

test('Rapportages als beleidsmedewerker: beide rapportages, leerverhalen, agenda, nieuw voorstel met fouten, jaarrapport', async ({ page }) => {
  await signInAsDemo(page, 'beleid@tilburg.demo');
  await openFromMenu(page, 'Rapportages');
  await expect(page.getByRole('heading', { level: 1, name: 'Knelpuntenrapportage' })).toBeVisible();
  await expect(page.getByTestId('bottleneck-report')).toBeVisible();
  await expectNoAxeViolations(page, 'Knelpuntenrapportage');
  await openReport(page, 'Staat van de uitvoering', 'Staat van de uitvoering');
  await expect(page.getByTestId('execution-report')).toBeVisible();
  await expectNoAxeViolations(page, 'Staat van de uitvoering');
  await openReport(page, 'Leerverhalen', 'Leerverhalen');
  await expectNoAxeViolations(page, 'Leerverhalen (rapportages)');
  await openReport(page, 'Vereenvoudigingsagenda', 'Vereenvoudigingsagenda');
  await expectNoAxeViolations(page, 'Vereenvoudigingsagenda');
  await page.getByRole('link', { name: 'Nieuw voorstel' }).click();
  await page.getByRole('button', { name: 'Voorstel indienen' }).click();
  await expect(page.getByRole('alert').filter({ has: page.getByRole('heading', { name: /problemen?$/ }) })).toBeFocused();
  await expectNoAxeViolations(page, 'Nieuw voorstel met fouten');
  await openReport(page, 'Jaarrapport', /^Staat van de uitvoering \d{4}$/);
  await expect(page.getByRole('heading', { level: 2, name: 'De cijfers' })).toBeVisible();
  await expectNoAxeViolations(page, 'Jaarrapport');
});

test('Leerverhalen en Nieuw leerverhaal met fouten, als coördinator', async ({ page }) => {
  await signInAsDemo(page, 'coordinator@uwv.demo');
  await openFromMenu(page, 'Leerverhalen');
  await expect(page.getByRole('heading', { level: 1, name: 'Leerverhalen' })).toBeVisible();
  await expectNoAxeViolations(page, 'Leerverhalen');
  await page.getByRole('link', { name: 'Nieuw leerverhaal' }).click();
  await page.getByRole('button', { name: 'Leerverhaal opslaan' }).click();
  await expect(page.getByRole('alert').filter({ has: page.getByRole('heading', { name: /problemen?$/ }) })).toBeFocused();
  await expectNoAxeViolations(page, 'Nieuw leerverhaal met fouten');
});

test.describe('Rapportages op een smal scherm (360 px)', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('knelpunten, uitvoering, agenda en jaarrapport', async ({ page }) => {
    await signInAsDemo(page, 'secretaris@tilburg.demo');
    await openFromMenu(page, 'Rapportages');
    await expect(page.getByTestId('bottleneck-report')).toBeVisible();
    await expectNoHorizontalScroll(page, 360);
    await expectNoAxeViolations(page, 'Knelpuntenrapportage op 360 px');
    for (const [link, heading] of [
      ['Staat van de uitvoering', 'Staat van de uitvoering'],
      ['Vereenvoudigingsagenda', 'Vereenvoudigingsagenda'],
      ['Jaarrapport', /^Staat van de uitvoering \d{4}$/],
    ] as const) {
      await openReport(page, link, heading);
      await expect(page.locator('main table').first()).toBeVisible();
      await expectNoHorizontalScroll(page, 360);
    }
    await expectNoAxeViolations(page, 'Jaarrapport op 360 px');
  });
});

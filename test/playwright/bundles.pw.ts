import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { ownerQuery } from './support/db';
import { openFromMenu, signInAsDemo } from './support/sign-in';

/**
 * Household bundles at the desk (issue 13): Tilburg's balie makes a bundle for an applicant and a
 * partner in one intake and sees the bundle view; the Belastingdienst, which only the applicant
 * consented to, sees the applicant and nothing of the partner. Axe on every bundle screen.
 */

const APPLICANT = 'Sanne Huishouden';
const PARTNER = 'Karim Huishouden';

async function fillMember(page: Page, index: number, bsn: string, name: string, consents: string[]): Promise<void> {
  const member = page.getByRole('region', { name: `Gezinslid ${index}` });
  await member.getByLabel('BSN', { exact: true }).fill(bsn);
  await member.getByLabel(/^Naam/).fill(name);
  for (const organisation of consents) await member.getByRole('checkbox', { name: organisation, exact: true }).check();
}

async function fillPart(page: Page, index: number, organisation: string, topic: string, story: string): Promise<void> {
  const part = page.getByRole('region', { name: `Onderdeel ${index}` });
  await part.getByLabel(/^Naar organisatie/).selectOption({ label: organisation });
  await part.getByLabel(/^Onderwerp/).selectOption(topic);
  await part.getByLabel(/^Het verhaal/).fill(story);
}

test('een balie maakt een bundel aan de balie; een ontvanger zonder toestemming van de partner ziet de partner niet', async ({ browser }) => {
  // Two sign-ins, a long form and five axe runs: more than the default minute on a busy machine.
  test.setTimeout(150_000);
  const tilburg = await (await browser.newContext()).newPage();
  await signInAsDemo(tilburg, 'balie@tilburg.demo');
  await openFromMenu(tilburg, 'Bundels');
  await expect(tilburg.getByRole('heading', { level: 1, name: 'Bundels' })).toBeVisible();
  await expectNoAxeViolations(tilburg, 'Bundels');

  await tilburg.getByRole('link', { name: 'Nieuwe bundel maken' }).click();
  await expect(tilburg.getByRole('heading', { level: 1, name: 'Nieuwe bundel' })).toBeVisible();
  await expectNoAxeViolations(tilburg, 'Nieuwe bundel');

  // Sent empty: an error summary that links to the fields, and nothing is written.
  const bundlesBefore = (await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM bundles'))[0].n;
  await tilburg.getByRole('button', { name: 'Bundel versturen' }).click();
  const summary = tilburg.getByRole('alert').filter({ hasText: /problemen/ });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link', { name: /Gezinslid 1: BSN/ })).toBeVisible();
  await expectNoAxeViolations(tilburg, 'Nieuwe bundel met fouten');
  // An invalid BSN is caught while typing (11-test).
  await tilburg.getByRole('region', { name: 'Gezinslid 1' }).getByLabel('BSN', { exact: true }).fill('123456789');
  await expect(tilburg.getByText(/de elfproef faalt/)).toBeVisible();

  await fillMember(tilburg, 1, '111222333', APPLICANT, ['UWV', 'Belastingdienst']);
  await tilburg.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
  await fillMember(tilburg, 2, '123456782', PARTNER, ['UWV']);
  await tilburg.getByRole('region', { name: 'Gezinslid 2' }).getByLabel(/^Rol in het huishouden/).selectOption('PARTNER');
  await fillPart(tilburg, 1, 'Belastingdienst', 'TOESLAGEN', 'Terugvordering huurtoeslag; wil een betalingsregeling.');
  await fillPart(tilburg, 2, 'UWV', 'WERK', 'Werk kwijt; hulp bij de WW-aanvraag.');
  await tilburg.getByRole('radio', { name: 'Gemeente Tilburg (uw organisatie)' }).check();
  await tilburg.getByRole('button', { name: 'Bundel versturen' }).click();

  await expect(tilburg.getByRole('heading', { level: 1, name: 'Bundel' })).toBeVisible();
  await expect(tilburg.getByText(/De bundel is verstuurd/)).toBeVisible();
  await expect(tilburg.getByRole('heading', { level: 2, name: `${APPLICANT} (aanvrager)` })).toBeVisible();
  await expect(tilburg.getByRole('heading', { level: 2, name: `${PARTNER} (partner)` })).toBeVisible();
  await expect(tilburg.getByTestId('bundle-part')).toHaveCount(2);
  // A balie of the regie organisation does not close bundles; the page says why the button is off.
  await expect(tilburg.getByText('Alleen een coördinator of behandelaar kan de bundel sluiten.')).toBeVisible();
  await expect(tilburg.getByRole('button', { name: 'Bundel sluiten' })).toHaveAttribute('aria-disabled', 'true');
  await expectNoAxeViolations(tilburg, 'Bundel');
  const bundleId = tilburg.url().split('/').pop() ?? '';
  expect((await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM bundles'))[0].n).toBe(bundlesBefore + 1);
  expect((await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM bundle_parts WHERE bundle_id = $1', [bundleId]))[0].n).toBe(2);

  // The Belastingdienst: only the applicant, her part linked; not a trace of the partner.
  const belastingdienst = await (await browser.newContext()).newPage();
  await signInAsDemo(belastingdienst, 'behandelaar@belastingdienst.demo');
  await openFromMenu(belastingdienst, 'Bundels');
  await belastingdienst.getByRole('link', { name: new RegExp(`Bundel ${bundleId.slice(0, 8).toUpperCase()} van .*Gemeente Tilburg`) }).first().click();
  await expect(belastingdienst.getByRole('heading', { level: 1, name: 'Bundel' })).toBeVisible();
  await expect(belastingdienst.getByRole('heading', { level: 2, name: `${APPLICANT} (aanvrager)` })).toBeVisible();
  await expect(belastingdienst.getByTestId('bundle-member')).toHaveCount(1);
  await expect(belastingdienst.getByTestId('bundle-part')).toHaveCount(1);
  await expect(belastingdienst.locator('main')).not.toContainText(PARTNER);
  await expect(belastingdienst.locator('main')).not.toContainText('UWV');
  await expect(belastingdienst.getByText('Alleen de organisatie met de regie kan de bundel sluiten.')).toBeVisible();
  await expectNoAxeViolations(belastingdienst, 'Bundel (ontvanger)');

  // From its part to the referral, which links back to the bundle.
  await belastingdienst.getByRole('link', { name: 'Toeslagen' }).click();
  await expect(belastingdienst.getByRole('heading', { level: 1, name: 'Doorverwijzing: Toeslagen' })).toBeVisible();
  await expect(belastingdienst.getByRole('link', { name: 'Onderdeel van bundel' })).toBeVisible();
});

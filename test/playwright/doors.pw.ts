import { expect, test } from '@playwright/test';
import { ApiActor } from './support/api';
import { expectNoAxeViolations, expectNoHorizontalScroll } from './support/axe';
import { ownerQuery } from './support/db';
import { openFromMenu, signInAsDemo } from './support/sign-in';

/**
 * The sociale kaart in the browser: a balie picks a ranked door while referring (the door chooses
 * the receiving organisation and shows its checklist), a coördinator maintains a door with its
 * version history and sees a clear message when a colleague saved first. Axe on both new screens.
 */

const UPDATE_DOOR = `mutation ($id: ID!, $v: Int!, $input: DoorInput!) { updateDoor(id: $id, expectedVersion: $v, input: $input) { version } }`;

test('de balie kiest een loket uit de gerangschikte lijst bij het doorverwijzen', async ({ page }) => {
  const story = `Zoekt werk na ontslag; via de sociale kaart (${Date.now()}).`;
  await signInAsDemo(page, 'balie@tilburg.demo');
  await openFromMenu(page, 'Nieuwe doorverwijzing');
  await page.getByLabel('BSN', { exact: true }).fill('111222333');
  await page.getByLabel(/^Naam/).fill('Fatima de Vries');
  await page.getByLabel(/^Onderwerp/).selectOption('WERK');
  await page.getByLabel(/^Gemeente van de inwoner/).selectOption('0855');
  await page.getByLabel(/^Het verhaal/).fill(story);

  const doors = page.getByRole('radiogroup', { name: /Loketten voor deze inwoner/ });
  const uwv = doors.getByRole('radio', { name: /^WW en werk \(UWV\): reageert binnen .*Onderwerp Werk, landelijk loket/ });
  await expect(uwv).toBeVisible();
  // The own organisation's doors are not offered (a referral goes to another organisation).
  await expect(doors.getByRole('radio', { name: /Gemeente Tilburg/ })).toHaveCount(0);
  await uwv.check();
  await expect(page.getByText('WW en werk wil graag weten:')).toBeVisible();
  await expect(page.getByText('Laatste loonstrook of uitkeringsspecificatie')).toBeVisible();
  // Choosing the door chose its organisation.
  await expect(page.getByRole('radiogroup', { name: /Naar organisatie/ }).getByRole('radio', { name: /^UWV: / })).toBeChecked();
  await expectNoAxeViolations(page, 'nieuwe doorverwijzing met loketten');

  await page.getByLabel(/De inwoner geeft toestemming om te delen met UWV/).check();
  await page.getByRole('radio', { name: 'Mondeling gevraagd' }).check();
  await page.getByRole('button', { name: 'Doorverwijzing versturen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Doorverwijzing: Werk' })).toBeVisible();
  const referralId = page.url().split('/').pop() ?? '';
  const [row] = await ownerQuery<{ name: string }>(
    `SELECT o.name FROM handoffs h JOIN organisations o ON o.id = h.to_organisation_id WHERE h.referral_id = $1`,
    [referralId],
  );
  expect(row.name).toBe('UWV');
});

test('een coördinator onderhoudt een loket, met versies en een duidelijke melding bij een gelijktijdige wijziging', async ({ page }) => {
  const name = `Budgetcoaching ${Date.now()}`;
  await signInAsDemo(page, 'coordinator@enschede.demo');
  await openFromMenu(page, 'Sociale kaart');
  await expect(page.getByRole('heading', { level: 1, name: 'Sociale kaart' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: /Schulddienstverlening/ })).toBeVisible();
  await expectNoAxeViolations(page, 'sociale kaart');
  // Reflow (WCAG 1.4.10): at 360 px the kaart does not scroll sideways.
  await page.setViewportSize({ width: 360, height: 800 });
  await expectNoHorizontalScroll(page, 360);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('link', { name: 'Nieuw loket toevoegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuw loket' })).toBeVisible();
  await page.getByLabel(/^Naam van het loket/).fill(name);
  await page.getByRole('checkbox', { name: 'Schulden' }).check();
  await page.getByLabel(/^Gemeentecodes/).fill('0153');
  await page.getByLabel(/^Telefoonnummer van de directe lijn/).fill('053 - 481 48 11');
  await page.getByLabel(/^Checklist/).fill('Laatste loonstrook of uitkeringsspecificatie\nBrieven van schuldeisers');
  await page.getByRole('button', { name: 'Loket opslaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Loket bewerken: ${name}` })).toBeVisible();
  await expect(page.getByText(/^Versie 1:/)).toBeVisible();
  await expectNoAxeViolations(page, 'loket bewerken');
  const doorId = page.url().split('/').pop() ?? '';

  // A colleague saves first (version 2) while this page still shows version 1.
  const colleague = await ApiActor.signIn('beheer@enschede.demo');
  await colleague.graphql(UPDATE_DOOR, {
    id: doorId,
    v: 1,
    input: { name: `${name} (collega)`, topics: ['SCHULDEN'], national: false, gemeentecodes: ['0153'], reach: 'DIRECTE_LIJN', phone: '053 - 481 48 11', checklist: [] },
  });

  await page.getByLabel(/^Naam van het loket/).fill(`${name} avond`);
  await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
  await expect(page.getByText(/Iemand anders heeft dit loket intussen gewijzigd/)).toBeVisible();
  const [stored] = await ownerQuery<{ name: string; version: number }>('SELECT name, version FROM doors WHERE id = $1', [doorId]);
  expect(stored).toEqual({ name: `${name} (collega)`, version: 2 });
  await expectNoAxeViolations(page, 'loket bewerken met conflict');

  await page.getByRole('button', { name: 'Nieuwste versie laden' }).click();
  await expect(page.getByLabel(/^Naam van het loket/)).toHaveValue(`${name} (collega)`);
  await page.getByLabel(/^Naam van het loket/).fill(`${name} avond`);
  await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
  await expect(page.getByText(/^Versie 3:/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: `Loket bewerken: ${name} avond` })).toBeVisible();
});

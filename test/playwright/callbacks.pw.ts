import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { readPdf } from '../../libs/testing/src/read-pdf';
import { expectNoAxeViolations, expectNoHorizontalScroll } from './support/axe';
import { ownerQuery } from './support/db';
import { openFromMenu, signInAsDemo } from './support/sign-in';

/**
 * A callback booked at the desk: Tilburg's balie refers a citizen to UWV's "WW en werk", books a
 * callback while the citizen is there, gets the afsprakenbriefje (screen, print view, PDF); UWV's
 * behandelaar finds it in the day view; UWV's coordinator sets the door's capacity. Axe on every
 * new screen. With SCHAKEL_SCREENSHOTS=1 it also saves docs/screenshots/10-terugbelafspraak.png.
 */
const ROOT = join(__dirname, '..', '..');
const CITIZEN_NAME = 'Fatima Terugbelt';
const dutchDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' });

test('de balie maakt aan de balie een terugbelafspraak; de inwoner krijgt het afsprakenbriefje; UWV ziet het in het dagoverzicht', async ({ browser }) => {
  // Three screens, two sign-ins, a PDF read by pdf.js: more than the default minute on a busy machine.
  test.setTimeout(150_000);
  const story = `Ontslagen en de WW-aanvraag loopt vast; wil graag teruggebeld worden (${Date.now()}).`;
  const balie = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  await signInAsDemo(balie, 'balie@tilburg.demo');
  await openFromMenu(balie, 'Nieuwe doorverwijzing');
  await balie.getByLabel('BSN', { exact: true }).fill('111222333');
  await balie.getByLabel(/^Naam/).fill(CITIZEN_NAME);
  await balie.getByLabel(/^Telefoon/).fill('06-11223344');
  await balie.getByLabel(/^Onderwerp/).selectOption('WERK');
  await balie.getByLabel(/^Gemeente van de inwoner/).selectOption('0855');
  await balie.getByLabel(/^Het verhaal/).fill(story);
  await balie.getByRole('radiogroup', { name: /Loketten voor deze inwoner/ }).getByRole('radio', { name: /^WW en werk \(UWV\)/ }).check();
  await balie.getByLabel(/De inwoner geeft toestemming om te delen met UWV/).check();
  await balie.getByRole('radio', { name: 'Mondeling gevraagd' }).check();
  await balie.getByRole('button', { name: 'Doorverwijzing versturen' }).click();
  await expect(balie.getByRole('heading', { level: 1, name: 'Doorverwijzing: Werk' })).toBeVisible();
  const referralId = balie.url().split('/').pop() ?? '';

  // The panel: the door chosen on the form is preselected; slots grouped per working day.
  const panel = balie.getByTestId('terugbelafspraak');
  await expect(panel.getByRole('heading', { name: 'Terugbelafspraak maken' })).toBeVisible();
  await expect(panel.getByRole('radio', { name: 'WW en werk' })).toBeChecked();
  const picker = panel.getByRole('group', { name: 'Kies een tijdvak' });
  await expect(picker.getByRole('radio').first()).toBeVisible();
  expect(await picker.getByRole('group').count()).toBe(10);
  await expectNoAxeViolations(balie, 'terugbelafspraak maken');

  // Without a slot: the error summary, tied to the field.
  await panel.getByRole('button', { name: 'Terugbelafspraak maken' }).click();
  await expect(panel.getByRole('alert').getByRole('link', { name: /Tijdvak: Kies een tijdvak/ })).toBeVisible();
  await expectNoAxeViolations(balie, 'terugbelafspraak maken met fout');

  const slot = picker.getByRole('radio', { disabled: false }).first();
  await slot.check();
  await panel.getByRole('button', { name: 'Terugbelafspraak maken' }).click();
  await expect(panel.getByRole('heading', { name: 'Terugbelafspraak', exact: true })).toBeVisible();
  await expect(panel.getByText(/^Afgesproken: /)).toBeVisible();
  const letter = panel.getByTestId('afsprakenbriefje');
  for (const heading of ['Wie belt u?', 'Wanneer?', 'Waarover?', 'Houd dit bij de hand', 'Heeft niemand gebeld?', 'Uw kenmerk']) {
    await expect(letter.getByRole('heading', { name: heading })).toBeVisible();
  }
  await expect(letter).toContainText('Een medewerker van UWV belt u');
  await expect(letter).toContainText('Laatste loonstrook of uitkeringsspecificatie');
  await expect(letter).toContainText('Neem dan contact op met Gemeente Tilburg');
  await expect(letter).not.toContainText(CITIZEN_NAME);
  await expect(letter).not.toContainText('111222333');
  await expect(letter).not.toContainText('06-11223344');
  await expect(letter).not.toContainText('WW-aanvraag loopt vast');
  await expectNoAxeViolations(balie, 'terugbelafspraak met afsprakenbriefje');
  const [booking] = await ownerQuery<{ slot_start: Date; reference: string; status: string }>(
    `SELECT slot_start, reference, status FROM callback_bookings WHERE referral_id = $1`,
    [referralId],
  );
  expect(booking.status).toBe('BOOKED');
  await expect(letter).toContainText(booking.reference);
  if (process.env.SCHAKEL_SCREENSHOTS) {
    mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
    await panel.scrollIntoViewIfNeeded();
    await balie.waitForTimeout(300);
    await panel.screenshot({ path: join(ROOT, 'docs', 'screenshots', '10-terugbelafspraak.png') });
  }

  // The PDF, downloaded in the browser: tagged, with the same content and nothing personal.
  const [download] = await Promise.all([balie.waitForEvent('download'), panel.getByRole('button', { name: 'PDF downloaden' }).click()]);
  expect(download.suggestedFilename()).toBe(`afsprakenbriefje-${booking.reference}.pdf`);
  const pdf = readFileSync(await download.path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const read = await readPdf<{ text: string; title: string }>(pdf);
  expect(read.title).toBe('Afsprakenbriefje: wij bellen u terug');
  const text = read.text.replace(/\s+/g, ' ');
  expect(text).toContain('Wie belt u?');
  expect(text).toContain(booking.reference);
  expect(text).not.toContain(CITIZEN_NAME);
  expect(text).not.toContain('111222333');

  // The print view: the letter only (menu and buttons are not printed).
  await panel.getByRole('link', { name: 'Afsprakenbriefje afdrukken' }).click();
  await expect(balie.getByRole('heading', { level: 1, name: 'Afsprakenbriefje: wij bellen u terug' })).toBeVisible();
  await expect(balie.getByRole('button', { name: 'Afdrukken' })).toBeVisible();
  await expectNoAxeViolations(balie, 'afsprakenbriefje afdrukken');
  await balie.emulateMedia({ media: 'print' });
  await expect(balie.getByRole('navigation', { name: 'Hoofdmenu' })).toBeHidden();
  await expect(balie.getByRole('button', { name: 'Afdrukken' })).toBeHidden();
  await expect(balie.getByRole('heading', { name: 'Wie belt u?' })).toBeVisible();
  await balie.emulateMedia({ media: 'screen' });

  // UWV's behandelaar: the day view of the slot's date, with a link to the case.
  const uwv = await (await browser.newContext()).newPage();
  await signInAsDemo(uwv, 'behandelaar@uwv.demo');
  await openFromMenu(uwv, 'Terugbellen');
  await expect(uwv.getByRole('heading', { level: 1, name: 'Terugbellen' })).toBeVisible();
  await uwv.getByLabel('Dag').fill(dutchDate.format(booking.slot_start));
  const row = uwv.getByTestId('terugbel-dag').getByRole('row').filter({ hasText: booking.reference });
  await expect(row).toContainText('WW en werk');
  await expect(row).toContainText('Werk');
  await expectNoAxeViolations(uwv, 'terugbellen (dagoverzicht)');
  await row.getByRole('link', { name: 'Open de doorverwijzing' }).click();
  await expect(uwv.getByRole('heading', { level: 1, name: 'Doorverwijzing: Werk' })).toBeVisible();
  expect(uwv.url()).toContain(`/doorverwijzingen/${referralId}`);
  await expect(uwv.getByRole('listitem').filter({ hasText: 'Terugbelafspraak gemaakt' })).toBeVisible();

  // On a phone (360 px): the day view and the booked callback reflow without sideways scrolling.
  await uwv.setViewportSize({ width: 360, height: 740 });
  await openFromMenu(uwv, 'Terugbellen');
  await uwv.getByLabel('Dag').fill(dutchDate.format(booking.slot_start));
  await expect(uwv.getByTestId('terugbel-dag').getByRole('row').filter({ hasText: booking.reference })).toBeVisible();
  await expectNoHorizontalScroll(uwv, 360);
  await expectNoAxeViolations(uwv, 'terugbellen op 360 px');
  await balie.setViewportSize({ width: 360, height: 740 });
  await balie.goBack();
  await expect(balie.getByTestId('afsprakenbriefje')).toBeVisible();
  await expectNoHorizontalScroll(balie, 360);
});

test('de coördinator van UWV stelt de terugbelcapaciteit van een loket in', async ({ page }) => {
  await signInAsDemo(page, 'coordinator@uwv.demo');
  await openFromMenu(page, 'Terugbellen');
  await page.getByRole('link', { name: 'Terugbelcapaciteit van WW en werk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Terugbelcapaciteit: WW en werk' })).toBeVisible();
  const monday = page.getByRole('group', { name: 'Maandag' });
  const morning = monday.getByLabel('Ochtend (9.00–12.00)');
  await expect(morning).toHaveValue('3');
  await expectNoAxeViolations(page, 'terugbelcapaciteit');

  await morning.fill('veel');
  await page.getByRole('button', { name: 'Capaciteit opslaan' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: /Maandag, ochtend/ })).toBeVisible();
  await expectNoAxeViolations(page, 'terugbelcapaciteit met fout');
  const [before] = await ownerQuery<{ places: number }>(
    `SELECT places FROM callback_capacity WHERE door_id = 'd0000000-0000-4000-8000-000000000001' AND weekday = 1 AND part_of_day = 'OCHTEND'`,
  );
  expect(before.places).toBe(3);

  await morning.fill('4');
  await page.getByRole('button', { name: 'Capaciteit opslaan' }).click();
  await expect(page.getByText('Opgeslagen.', { exact: true })).toBeVisible();
  const [after] = await ownerQuery<{ places: number }>(
    `SELECT places FROM callback_capacity WHERE door_id = 'd0000000-0000-4000-8000-000000000001' AND weekday = 1 AND part_of_day = 'OCHTEND'`,
  );
  expect(after.places).toBe(4);
  // Back to the demo's 3, so other specs see the seeded capacity.
  await morning.fill('3');
  await page.getByRole('button', { name: 'Capaciteit opslaan' }).click();
  await expect
    .poll(async () => (await ownerQuery<{ places: number }>(`SELECT places FROM callback_capacity WHERE door_id = 'd0000000-0000-4000-8000-000000000001' AND weekday = 1 AND part_of_day = 'OCHTEND'`))[0].places)
    .toBe(3);
});

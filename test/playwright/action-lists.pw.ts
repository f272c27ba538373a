import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApiActor, createReferral } from './support/api';
import { expectNoAxeViolations, expectNoHorizontalScroll } from './support/axe';
import { organisationIdBySlug, ownerQuery } from './support/db';
import { openFromMenu, signInAsDemo } from './support/sign-in';

/**
 * Joint action lists in the browser (issue 11): Tilburg's secretaris drafts a list with UWV and
 * SVB and opens it for signing; each of the three secretarissen, in a browser of their own, makes
 * a WebCrypto key there, sees exactly what is signed and signs. The list becomes FINAL, Schakel's
 * verification is green for every signature, the evidence bundle passes schakel-verify, the PDF is
 * a PDF, and a new handoff to UWV on the agreed topic gets the agreed deadline. axe on every
 * screen on the way.
 */

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);
test.describe.configure({ timeout: 180_000 });

/** Makes this browser's key on first use, shows the statement, checks its fingerprint and signs. */
async function signInThisBrowser(page: Page, axeLabel?: string): Promise<void> {
  const panel = page.getByTestId('sign-panel');
  await expect(panel).toBeVisible();
  await panel.getByRole('button', { name: 'Sleutel maken in deze browser' }).click();
  await panel.getByRole('button', { name: 'Bekijk wat u ondertekent' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Dit ondertekent u' })).toBeFocused();
  // What is signed is the content on the page: the same fingerprint.
  await expect(page.getByTestId('statement-hash')).toHaveText((await page.getByTestId('content-hash').textContent()) ?? '');
  if (axeLabel) await expectNoAxeViolations(page, axeLabel);
  await panel.getByRole('button', { name: 'Nu ondertekenen' }).click();
  await expect(panel).toBeHidden();
}

async function openList(page: Page, title: string): Promise<void> {
  await openFromMenu(page, 'Actielijsten');
  await expect(page.getByRole('heading', { level: 1, name: 'Actielijsten' })).toBeVisible();
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('Tilburg, UWV en SVB ondertekenen samen een actielijst, elk in een eigen browser; de lijst is definitief en klopt', async ({ browser }) => {
  const title = `Samen één loket ${Date.now()}`;
  const tilburg = await (await browser.newContext({ acceptDownloads: true })).newPage();
  const uwv = await (await browser.newContext()).newPage();
  const svb = await (await browser.newContext()).newPage();

  // Tilburg's secretaris lands on Actielijsten and drafts a new list.
  await signInAsDemo(tilburg, 'secretaris@tilburg.demo');
  await expect(tilburg.getByRole('heading', { level: 1, name: 'Actielijsten' })).toBeVisible();
  await expectNoAxeViolations(tilburg, 'Actielijsten');
  await tilburg.getByRole('link', { name: 'Nieuwe actielijst' }).click();
  await expect(tilburg.getByRole('heading', { level: 1, name: 'Nieuwe actielijst' })).toBeVisible();
  await expect(tilburg.getByRole('checkbox', { name: 'UWV' })).toBeVisible();
  await expectNoAxeViolations(tilburg, 'Nieuwe actielijst, leeg');

  // Sent empty: an error summary that takes focus, each field marked.
  await tilburg.getByRole('button', { name: 'Actie toevoegen' }).click();
  await tilburg.getByRole('button', { name: 'Concept opslaan' }).click();
  const summary = tilburg.getByRole('alert').filter({ has: tilburg.getByRole('heading', { name: /problemen?$/ }) });
  await expect(summary).toBeFocused();
  await expect(tilburg.getByLabel('Titel', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(tilburg, 'Nieuwe actielijst met fouten');

  await tilburg.getByLabel('Titel', { exact: true }).fill(title);
  await tilburg.getByLabel(/^Beschrijving/).fill('Afspraken over warm doorverwijzen tussen gemeente, UWV en SVB.');
  await tilburg.getByRole('checkbox', { name: 'UWV' }).check();
  await tilburg.getByRole('checkbox', { name: 'Sociale Verzekeringsbank' }).check();
  await tilburg.getByLabel('Wat wordt er gedaan?').fill('Eén contactpersoon per organisatie voor warme doorverwijzingen.');
  await tilburg.getByLabel('Wie doet het?').selectOption({ label: 'Gemeente Tilburg' });
  await tilburg.getByLabel(/^Klaar op/).fill('2027-01-15');
  await tilburg.getByRole('button', { name: 'Afspraak toevoegen' }).click();
  await tilburg.getByLabel('Welke organisatie ontvangt?').selectOption({ label: 'UWV' });
  // A topic no other browser test uses, so their default norms stay as they expect.
  await tilburg.getByLabel('Onderwerp', { exact: true }).selectOption('SCHULDEN');
  await tilburg.getByLabel('Aanvaarden binnen (werkdagen)').fill('2');
  await tilburg.getByLabel(/^Eerste contact met de inwoner binnen/).fill('3');
  await tilburg.getByRole('button', { name: 'Concept opslaan' }).click();

  await expect(tilburg.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(tilburg.getByTestId('version-status')).toHaveText('Concept');
  const listId = new URL(tilburg.url()).pathname.split('/').pop() ?? '';
  await expectNoAxeViolations(tilburg, 'een concept-actielijst');

  await tilburg.getByRole('button', { name: 'Ter ondertekening aanbieden' }).click();
  await expect(tilburg.getByTestId('version-status')).toHaveText('Ter ondertekening');
  await expectNoAxeViolations(tilburg, 'een actielijst ter ondertekening');
  await signInThisBrowser(tilburg, 'de verklaring die Tilburg ondertekent');
  await expect(tilburg.getByTestId('parties').getByRole('listitem').filter({ hasText: 'Gemeente Tilburg' })).toContainText('ondertekend');

  // UWV's and SVB's secretarissen, each in a browser of their own, with a key of their own.
  await signInAsDemo(uwv, 'secretaris@uwv.demo');
  await openList(uwv, title);
  await expect(uwv.getByTestId('version-status')).toHaveText('Ter ondertekening');
  await signInThisBrowser(uwv);
  await expect(uwv.getByTestId('version-status')).toHaveText('Ter ondertekening');

  await signInAsDemo(svb, 'secretaris@svb.demo');
  await openList(svb, title);
  await signInThisBrowser(svb);
  await expect(svb.getByTestId('version-status')).toHaveText('Definitief');
  // The check on the same page follows: all three signatures now.
  await expect(svb.getByTestId('verified-signature')).toHaveCount(3);

  // Tilburg sees it FINAL, and Schakel's check is green for every signature.
  await openList(tilburg, title);
  await expect(tilburg.getByTestId('version-status')).toHaveText('Definitief');
  await expect(tilburg.getByTestId('verification-result')).toHaveAttribute('data-ok', 'true');
  await expect(tilburg.getByTestId('hash-matches')).toHaveAttribute('data-ok', 'true');
  await expect(tilburg.getByTestId('verified-signature')).toHaveCount(3);
  for (const cell of await tilburg.getByTestId('signature-valid').all()) await expect(cell).toHaveAttribute('data-ok', 'true');
  for (const cell of await tilburg.getByTestId('inclusion-verified').all()) await expect(cell).toHaveAttribute('data-ok', 'true');
  await expectNoAxeViolations(tilburg, 'een definitieve actielijst met de controle');

  // The item's owner keeps its status.
  await tilburg.getByLabel('Status van actie 1', { exact: true }).selectOption('IN_PROGRESS');
  await tilburg.getByRole('button', { name: 'Status opslaan' }).click();
  await expect(tilburg.getByTestId('item-status')).toHaveText('bezig');

  // The evidence bundle passes the offline verifier; the PDF is a tagged PDF.
  const [bundle] = await Promise.all([tilburg.waitForEvent('download'), tilburg.getByRole('button', { name: 'Bewijspakket downloaden (JSON)' }).click()]);
  const bundlePath = await bundle.path();
  const cli = join(ROOT, 'tools', 'schakel-verify', 'bin', 'schakel-verify.cjs');
  await expect(run(process.execPath, [cli, bundlePath], { timeout: 120_000 })).resolves.toMatchObject({ stdout: expect.any(String) });
  const [pdf] = await Promise.all([tilburg.waitForEvent('download'), tilburg.getByRole('button', { name: 'PDF downloaden' }).click()]);
  const pdfBytes = await readFile(await pdf.path());
  expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdfBytes.toString('latin1')).toContain('/StructTreeRoot');

  // The keys screen: this browser's key, valid.
  await openFromMenu(tilburg, 'Actielijsten');
  await tilburg.getByRole('link', { name: 'Mijn ondertekensleutels' }).click();
  await expect(tilburg.getByRole('heading', { level: 1, name: 'Mijn ondertekensleutels' })).toBeVisible();
  await expect(tilburg.getByRole('table').getByText('In deze browser')).toBeVisible();
  await expectNoAxeViolations(tilburg, 'Mijn ondertekensleutels');

  // A new handoff to UWV on the agreed topic gets its deadline from the signed list.
  const balie = await ApiActor.signIn('balie@tilburg.demo');
  const referral = await createReferral(balie, 'UWV', { topic: 'SCHULDEN', urgency: 'NORMAAL', summary: 'Schulden lopen op; hulp bij een regeling nodig.' });
  await expect
    .poll(async () => (await ownerQuery<{ source: string | null }>('SELECT deadline_source AS source FROM handoffs WHERE id = $1', [referral.currentHandoff.id]))[0]?.source ?? null, {
      timeout: 20_000,
    })
    .toBe(`actielijst:${listId}:v1`);
});

test('een actielijst op een smal scherm (360 px)', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signInAsDemo(page, 'secretaris@tilburg.demo');
  await page.getByRole('link', { name: 'Nieuwe actielijst' }).click();
  await expect(page.getByRole('checkbox', { name: 'UWV' })).toBeVisible();
  await page.getByRole('button', { name: 'Actie toevoegen' }).click();
  await page.getByRole('button', { name: 'Afspraak toevoegen' }).click();
  await expectNoHorizontalScroll(page, 360);
  await expectNoAxeViolations(page, 'Nieuwe actielijst op 360 px');
});

/** A list drafted and opened through the API by Tilburg's secretaris, with UWV as the other party. */
async function openListWithUwv(title: string): Promise<{ listId: string; versionId: string }> {
  const tilburg = await ApiActor.signIn('secretaris@tilburg.demo');
  const uwvId = await organisationIdBySlug('uwv');
  const { createActionList } = await tilburg.graphql<{ createActionList: { id: string; latestVersion: { id: string } } }>(
    'mutation ($input: ActionListDraftInput!) { createActionList(input: $input) { id latestVersion { id } } }',
    { input: { title, description: 'Om af te wijzen.', partyOrganisationIds: [uwvId], items: [], agreements: [] } },
  );
  await tilburg.graphql('mutation ($v: ID!) { openActionListForSigning(versionId: $v) { status } }', { v: createActionList.latestVersion.id });
  return { listId: createActionList.id, versionId: createActionList.latestVersion.id };
}

test('UWV wijst een versie af met een reden, en trekt daarna de sleutel in', async ({ page }) => {
  const title = `Af te wijzen ${Date.now()}`;
  const { versionId } = await openListWithUwv(title);
  // The PDF is for the parties only: another municipality's secretaris does not even see the list.
  const pdfQuery = 'query ($v: ID!) { actionListPdf(versionId: $v) }';
  const outsider = await (await ApiActor.signIn('secretaris@enschede.demo')).request(pdfQuery, { v: versionId });
  expect(outsider.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  const party = await (await ApiActor.signIn('secretaris@uwv.demo')).graphql<{ actionListPdf: string }>(pdfQuery, { v: versionId });
  expect(Buffer.from(party.actionListPdf, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');

  await signInAsDemo(page, 'secretaris@uwv.demo');
  await openList(page, title);
  const panel = page.getByTestId('sign-panel');
  await panel.getByRole('button', { name: 'Sleutel maken in deze browser' }).click();
  await panel.getByRole('button', { name: 'Afwijzen' }).click();

  // No reason: refused before anything is signed.
  await panel.getByRole('button', { name: 'Bekijk wat u ondertekent' }).click();
  const reason = page.getByLabel(/^Waarom wijst u deze versie af/);
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toBeFocused();
  await expectNoAxeViolations(page, 'afwijzen zonder reden');

  await reason.fill('De termijnen zijn voor ons niet haalbaar.');
  await panel.getByRole('button', { name: 'Bekijk wat u ondertekent' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Deze afwijzing ondertekent u' })).toBeFocused();
  await expect(page.getByTestId('statement')).toContainText('De termijnen zijn voor ons niet haalbaar.');
  await panel.getByRole('button', { name: 'Afwijzing ondertekenen' }).click();
  await expect(page.getByTestId('version-status')).toHaveText('Afgewezen');
  await expect(page.getByTestId('signatures')).toContainText('reden: De termijnen zijn voor ons niet haalbaar.');
  await expect(page.getByTestId('verification-result')).toHaveAttribute('data-ok', 'true');

  // Revoke the key: it stays listed as revoked, and this browser offers to make a new one.
  await openFromMenu(page, 'Actielijsten');
  await page.getByRole('link', { name: 'Mijn ondertekensleutels' }).click();
  const row = page.getByRole('row').filter({ hasText: 'In deze browser' });
  await row.getByRole('button', { name: /^Intrekken/ }).click();
  await expectNoAxeViolations(page, 'een sleutel intrekken, bevestigen');
  await row.getByRole('button', { name: 'Ja, intrekken' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Ingetrokken op' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Sleutel maken in deze browser' })).toBeVisible();
});

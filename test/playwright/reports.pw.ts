import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ApiActor, createReferral } from './support/api';
import { expectNoAxeViolations, expectNoHorizontalScroll } from './support/axe';
import { openFromMenu, signInAsDemo } from './support/sign-in';

/**
 * The Rapportages screens end to end: a beleidsmedewerker opens both reports, changes the period,
 * downloads a CSV (Excel-friendly: BOM, `;`, CRLF) and opens the year report's print view and PDF;
 * a behandelaar writes a leerverhaal from a handled case's maatwerk (personal data refused at its
 * field), a coördinator approves it and it appears in the year report; a voorstel goes to UWV and
 * UWV's secretaris moves it on. Data is made through the API here: the e2e stack seeds no demo year.
 */

const RULE = 'Wet WIA art. 23 (wachttijd)';
// Letters only: a long number in a story or voorstel reads as a BSN and is refused or scrubbed.
const SUFFIX = Date.now()
  .toString()
  .split('')
  .map((d) => String.fromCharCode(97 + Number(d)))
  .join('');
const STORY_TITLE = `Uitkering voorgeschoten tijdens de wachttijd ${SUFFIX}`;
// A retried test runs in a new worker, with a new SUFFIX: later tests find the story by its start.
const STORY_HEADING = /^Uitkering voorgeschoten tijdens de wachttijd [a-j]+$/;
const THIS_YEAR = new Date().getFullYear();

interface Versioned {
  version: number;
}

/** Tilburg refers a citizen to UWV; UWV receives, accepts, contacts, records a knelpunt with maatwerk and completes. */
async function handledCaseWithMaatwerk(): Promise<{ referralId: string; bottleneckId: string }> {
  const balie = await ApiActor.signIn('balie@tilburg.demo');
  const referral = await createReferral(balie, 'UWV', { name: 'Karin Smit', bsn: '123456782', summary: 'Ziek uit dienst; het inkomen stopt voordat de WIA ingaat.', topic: 'INKOMEN' });
  const uwv = await ApiActor.signIn('behandelaar@uwv.demo');
  const id = referral.currentHandoff.id;
  let v = referral.currentHandoff.version;
  const step = async (mutation: string, input: Record<string, unknown>) => {
    const data = await uwv.graphql<Record<string, Versioned>>(`mutation ($id: ID!, $input: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(id: $id, input: $input) { version } }`, { id, input: { expectedVersion: v, ...input } });
    v = data[mutation].version;
  };
  await uwv.graphql<{ receiveHandoff: Versioned }>('mutation ($id: ID!, $v: Int!) { receiveHandoff(id: $id, input: { expectedVersion: $v }) { version } }', { id, v }).then((d) => (v = d.receiveHandoff.version));
  await step('acceptHandoff', {});
  await step('recordContact', { channel: 'TELEFOON', note: 'Gebeld, uitleg gegeven over de wachttijd.' });
  const { flagBottleneck } = await uwv.graphql<{ flagBottleneck: { id: string } }>(
    'mutation ($referralId: ID!, $input: BottleneckInput!) { flagBottleneck(referralId: $referralId, input: $input) { id } }',
    { referralId: referral.id, input: { category: 'WET_EN_REGELGEVING', rule: RULE, description: 'Tussen einde loon en begin WIA zit een gat van weken.', customSolutionApplied: true, customSolution: 'Voorschot verleend, omdat anders de huur niet betaald kon worden.' } },
  );
  await step('completeHandoff', { outcome: 'GEHOLPEN' });
  return { referralId: referral.id, bottleneckId: flagBottleneck.id };
}

async function openReports(page: Page, user = 'beleid@tilburg.demo'): Promise<void> {
  await signInAsDemo(page, user);
  await openFromMenu(page, 'Rapportages');
  await expect(page.getByRole('heading', { level: 1, name: 'Knelpuntenrapportage' })).toBeVisible();
  await expect(page.getByTestId('bottleneck-report')).toBeVisible();
}

let handled: { referralId: string; bottleneckId: string };

test.beforeAll(async () => {
  handled = await handledCaseWithMaatwerk();
});

test('a behandelaar writes a leerverhaal from a handled case; a coördinator approves it', async ({ browser }) => {
  const writer = await (await browser.newContext()).newPage();
  await signInAsDemo(writer, 'behandelaar@uwv.demo');
  await openFromMenu(writer, 'Leerverhalen');
  await expect(writer.getByRole('heading', { level: 1, name: 'Leerverhalen' })).toBeVisible();
  await writer.getByRole('link', { name: 'Nieuw leerverhaal' }).click();
  await expect(writer.getByRole('heading', { level: 1, name: 'Nieuw leerverhaal' })).toBeVisible();

  // Nothing filled in: the browser's own checks, summed up at the top and tied to each field.
  await writer.getByRole('button', { name: 'Leerverhaal opslaan' }).click();
  await expect(writer.getByRole('alert').filter({ has: writer.getByRole('heading', { name: /problemen?$/ }) })).toBeFocused();
  await expect(writer.getByLabel(/^Titel/)).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(writer, 'Nieuw leerverhaal met fouten');

  await writer.getByLabel(/^Afgeronde zaak/).selectOption(handled.referralId);
  await writer.getByRole('radio', { name: new RegExp(RULE.replace(/[()]/g, '.')) }).check();
  await writer.getByLabel(/^Titel/).fill(STORY_TITLE);
  // A phone number in the story: the API refuses it and the page says so at that field.
  await writer.getByLabel(/^De situatie/).fill('Een inwoner (bereikbaar op 06-12345678) viel tussen loon en WIA in.');
  await writer.getByLabel(/^Wat er is gedaan/).fill('Een voorschot op de uitkering verleend.');
  await writer.getByLabel(/^Waarom/).fill('Anders kon de huur niet betaald worden en dreigde uitzetting.');
  await writer.getByLabel(/^Wat het vroeg van de regels/).fill('Ruimte om tijdens de wachttijd voor te schieten.');
  await writer.getByRole('button', { name: 'Leerverhaal opslaan' }).click();
  await expect(writer.getByLabel(/^De situatie/)).toHaveAttribute('aria-invalid', 'true');
  await expect(writer.getByText(/telefoonnummer/).first()).toBeVisible();

  await writer.getByLabel(/^De situatie/).fill('Een inwoner viel tussen het einde van het loon en het begin van de WIA in.');
  await writer.getByRole('button', { name: 'Leerverhaal opslaan' }).click();
  await expect(writer.getByRole('heading', { level: 1, name: 'Leerverhalen' })).toBeVisible();
  await expect(writer.getByRole('status').filter({ hasText: STORY_TITLE })).toBeVisible();
  const mine = writer.locator('li[data-story-id]').filter({ hasText: STORY_TITLE });
  await expect(mine).toHaveAttribute('data-status', 'TER_REVIEW');

  const coordinator = await (await browser.newContext()).newPage();
  await signInAsDemo(coordinator, 'coordinator@uwv.demo');
  await openFromMenu(coordinator, 'Leerverhalen');
  const review = coordinator.getByRole('region', { name: /Te beoordelen/ }).or(coordinator.locator('section[aria-labelledby="te-beoordelen-titel"]'));
  const card = review.locator('li[data-story-id]').filter({ hasText: STORY_TITLE });
  await expect(card).toBeVisible();
  await expectNoAxeViolations(coordinator, 'Leerverhalen met een verhaal te beoordelen');
  await card.getByRole('button', { name: /^Goedkeuren/ }).click();
  await expect(coordinator.locator('li[data-story-id]').filter({ hasText: STORY_TITLE })).toHaveAttribute('data-status', 'GOEDGEKEURD');
  await expect(coordinator.getByTestId('live-region')).toContainText('is goedgekeurd');
});

test('a beleidsmedewerker opens the reports, changes the period and downloads a CSV', async ({ page }) => {
  await openReports(page);
  await expectNoAxeViolations(page, 'Knelpuntenrapportage');

  const from = `${THIS_YEAR}-01`;
  const to = `${THIS_YEAR}-06`;
  await page.getByLabel('Van (maand)').fill(from);
  await page.getByLabel('Tot en met (maand)').fill(to);
  await page.getByLabel('Groepeer op').selectOption('RULE');
  const asked = page.waitForRequest((r) => r.url().endsWith('/graphql') && (r.postData() ?? '').includes('BottleneckReport') && (r.postData() ?? '').includes(`"from":"${from}"`));
  await page.getByRole('button', { name: 'Toon rapportage' }).click();
  const body = JSON.parse((await asked).postData() ?? '{}') as { variables: Record<string, unknown> };
  expect(body.variables).toMatchObject({ period: { from, to }, groupBy: 'RULE', scope: 'ORGANISATION' });
  await expect(page).toHaveURL(new RegExp(`van=${from}&tot=${to}`));
  await expect(page.getByRole('heading', { level: 2, name: 'Per regel of systeem' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Knelpunten per maand' }).getByRole('row')).toHaveCount(7);

  // The CSV of the month table: BOM, `;`, CRLF, one line per month plus the header.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV: Knelpunten per maand' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('knelpunten-per-maand.csv');
  const csv = readFileSync((await file.path()) ?? '', 'utf8');
  expect(csv.startsWith('\uFEFFMaand;Knelpunten;Met maatwerk\r\n')).toBe(true);
  const lines = csv.slice(1).split('\r\n');
  expect(lines.at(-1)).toBe('');
  expect(lines).toHaveLength(8);
  for (const line of lines.slice(1, -1)) expect(line).toMatch(/^[a-z]+ \d{4};(\d+|< 5);(\d+|< 5)$/);

  // Staat van de uitvoering keeps the period (the sub menu carries it).
  await page.getByRole('navigation', { name: 'Rapportages' }).getByRole('link', { name: 'Staat van de uitvoering' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staat van de uitvoering' })).toBeVisible();
  await expect(page.getByTestId('execution-report')).toBeVisible();
  await expect(page.getByLabel('Van (maand)')).toHaveValue(from);
  await expect(page.getByRole('table', { name: /^Totaal, / })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Staat van de uitvoering per maand' }).getByRole('row')).toHaveCount(7);
  await expectNoAxeViolations(page, 'Staat van de uitvoering');
  await page.setViewportSize({ width: 360, height: 800 });
  await expectNoHorizontalScroll(page, 360);
});

test('the year report: stories first, then the figures; print view without menus; a tagged PDF', async ({ page }) => {
  await openReports(page, 'beleid@uwv.demo');
  // Under Rapportages, Leerverhalen lists only approved stories.
  await page.getByRole('navigation', { name: 'Rapportages' }).getByRole('link', { name: 'Leerverhalen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Goedgekeurde leerverhalen' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: STORY_HEADING }).first()).toBeVisible();
  await expect(page.locator('li[data-story-id]:not([data-status="GOEDGEKEURD"])')).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Rapportages' }).getByRole('link', { name: 'Jaarrapport' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Staat van de uitvoering ${THIS_YEAR}` })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'De cijfers' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: STORY_HEADING }).first()).toBeVisible();
  // Stories lead, figures follow, the agenda closes.
  const order = await page.locator('article h2').allTextContents();
  expect(order).toEqual(['Verhalen uit de uitvoering', 'De cijfers', 'Vereenvoudigingsagenda']);
  await expectNoAxeViolations(page, 'Jaarrapport');

  // The print button prints; the print view leaves out the menus, forms and buttons.
  await page.evaluate(() => {
    const w = globalThis as unknown as { print: () => void; printed: number };
    w.printed = 0;
    w.print = () => {
      w.printed += 1;
    };
  });
  await page.getByRole('button', { name: 'Afdrukken' }).click();
  expect(await page.evaluate(() => (globalThis as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Rapportages' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Download PDF' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: `Staat van de uitvoering ${THIS_YEAR}` })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: STORY_HEADING }).first()).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PDF' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe(`staat-van-de-uitvoering-${THIS_YEAR}.pdf`);
  const pdf = readFileSync((await file.path()) ?? '');
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // Tagged: a structure tree and MarkInfo (the content is checked by the API's own tests).
  expect(pdf.toString('latin1')).toMatch(/\/StructTreeRoot/);
  expect(pdf.toString('latin1')).toMatch(/\/Marked\s*true/);
});

test('a voorstel to UWV: Tilburg submits it, UWV answers and moves it on', async ({ browser }) => {
  const rule = `Suwinet-inkijk voor schuldhulp ${SUFFIX}`;
  const tilburg = await (await browser.newContext()).newPage();
  await openReports(tilburg);
  await tilburg.getByRole('navigation', { name: 'Rapportages' }).getByRole('link', { name: 'Vereenvoudigingsagenda' }).click();
  await expect(tilburg.getByRole('heading', { level: 1, name: 'Vereenvoudigingsagenda' })).toBeVisible();
  await tilburg.getByRole('link', { name: 'Nieuw voorstel' }).click();
  await tilburg.getByRole('button', { name: 'Voorstel indienen' }).click();
  await expect(tilburg.getByRole('alert').filter({ has: tilburg.getByRole('heading', { name: /problemen?$/ }) })).toBeFocused();
  await expectNoAxeViolations(tilburg, 'Nieuw voorstel met fouten');
  await tilburg.getByLabel(/^Eigenaar van de regel/).selectOption({ label: 'UWV' });
  await tilburg.getByLabel(/^Regel of systeem/).fill(rule);
  await tilburg.getByLabel(/^Het voorstel/).fill('Geef schuldhulpverleners van de gemeente inkijk in de WW-gegevens, zodat de inwoner niet zelf alles hoeft aan te leveren.');
  await tilburg.getByRole('button', { name: 'Voorstel indienen' }).click();
  await expect(tilburg.getByRole('heading', { level: 1, name: 'Vereenvoudigingsagenda' })).toBeVisible();
  const sent = tilburg.locator('li[data-proposal-id]').filter({ hasText: rule });
  await expect(sent).toHaveAttribute('data-status', 'INGEDIEND');
  // Tilburg is not the owner: no answer form.
  await expect(sent.getByRole('button', { name: 'Antwoord opslaan' })).toHaveCount(0);

  const uwv = await (await browser.newContext()).newPage();
  await openReports(uwv, 'secretaris@uwv.demo');
  await uwv.getByRole('navigation', { name: 'Rapportages' }).getByRole('link', { name: 'Vereenvoudigingsagenda' }).click();
  const received = uwv.locator('li[data-proposal-id]').filter({ hasText: rule });
  await expect(received).toHaveAttribute('data-status', 'INGEDIEND');
  await expectNoAxeViolations(uwv, 'Vereenvoudigingsagenda met een voorstel om te beantwoorden');
  await received.getByLabel(/^Antwoord aan de indiener/).fill('We bekijken dit met de ketenpartners.');
  await received.getByRole('button', { name: 'Antwoord opslaan' }).click();
  await expect(received).toHaveAttribute('data-status', 'IN_BEHANDELING');

  // Rejecting asks a reason first.
  await received.getByLabel(/^Nieuwe status/).selectOption('AFGEWEZEN');
  await received.getByRole('button', { name: 'Antwoord opslaan' }).click();
  await expect(received.getByLabel(/^Reden van afwijzen/)).toHaveAttribute('aria-invalid', 'true');
  await received.getByLabel(/^Reden van afwijzen/).fill('De wet staat deze inkijk niet toe; we nemen het mee in de knelpuntenbrief.');
  await received.getByRole('button', { name: 'Antwoord opslaan' }).click();
  await expect(received).toHaveAttribute('data-status', 'AFGEWEZEN');
  await expect(received).toContainText('De wet staat deze inkijk niet toe');

  // Tilburg sees the answer; the agenda table downloads like every other table.
  await signInAsDemo(tilburg, 'beleid@tilburg.demo', '/rapportages/agenda');
  await expect(tilburg.locator('li[data-proposal-id]').filter({ hasText: rule })).toHaveAttribute('data-status', 'AFGEWEZEN');
  const downloading = tilburg.waitForEvent('download');
  await tilburg.getByRole('button', { name: 'Download CSV: Vereenvoudigingsagenda' }).click();
  const csv = readFileSync((await (await downloading).path()) ?? '', 'utf8');
  expect(csv).toContain(`${rule};`);
  expect(csv).toContain(';UWV;Afgewezen;');
});

test('case roles see Leerverhalen but no reports; report roles see no case screens', async ({ page }) => {
  await signInAsDemo(page, 'behandelaar@uwv.demo');
  const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await expect(menu.getByRole('link', { name: 'Leerverhalen' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Rapportages' })).toHaveCount(0);
  await signInAsDemo(page, 'secretaris@tilburg.demo');
  await expect(menu.getByRole('link', { name: 'Rapportages' })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Leerverhalen' })).toHaveCount(0);
});

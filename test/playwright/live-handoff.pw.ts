import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { ApiActor, createReferral } from './support/api';
import { expectNoAxeViolations } from './support/axe';
import { signInAsDemo } from './support/sign-in';

/**
 * Live warm handoff in two browsers (issue 13): the balie of Tilburg asks for a live handoff on
 * the referral page, Fatima van den Berg (UWV, on duty) sees it arrive and picks it up, and the
 * balie's screen says who took over. And the fallback: nobody picks up within the stack's
 * LIVE_HANDOFF_TIMEOUT_SECONDS (scripts/e2e-stack.ts), the balie reads that it stands as acuut.
 */
const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

async function setOnDutyByApi(username: string, onDuty: boolean): Promise<void> {
  const actor = await ApiActor.signIn(username);
  await actor.graphql('mutation ($on: Boolean!) { setOnDuty(onDuty: $on) { onDuty } }', { on: onDuty });
}

async function openReferralAsBalie(page: Page, referralId: string): Promise<void> {
  await signInAsDemo(page, 'balie@tilburg.demo', `/doorverwijzingen/${referralId}`);
  await expect(page.getByRole('heading', { level: 1, name: /Doorverwijzing: Werk/ })).toBeVisible();
}

test.afterAll(async () => {
  await setOnDutyByApi('fatima@uwv.demo', false);
});

test('de balie vraagt live, de dienstdoende van UWV neemt het over, de balie ziet wie', async ({ browser }) => {
  // Two browsers, four axe runs; on a busy machine this takes a while.
  test.setTimeout(120_000);
  const balieApi = await ApiActor.signIn('balie@tilburg.demo');
  const referral = await createReferral(balieApi, 'UWV', { name: 'Mila Janssen', topic: 'WERK', urgency: 'ACUUT' });

  const uwv = await (await browser.newContext()).newPage();
  await signInAsDemo(uwv, 'fatima@uwv.demo');
  const onDuty = uwv.getByRole('switch', { name: 'Dienstdoende' });
  await expect(onDuty).not.toBeChecked();
  await onDuty.check();
  await expect(onDuty).toBeChecked();
  await expect(uwv.getByText('U bent dienstdoende. Live overdrachten verschijnen hier direct.')).toBeVisible();

  const balie = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  await openReferralAsBalie(balie, referral.id);
  const panel = balie.getByTestId('live-panel');
  await expect(panel.getByRole('heading', { name: 'Nu live overdragen' })).toBeVisible();
  await expect(panel).toContainText(/Bij UWV (is|zijn) nu \d+ medewerkers? dienstdoende\./);
  await expectNoAxeViolations(balie, 'doorverwijzing met paneel Nu live overdragen');

  await panel.getByRole('button', { name: 'Nu live overdragen' }).click();
  await expect(panel).toContainText('Wachten op een dienstdoende van UWV');
  await expect(panel.getByRole('button', { name: 'Live verzoek intrekken' })).toBeVisible();

  // Fatima's screen: live, without reloading, with an announcement for screen readers.
  const incoming = uwv.getByTestId('live-incoming');
  await expect(incoming).toContainText('Live overdracht van Gemeente Tilburg — Werk, acuut.');
  await expect(uwv.getByTestId('live-region')).toContainText('Live overdracht van Gemeente Tilburg — Werk, acuut.');
  await expect(uwv.getByRole('checkbox', { name: 'Geluid bij een live overdracht' })).not.toBeChecked();
  await expectNoAxeViolations(uwv, 'inkomende live overdracht bij de dienstdoende');

  await incoming.getByRole('button', { name: 'Nu overnemen' }).click();
  await expect(uwv).toHaveURL(new RegExp(`/doorverwijzingen/${referral.id}$`));
  await expect(uwv.getByRole('heading', { level: 1, name: /Doorverwijzing: Werk/ })).toBeVisible();
  await expect(uwv.getByTestId('live-incoming')).toHaveCount(0);

  // Both screens: the balie reads who took over, also in the live region.
  await expect(balie.getByTestId('live-result')).toHaveText('UWV neemt het nu over — Fatima van den Berg');
  await expect(balie.getByTestId('live-region')).toContainText('UWV neemt het nu over — Fatima van den Berg');
  await expect(balie.getByTestId('handoff-status').first()).toHaveText('Opgepakt');
  await expect(balie.locator('.schakel-timeline')).toContainText('UWV neemt het nu over — Fatima van den Berg');
  await expectNoAxeViolations(balie, 'doorverwijzing na het live overnemen');

  if (process.env.SCHAKEL_SCREENSHOTS) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await balie.waitForTimeout(300);
    await balie.screenshot({ path: join(SCREENSHOTS, '11-live-overdracht.png') });
  }
});

test('niemand neemt op: de balie leest dat de overdracht als acuut bij UWV staat', async ({ browser }) => {
  // The stack's timeout for a request without a door, plus the worker's sweep.
  test.setTimeout(150_000);
  await setOnDutyByApi('fatima@uwv.demo', false);
  const balieApi = await ApiActor.signIn('balie@tilburg.demo');
  const referral = await createReferral(balieApi, 'UWV', { name: 'Mila Janssen', topic: 'WERK', urgency: 'HOOG' });

  const balie = await (await browser.newContext()).newPage();
  await openReferralAsBalie(balie, referral.id);
  const panel = balie.getByTestId('live-panel');
  await expect(panel).toContainText('Bij UWV zijn nu 0 medewerkers dienstdoende.');
  await panel.getByRole('button', { name: 'Nu live overdragen' }).click();
  await expect(panel).toContainText('Wachten op een dienstdoende van UWV');
  await expect(panel.locator('.schakel-live-panel__countdown')).toHaveText(/^\d+:\d\d$/);
  await expectNoAxeViolations(balie, 'doorverwijzing tijdens het wachten op een dienstdoende');

  await expect(balie.getByTestId('live-result')).toHaveText('Niemand nam op; de overdracht staat als acuut bij UWV.', { timeout: 90_000 });
  await expect(balie.locator('.schakel-timeline')).toContainText('Niemand nam live op; de overdracht staat als acuut bij UWV');
  await expect(panel.getByRole('button', { name: 'Nu live overdragen' })).toHaveCount(0);
  await expectNoAxeViolations(balie, 'doorverwijzing na de terugval');
});

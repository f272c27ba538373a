import { expect, type Page, test } from '@playwright/test';
import { pressUntil, tabTo } from './support/keyboard';

/**
 * Keyboard only (WCAG 2.1.1): Tab, Shift+Tab, Space, Enter and the arrow keys through
 * page.keyboard, never a click. Signing in, the skip link, and a whole referral sent.
 */

async function signInWithKeyboard(page: Page, username: string): Promise<void> {
  await page.goto('/');
  const employee = page.getByLabel('Medewerker', { exact: true });
  await expect(employee.locator(`option[value="${username}"]`)).toBeAttached();
  await tabTo(page, employee);
  // A closed <select> changes its choice with the arrow keys.
  await pressUntil(page, 'ArrowDown', async () => (await employee.inputValue()) === username, 60);
  await tabTo(page, page.getByRole('button', { name: 'Aanmelden', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
}

test('de skiplink is na het aanmelden de eerste tabstop en zet de focus op de inhoud', async ({ page }) => {
  await signInWithKeyboard(page, 'balie@tilburg.demo');
  await expect(page.getByRole('heading', { level: 1, name: 'Uitgaand' })).toBeVisible();

  await page.keyboard.press('Tab');
  const skipLink = page.getByRole('link', { name: 'Direct naar de inhoud' });
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeVisible(); // shown while it has focus
  await page.keyboard.press('Enter');
  await expect(page.locator('main#inhoud')).toBeFocused();
  // The next Tab continues inside the content, not in the header or the menu.
  await page.keyboard.press('Tab');
  await expect(page.locator('main#inhoud :focus')).toHaveCount(1);
});

test('een doorverwijzing maken en versturen met alleen het toetsenbord', async ({ page }) => {
  const story = `Verloor haar baan; de WW-aanvraag loopt vast. Met het toetsenbord verstuurd (${Date.now()}).`;
  await signInWithKeyboard(page, 'balie@tilburg.demo');

  // From the content back into the main menu.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // skip link
  await tabTo(page, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Nieuwe doorverwijzing' }), { backwards: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe doorverwijzing' })).toBeFocused();
  const receivers = page.getByRole('radiogroup', { name: /Naar organisatie/ });
  await expect(receivers.getByRole('radio', { name: /^UWV: / })).toBeAttached();

  await tabTo(page, page.getByLabel('BSN', { exact: true }));
  await page.keyboard.type('111222333');
  await expect(page.getByText('BSN klopt (elfproef).')).toBeVisible();
  await tabTo(page, page.getByLabel('Naam', { exact: true }));
  await page.keyboard.type('Fatima de Vries');
  await tabTo(page, page.getByLabel(/^Telefoon/));
  await page.keyboard.type('06-12345678');

  const topic = page.getByLabel(/^Onderwerp/);
  await tabTo(page, topic);
  await pressUntil(page, 'ArrowDown', async () => (await topic.inputValue()) === 'WERK');

  // A radio group is one tab stop; the arrow keys move the choice.
  await tabTo(page, page.getByRole('radio', { name: 'Normaal' }));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Hoog' })).toBeChecked();

  await tabTo(page, page.getByLabel(/^Het verhaal/));
  await page.keyboard.type(story);

  // Into the receivers: nothing is chosen yet, so Tab lands on the first; Space chooses it.
  const uwv = receivers.getByRole('radio', { name: /^UWV: / });
  await tabTo(page, receivers.getByRole('radio').first());
  await page.keyboard.press('Space');
  await pressUntil(page, 'ArrowDown', () => uwv.isChecked(), 10);
  await expect(uwv).toBeFocused();

  const consent = page.getByRole('checkbox', { name: /De inwoner geeft toestemming om te delen met UWV/ });
  await tabTo(page, consent);
  await page.keyboard.press('Space');
  await expect(consent).toBeChecked();

  const asked = page.getByRole('radiogroup', { name: /Hoe vroeg u de toestemming/ });
  await tabTo(page, asked.getByRole('radio').first());
  await page.keyboard.press('Space');
  await expect(asked.getByRole('radio', { name: 'Mondeling gevraagd' })).toBeChecked();

  const send = page.getByRole('button', { name: 'Doorverwijzing versturen' });
  await tabTo(page, send);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Doorverwijzing: Werk' })).toBeVisible();
  await expect(page.getByText(/^Verstuurd naar UWV\./)).toBeVisible();
  await expect(page.getByText(story)).toBeVisible();
});

import type { Locator, Page } from '@playwright/test';

/** Whether the element is the document's focused element (read only: no click, no focus()). */
export async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === el.ownerDocument.activeElement);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user moves through a page.
 * Fails when it takes more than `max` presses, so a keyboard trap or a missing tab stop shows.
 */
export async function tabTo(page: Page, target: Locator, { backwards = false, max = 40 } = {}): Promise<number> {
  const key = backwards ? 'Shift+Tab' : 'Tab';
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(key);
    if (await isFocused(target)) return presses;
  }
  throw new Error(`Na ${max}× ${key} heeft ${target.toString()} nog geen focus.`);
}

/** Presses `key` (an arrow key) until `done` holds; for a closed <select> or a radio group. */
export async function pressUntil(page: Page, key: string, done: () => Promise<boolean>, max = 40): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    if (await done()) return;
    await page.keyboard.press(key);
  }
  if (!(await done())) throw new Error(`Na ${max}× ${key} is het doel niet bereikt.`);
}

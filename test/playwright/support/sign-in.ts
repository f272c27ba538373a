import { expect, type Page } from '@playwright/test';

/**
 * Signs in on the demo sign-in page as a seeded employee. The session lives in memory only, so
 * after this move around with the app's own links: page.goto() would reload and sign out.
 * `path` is where to start (the app opens it after signing in); default the home page.
 */
export async function signInAsDemo(page: Page, username: string, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden bij Schakel' })).toBeVisible();
  await page.getByLabel('Medewerker', { exact: true }).selectOption(username);
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
}

/** Follows a link of the main menu (client-side, so the session stays). */
export async function openFromMenu(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name }).click();
}

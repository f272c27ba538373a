import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe-core over the whole page; fails with one readable line per violation and element. */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    elements: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`.replace(/\s+/g, ' ')),
  }));
  expect(violations, `axe-core op ${screen}`).toEqual([]);
}

/** The page itself does not scroll sideways (WCAG 1.4.10 reflow); 1 px for rounding. */
export async function expectNoHorizontalScroll(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.locator('html').evaluate((html) => html.scrollWidth);
  expect(scrollWidth, `breedte van de pagina bij ${width} px`).toBeLessThanOrEqual(width + 1);
}

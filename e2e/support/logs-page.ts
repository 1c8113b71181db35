/** Page object for the Logs view: the query bar, sources, controls and the log list, by role. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { RunningApp } from './web-app';

export class LogsPage {
  readonly query: Locator;
  readonly log: Locator;
  readonly sources: Locator;
  readonly search: Locator;
  readonly matches: Locator;
  readonly pending: Locator;
  readonly stream: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.query = page.getByRole('textbox', { name: 'Log query' });
    this.log = page.getByRole('log', { name: 'Log lines' });
    this.sources = page.getByRole('region', { name: 'Sources' });
    this.search = page.getByRole('searchbox', { name: 'Search logs' });
    this.matches = page.getByLabel('Matches');
    this.pending = page.getByRole('status', { name: 'New lines' });
    this.stream = page.getByRole('status', { name: 'Stream' });
    this.count = page.getByTestId('log-count');
  }

  async open(
    app: Pick<RunningApp, 'open'>,
    context: string,
    namespaces: string,
    query = '',
  ): Promise<void> {
    const q = query ? `&q=${encodeURIComponent(query)}` : '';
    await app.open(this.page, `#/logs?context=${context}&ns=${namespaces}${q}`);
  }

  /** Types a query and presses Enter, as a user does. */
  async follow(query: string): Promise<void> {
    await this.query.fill(query);
    await this.query.press('Enter');
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Lines in the list (its data attribute, not the few rows on screen). */
  async lineCount(): Promise<number> {
    return Number(await this.log.getAttribute('data-line-count'));
  }

  /** The rows on screen, as their text. */
  async visibleRows(): Promise<string[]> {
    return this.log.locator('.log-row').allTextContents();
  }

  async expectLines(atLeast = 1): Promise<void> {
    await expect.poll(() => this.lineCount(), { timeout: 30_000 }).toBeGreaterThanOrEqual(atLeast);
  }
}

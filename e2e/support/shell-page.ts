/** Page object for the shell of the UI: top bar, sections, status. Role-based selectors only. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { RunningApp } from './web-app';

export class ShellPage {
  readonly contextBox: Locator;
  readonly connection: Locator;
  readonly namespacesButton: Locator;
  readonly namespaces: Locator;
  readonly sections: Locator;

  constructor(readonly page: Page) {
    this.contextBox = page.getByRole('combobox', { name: 'Context' });
    this.connection = page.getByRole('status', { name: 'Connection' });
    this.namespacesButton = page.getByRole('button', { name: /^Namespaces/ });
    this.namespaces = page.getByRole('group', { name: 'Namespaces' });
    this.sections = page.getByRole('navigation', { name: 'Sections' });
  }

  /** Opens the app (with its session, see web-app.ts) at `hash`. */
  async open(app: Pick<RunningApp, 'open'>, hash = ''): Promise<void> {
    await app.open(this.page, hash);
  }

  /** The context names offered, in order. */
  async contextNames(): Promise<string[]> {
    const values = await this.contextBox
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    return values;
  }

  async selectContext(name: string): Promise<void> {
    await this.contextBox.selectOption(name);
    await expect(this.contextBox).toHaveValue(name);
  }

  async openNamespaces(): Promise<void> {
    if ((await this.namespacesButton.getAttribute('aria-expanded')) !== 'true')
      await this.namespacesButton.click();
    await expect(this.namespaces).toBeVisible();
  }

  namespace(name: string): Locator {
    return this.namespaces.getByRole('checkbox', { name, exact: true });
  }
}

/** Page object for a live resource table: reads the rows the user sees, by role. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { RunningApp } from './web-app';

export class TablePage {
  readonly table: Locator;
  readonly count: Locator;

  constructor(
    readonly page: Page,
    label: string,
  ) {
    this.table = page.getByRole('table', { name: label });
    this.count = page.getByTestId('row-count');
  }

  /** Every rendered body row as {column label: text}. Use a tall viewport to see all rows. */
  async rows(): Promise<Record<string, string>[]> {
    return this.table.evaluate((table) => {
      const headers = [...table.querySelectorAll('[role=columnheader]')].map((h) =>
        (h.textContent ?? '').replace(/[▲▼]/g, '').trim(),
      );
      return [...table.querySelectorAll('[role=rowgroup] [role=row][aria-rowindex]')]
        .filter((r) => Number(r.getAttribute('aria-rowindex')) > 1)
        .map((r) => {
          const cells = [...r.querySelectorAll('[role=cell]')].map((c) =>
            (c.textContent ?? '').trim(),
          );
          return Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
        });
    });
  }

  /** "namespace/name STATUS" lines, sorted, as kubectlPods() prints them. */
  async podLines(namespace?: string): Promise<string[]> {
    return (await this.rows())
      .map((r) => `${r['Namespace'] ?? namespace}/${r['Name']} ${r['Status']}`)
      .sort();
  }

  async expectCount(n: number, noun: string): Promise<void> {
    await expect(this.count).toHaveText(`${n.toLocaleString('en-US')} ${noun}`);
  }

  row(name: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }
}

/** Opens the pods view of a context and namespaces (`all` or a comma list). */
export async function openPods(
  page: Page,
  app: Pick<RunningApp, 'open'>,
  context: string,
  ns: string,
): Promise<TablePage> {
  await app.open(page, `#/pods?context=${context}&ns=${ns}`);
  const table = new TablePage(page, 'Pods');
  await expect(table.table).toBeVisible();
  return table;
}

/**
 * The popup as the tests drive it: popup.html opened in an ordinary tab and pointed at the tab
 * `tabId` with `?tabId=N` (a real popup uses the active tab). Names the parts the specs use;
 * anything else is reached through `page`.
 */
import type { BrowserContext, Download, Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export class PopupPage {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string, tabId: number, { height = 600 } = {}): Promise<PopupPage> {
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height });
    await page.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
    await expect(page.getByRole('heading', { name: 'On this page' })).toBeVisible();
    return new PopupPage(page);
  }

  close(): Promise<void> {
    return this.page.close();
  }

  // ---- On this page -------------------------------------------------------------------------

  /** One row per entity the page mentions. */
  get pageEntities(): Locator {
    return this.page.getByTestId('page-entity');
  }

  pageEntity(name: string): Locator {
    return this.pageEntities.filter({ hasText: name });
  }

  /** Click an entity of "On this page": the tab scrolls to its first mention and opens its card. */
  reveal(name: string): Promise<void> {
    return this.pageEntity(name).getByRole('button').click();
  }

  /** "Nothing from your glossary…", "reads web pages only", …: its `data-reason` says which. */
  get pageEmpty(): Locator {
    return this.page.getByTestId('page-empty');
  }

  get siteSwitch(): Locator {
    return this.page.getByTestId('site-switch');
  }

  get siteSwitchButton(): Locator {
    return this.page.getByTestId('site-switch-button');
  }

  /** Names found on the page that are not in the glossary. */
  get suggestions(): Locator {
    return this.page.getByTestId('suggestion');
  }

  // ---- Notes --------------------------------------------------------------------------------

  get notes(): Locator {
    return this.page.getByTestId('note-item');
  }

  get notesSearch(): Locator {
    return this.page.getByTestId('notes-search');
  }

  /** "No saved notes yet" (none at all) and "No note matches" (none for the search or filters). */
  get notesEmpty(): Locator {
    return this.page.getByTestId('notes-empty');
  }

  get notesNone(): Locator {
    return this.page.getByTestId('notes-none');
  }

  /** Export the notes listed; resolves with the file the browser downloads. */
  async exportNotes(format: 'markdown' | 'json'): Promise<Download> {
    await this.page.getByTestId('export').click();
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`export-${format}`).click()]);
    return download;
  }
}

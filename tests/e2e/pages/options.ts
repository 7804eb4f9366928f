/**
 * The options page (glossary manager) as the tests drive it: open it at a section, the
 * glossary's rows, the entity form, and importing a file through the file input. Anything
 * else is reached through `page`.
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export interface ImportFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export class OptionsPage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  /** options.html at `hash` (e.g. '#/settings'), once the glossary has loaded. */
  static async open(context: BrowserContext, extensionId: string, hash = ''): Promise<OptionsPage> {
    const options = new OptionsPage(await context.newPage(), extensionId);
    await options.goto(hash);
    await options.loaded();
    return options;
  }

  /** Go to another section ('#/settings', '#/entity/<id>', '' for the glossary). */
  async goto(hash: string): Promise<void> {
    await this.page.goto(`chrome-extension://${this.extensionId}/options.html${hash}`);
  }

  /** Wait until the glossary has loaded (after opening or reloading). */
  loaded(): Promise<void> {
    return expect(this.page.getByText('Loading the glossary…')).toHaveCount(0);
  }

  // ---- Glossary -----------------------------------------------------------------------------

  get rows(): Locator {
    return this.page.getByTestId('entity-row');
  }

  /** The glossary row of the entity named exactly `name`. */
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('entity-name').getByText(name, { exact: true }) });
  }

  /** The entity form, by its heading ("New entity", "Edit X"). */
  form(title: string): Locator {
    return this.page.getByRole('form', { name: title });
  }

  /** "Added …", "Deleted …" (with Undo), "Saved …". */
  get status(): Locator {
    return this.page.getByTestId('status');
  }

  // ---- Import -------------------------------------------------------------------------------

  /** Choose a file in the import input (the preview, or the errors, follow). */
  importFile(file: ImportFile | string): Promise<void> {
    return this.page.getByLabel('Import glossary file').setInputFiles(file);
  }

  get importPreview(): Locator {
    return this.page.getByTestId('import-preview');
  }

  /** Choose a file, wait for its preview, and import it. */
  async importAndConfirm(file: ImportFile | string): Promise<void> {
    await this.importFile(file);
    await expect(this.importPreview).toBeVisible();
    await this.importPreview.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(this.importPreview).toHaveCount(0);
  }
}

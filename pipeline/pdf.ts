/**
 * Stage 6, pdf: `report.html` → `report.pdf` (A4, text selectable, fonts embedded, tagged,
 * bookmarks from headings, page numbers from CSS `@page` margin boxes), printed by a headless
 * Chromium (see browser.ts). The creation and modification dates inside the PDF are set to the
 * report date (or 2000-01-01) so that the same input gives the same bytes.
 */
import type { Browser, Page } from 'puppeteer-core';
import { findBrowser } from './browser.ts';
import { JejaringError } from './errors.ts';

export interface PdfOptions {
  browser: string | null;
  /** ISO date used for the PDF's internal dates. */
  date: string | null;
}

/**
 * Make Chromium's PDF depend only on the document, byte for byte, without changing any length
 * (so the cross-reference offsets stay right):
 * - /CreationDate and /ModDate become the report date (or 2000-01-01);
 * - the IDs of tagged table headers (`node` + a renderer-wide counter, which goes on growing when
 *   a tab is reused) are renumbered in order of first appearance, and the ID tree that lists them
 *   is sorted again by the new keys. Only a one-leaf ID tree (what Chromium writes) is re-sorted;
 *   anything else is left as it is.
 */
export function stablePdf(pdf: Uint8Array, isoDate: string | null): Uint8Array {
  const stamp = (isoDate ?? '2000-01-01').replace(/-/g, '');
  let text = Buffer.from(pdf).toString('latin1');
  text = text.replace(
    /\/(CreationDate|ModDate) \(D:(\d{8})(\d{6})([^)]*)\)/g,
    (_m, key: string, _d: string, _t: string, rest: string) => `/${key} (D:${stamp}000000${rest})`,
  );
  const leaves = [...text.matchAll(/\/Limits \[\(node\d{8}\) \(node\d{8}\)\]\n\/Names \[((?:\(node\d{8}\) \d+ 0 R ?)*)\]/g)];
  if (leaves.length === 1) {
    const renamed = new Map<string, string>();
    for (const [, old] of text.matchAll(/\/ID \(node(\d{8})\)/g))
      if (!renamed.has(old!)) renamed.set(old!, String(renamed.size + 1).padStart(8, '0'));
    text = text.replace(/\(node(\d{8})\)/g, (m, old: string) => (renamed.has(old) ? `(node${renamed.get(old)})` : m));
    text = text.replace(/\/Limits \[\(node\d{8}\) \(node\d{8}\)\]\n\/Names \[((?:\(node\d{8}\) \d+ 0 R ?)*)\]/, (m, names: string) => {
      const pairs = [...names.matchAll(/\((node\d{8})\) (\d+ 0 R)/g)]
        .map(([, key, ref]) => [key!, ref!] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : 1));
      if (pairs.length === 0) return m;
      const list = pairs.map(([k, r]) => `(${k}) ${r}`).join(' ');
      const out = `/Limits [(${pairs[0]![0]}) (${pairs.at(-1)![0]})]\n/Names [${list}${names.endsWith(' ') ? ' ' : ''}]`;
      return out.length === m.length ? out : m;
    });
  }
  return Buffer.from(text, 'latin1');
}

/**
 * One browser for many documents; several may print at once, a tab each. Tabs are kept and
 * reused (a new tab starts a renderer process: ~70 ms a document in a batch).
 */
export class PdfPrinter {
  private browser: Promise<Browser> | null = null;
  private idle: Page[] = [];
  constructor(private readonly options: PdfOptions) {}

  private launch(): Promise<Browser> {
    this.browser ??= (async () => {
      const choice = await findBrowser(this.options.browser);
      const { default: puppeteer } = await import('puppeteer-core'); // only runs that print need it
      // over a pipe, so that the browser ends with this process even when it is killed outright;
      // signals are ours to handle (the run removes its temp folder first, then stops the browser)
      return puppeteer.launch({
        executablePath: choice.executablePath,
        args: choice.args,
        headless: 'shell',
        pipe: true,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    })();
    return this.browser;
  }

  /** Start the browser now, in the background (a failure shows at the first print). */
  warm(): this {
    this.launch().catch(() => undefined);
    return this;
  }

  /** Print one document; `date` overrides the printer's date for this document (batch runs). */
  async print(html: string, date: string | null = this.options.date): Promise<Uint8Array> {
    try {
      const page = this.idle.pop() ?? (await (await this.launch()).newPage());
      let reusable = false;
      try {
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
        reusable = true;
        return stablePdf(pdf, date);
      } finally {
        if (reusable) this.idle.push(page);
        else await page.close().catch(() => undefined);
      }
    } catch (error) {
      if (error instanceof JejaringError) throw error;
      throw new JejaringError('PDF_FAILED', { detail: error instanceof Error ? error.message.split('\n')[0]! : String(error) }, null, 3, {
        cause: error,
      });
    }
  }

  /** Stop the browser at once (Ctrl-C): its process is killed without waiting for it. */
  kill(): void {
    const browser = this.browser;
    this.browser = null;
    this.idle = [];
    void browser?.then((b) => b.process()?.kill('SIGKILL')).catch(() => undefined);
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    this.idle = [];
    await (await browser?.catch(() => null))?.close();
  }
}

export async function pdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  const printer = new PdfPrinter(options);
  try {
    return await printer.print(html);
  } finally {
    await printer.close();
  }
}

/**
 * Stage 6, pdf: `report.html` → `report.pdf` (A4, text selectable, fonts embedded, tagged,
 * bookmarks from headings, page numbers from CSS `@page` margin boxes), printed by a headless
 * Chromium (see browser.ts). The creation and modification dates inside the PDF are set to the
 * report date (or 2000-01-01) so that the same input gives the same bytes.
 *
 * Runnable alone: `npm run pdf -- <out>/<case> [--browser PATH]` reads `report.html`, writes
 * `report.pdf`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMetrics, stageDir, writeFiles } from './artifacts.ts';
import { isMain, runCli } from './cli.ts';
import type { Browser } from 'puppeteer-core';
import { findBrowser } from './browser.ts';
import { JejaringError } from './errors.ts';

export interface PdfOptions {
  browser: string | null;
  /** ISO date used for the PDF's internal dates. */
  date: string | null;
}

/** Replace the PDF's /CreationDate and /ModDate with a fixed date of the same length. */
export function fixPdfDates(pdf: Uint8Array, isoDate: string | null): Uint8Array {
  const stamp = (isoDate ?? '2000-01-01').replace(/-/g, '');
  const text = Buffer.from(pdf).toString('latin1');
  const fixed = text.replace(/\/(CreationDate|ModDate) \(D:(\d{8})(\d{6})([^)]*)\)/g, (_m, key: string, _d: string, _t: string, rest: string) => `/${key} (D:${stamp}000000${rest})`);
  return Buffer.from(fixed, 'latin1');
}

export class PdfPrinter {
  private browser: Browser | null = null;
  constructor(private readonly options: PdfOptions) {}

  /** Print one document; `date` overrides the printer's date for this document (batch runs). */
  async print(html: string, date: string | null = this.options.date): Promise<Uint8Array> {
    try {
      if (!this.browser) {
        const choice = await findBrowser(this.options.browser);
        const { default: puppeteer } = await import('puppeteer-core'); // only runs that print need it
        this.browser = await puppeteer.launch({ executablePath: choice.executablePath, args: choice.args, headless: 'shell' });
      }
      const page = await this.browser.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
        return fixPdfDates(pdf, date);
      } finally {
        await page.close();
      }
    } catch (error) {
      if (error instanceof JejaringError) throw error;
      throw new JejaringError('PDF_FAILED', { detail: error instanceof Error ? error.message.split('\n')[0]! : String(error) }, null, 3, { cause: error });
    }
  }

  async close(): Promise<void> {
    await this.browser?.close();
    this.browser = null;
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

if (isMain(import.meta.url)) {
  runCli(async (options, tr) => {
    const dir = stageDir(options.positional);
    const html = join(dir, 'report.html');
    if (!existsSync(html)) throw new JejaringError('ARTIFACT_MISSING', { stage: 'html' }, { file: html }, 2);
    const m = readMetrics(dir);
    const bytes = await pdf(readFileSync(html, 'utf8'), { browser: options.browser, date: m.settings.reportDate });
    writeFiles(dir, [['report.pdf', bytes]], (p) => process.stderr.write(`${tr.t('cli.wrote', { path: p })}\n`));
  });
}

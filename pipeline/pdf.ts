/**
 * Stage 6, pdf: `report.html` → `report.pdf` (A4, text selectable, fonts embedded, tagged,
 * bookmarks from headings, page numbers from CSS `@page` margin boxes), printed by a headless
 * Chromium (see browser.ts). What Chromium leaves outside the tags (the running footer, the
 * drawing of each chart, whose Figure tag carries its text alternative, backgrounds and rules)
 * is marked as an artifact (`markArtifacts`), so a screen reader reads the tags only. The
 * creation and modification dates inside the PDF are set to the report date (or 2000-01-01) so
 * that the same input gives the same bytes.
 */
import { deflateSync, inflateSync } from 'node:zlib';
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

/** Content-stream lines that open or close a nesting an artifact must not straddle. */
const NESTING = /^(q|Q|BT|ET|EMC|.*\bB[DM]C)$/;

/**
 * A page's content with everything outside marked content wrapped in `/Artifact BMC … EMC`.
 * Chromium writes one nesting operator a line (q, Q, BT, ET, BDC, EMC); an artifact is closed
 * before each of them and opened again after, so that it nests inside text objects and graphics
 * states and never around a tagged sequence.
 */
export function artifactContent(content: string): string {
  const out: string[] = [];
  let depth = 0;
  let open = false;
  for (const line of content.split('\n')) {
    const op = line.trim();
    if (NESTING.test(op)) {
      if (open) out.push('EMC');
      open = false;
      if (op === 'EMC') depth--;
      else if (/B[DM]C$/.test(op)) depth++;
    } else if (depth === 0 && !open && op !== '') {
      out.push('/Artifact BMC');
      open = true;
    }
    out.push(line);
  }
  if (open) out.push('EMC');
  return out.join('\n');
}

/**
 * Chromium's PDF with each page's untagged content marked as an artifact (`artifactContent`):
 * the page content streams are inflated, marked, deflated again (zlib's output depends only on
 * its input) and the file is written anew with its cross-reference table. Only a file laid out
 * as Chromium writes it (one classic xref table, Flate content streams with a direct /Length) is
 * changed; any other is returned as it is.
 */
export function markArtifacts(pdf: Uint8Array): Uint8Array {
  const buffer = Buffer.from(pdf);
  const text = buffer.toString('latin1');
  const xrefAt = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1] ?? Number.NaN);
  const table = /^xref\n0 (\d+)\n((?:\d{10} \d{5} [nf] ?\r?\n)*)(trailer[\s\S]*?)startxref/.exec(text.slice(xrefAt));
  if (!table) return pdf;
  const entries = [...table[2]!.matchAll(/(\d{10}) (\d{5}) ([nf])/g)].map((m, n) => ({ n, offset: Number(m[1]), used: m[3] === 'n' }));
  const used = entries.filter((e) => e.used && e.n > 0).sort((a, b) => a.offset - b.offset);
  if (used.length === 0) return pdf;
  const chunk = new Map(used.map((e, i) => [e.n, buffer.subarray(e.offset, used[i + 1]?.offset ?? xrefAt)]));
  const contents = new Set<number>();
  for (const [, bytes] of chunk) {
    const head = bytes.subarray(0, 2000).toString('latin1');
    if (!/\/Type \/Page\b/.test(head)) continue;
    const refs = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(head)?.[1] ?? '';
    for (const m of refs.matchAll(/(\d+) 0 R/g)) contents.add(Number(m[1]));
  }
  for (const n of contents) {
    const bytes = chunk.get(n);
    if (!bytes) return pdf;
    const raw = bytes.toString('latin1');
    const m = /^(\d+ 0 obj\n?<<)([\s\S]*?)(>>\s*stream\r?\n)/.exec(raw);
    const length = m ? /\/Length (\d+)(?!\s+\d+\s+R)/.exec(m[2]!) : null;
    if (!m || !length || !/\/Filter \/FlateDecode/.test(m[2]!) || /\/DecodeParms/.test(m[2]!)) return pdf;
    const start = m[0].length;
    const marked = deflateSync(
      Buffer.from(artifactContent(inflateSync(bytes.subarray(start, start + Number(length[1]))).toString('latin1')), 'latin1'),
    );
    const dict = m[2]!.replace(/\/Length \d+/, `/Length ${marked.length}`);
    chunk.set(n, Buffer.concat([Buffer.from(`${m[1]}${dict}${m[3]}`, 'latin1'), marked, Buffer.from('\nendstream\nendobj\n', 'latin1')]));
  }
  const parts: Buffer[] = [buffer.subarray(0, used[0]!.offset)];
  const offsets = new Map<number, number>();
  let at = parts[0]!.length;
  for (const e of used) {
    offsets.set(e.n, at);
    const bytes = chunk.get(e.n)!;
    parts.push(bytes);
    at += bytes.length;
  }
  const rows = entries.map((e) =>
    e.n === 0 ? '0000000000 65535 f \n' : e.used ? `${String(offsets.get(e.n)).padStart(10, '0')} 00000 n \n` : '0000000000 00001 f \n',
  );
  parts.push(Buffer.from(`xref\n0 ${entries.length}\n${rows.join('')}${table[3]}startxref\n${at}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/**
 * Documents a browser prints before it is replaced by a fresh one. Chromium's memory grows with
 * every document it renders (caches, the renderer's counters), by about 2.5 MiB a document;
 * replacing it every `RECYCLE_AFTER` documents keeps a folder of thousands of groups at the
 * memory of its first hundred, for the cost of one start (about 0.3 s) per hundred documents.
 */
export const RECYCLE_AFTER = 100;

/** One browser process and its tabs; `printing` documents are on it now. */
interface Generation {
  browser: Promise<Browser>;
  idle: Page[];
  printed: number;
  printing: number;
  retired: boolean;
}

/**
 * One browser for many documents; several may print at once, a tab each. Tabs are kept and
 * reused (a new tab starts a renderer process: ~70 ms a document in a batch). After
 * `recycleAfter` documents the browser is retired: the next document starts a new one, and the
 * old one is closed as soon as its last document is printed.
 */
export class PdfPrinter {
  private current: Generation | null = null;
  private readonly retiring = new Set<Generation>();
  /** Retired browsers being closed: a document waits for them, so at most one idle browser is alive. */
  private readonly closing = new Set<Promise<void>>();
  private readonly recycleAfter: number;
  constructor(private readonly options: PdfOptions & { recycleAfter?: number }) {
    this.recycleAfter = options.recycleAfter ?? RECYCLE_AFTER;
  }

  private async start(): Promise<Browser> {
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
  }

  /** The browser documents go to now: a new one once the current has printed `recycleAfter`. */
  private generation(): Generation {
    if (this.current && this.current.printed >= this.recycleAfter) this.retire(this.current);
    this.current ??= { browser: this.start(), idle: [], printed: 0, printing: 0, retired: false };
    return this.current;
  }

  /** No new document goes to `g`; it is closed once its last document is printed. */
  private retire(g: Generation): void {
    if (g.retired) return;
    g.retired = true;
    if (this.current === g) this.current = null;
    if (g.printing === 0) void this.closeGeneration(g);
    else this.retiring.add(g);
  }

  private closeGeneration(g: Generation): Promise<void> {
    this.retiring.delete(g);
    g.idle = [];
    const closed = (async () => {
      await (await g.browser.catch(() => null))?.close().catch(() => undefined);
    })();
    this.closing.add(closed);
    return closed.finally(() => this.closing.delete(closed));
  }

  /** Start the browser now, in the background (a failure shows at the first print). */
  warm(): this {
    this.generation().browser.catch(() => undefined);
    return this;
  }

  /** Print one document; `date` overrides the printer's date for this document (batch runs). */
  async print(html: string, date: string | null = this.options.date): Promise<Uint8Array> {
    // counted before any wait, so that the browser is not retired and closed under this document
    let g = this.generation();
    g.printed++;
    g.printing++;
    try {
      let browser = await g.browser;
      if (!browser.connected) {
        // the browser has gone (it crashed, or the system ended it for memory): a new one, so that
        // one lost browser in a long folder run costs no document
        this.retire(g);
        await this.done(g);
        g = this.generation();
        g.printed++;
        g.printing++;
        browser = await g.browser;
      }
      await Promise.all(this.closing);
      const page = g.idle.pop() ?? (await browser.newPage());
      let reusable = false;
      try {
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
        reusable = !g.retired;
        return markArtifacts(stablePdf(pdf, date));
      } finally {
        if (reusable) g.idle.push(page);
        else await page.close().catch(() => undefined);
      }
    } catch (error) {
      if (error instanceof JejaringError) throw error;
      throw new JejaringError('PDF_FAILED', { detail: error instanceof Error ? error.message.split('\n')[0]! : String(error) }, null, 3, {
        cause: error,
      });
    } finally {
      await this.done(g);
    }
  }

  /** A document of `g` is printed (or failed): the last one of a retired browser closes it. */
  private async done(g: Generation): Promise<void> {
    g.printing--;
    if (g.retired && g.printing === 0) await this.closeGeneration(g);
  }

  private all(): Generation[] {
    const all = [...this.retiring];
    if (this.current) all.push(this.current);
    this.current = null;
    this.retiring.clear();
    return all;
  }

  /** Stop the browser at once (Ctrl-C): its process is killed without waiting for it. */
  kill(): void {
    for (const g of this.all()) {
      g.retired = true;
      g.idle = [];
      void g.browser.then((b) => b.process()?.kill('SIGKILL')).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await Promise.all(
      this.all().map((g) => {
        g.retired = true;
        return this.closeGeneration(g);
      }),
    );
    await Promise.all(this.closing);
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

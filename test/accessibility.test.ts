/**
 * The report as assistive technology and print read it, in the project's Chromium: axe-core
 * (injected from node_modules, no network) finds no violation of WCAG 2.x A/AA nor of its best
 * practices on the sample report in its three editions and on the combined view of a folder of two
 * cases; printed, no text of the HTML is under 8 pt (the charts' own text is checked in
 * chart-render.test.ts); on a phone, the combined view's page keeps the phone's width and its
 * tables scroll in their own boxes.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replicateDigests } from '../bench/synthetic.ts';
import { findBrowser } from '../pipeline/browser.ts';
import { combine, combinedReport } from '../pipeline/combined.ts';
import { AUDIENCES } from '../pipeline/edition.ts';
import { translator } from '../pipeline/i18n.ts';
import type { Digest } from '../pipeline/model/combined.ts';
import { run } from '../pipeline/run.ts';
import { runOptions, SAMPLE, tempDir } from './helpers.ts';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** Every WCAG A and AA rule axe has, of WCAG 2.0, 2.1 and 2.2, and its best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: string[] }[] }[];
  passes: { id: string }[];
}

let browser: Browser;
beforeAll(async () => {
  const { default: puppeteer } = await import('puppeteer-core');
  const choice = await findBrowser(null);
  browser = await puppeteer.launch({ executablePath: choice.executablePath, args: choice.args, headless: 'shell' });
});
afterAll(async () => {
  await browser?.close();
});

/** Open `file` in a page `width` px wide, fonts loaded, run `look` on it, and close the page whatever happens. */
async function withPage<T>(file: string, look: (page: Page) => Promise<T>, width = 1024): Promise<T> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width, height: 768 });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    return await look(page);
  } finally {
    await page.close();
  }
}

const axe = (file: string) =>
  withPage(file, async (page) => {
    await page.evaluate(AXE);
    return (await page.evaluate(
      (tags: string[]) =>
        (window as unknown as { axe: { run: (c: Document, o: object) => Promise<unknown> } }).axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
        }),
      TAGS,
    )) as AxeResult;
  });

/** The elements whose own text prints under 8 pt (outside drawings), with the size. */
const printedUnder8pt = (file: string) =>
  withPage(file, async (page) => {
    await page.emulateMediaType('print');
    return page.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((e) => !e.closest('svg') && getComputedStyle(e).display !== 'none' && (e as HTMLElement).offsetParent !== null)
        .filter((e) => Array.from(e.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== ''))
        .map((e) => ({
          tag: e.tagName,
          text: (e.textContent ?? '').trim().slice(0, 40),
          pt: (Number.parseFloat(getComputedStyle(e).fontSize) * 72) / 96,
        }))
        .filter((e) => e.pt < 7.995),
    );
  });

/** On a phone (390 px): how wide the page is, and the widest table's box (it scrolls inside, the page does not). */
const onPhone = (file: string) =>
  withPage(
    file,
    (page) =>
      page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        boxes: Array.from(document.querySelectorAll('table')).map((t) => Math.round(t.parentElement!.getBoundingClientRect().width)),
        groupsTable: Math.round(document.querySelector('table.groups')?.getBoundingClientRect().width ?? 0),
      })),
    390,
  );

const summary = (r: AxeResult) => r.violations.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe.each(AUDIENCES)('the sample report, %s edition', async (audience) => {
  const target = await run(runOptions(SAMPLE, { audience }), translator('id'));
  const file = join(target, 'report.html');

  it('has no axe-core violation (WCAG A/AA, best practice)', async () => {
    const result = await axe(file);
    expect(summary(result)).toEqual([]);
    // the rules that matter here did run
    expect(result.passes.map((p) => p.id)).toEqual(
      expect.arrayContaining(['color-contrast', 'aria-hidden-focus', 'html-has-lang', 'target-size']),
    );
  });

  it('prints no text under 8 pt', async () => {
    expect(await printedUnder8pt(file)).toEqual([]);
  });
});

it('the combined view of a folder of two cases has no axe-core violation', async () => {
  const root = tempDir();
  cpSync(SAMPLE, join(root, 'a-sampel'), { recursive: true });
  cpSync(join(SAMPLE, '..', 'sample-kobo'), join(root, 'b-kobo'), { recursive: true });
  const out = tempDir();
  await run(runOptions(root, { out, audience: 'kelurahan' }), translator('id'));
  const file = join(out, '_gabungan', 'report.html');
  const html = readFileSync(file, 'utf8');
  expect(html).toContain('<h2 id="sistem-sumber">');
  // a drawing, if the view has one, is hidden from screen readers behind its figure's alternative
  expect(html.match(/<svg/g)?.length ?? 0).toBe(html.match(/aria-hidden="true"><svg/g)?.length ?? 0);
  expect(summary(await axe(file))).toEqual([]);
  expect(await printedUnder8pt(file)).toEqual([]);
  // on a phone the page keeps its width and the groups table scrolls in its box, wide enough to read
  const phone = await onPhone(file);
  expect(phone.page).toBe(390);
  expect(Math.max(...phone.boxes)).toBeLessThanOrEqual(390);
  expect(phone.groupsTable).toBeGreaterThanOrEqual(900);
});

it('the combined view of a province (150 groups), on screen and as printed, has no axe-core violation', async () => {
  const root = tempDir();
  cpSync(SAMPLE, join(root, 'a-sampel'), { recursive: true });
  cpSync(join(SAMPLE, '..', 'sample-kobo'), join(root, 'b-kobo'), { recursive: true });
  const out = await run(runOptions(root, { audience: 'dinas', shard: { k: 1, n: 1 } }), translator('id'));
  const base = (JSON.parse(readFileSync(join(out, '_shards', '1-of-1.json'), 'utf8')) as { digests: Digest[] }).digests;
  const c = combine(replicateDigests(base, 150), 'dinas', false);
  for (const medium of ['screen', 'print'] as const) {
    const file = join(out, `${medium}.html`);
    writeFileSync(
      file,
      combinedReport(c, translator('id'), (d) => `../${d.case}/report.pdf`, medium),
    );
    expect(readFileSync(file, 'utf8')).toContain('<h2 id="ringkasan">');
    expect(summary(await axe(file)), medium).toEqual([]);
    if (medium === 'print') expect(await printedUnder8pt(file)).toEqual([]);
  }
});

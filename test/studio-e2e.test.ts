/**
 * The workbench in a real browser (the project's Chromium, found like the PDF printer finds it):
 * a facilitator creates a case from the sample's roster and its KoboToolbox export by upload,
 * resolves an unknown name through a suggestion, maps an unread column, builds the report, opens
 * it, and explores the change. The export is the sample's, with the two slips a real download
 * has: a respondent's name typed by hand ("Ai Nurhayatii") and the trust question named
 * `keyakinan_<actor>` in the form, which no built-in word reads.
 *
 * STUDIO_SCREENSHOTS=<folder> also writes the page at 1280 and 390 px wide.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findBrowser } from '../pipeline/browser.ts';
import { type Studio, startStudio } from '../pipeline/studio/server.ts';
import { tempDir } from './helpers.ts';

const KOBO = 'data/sample-kobo';
const shots = process.env.STUDIO_SCREENSHOTS;

/** The sample's first Kobo round with a hand-typed name and the trust question renamed. */
function downloadedExport(dir: string): string {
  const lines = readFileSync(join(KOBO, 'exports/01-pra.csv'), 'utf8').split('\r\n');
  lines[0] = lines[0]!.replaceAll('kepercayaan_', 'keyakinan_');
  lines[1] = lines[1]!.replace(';"m04";', ';"Ai Nurhayatii";');
  const path = join(dir, 'KUBE_Dahlia_pra_2019-03-16.csv');
  writeFileSync(path, lines.join('\r\n'));
  return path;
}

describe('the workbench in a browser', () => {
  let studio: Studio;
  let browser: Browser;
  let page: Page;
  let workspace: string;
  let files: string;

  beforeAll(async () => {
    workspace = tempDir();
    files = tempDir();
    copyFileSync(join(KOBO, 'actors.csv'), join(files, 'actors.csv'));
    copyFileSync(join(KOBO, 'exports/02-pasca.csv'), join(files, 'KUBE_Dahlia_pasca_2019-11-23.csv'));
    downloadedExport(files);
    studio = await startStudio({ workspace, port: 0 });
    const { default: puppeteer } = await import('puppeteer-core');
    const choice = await findBrowser(null);
    browser = await puppeteer.launch({ executablePath: choice.executablePath, args: choice.args, headless: 'shell' });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    if (shots) mkdirSync(shots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  const shoot = async (name: string) => {
    if (!shots) return;
    for (const width of [1280, 390]) {
      await page.setViewport({ width, height: 900 });
      await new Promise((r) => setTimeout(r, 300));
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewport({ width: 1280, height: 900 });
  };
  const text = (selector: string) => page.$eval(selector, (el) => el.textContent ?? '');
  /** Do something in the page and wait for the message it leaves (an earlier message is cleared first). */
  const act = async (action: () => Promise<unknown>) => {
    await page.$eval('#message', (el) => {
      (el as HTMLElement).hidden = true;
      el.textContent = '';
    });
    await action();
    await page.waitForSelector('#message:not([hidden])');
    return text('#message');
  };
  const upload = async (selector: string, path: string) => {
    const input = await page.waitForSelector(selector);
    await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
  };

  it('opens with the printed address, which sets the cookie and leaves the token out of the address bar', async () => {
    await page.goto(studio.url);
    expect(page.url()).toBe(`http://127.0.0.1:${studio.port}/`);
    await page.waitForSelector('#create-case');
    expect(await text('#subtitle')).toContain('laptop ini');
    await shoot('cases');
  });

  it('creates a case and its roster from the sample actors.csv', async () => {
    await page.type('#new-group', 'KUBE Dahlia Berkarya');
    await page.type('#new-kelurahan', 'Karang Pamulang');
    await page.type('#new-kota', 'Kota Bandung');
    await page.click('#create-case');
    await page.waitForSelector('#section-roster');
    expect(page.url()).toContain('#/case/kube-dahlia-berkarya');
    expect(await act(() => upload('#roster-file', join(files, 'actors.csv')))).toContain('34');
    expect(readFileSync(join(workspace, 'kube-dahlia-berkarya/actors.csv'), 'utf8')).toContain('Euis Suryani');
  });

  it('adds the round from the Kobo export as downloaded and shows what it read', async () => {
    await upload('#round-file', join(files, 'KUBE_Dahlia_pra_2019-03-16.csv'));
    await page.waitForSelector('#counts');
    const facts = await text('.facts');
    expect(facts).toContain('KoboToolbox');
    expect(facts).toContain('titik koma');
    // the hand-typed respondent's answers are rejected, and every trust column is not used
    expect(await text('.count.rejected strong')).not.toBe('0');
    expect(await page.$$eval('tr.unused[data-column$="keyakinan_m01"]', (r) => r.length)).toBe(1);
    await shoot('round');
  });

  it('resolves the unknown name through a suggestion: an alias in the roster, never a change to the export', async () => {
    const buttons = await page.$$('button.suggestion');
    const labels = await Promise.all(buttons.map((b) => b.evaluate((el) => el.textContent)));
    const i = labels.indexOf('= Ai Nurhayati');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(await act(() => buttons[i]!.click())).toContain('Ai Nurhayatii');
    const roster = readFileSync(join(workspace, 'kube-dahlia-berkarya/actors.csv'), 'utf8');
    expect(roster).toMatch(/Ai Nurhayati,[^\n]*Ai Nurhayatii/);
    const stored = readFileSync(join(workspace, 'kube-dahlia-berkarya/exports/KUBE_Dahlia_pra_2019-03-16.csv'));
    expect(stored.equals(readFileSync(join(files, 'KUBE_Dahlia_pra_2019-03-16.csv')))).toBe(true);
  });

  it('maps the unread trust column: the word goes to import.questions in case.yaml and every actor is read', async () => {
    await page.waitForSelector('tr[data-column="g_m01/keyakinan_m01"] select');
    await page.select('tr[data-column="g_m01/keyakinan_m01"] select', 'trust');
    expect(await act(() => page.click('tr[data-column="g_m01/keyakinan_m01"] button'))).toContain('kepercayaan');
    const spec = parse(readFileSync(join(workspace, 'kube-dahlia-berkarya/case.yaml'), 'utf8'));
    expect(spec.import.questions.trust).toContain('keyakinan');
    await page.waitForSelector('#counts');
    expect(await page.$$eval('tr.unused[data-column*="keyakinan"]', (r) => r.length)).toBe(0);
    expect(await text('.count.rejected strong')).toBe('0');
  });

  it('saves the round label and date, and adds the second round', async () => {
    await page.$eval('#round-label', (el) => {
      (el as HTMLInputElement).value = '';
    });
    await page.type('#round-label', 'Pra-intervensi');
    await page.$eval('#round-date', (el) => {
      (el as HTMLInputElement).value = '2019-03-16';
    });
    expect(await act(() => page.click('#round-save'))).toContain('case.yaml');
    await upload('#round-file', join(files, 'KUBE_Dahlia_pasca_2019-11-23.csv'));
    // the page moves to the new round's inspection (its default label: the second round)
    await page.waitForFunction(
      () => location.hash.includes('pasca') && document.querySelector('#inspection h3')?.textContent?.includes('Putaran 2'),
    );
    await page.waitForSelector('#counts');
    await page.$eval('#round-label', (el) => {
      (el as HTMLInputElement).value = 'Pasca-intervensi';
    });
    await act(() => page.click('#round-save'));
    const spec = parse(readFileSync(join(workspace, 'kube-dahlia-berkarya/case.yaml'), 'utf8'));
    expect(spec.rounds.map((r: { label: string }) => r.label)).toEqual(['Pra-intervensi', 'Pasca-intervensi']);
    expect(spec.rounds[0].date).toBe('2019-03-16');
  });

  it('builds the report with a progress bar, shows it in the page and opens it', async () => {
    await page.select('#edition', 'internal');
    await page.click('#build');
    await page.waitForSelector('#report-frame', { timeout: 90_000 });
    expect(await text('#stage')).toMatch(/Selesai/);
    const folder = join(workspace, '_laporan/internal/kube-dahlia-berkarya');
    expect(existsSync(join(folder, 'report.pdf'))).toBe(true);
    const frame = await (await page.$('#report-frame'))!.contentFrame();
    await frame!.waitForSelector('h1');
    expect(await frame!.$eval('body', (el) => el.textContent)).toContain('KUBE Dahlia Berkarya');
    const href = await page.$eval('#open-report', (a) => (a as HTMLAnchorElement).href);
    const report = await browser.newPage();
    const response = await report.goto(href);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain('sandbox');
    expect(await report.$$eval('script', (s) => s.length)).toBe(0);
    await report.close();
    await page.$eval('#section-build', (el) => el.scrollIntoView());
    await shoot('report');
  });

  it('explores the change: the same positions in both rounds, an actor’s ties before and after on hover', async () => {
    await page.waitForSelector('#explore-chart svg', { timeout: 30_000 });
    const actors = '#explore-chart svg .mark-symbol[class*="actors"] path';
    // to a hundredth of a pixel: the rounds' maps differ in height (their legends), not in positions
    const position = () =>
      page.$$eval(actors, (paths) =>
        paths.map((p) => (p.getAttribute('transform') ?? '').replace(/\d+\.\d+/g, (n) => Number(n).toFixed(2))),
      );
    const after = await position();
    await page.click('.round-button:first-child');
    await page.waitForSelector(actors);
    expect(after.length).toBe(34);
    expect(await position()).toEqual(after);
    await page.hover(actors);
    await page.waitForSelector('#explore-panel h3');
    // a tap pins the actor (touch screens have no hover); the filter keeps the group and one resource system
    const largest = await page.$$eval(actors, (paths) =>
      paths.reduce(
        (best, p, i, all) => ((p as SVGGraphicsElement).getBBox().width > (all[best] as SVGGraphicsElement).getBBox().width ? i : best),
        0,
      ),
    );
    await (await page.$$(actors))[largest]!.click();
    await page.select('#explore-system', await page.$eval('#explore-system option:nth-child(2)', (o) => (o as HTMLOptionElement).value));
    await page.mouse.move(1, 1);
    // the actor drawn largest is named most: its ties are listed for both rounds, more after than before
    const ties = await page.$$eval('#explore-panel table.ties th[data-count]', (th) => th.map((h) => Number(h.getAttribute('data-count'))));
    expect(ties).toHaveLength(2);
    expect(ties[0]).toBeGreaterThan(0);
    expect(ties[1]).toBeGreaterThan(ties[0]!);
    await page.$eval('#section-explore', (el) => el.scrollIntoView());
    await shoot('explore');
  });
});

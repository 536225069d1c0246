import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../pipeline/i18n.ts';
import { PdfPrinter, stablePdf } from '../pipeline/pdf.ts';
import { run } from '../pipeline/run.ts';
import { SAMPLE, tempDir } from './helpers.ts';

/**
 * How far down a page the content reaches, as a share of the A4 text area (16 mm from the top to
 * 18 mm from the bottom, where the running footer starts), from a greyscale PGM of the page.
 */
function fullness(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40))!;
  const [w, h] = [Number(header[1]), Number(header[2])];
  const mm = h / 297;
  const [top, bottom] = [Math.round(16 * mm), Math.round((297 - 18) * mm)];
  let last = top;
  for (let y = top; y < bottom; y++)
    for (let x = 0; x < w; x++)
      if (pgm[header[0].length + y * w + x]! < 200) {
        last = y;
        break;
      }
  return (last - top) / (bottom - top);
}

// Needs poppler-utils (pdftotext, pdfinfo, pdffonts): `.ci/run` installs them.
const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });

describe('report.pdf of the sample (smoke)', async () => {
  const out = tempDir();
  const target = await run(
    { positional: [SAMPLE], out, lang: 'id', pdf: true, browser: null, check: false, strict: false, audience: 'kelurahan' },
    translator('id'),
  );
  const file = join(target, 'report.pdf');

  it('is A4, tagged, at most 12 pages in all', () => {
    const info = poppler('pdfinfo', file);
    expect(info).toMatch(/Page size:\s+594\.96 x 841\.92 pts \(A4\)/);
    expect(info).toMatch(/Tagged:\s+yes/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(pages).toBeLessThanOrEqual(12);
  });
  it('no page is less than a third full but the last; the main report ends by page 8, the annexes after', () => {
    const dir = tempDir();
    execFileSync('pdftoppm', ['-r', '20', '-gray', file, join(dir, 'p')]);
    const pages = readdirSync(dir).sort();
    const full = pages.map((f) => fullness(readFileSync(join(dir, f))));
    for (const [i, share] of full.slice(0, -1).entries()) expect(share, `page ${i + 1}`).toBeGreaterThanOrEqual(1 / 3);
    const texts = pages.map((_, i) => poppler('pdftotext', '-f', String(i + 1), '-l', String(i + 1), file, '-'));
    // the first annex, the tests of change, opens with this sentence
    const annex = texts.findIndex((t) => t.includes('Setiap perbandingan dihitung pada panel'));
    expect(annex).toBeGreaterThan(1);
    expect(annex + 1).toBeLessThanOrEqual(9);
  });
  it('its first two pages name the MoUs won, the target not reached and what to do next', () => {
    const brief = poppler('pdftotext', '-f', '1', '-l', '2', file, '-').replace(/\s+/g, ' ');
    expect(brief).toContain('4 MoU baru: Warung Susi, Warung Ronal, Warung Winarni, dan PUSDIKTEK.');
    expect(brief).toContain('Belum tercapai: BLK Kota Bandung.');
    expect(brief).toContain('Langkah berikutnya');
    expect(brief).toContain('sebelum putaran survei berikutnya');
    expect(brief).toContain('Dengan siapa kelompok bekerja: sebelum dan sesudah');
  });
  it('has selectable text: the cover and a page number', () => {
    const text = poppler('pdftotext', '-layout', file, '-');
    expect(text).toContain('Laporan Evaluasi Jaringan Sosial');
    expect(text).toContain('KUBE Dahlia Berkarya');
    expect(text).toContain('16 Maret 2019');
    expect(text).toMatch(/Halaman 2 dari \d+/);
  });
  it('embeds its fonts (Noto Sans only)', () => {
    const fonts = poppler('pdffonts', file).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).toContain('NotoSans');
      expect(line).toMatch(/ yes yes yes /);
    }
  });
  it('is the kelurahan edition: printed on the cover and in the footer, no member name anywhere', () => {
    const text = poppler('pdftotext', file, '-');
    expect(text).toContain('Edisi kelurahan: nama responden disamarkan');
    expect(text).toMatch(/Laporan jaringan sosial · Edisi kelurahan/);
    for (const name of ['Euis', 'Nining', 'Rohayati', 'Nurhayati', 'Sumartini', 'Aisyah', 'Suryati', 'Hasanah', 'Rukmini', 'Sumiati'])
      expect(text).not.toContain(name);
  });
  it('carries the report date, not the clock, inside the file', () => {
    expect(readFileSync(file).toString('latin1')).toMatch(/\/CreationDate \(D:20231114000000/);
  });
});

it('the report makes no request when a browser opens it', async () => {
  const { default: puppeteer } = await import('puppeteer-core');
  const { findBrowser } = await import('../pipeline/browser.ts');
  const out = tempDir();
  const target = await run(
    { positional: [SAMPLE], out, lang: 'id', pdf: false, browser: null, check: false, strict: false, audience: 'kelurahan' },
    translator('id'),
  );
  const choice = await findBrowser(null);
  const browser = await puppeteer.launch({ executablePath: choice.executablePath, args: choice.args, headless: 'shell' });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${join(target, 'report.html')}`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    expect(requests.filter((u) => !u.startsWith('data:'))).toEqual([`file://${join(target, 'report.html')}`]);
    // the fonts really loaded from the page itself
    expect(await page.evaluate(() => document.fonts.check('12px "Noto Sans"'))).toBe(true);
  } finally {
    await browser.close();
  }
});

it('one printer gives the same bytes on a fresh tab and on a reused one (batch runs)', async () => {
  const out = tempDir();
  const target = await run(
    { positional: [SAMPLE], out, lang: 'id', pdf: false, browser: null, check: false, strict: false, audience: 'kelurahan' },
    translator('id'),
  );
  const html = readFileSync(join(target, 'report.html'), 'utf8');
  const printer = new PdfPrinter({ browser: null, date: '2019-03-16' });
  try {
    const first = await printer.print(html);
    const second = await printer.print(html); // the same tab, its node counter gone on
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const text = Buffer.from(first).toString('latin1');
    expect(text).toContain('/ID (node00000001)');
    const keys = [...(/\/Names \[((?:\(node\d{8}\) \d+ 0 R ?)*)\]/.exec(text)?.[1] ?? '').matchAll(/\(node(\d{8})\)/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).toEqual([...keys].sort()); // the ID tree stays sorted
  } finally {
    await printer.close();
  }
});

it('stablePdf keeps the file length', () => {
  const pdf = Buffer.from("1 0 obj << /CreationDate (D:20261122190102+00'00') /ModDate (D:20261122190102+00'00') >>", 'latin1');
  const fixed = stablePdf(pdf, '2019-11-23');
  expect(fixed.length).toBe(pdf.length);
  expect(Buffer.from(fixed).toString('latin1')).toContain("/ModDate (D:20191123000000+00'00')");
});

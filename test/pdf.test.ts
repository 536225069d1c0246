import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { CATEGORY_COLOURS, MIN_PRINTER_GREY_STEP, printerGrey } from '../pipeline/charts/style.ts';
import { CATEGORIES } from '../pipeline/domain.ts';
import { translator } from '../pipeline/i18n.ts';
import { artifactContent, markArtifacts, PdfPrinter, stablePdf } from '../pipeline/pdf.ts';
import { run } from '../pipeline/run.ts';
import { SAMPLE, tempDir } from './helpers.ts';
import { flatten, pageContents, structureTree } from './pdf-tags.ts';

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
  it('tags one Figure per chart carrying its text alternative, its caption inside, the drawing not tagged', () => {
    const pdf = readFileSync(file);
    const tags = flatten(structureTree(pdf));
    const figures = tags.filter((t) => t.type === 'Figure');
    // the text alternatives of the HTML's figures, in order
    type El = { tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: El[] };
    const walk = (n: El): El[] => [n, ...(n.childNodes ?? []).flatMap(walk)];
    const alts = walk(parse(readFileSync(join(target, 'report.html'), 'utf8')) as El)
      .filter((e) => e.tagName === 'figure')
      .map((e) => e.attrs!.find((a) => a.name === 'aria-label')!.value);
    // the kelurahan edition's charts: the change map, resource systems, the member/outside split, the change chart, the Venn pair
    expect(alts.length).toBe(6);
    expect(figures.map((f) => f.alt)).toEqual(alts);
    for (const f of figures) {
      // reading order: the alternative (the finding, which is the chart's title, then what is drawn), then the caption
      expect(f.kids.map((k) => k.type)).toEqual(['Caption']);
      expect(flatten(f.kids).some((k) => k.type === 'Figure')).toBe(false);
    }
    expect(alts[0]).toMatch(/^Ikatan dari Pra-intervensi \(refleksi awal\) ke Pasca-intervensi: 86 baru, 16 hilang, 55 tetap\./);
    // each chart's section heading comes before its figure
    const order = tags.map((t) => t.type);
    expect(order.indexOf('H2')).toBeLessThan(order.indexOf('Figure'));
    // the annex of chart data: after its heading, a table per chart
    const annex = tags.findLastIndex((t) => t.type === 'H2');
    expect(tags.slice(annex).filter((t) => t.type === 'Table').length).toBe(6);
  });
  it("marks everything outside the tags as an artifact: the footer on every page, the charts' drawing", () => {
    const pages = pageContents(readFileSync(file));
    for (const [i, content] of pages.entries()) {
      let depth = 0;
      const loose: string[] = [];
      for (const line of content.split('\n').map((l) => l.trim())) {
        if (/B[DM]C$/.test(line)) depth++;
        else if (line === 'EMC') depth--;
        else if (depth === 0 && line !== '' && !['q', 'Q', 'BT', 'ET'].includes(line)) loose.push(line);
      }
      expect(loose, `page ${i + 1}`).toEqual([]);
      expect(depth).toBe(0);
      if (i > 0) expect(content).toContain('/Artifact BMC');
    }
  });
  it('keeps the category symbols of a map apart in grey when its page is rendered in greyscale', () => {
    // the page of the change map (the brief's picture), in grey as a photocopier makes it (poppler: Rec. 601 luma)
    const text = poppler('pdftotext', file, '-').split('\f');
    const page = text.findIndex((p) => p.includes('Ikatan dari Pra-intervensi (refleksi awal) ke Pasca-intervensi')) + 1;
    expect(page).toBeGreaterThan(1);
    const dpi = 150;
    const pgm = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), file], {
      maxBuffer: 64 << 20,
    });
    const [, size, , ...rest] = pgm.toString('latin1').split('\n');
    const [width] = size!.split(' ').map(Number);
    const pixels = pgm.subarray(pgm.length - rest.join('\n').length);
    // the most common grey in a 5 × 5 window: the symbol's fill, not its outline or the anti-aliased edge
    const mode = (xPt: number, yPt: number) => {
      const [x, y] = [Math.round((xPt * dpi) / 72), Math.round((yPt * dpi) / 72)];
      const count = new Map<number, number>();
      for (let dy = -2; dy <= 2; dy++)
        for (let dx = -2; dx <= 2; dx++) {
          const v = pixels[(y + dy) * width! + x + dx]!;
          count.set(v, (count.get(v) ?? 0) + 1);
        }
      return [...count].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
    };
    // the symbol sits about 14 px (10.5 pt at full size) left of its label; the brief draws the map a little smaller, so the
    // fill is the most uniform non-white window between 8 and 12 pt to the left
    const grey = (xPt: number, yPt: number) => {
      const windows = [8, 8.5, 9, 9.5, 10, 10.5, 11, 11.5, 12].map((d) => mode(xPt + 10.5 - d, yPt)).filter(([v]) => v < 250);
      return windows.sort((a, b) => b[1] - a[1])[0]?.[0] ?? 255;
    };
    // each legend label, and the symbol 14 px (10.5 pt) to its left: the legend row with the most category names
    const tr = translator('id');
    const words = [
      ...poppler('pdftotext', '-bbox', '-f', String(page), '-l', String(page), file, '-').matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ].map((m) => ({ x: Number(m[1]), y0: Number(m[2]), y1: Number(m[3]), text: m[4]! }));
    const first = new Map(CATEGORIES.map((c) => [c, tr.t(`category.${c}`).split(' ')[0]!]));
    const rows = new Map<number, typeof words>();
    for (const w of words.filter((w) => [...first.values()].includes(w.text))) rows.set(w.y0, [...(rows.get(w.y0) ?? []), w]);
    const legend = [...rows.values()].sort((a, b) => b.length - a.length)[0]!;
    expect(legend.length).toBeGreaterThanOrEqual(4);
    const measured = CATEGORIES.flatMap((c) => {
      const w = legend.find((l) => l.text === first.get(c));
      return w ? [{ c, grey: grey(w.x - 10.5, (w.y0 + w.y1) / 2), expected: printerGrey(CATEGORY_COLOURS[c]) }] : [];
    });
    for (const m of measured) expect(Math.abs(m.grey - m.expected), m.c).toBeLessThan(6);
    for (const a of measured)
      for (const b of measured)
        if (a !== b) expect(Math.abs(a.grey - b.grey), `${a.c}/${b.c}`).toBeGreaterThanOrEqual(MIN_PRINTER_GREY_STEP - 5);
  });
  it('carries the report date, not the clock, inside the file', () => {
    expect(readFileSync(file).toString('latin1')).toMatch(/\/CreationDate \(D:20231114000000/);
  });
});

/** The sample's kelurahan report built without its PDF; returns its folder. */
function sampleReport(): Promise<string> {
  return run(
    { positional: [SAMPLE], out: tempDir(), lang: 'id', pdf: false, browser: null, check: false, strict: false, audience: 'kelurahan' },
    translator('id'),
  );
}

/** The sample's kelurahan report.html. */
const sampleHtml = async () => readFileSync(join(await sampleReport(), 'report.html'), 'utf8');

it('the report makes no request when a browser opens it', async () => {
  const { default: puppeteer } = await import('puppeteer-core');
  const { findBrowser } = await import('../pipeline/browser.ts');
  const target = await sampleReport();
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
  const html = await sampleHtml();
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

/** This process's child processes (the printers' browsers), by pid. */
function browsers(): string[] {
  return readdirSync('/proc').filter((p) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      return /^\d+$/.test(p) && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
    } catch {
      return false;
    }
  });
}

it('a printer replaces its browser after recycleAfter documents, with the same bytes and no browser left behind', async () => {
  const html = await sampleHtml();
  const before = new Set(browsers());
  const started = () => browsers().filter((p) => !before.has(p));
  const printer = new PdfPrinter({ browser: null, date: '2019-03-16', recycleAfter: 2 });
  try {
    // two at a time, as a folder run prints: five documents, three browsers one after the other
    const pdfs = await Promise.all([printer.print(html), printer.print(html)]);
    const first = started();
    pdfs.push(...(await Promise.all([printer.print(html), printer.print(html)])));
    const second = started();
    pdfs.push(await printer.print(html));
    const third = started();
    for (const p of pdfs) expect(Buffer.from(p).equals(Buffer.from(pdfs[0]!))).toBe(true);
    // one browser alive at each point, a new one each time
    expect([first.length, second.length, third.length]).toEqual([1, 1, 1]);
    expect(new Set([...first, ...second, ...third]).size).toBe(3);
  } finally {
    await printer.close();
  }
  expect(started()).toEqual([]);
});

it('a browser that dies between documents is replaced: the next document prints, with the same bytes', async () => {
  const html = await sampleHtml();
  const before = new Set(browsers());
  const printer = new PdfPrinter({ browser: null, date: '2019-03-16' });
  try {
    const first = await printer.print(html);
    const [browser] = browsers().filter((p) => !before.has(p));
    expect(browser).toBeDefined();
    process.kill(Number(browser), 'SIGKILL'); // as the system ends a process for memory
    await new Promise((resolve) => setTimeout(resolve, 500));
    const second = await printer.print(html);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const now = browsers().filter((p) => !before.has(p));
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(browser);
  } finally {
    await printer.close();
  }
});

it('marks untagged content as artifacts without splitting a text object, a graphics state or a tagged sequence', () => {
  const content = [
    'q',
    '1 0 0 1 0 0 cm',
    'BT',
    '/F5 10 Tf',
    '<002B> Tj',
    '/P <</MCID 0 >>BDC',
    '<0044> Tj',
    'EMC',
    '<0045> Tj',
    'ET',
    'Q',
  ].join('\n');
  expect(artifactContent(content).split('\n')).toEqual([
    'q',
    '/Artifact BMC',
    '1 0 0 1 0 0 cm',
    'EMC',
    'BT',
    '/Artifact BMC',
    '/F5 10 Tf',
    '<002B> Tj',
    'EMC',
    '/P <</MCID 0 >>BDC',
    '<0044> Tj',
    'EMC',
    '/Artifact BMC',
    '<0045> Tj',
    'EMC',
    'ET',
    'Q',
  ]);
  // a file it cannot read as Chromium writes it is left as it is
  const other = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\nstartxref\n9\n%%EOF\n', 'latin1');
  expect(markArtifacts(other)).toBe(other);
});

it('stablePdf keeps the file length', () => {
  const pdf = Buffer.from("1 0 obj << /CreationDate (D:20261122190102+00'00') /ModDate (D:20261122190102+00'00') >>", 'latin1');
  const fixed = stablePdf(pdf, '2019-11-23');
  expect(fixed.length).toBe(pdf.length);
  expect(Buffer.from(fixed).toString('latin1')).toContain("/ModDate (D:20191123000000+00'00')");
});

import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { charts } from '../pipeline/charts.ts';
import { translator } from '../pipeline/i18n.ts';
import { report } from '../pipeline/report.ts';
import { run } from '../pipeline/run.ts';
import { fixture, runToMetrics, SAMPLE, tempDir } from './helpers.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function elements(node: Node, out: Element[] = []): Element[] {
  if ('tagName' in node) out.push(node);
  const kids = 'childNodes' in node ? node.childNodes : [];
  for (const k of kids) elements(k, out);
  if ('content' in node && node.content) elements(node.content as Node, out);
  return out;
}

const URL_ATTRS = ['src', 'href', 'xlink:href', 'action', 'data', 'poster', 'srcset'];

async function htmlFor(dir: string, lang: 'id' | 'en' = 'id') {
  const tr = translator(lang);
  const { networks, metrics } = await runToMetrics(dir);
  return report(metrics, networks, await charts(networks, metrics, tr), tr);
}

describe('report.html of the sample', async () => {
  const html = await htmlFor(SAMPLE);
  const all = elements(parse(html));

  it('has every section and chart', () => {
    const ids = new Set(all.map((e) => e.attrs.find((a) => a.name === 'id')?.value));
    const sections = [
      'ringkasan',
      'mitra',
      'kepercayaan',
      'rencana',
      'rekomendasi',
      'metode',
      'perubahan',
      'peta',
      'ukuran',
      'lampiran-aktor',
      'lampiran-ikatan',
      'lampiran',
      'lampiran-metode',
      'data-grafik',
    ];
    const charts = [
      'change-map',
      'resource-reach',
      'split-figures',
      'plan-progress',
      'change-figures',
      'change-actors',
      'network-pra',
      'network-pasca',
      'venn-pra',
      'venn-pasca',
      'ranking-pra',
      'ranking-pasca',
      'trust-actors',
      'trust-distribution',
      'cooperation-ladder',
    ];
    for (const id of sections) expect(ids).toContain(id);
    for (const id of charts) expect(ids).toContain(`chart-${id}`);
    expect(all.filter((e) => e.tagName === 'svg').length).toBe(charts.length);
    // sections in the order of the report's outline
    const order = all.filter((e) => e.tagName === 'section').map((e) => e.attrs.find((a) => a.name === 'id')?.value);
    expect(order).toEqual(['sampul', ...sections]);
  });
  it('labels each chart with its finding and what is drawn, hides its SVG from screen readers, gives its table', async () => {
    const tr = translator('id');
    const { networks, metrics } = await runToMetrics(SAMPLE);
    const list = await charts(networks, metrics, tr);
    const figures = all.filter((e) => e.tagName === 'figure');
    expect(figures.length).toBe(15);
    const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;
    for (const f of figures) {
      const chart = list.find((c) => `chart-${c.id}` === attr(f, 'id'))!;
      expect(attr(f, 'aria-label')).toBe(chart.alt);
      expect(chart.alt.startsWith(chart.title.endsWith('.') ? chart.title : `${chart.title}.`)).toBe(true);
      expect(chart.alt).toContain(chart.description);
      expect(attr(f, 'role')).toBeUndefined();
      const svgBox = elements(f).find((e) => e.tagName === 'svg')!.parentNode as Element;
      expect(attr(svgBox, 'aria-hidden')).toBe('true');
      // after the caption, the details with the chart's table, one row per row of the table
      const details = elements(f).find((e) => e.tagName === 'details')!;
      expect(elements(f).findIndex((e) => e.tagName === 'figcaption')).toBeLessThan(elements(f).indexOf(details));
      const rows = elements(details).filter((e) => e.tagName === 'tr');
      expect(rows.length).toBe(chart.table.rows.length + 1);
      expect(chart.table.rows.length).toBeGreaterThan(0);
    }
    // the change chart's alternative carries the tested verdicts, worded as the summary table words them
    const change = list.find((c) => c.id === 'change-figures')!;
    expect(change.alt).toContain('Pihak luar yang bekerja sama naik: 2 › 15');
    expect(list.find((c) => c.id === 'trust-distribution')!.table.rows[0]).toEqual(['1 Sangat tidak percaya', '0%', '0%']);
  });
  it('references no outside URL and has no script', () => {
    expect(all.filter((e) => e.tagName === 'script')).toEqual([]);
    for (const e of all) {
      for (const a of e.attrs) {
        if (URL_ATTRS.includes(a.name)) expect(a.value, `${e.tagName} ${a.name}`).toMatch(/^(#|data:)/);
        if (a.name === 'style') expect(a.value).not.toMatch(/url\((?!#|data:)/);
      }
    }
    const css = all
      .filter((e) => e.tagName === 'style')
      .map((e) => (e.childNodes[0] as { value: string }).value)
      .join('');
    expect(css).not.toMatch(/url\((?!["']?(#|data:))/);
    expect(css).not.toMatch(/@import/);
  });
  it('shows the plan progress and the recommendations of the paper: BLK training not reached', () => {
    expect(html).toContain('14 dari 15 sasaran tercapai.');
    const recs = elements(parse(html)).filter((e) => e.tagName === 'li' && e.attrs.some((a) => a.name === 'data-rule'));
    expect(recs.map((e) => e.attrs.find((a) => a.name === 'data-rule')!.value)).toContain('target-not-reached');
    expect(html).toMatch(/Lanjutkan upaya menjangkau BLK Kota Bandung\./);
  });
  it("gives the panel's values beside a change only where they differ from the whole network's", () => {
    const row = (figure: string) =>
      [
        ...new RegExp(`<tr><td>${figure}</td>((?:<td class="num">[^<]*</td>)+)`).exec(html)![1]!.matchAll(/<td class="num">([^<]*)<\/td>/g),
      ].map((m) => m[1]);
    // 71 ties before, 145 after: the panel (respondents of both rounds) gave 71 and 141
    expect(row('Jumlah ikatan')).toEqual(['71', '145', '+70 (panel 71 › 141)']);
    expect(row('Pihak luar yang dikenal anggota')).toEqual(['8', '24', '+16']);
  });
  it('says who the main figures were tested on, and that a test shows a change, not its cause', () => {
    const text = html.replace(/<[^>]*>/g, '');
    expect(text).toContain('3 angka utama diuji pada 10 anggota yang menjawab kedua putaran');
    expect(text).toContain('bukan apa penyebabnya: tanpa kelompok pembanding');
  });
  it('never states a detectable count larger than the roster allows, and says "detected" where the test concluded', () => {
    const text = html.replace(/<[^>]*>/g, '');
    // 24 outside actors on the roster, 8 known before: at most 16 more; one member naming each new actor needs more
    expect(text).toContain(
      'bila setiap pihak luar baru disebut hanya oleh satu anggota, bahkan semua 16 yang mungkin di daftar aktor belum cukup',
    );
    const primary = html.slice(html.indexOf('<td>Pihak luar yang dikenal anggota</td><td>10 anggota</td>'));
    expect(primary.slice(0, primary.indexOf('</tr>'))).toMatch(/<td[^>]*>terdeteksi<\/td>$/);
  });
  it("quotes the facilitator's outcome notes as notes, not as measured", () => {
    const text = html.replace(/<[^>]*>/g, '');
    expect(text).toContain(
      'Catatan pendamping dari plan.yaml, dikutip apa adanya: tidak diukur oleh survei ini dan tidak diuji.' +
        'Pasca-intervensi: Permintaan produk bertambah',
    );
  });
  it('explains both the network maps and the resource-system diagrams under the maps heading', () => {
    const section = html.slice(html.indexOf('<section id="peta">'), html.indexOf('</section>', html.indexOf('<section id="peta">')));
    const intro = /<p>(.*?)<\/p>/s.exec(section)![1]!;
    expect(intro).toMatch(/^Posisi setiap aktor sama di semua putaran.* Diagram sistem sumber, satu per putaran:/);
  });
  it('formats numbers in id-ID (decimal comma) and dates in Indonesian', () => {
    expect(html).toContain('16 Maret 2019');
    expect(html).toMatch(
      /Kepercayaan anggota kepada pihak luar \(1–5\) naik: 3,48 › 4,21 pada panel \(10 anggota; p disesuaikan 0,003\)\./,
    );
    // a figure that is not primary is never said to rise or fall
    expect(html).toContain(
      '<tr><td>Kepadatan jaringan</td><td class="num">0,072</td><td class="num">0,138</td>' +
        '<td class="num">+0,062 (panel 0,072 › 0,135)</td><td>deskriptif, tidak diuji</td></tr>',
    );
  });
  it('is byte-identical when built twice', async () => {
    expect(await htmlFor(SAMPLE)).toBe(html);
  });
});

describe('hostile actor names', () => {
  it('an actor named <script>alert(1)</script> is text in the HTML and in the SVG, never markup', async () => {
    const dir = join(tempDir(), 'jahat');
    cpSync(fixture('tiny'), dir, { recursive: true });
    const evil = '<script>alert(1)</script>';
    writeFileSync(join(dir, 'actors.csv'), readFileSync(join(dir, 'actors.csv'), 'utf8').replace('Warung Citra', `"${evil}"`));
    writeFileSync(
      join(dir, 'rounds/r1.csv'),
      readFileSync(join(dir, 'rounds/r1.csv'), 'utf8').replace(/Warung Citra|Wr\. Citra/g, `"${evil}"`),
    );
    writeFileSync(join(dir, 'case.yaml'), `case:\n  group: '${evil}" onload="x'\n`);
    const html = await htmlFor(dir);
    const all = elements(parse(html));
    expect(all.filter((e) => e.tagName === 'script')).toEqual([]);
    expect(html).not.toContain(evil);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // the running footer carries the group name inside CSS: it must not close the style element
    const style = all.find((e) => e.tagName === 'style')!;
    expect((style.childNodes[0] as { value: string }).value).not.toContain('</');
  });
});

describe('a case with one round', () => {
  it('gets a full report without the change section', async () => {
    const html = await htmlFor(fixture('tiny'));
    const ids = new Set(elements(parse(html)).map((e) => e.attrs.find((a) => a.name === 'id')?.value));
    expect(ids).not.toContain('perubahan');
    for (const id of ['ringkasan', 'mitra', 'kepercayaan', 'metode', 'peta', 'ukuran', 'lampiran']) expect(ids).toContain(id);
    expect(ids).toContain('chart-venn-r1');
  });
  it('names its round without a date when case.yaml gives none, not with a dash', async () => {
    const html = await htmlFor(fixture('tiny'));
    const line = html.match(/Satu putaran survei: [^<]*/)?.[0];
    expect(line).toBe('Satu putaran survei: Putaran 1 (2 responden).');
  });
});

describe('translations', () => {
  const keys = (o: unknown, prefix = ''): string[] =>
    typeof o === 'object' && o !== null && !Array.isArray(o)
      ? Object.entries(o).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
      : [`${prefix.slice(0, -1)}${Array.isArray(o) ? `[${o.length}]` : ''}`];
  it('en has exactly the keys of id', () => {
    const load = (l: string) => JSON.parse(readFileSync(new URL(`../templates/locales/${l}.json`, import.meta.url), 'utf8')) as unknown;
    expect(keys(load('en')).sort()).toEqual(keys(load('id')).sort());
  });
  it('the English report uses English words and number format', async () => {
    const html = await htmlFor(SAMPLE, 'en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Outside actors known to members rose: 8 › 24 on the panel (10 members; adjusted p 0.003).');
    expect(html).toContain(
      '<tr><td>Network density</td><td class="num">0.072</td><td class="num">0.138</td>' +
        '<td class="num">+0.062 (panel 0.072 › 0.135)</td><td>descriptive, not tested</td></tr>',
    );
    expect(html).toContain('16 March 2019');
  });
});

describe('npm run report (HTML only)', () => {
  it('writes every stage artifact, and a failed run leaves the previous report intact', async () => {
    const out = tempDir();
    const tr = translator('id');
    const target = await run(
      { positional: [SAMPLE], out, lang: 'id', pdf: false, browser: null, check: false, strict: false, audience: 'internal' },
      tr,
    );
    for (const f of [
      'responses.json',
      'data-quality.csv',
      'network.json',
      'rounds/pra.gexf',
      'metrics.json',
      'tables/actors-pasca.csv',
      'charts/network-pra.vl.json',
      'charts/network-pra.svg',
      'report.html',
    ]) {
      expect(existsSync(join(target, f)), f).toBe(true);
    }
    const before = readFileSync(join(target, 'report.html'));
    const broken = join(tempDir(), 'sample');
    cpSync(SAMPLE, broken, { recursive: true });
    writeFileSync(join(broken, 'rounds/02-pasca.csv'), 'respondent,actor\nx,y\n');
    await expect(
      run({ positional: [broken], out, lang: 'id', pdf: false, browser: null, check: false, strict: false, audience: 'internal' }, tr),
    ).rejects.toMatchObject({ code: 'COLUMN_MISSING' });
    expect(readFileSync(join(target, 'report.html')).equals(before)).toBe(true);
  });
});

describe('message catalogue', () => {
  it('every error and quality code used in the code has a text in both locales', async () => {
    const { readdirSync } = await import('node:fs');
    const files = (dir: string): string[] =>
      readdirSync(new URL(dir, import.meta.url), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(`${dir}${e.name}/`) : e.name.endsWith('.ts') ? [`${dir}${e.name}`] : [],
      );
    const source = files('../pipeline/')
      .map((f) => readFileSync(new URL(f, import.meta.url), 'utf8'))
      .join('\n');
    const errors = [...source.matchAll(/new JejaringError\('([A-Z_]+)'/g)].map((m) => m[1]!);
    const quality = [...source.matchAll(/\.add\('(?:info|warning|error)', '([A-Z_]+)'/g)].map((m) => m[1]!);
    expect(errors.length).toBeGreaterThan(10);
    expect(quality.length).toBeGreaterThan(10);
    for (const lang of ['id', 'en'] as const) {
      const tr = translator(lang);
      for (const code of errors) expect(tr.has(`errors.${code}`), `${lang} errors.${code}`).toBe(true);
      for (const code of quality) expect(tr.has(`quality.${code}`), `${lang} quality.${code}`).toBe(true);
    }
  });
});

describe('--check and --strict', () => {
  it('--check validates and summarises without building anything', async () => {
    const out = tempDir();
    const { checkSummary } = await import('../pipeline/check.ts');
    await run(
      { positional: [fixture('tiny')], out, lang: 'id', pdf: false, browser: null, check: true, strict: false, audience: 'internal' },
      translator('id'),
    );
    expect(existsSync(join(out, 'tiny'))).toBe(false);
    const { ingestCase } = await import('../pipeline/ingest.ts');
    const { responses } = await ingestCase(fixture('tiny'), translator('id'));
    const text = checkSummary(responses, translator('id'));
    expect(text).toContain('Baris: 7 dibaca, 3 dipakai, 1 dikoreksi, 2 ditolak, 1 digantikan');
    expect(text).toMatch(/tiny\/rounds\/r1\.csv, baris 8, kolom "actor": "Zed Unknown" .*\[ACTOR_UNKNOWN\]/);
  });
  it('--strict fails on warnings and rejected rows, and leaves no output', async () => {
    const out = tempDir();
    await expect(
      run(
        { positional: [fixture('tiny')], out, lang: 'id', pdf: false, browser: null, check: false, strict: true, audience: 'internal' },
        translator('id'),
      ),
    ).rejects.toMatchObject({ code: 'STRICT_FAILED' });
    expect(existsSync(join(out, 'tiny'))).toBe(false);
  });
});

describe('method notes on path measures', () => {
  it('say nothing of sampling for an exact round; give pivots, bound, work and the ranking stability for a sampled one', async () => {
    const tr = translator('id');
    const { networks, metrics } = await runToMetrics(SAMPLE);
    expect(metrics.rounds.every((r) => r.paths.exact && r.paths.pivots === r.network.actors && r.paths.errorBound === 0)).toBe(true);
    const chartList = await charts(networks, metrics, tr);
    expect(report(metrics, networks, chartList, tr)).not.toContain('aktor sumber yang dipilih acak');
    const sampled = structuredClone(metrics);
    sampled.rounds[1]!.paths = {
      pivots: 20,
      exact: false,
      errorBound: 0.3037,
      projectedWork: 7e8,
      workBudget: 6e8,
      stability: { top: 10, betweenness: 7, cooperationBetweenness: 6 },
    };
    const html = report(sampled, networks, chartList, tr);
    const label = sampled.rounds[1]!.round.label;
    expect(html).toContain(
      `${label}: jaringan ini besar (34 aktor), sehingga keperantaraan, kedekatan, dan jarak diperkirakan dari 20 aktor sumber`,
    );
    expect(html).toContain('paling banyak 0,304 dari nilai tepatnya');
    expect(html).toContain('sekitar 700.000.000 langkah, di atas batas 600.000.000 langkah');
    expect(html).toContain('10 aktor teratas menurut keperantaraan dari kedua bagian sama untuk 7 aktor (6 dari 10');
  });
});

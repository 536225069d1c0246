/**
 * The combined view at a province's size, built from the digests of the dinas folder
 * (test/dinas-folder.ts, run once as one shard) replicated to k and 2k groups the way
 * bench/combined-scale.ts does (bench/synthetic.ts `replicateDigests`): every file grows at most
 * linearly with the groups and the page the PDF is printed from does not grow at all. Sizes and
 * counts, never times: nothing here depends on the machine.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replicateDigests } from '../bench/synthetic.ts';
import { combine, combinedReport, combinedTables, LEADS_SHOWN, PRINTED_GROUPS, PROVINCE_ABOVE } from '../pipeline/combined.ts';
import { translator } from '../pipeline/i18n.ts';
import type { Digest } from '../pipeline/model/combined.ts';
import { run } from '../pipeline/run.ts';
import { writeDinasFolder } from './dinas-folder.ts';
import { runOptions, tempDir } from './helpers.ts';

const tr = translator('id');
const link = (d: Digest) => `../${d.case}/report.pdf`;

/** Every file of the combined view of `n` groups, and the page its PDF is printed from. */
function view(base: Digest[], n: number, lang: 'id' | 'en' = 'id') {
  const words = lang === 'id' ? tr : translator(lang);
  const c = combine(replicateDigests(base, n), 'dinas', false);
  const files: Record<string, string> = {
    'report.html': combinedReport(c, words, link),
    print: combinedReport(c, words, link, 'print'),
  };
  for (const [file, text] of combinedTables(c, words, link)) files[file] = text;
  return { c, files };
}

/** Rows of a groups table: one link to a group's report each. */
const groupRows = (html: string) => html.match(/<td><a href="\.\.\/[^"]+\/report\.pdf">/g)?.length ?? 0;

describe('the combined view of a province', async () => {
  const root = tempDir();
  writeDinasFolder(root);
  const out = await run(runOptions(root, { audience: 'dinas', shard: { k: 1, n: 1 } }), tr);
  const base = (JSON.parse(readFileSync(join(out, '_shards', '1-of-1.json'), 'utf8')) as { digests: Digest[] }).digests;
  const k = 400;
  const small = view(base, k);
  const large = view(base, 2 * k);

  it('grows at most linearly: every file of 2k groups is at most 2.2 times that of k groups', () => {
    expect(base).toHaveLength(8);
    for (const file of ['report.html', 'groups.csv', 'resource-systems.csv', 'outside-actors.csv', 'outside-actor-groups.csv']) {
      const [a, b] = [Buffer.byteLength(small.files[file]!), Buffer.byteLength(large.files[file]!)];
      expect(a, file).toBeGreaterThan(0);
      expect(b / a, `${file}: ${a} → ${b} bytes`).toBeLessThanOrEqual(2.2);
    }
  });
  it('prints a page that does not grow with the groups: the summary and the first groups that need support', () => {
    const [a, b] = [Buffer.byteLength(small.files.print!), Buffer.byteLength(large.files.print!)];
    expect(b / a).toBeLessThanOrEqual(1.05);
    for (const { c, files } of [small, large]) {
      const support = c.groups.filter((g) => g.needs.length > 0).length;
      expect(support).toBeGreaterThan(PRINTED_GROUPS);
      expect(groupRows(files.print!)).toBe(PRINTED_GROUPS);
      expect(files.print).toContain(
        `PDF ini memuat ${PRINTED_GROUPS} kelompok pertama dari ${tr.integer(support)} yang perlu dukungan. ` +
          `Tabel lengkap semua ${tr.integer(c.groups.length)} kelompok ada di report.html dan groups.csv`,
      );
    }
  });
  it('shows every group in report.html, one compact row each, after the summary by kota and the programme evidence', () => {
    for (const { c, files } of [small, large]) {
      const html = files['report.html']!;
      expect(groupRows(html)).toBe(c.groups.length);
      expect(html.indexOf('<h2 id="ringkasan">')).toBeLessThan(html.indexOf('<h2 id="program">'));
      expect(html.indexOf('<h2 id="program">')).toBeLessThan(html.indexOf('<h2 id="kelompok">'));
      expect(html).toContain(`Semua ${tr.integer(c.groups.length)} kelompok, satu baris masing-masing.`);
      // the summary's last row counts every group
      expect(html).toMatch(new RegExp(`<tr class="total"><td>Semua kota</td><td class="num">${tr.integer(c.groups.length)}</td>`));
      // the groups' rounds and per-group systems are left to their own reports and resource-systems.csv
      expect(html).not.toContain('<ul class="rounds">');
      expect(html).not.toContain('Kelompok × sistem sumber');
    }
  });
  it('lists every group in groups.csv and at most LEADS_SHOWN leads in the page', () => {
    const rows = large.files['groups.csv']!.trim().split('\n');
    expect(rows).toHaveLength(2 * k + 1);
    expect(large.files['report.html']!.match(/<tr><td class="num">\d+<\/td><td>/g)?.length ?? 0).toBeLessThanOrEqual(LEADS_SHOWN);
  });
  it('keeps the view of a smaller folder whole: up to PROVINCE_ABOVE groups the PDF is report.html', () => {
    const { files } = view(base, PROVINCE_ABOVE);
    expect(files.print).toBe(files['report.html']);
    expect(groupRows(files['report.html']!)).toBe(PROVINCE_ABOVE);
    expect(files['report.html']).toContain('<ul class="rounds">');
  });
  it('is the same bytes from digests read back from a shard file, their keys hashed as a shared edition writes them', () => {
    const digests = replicateDigests(base, k);
    const hash = (key: string) => createHmac('sha256', 'uji').update(key).digest('hex');
    const shard = JSON.parse(JSON.stringify(digests.map((d) => ({ ...d, actors: d.actors.map((a) => ({ ...a, key: hash(a.key) })) }))));
    const [whole, merged] = [digests, shard as Digest[]].map((ds) => combine(ds, 'dinas', false));
    expect(combinedReport(merged!, tr, link)).toBe(combinedReport(whole!, tr, link));
    expect(combinedReport(merged!, tr, link, 'print')).toBe(combinedReport(whole!, tr, link, 'print'));
    expect(combinedTables(merged!, tr, link)).toEqual(combinedTables(whole!, tr, link));
  });
  it('hands on of each figure only what the view reads (the details of its test stay in the report of the group)', () => {
    const change = base.find((d) => d.case === '01-sampel')!.figures[0]!.change!;
    expect(Object.keys(change).sort()).toEqual([
      'after',
      'before',
      'change',
      'direction',
      'network',
      'panel',
      'raters',
      'reason',
      'status',
      'verdict',
    ]);
  });
  it('says what the PDF holds in English too', () => {
    const { files } = view(base, 2 * PROVINCE_ABOVE, 'en');
    expect(files.print).toContain(`This PDF holds the first ${PRINTED_GROUPS} of the `);
    expect(files['report.html']).toContain('All 200 groups, one row each. The PDF holds only the summary and the first 100 groups');
  });
});

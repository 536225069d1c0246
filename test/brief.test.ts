/**
 * The brief (pages 1–2): its key messages follow the verdicts of the comparison object, it names
 * the MoUs won and the target not reached, and it gives next steps with who and when; the English
 * edition shows no Indonesian interface text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyMessages, targetLines } from '../pipeline/brief.ts';
import { charts } from '../pipeline/charts.ts';
import { translator } from '../pipeline/i18n.ts';
import type { Metrics } from '../pipeline/model/metrics.ts';
import { report } from '../pipeline/report.ts';
import { runToMetrics, SAMPLE } from './helpers.ts';

const tr = translator('id');

describe('the key messages follow the verdicts', async () => {
  const { metrics } = await runToMetrics(SAMPLE);
  const withVerdict = (figure: 'known' | 'trust' | 'cooperation', change: object): Metrics => {
    const m: Metrics = structuredClone(metrics);
    Object.assign(m.comparisons[0]!.figures[figure], change);
    return m;
  };
  const cooperation = (m: Metrics) => keyMessages(m, tr).find((x) => x.title === 'Kerja sama.')!;

  it('as computed: three messages, partners, trust and cooperation, each a tested rise', () => {
    expect(keyMessages(metrics, tr).map((m) => [m.title, m.verdict])).toEqual([
      ['Mitra.', 'up'],
      ['Kepercayaan.', 'up'],
      ['Kerja sama.', 'up'],
    ]);
    expect(cooperation(metrics).text).toBe(
      'Lebih banyak pihak luar bekerja sama dengan kelompok: 15 pada Pasca-intervensi, sebelumnya 2. Kenaikan ini teruji pada 10 anggota.',
    );
  });
  it('a rise the test did not confirm is stated without a direction word', () => {
    const text = cooperation(withVerdict('cooperation', { verdict: 'same', adjustedP: 0.2 })).text;
    expect(text).toBe(
      'Pihak luar yang bekerja sama dengan kelompok: 2 pada Pra-intervensi (refleksi awal), 15 pada Pasca-intervensi; ' +
        'uji pada 10 anggota tidak menunjukkan perubahan yang meyakinkan.',
    );
    expect(text).not.toMatch(/lebih banyak|naik|kenaikan/i);
  });
  it('a tested fall says so; a figure too thin to test says it could not be tested', () => {
    const down = withVerdict('trust', { before: 4.2, after: 3.5, change: -0.7, direction: 'two-sided', verdict: 'down' });
    expect(keyMessages(down, tr)[1]!.text).toBe(
      'Kepercayaan anggota kepada pihak luar turun: rata-rata 4,20 menjadi 3,50 ' +
        '(skala 1–5; rata-rata atas pihak luar yang mereka nilai, termasuk yang baru dikenal). Penurunan ini teruji pada 10 anggota.',
    );
    const thin = withVerdict('known', { status: 'too-few', reason: 'panel', verdict: null });
    expect(keyMessages(thin, tr)[0]!.text).toMatch(/perubahan ini tidak dapat diuji\.$/);
    expect(keyMessages(thin, tr)[0]!.text).not.toMatch(/lebih banyak/);
  });
  it('and the HTML brief carries the changed message on its first page', async () => {
    const { networks } = await runToMetrics(SAMPLE);
    const m = withVerdict('cooperation', { verdict: 'same', adjustedP: 0.2 });
    const html = report(m, networks, await charts(networks, m, tr), tr);
    const cover = html.slice(html.indexOf('id="sampul"'), html.indexOf('id="ringkasan"'));
    expect(cover).toContain('uji pada 10 anggota tidak menunjukkan perubahan yang meyakinkan');
    expect(cover).not.toContain('Lebih banyak pihak luar bekerja sama');
  });
  it('names the MoUs won apart from the registration, and the target not reached', () => {
    expect(targetLines(metrics, tr)).toEqual({
      reached: '14 dari 15 sasaran tercapai.',
      won: [
        '4 MoU baru: Warung Susi, Warung Ronal, Warung Winarni, dan PUSDIKTEK.',
        'Terdaftar atau bersertifikat (bukan MoU): Dinas KUMKM Kota Bandung.',
      ],
      notReached: ['Belum tercapai: BLK Kota Bandung. Targetnya "bekerja sama", pada Pasca-intervensi statusnya baru "dihubungi".'],
    });
  });
});

describe('the next steps on page 1', async () => {
  const { networks, metrics } = await runToMetrics(SAMPLE);
  const kelurahan: Metrics = { ...metrics, settings: { ...metrics.settings, audience: 'kelurahan' } };
  const html = report(kelurahan, networks, await charts(networks, kelurahan, tr), tr);
  const cover = html.slice(html.indexOf('id="sampul"'), html.indexOf('id="ringkasan"'));
  const rows = [
    ...cover.matchAll(/<tr data-rule="([^"]+)" class="owner-([a-z]+)"><td class="who">([^<]+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td>/g),
  ];
  it('three to five steps, each with who and by when, the kelurahan addressed in its own edition', () => {
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.length).toBeLessThanOrEqual(5);
    for (const r of rows) {
      expect(['KUBE', 'Pendamping', 'Kelurahan', 'Dinas']).toContain(r[3]);
      expect(r[5]).toBe('sebelum putaran survei berikutnya');
    }
    expect(rows.map((r) => [r[1], r[3]])).toEqual([
      ['target-not-reached', 'Pendamping'],
      ['target-not-reached', 'Kelurahan'],
      ['member-dropped', 'Pendamping'],
      ['fragile-category', 'Pendamping'],
      ['survey-again', 'Pendamping'],
    ]);
    expect(rows[1]![4]).toBe('Bantu KUBE menjangkau BLK Kota Bandung dengan surat pengantar atau pertemuan di kelurahan.');
  });
});

/** Words of the Indonesian locale that the English one never uses (3 letters or more). */
function indonesianOnlyWords(): Set<string> {
  const words = (o: unknown, out: string[] = []): string[] => {
    if (typeof o === 'string') out.push(...(o.match(/\p{L}[\p{L}-]*/gu) ?? []).map((w) => w.toLowerCase()));
    else if (o && typeof o === 'object') for (const v of Object.values(o)) words(v, out);
    return out;
  };
  const load = (l: string) => JSON.parse(readFileSync(new URL(`../templates/locales/${l}.json`, import.meta.url), 'utf8')) as unknown;
  const en = new Set(words(load('en')));
  return new Set(words(load('id')).filter((w) => w.length >= 3 && !en.has(w)));
}

/** What a reader sees in the HTML (text and SVG text), without the case's own names (actors, group, place). */
function visibleWords(html: string, names: string[]): string[] {
  let text = html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&[a-z]+;|&#x?[0-9a-f]+;/gi, ' ');
  for (const n of [...names].sort((a, b) => b.length - a.length)) text = text.split(n).join(' ');
  return text.match(/\p{L}[\p{L}-]*/gu) ?? [];
}

describe('the English edition', async () => {
  const en = translator('en');
  const { networks, metrics } = await runToMetrics(SAMPLE, 'en');
  const html = report(metrics, networks, await charts(networks, metrics, en), en);
  const c = metrics.case;
  const names = [
    ...networks.actors.flatMap((a) => [a.name, ...a.aliases]),
    c.group,
    ...[c.rw, c.kelurahan, c.kecamatan, c.kota].filter((x): x is string => x !== null),
    // file names of the data-quality appendix
    ...metrics.quality.entries.map((e) => e.file),
  ];
  const onlyId = indonesianOnlyWords();
  it('uses the case files’ English labels for rounds, activities and outcome notes', () => {
    expect(metrics.rounds.map((r) => r.round.label)).toEqual(['Before (baseline)', 'After']);
    expect(html).toContain('Consignment MoU (Warung Susi, Warung Ronal, Warung Winarni and PUSDIKTEK)');
    expect(html).toContain('After: Demand for the products grew');
    expect(html).not.toContain('Pra-intervensi');
  });
  it('leaks no Indonesian interface text', () => {
    expect(onlyId.size).toBeGreaterThan(300);
    const leaked = visibleWords(html, names).filter((w) => onlyId.has(w.toLowerCase()));
    expect([...new Set(leaked)]).toEqual([]);
  });
  it('the check finds Indonesian text when there is some', async () => {
    const { networks: n, metrics: m } = await runToMetrics(SAMPLE);
    const id = report(m, n, await charts(n, m, tr), tr);
    expect(visibleWords(id, names).filter((w) => onlyId.has(w.toLowerCase())).length).toBeGreaterThan(500);
  });
});

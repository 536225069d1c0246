/**
 * tables.xlsx (pipeline/workbook.ts), read back with exceljs: its sheets per edition, numbers
 * stored as numbers with Excel formats (so Indonesian Excel shows decimal commas), the figures
 * behind the charts equal to metrics.json, nothing the edition must not carry, strings from data
 * never turned into formulas, and the same bytes on every run.
 */
import Excel from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Metrics } from '../pipeline/model/metrics.ts';
import type { Networks } from '../pipeline/model/responses.ts';
import { suppressSmallCells } from '../pipeline/privacy.ts';
import { sheetName, workbook, workbookSheets } from '../pipeline/workbook.ts';
import { xlsxBytes } from '../pipeline/xlsx-write.ts';
import { runToMetrics, SAMPLE, tr } from './helpers.ts';

async function read(bytes: Uint8Array) {
  const wb = new Excel.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

const column = (ws: Excel.Worksheet, header: string) => {
  const headers = (ws.getRow(1).values as unknown[]).slice(1);
  const i = headers.indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${ws.name}: ${headers.join(', ')}`);
  return i + 1;
};

describe('tables.xlsx of the sample', () => {
  let metrics: Metrics;
  let networks: Networks;
  let internal: Excel.Workbook;
  let bytes: Uint8Array;
  beforeAll(async () => {
    ({ metrics, networks } = await runToMetrics(SAMPLE));
    bytes = await workbook(metrics, networks, tr, { ties: true });
    internal = await read(bytes);
  });

  it('has a sheet on the case, then one per table, ties included in the internal edition', () => {
    expect(internal.worksheets.map((w) => w.name)).toEqual([
      'Tentang',
      'Ukuran',
      'Aktor pra',
      'Aktor pasca',
      'Pihak luar',
      'Sebaran',
      'Sistem sumber',
      'Rencana',
      'Perubahan',
      'Ikatan pra',
      'Ikatan pasca',
      'Perubahan ikatan',
    ]);
    const about = internal.getWorksheet('Tentang')!;
    const cells = about
      .getSheetValues()
      .flatMap((r) => (Array.isArray(r) ? r : []))
      .map(String);
    expect(cells).toContain('KUBE Dahlia Berkarya');
    for (const w of internal.worksheets.slice(1)) expect(cells, w.name).toContain(w.name);
  });

  it('stores the figures as numbers, equal to metrics.json, with the split of reciprocity', () => {
    const ws = internal.getWorksheet('Ukuran')!;
    const key = column(ws, 'Kunci');
    const row = (k: string) => ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(key).value === k)!;
    const [pra, pasca] = metrics.rounds;
    const density = row('density');
    expect(density.getCell(column(ws, pra!.round.label)).value).toBe(pra!.network.density);
    expect(density.getCell(column(ws, pasca!.round.label)).value).toBe(pasca!.network.density);
    expect(ws.getColumn(column(ws, pasca!.round.label)).numFmt).toBe('0.000');
    const members = row('split.reciprocityMembers');
    expect(Math.round((members.getCell(column(ws, pra!.round.label)).value as number) * 100)).toBe(36);
    expect(Math.round((members.getCell(column(ws, pasca!.round.label)).value as number) * 100)).toBe(47);
  });

  it('gives the distributions as counts and shares of each round', () => {
    const ws = internal.getWorksheet('Sebaran')!;
    const [round, measure, ties, share] = ['Putaran', 'Yang diukur', 'Ikatan', 'Bagian dari ikatan putaran itu'].map((h) => column(ws, h));
    expect(ws.getColumn(share!).numFmt).toBe('0.0%');
    const rows = ws.getRows(2, ws.rowCount - 1)!;
    for (const r of metrics.rounds) {
      const trust = rows.filter((x) => x.getCell(round!).value === r.round.label && x.getCell(measure!).value === tr.t('charts.trust.x'));
      expect(trust.map((x) => x.getCell(ties!).value)).toEqual(r.trustLevels);
      expect(trust.reduce((s, x) => s + (x.getCell(share!).value as number), 0)).toBeCloseTo(1, 12);
    }
  });

  it('keeps a name that looks like a formula a plain string', async () => {
    const m = structuredClone(metrics);
    m.rounds[0]!.actors[0]!.name = '=HYPERLINK("http://x","klik")';
    const ws = (await read(await workbook(m, networks, tr, { ties: false }))).getWorksheet('Aktor pra')!;
    const cell = ws.getRow(2).getCell(column(ws, tr.t('report.actors.actor')));
    expect(cell.type).toBe(Excel.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x","klik")');
  });

  it('writes the same bytes every time', async () => {
    expect(Buffer.from(await workbook(metrics, networks, tr, { ties: true })).equals(Buffer.from(bytes))).toBe(true);
  });

  it('leaves ties out of the shared editions and members out of the dinas one', async () => {
    const edition = (audience: 'kelurahan' | 'dinas') => suppressSmallCells({ ...metrics, settings: { ...metrics.settings, audience } });
    const kelurahan = await read(await workbook(edition('kelurahan'), networks, tr, { ties: false }));
    expect(kelurahan.worksheets.map((w) => w.name).filter((n) => n.startsWith('Ikatan') || n === 'Perubahan ikatan')).toEqual([]);
    const dinas = workbookSheets(edition('dinas'), networks, tr, { ties: false });
    const actors = dinas.filter((s) => s.name.startsWith('Aktor'));
    expect(actors).toHaveLength(2);
    for (const s of actors) expect(s.rows.filter((r) => r.member === true)).toEqual([]);
    // suppressed trust stays empty, not zero
    const outside = dinas.find((s) => s.name === 'Pihak luar')!;
    const hidden = edition('dinas').rounds.flatMap((r) => r.groupView.filter((g) => g.meanTrust === null && g.membersNaming > 0));
    expect(hidden.length).toBeGreaterThan(0);
    for (const g of hidden) expect(outside.rows.some((r) => r.id === g.id && r.meanTrust === null)).toBe(true);
  });
});

it.each([
  ['Aktor Pra-intervensi (refleksi awal) panjang sekali', 'Aktor Pra-intervensi (refleksi '],
  ['a/b:c*d?[e]\\f', 'a b c d  e  f'],
])('sheetName(%s) is a tab name Excel accepts', (name, expected) => {
  expect(sheetName(name, new Set())).toBe(expected);
});

it('sheetName keeps names unique within 31 characters', () => {
  const taken = new Set<string>();
  const names = ['x'.repeat(40), 'x'.repeat(40), 'x'.repeat(40)].map((n) => sheetName(n, taken));
  expect(new Set(names).size).toBe(3);
  for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
});

it('xlsxBytes keeps any text as it was, markup, control characters and Excel escapes included', async () => {
  const texts = ['a <b> & "c"', ' lead', 'x\u0001y', '_x0041_', '😀 ok', '=SUM(A1)', 'line\nbreak'];
  const bytes = xlsxBytes({
    creator: 'jejaring',
    sheets: [
      {
        name: 'T & <x>',
        columns: [
          { width: 10, format: null },
          { width: 10, format: '0.000' },
        ],
        rows: [['h', 'n'], ...texts.map((t, i) => [t, i / 3])],
        freezeHeader: true,
      },
    ],
  });
  const ws = (await read(bytes)).worksheets[0]!;
  expect(ws.name).toBe('T & <x>');
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  texts.forEach((t, i) => {
    expect(ws.getRow(i + 2).getCell(1).value).toBe(t);
    expect(ws.getRow(i + 2).getCell(2).value).toBe(i / 3);
  });
  expect(ws.getColumn(2).numFmt).toBe('0.000');
});

/**
 * The generated questionnaire: the XLSForm passes the structural check of the XLSForm rules the
 * pipeline relies on, reads back from the .xlsx, and a synthetic KoboToolbox CSV export built
 * from the form's own fields (XML values and headers, groups in headers, select_multiple as
 * summary plus 1/0 columns) reads back to the same metrics as the canonical sample files.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { loadCase } from '../pipeline/config.ts';
import { checkXlsForm } from '../pipeline/questionnaire/check.ts';
import { COOPERATION_CHOICES, FREQUENCY_CHOICES, xmlName } from '../pipeline/questionnaire/choices.ts';
import type { XlsForm } from '../pipeline/questionnaire/xlsform.ts';
import { questionnaire } from '../pipeline/questionnaire.ts';
import { runToMetrics, SAMPLE, tempDir, tr } from './helpers.ts';

describe('the questionnaire of the sample case', async () => {
  const config = loadCase(SAMPLE, tr);
  const q = await questionnaire(config, tr);

  it('passes the structural check', () => {
    expect(checkXlsForm(q.form)).toEqual([]);
    expect(q.form.settings.form_id).toBe('jejaring_sample');
  });
  it('the check catches what breaks a form', () => {
    const broken: XlsForm = structuredClone(q.form);
    broken.survey[6]!.name = broken.survey[7]!.name!; // duplicate name
    broken.survey.push({ type: 'select_one tidak_ada', name: 'x', 'label::Bahasa Indonesia (id)': 'X', relevant: '${hilang} = 1' });
    const problems = checkXlsForm(broken);
    expect(problems.some((p) => p.includes('repeats'))).toBe(true);
    expect(problems.some((p) => p.includes('list "tidak_ada" not in choices'))).toBe(true);
    expect(problems.some((p) => p.includes('unknown field "hilang"'))).toBe(true);
  });
  it('asks every roster actor, skips actors the respondent does not know, names fields stably', () => {
    const groups = q.form.survey.filter((r) => r.type === 'begin_group');
    expect(groups).toHaveLength(34);
    expect(groups[0]).toMatchObject({ name: 'g_m01', relevant: "selected(${kenal}, 'm01')" });
    expect(q.form.survey.find((r) => r.name === 'kepercayaan_w_susi')).toMatchObject({ type: 'select_one percaya', required: 'yes' });
    expect(q.form.survey.find((r) => r.name === 'responden')?.type).toBe('select_one responden');
  });
  it('writes an .xlsx with survey, choices and settings sheets that reads back', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(q.xlsx) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['survey', 'choices', 'settings']);
    expect(wb.getWorksheet('survey')!.rowCount).toBe(q.form.survey.length + 1);
    expect(wb.getWorksheet('settings')!.getRow(2).getCell(2).value).toBe('jejaring_sample');
  });
  it('the paper form lists every actor and the answer codes', () => {
    expect(q.paperHtml).toContain('Kuesioner jaringan sosial KUBE Dahlia Berkarya');
    expect(q.paperHtml).toContain('Warung Susi');
    expect(q.paperHtml.replace(/&#x3D;/g, '=')).toContain('5 = Sangat percaya'); // Handlebars escapes =
    expect(q.entryCsv.trim()).toBe('respondent,actor,trust,cooperation,frequency,resources,formal');
  });

  it('round trip: a KoboToolbox export of this form reads to the same metrics as the canonical files', async () => {
    const form = q.form;
    // the export's columns, from the form: group paths in headers, select_multiple summary + details
    const header: string[] = [];
    const path: string[] = [];
    const choices = (list: string) => form.choices.filter((c) => c.list_name === list).map((c) => c.name!);
    for (const row of form.survey) {
      const type = row.type!;
      if (type === 'begin_group') path.push(row.name!);
      else if (type === 'end_group') path.pop();
      else {
        const name = [...path, row.name!].join('/');
        header.push(name);
        const multiple = /^select_multiple (\S+)/.exec(type);
        if (multiple) for (const c of choices(multiple[1]!)) header.push(`${name}/${c}`);
      }
    }
    header.push('_id', '_uuid', '_submission_time', '__version__', '_index');
    const roundRows = (file: string) =>
      Papa.parse<string[]>(readFileSync(join(SAMPLE, file), 'utf8'), { skipEmptyLines: true }).data.slice(1);
    const roster = readFileSync(join(SAMPLE, 'actors.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const idOf = new Map(roster.map(([id, name]) => [name!, xmlName(id!)]));
    const exportCsv = (rows: string[][]) => {
      const byRespondent = new Map<string, string[][]>();
      for (const r of rows) byRespondent.set(r[0]!, [...(byRespondent.get(r[0]!) ?? []), r]);
      const lines = [...byRespondent].map(([respondent, ties], i) => {
        const v: Record<string, string> = {
          jejaring_form: 'jejaring_sample',
          responden: idOf.get(respondent)!,
          _index: String(i + 1),
          _submission_time: `2019-11-23T09:0${i % 10}:00`,
        };
        v.kenal = ties.map((t) => idOf.get(t[1]!)!).join(' ');
        for (const c of choices('aktor')) v[`kenal/${c}`] = ties.some((t) => idOf.get(t[1]!) === c) ? '1' : '0';
        for (const [, actor, trust, coop, freq, resources, formal] of ties) {
          const x = idOf.get(actor!)!;
          const g = `g_${x}`;
          v[`${g}/kepercayaan_${x}`] = trust!;
          v[`${g}/kerjasama_${x}`] = COOPERATION_CHOICES[Number(coop)]!.name;
          v[`${g}/frekuensi_${x}`] = FREQUENCY_CHOICES[Number(freq)]!.name;
          const res = resources ? resources.split(';') : [];
          v[`${g}/sumber_daya_${x}`] = res.join(' ');
          for (const c of choices('sumber_daya')) v[`${g}/sumber_daya_${x}/${c}`] = res.includes(c) ? '1' : '0';
          v[`${g}/formal_${x}`] = formal!;
        }
        return header.map((h) => `"${(v[h] ?? '').replace(/"/g, '""')}"`).join(';');
      });
      return `${[header.map((h) => `"${h}"`).join(';'), ...lines].join('\r\n')}\r\n`;
    };
    const dir = join(tempDir(), 'sample');
    mkdirSync(join(dir, 'exports'), { recursive: true });
    for (const f of ['actors.csv', 'known-ties.csv', 'plan.yaml']) copyFileSync(join(SAMPLE, f), join(dir, f));
    writeFileSync(join(dir, 'exports', 'pra.csv'), exportCsv(roundRows('rounds/01-pra.csv')));
    writeFileSync(join(dir, 'exports', 'pasca.csv'), exportCsv(roundRows('rounds/02-pasca.csv')));
    writeFileSync(
      join(dir, 'case.yaml'),
      readFileSync(join(SAMPLE, 'case.yaml'), 'utf8')
        .replace('rounds/01-pra.csv', 'exports/pra.csv')
        .replace('rounds/02-pasca.csv', 'exports/pasca.csv'),
    );
    const viaForm = await runToMetrics(dir);
    const canonical = await runToMetrics(SAMPLE);
    const withoutFile = (m: typeof canonical.metrics) => m.rounds.map((r) => ({ ...r, round: { ...r.round, file: '' } }));
    expect(withoutFile(viaForm.metrics)).toEqual(withoutFile(canonical.metrics));
    expect(viaForm.responses.quality.filter((e) => e.level !== 'info')).toEqual([]);
    expect(viaForm.responses.quality.filter((e) => e.code === 'FORM_RECOGNISED').map((e) => e.value)).toEqual([
      'jejaring_sample',
      'jejaring_sample',
    ]);
  });
});

describe('paper answers: the codes of the paper form and the entry sheet', async () => {
  const config = loadCase(SAMPLE, tr);
  const q = await questionnaire(config, tr);
  const { parseCooperation, parseFrequency, parseTrust, parseYesNo, resourceName } = await import('../pipeline/ingest/values.ts');
  const { RESOURCE_CHOICES, TRUST_CHOICES, YES_NO_CHOICES } = await import('../pipeline/questionnaire/choices.ts');
  const { paperCodes } = await import('../pipeline/questionnaire/entry-sheet.ts');
  const { translator } = await import('../pipeline/i18n.ts');
  const pasca = Papa.parse<string[]>(readFileSync(join(SAMPLE, 'rounds/02-pasca.csv'), 'utf8'), { skipEmptyLines: true }).data.slice(1);
  const code = new Map(RESOURCE_CHOICES.map((c) => [c.name, c.code!.id]));
  /** A row as typed from the paper form: numbers, resource codes joined by ";", Y/T. */
  const typed = ([respondent, actor, trust, cooperation, frequency, resources, formal]: string[]) => [
    respondent!,
    actor!,
    Number(trust),
    Number(cooperation),
    Number(frequency),
    resources!
      .split(';')
      .filter(Boolean)
      .map((r) => code.get(r)!)
      .join(';'),
    formal === 'ya' ? 'Y' : 'T',
  ];
  /** The sample case with its second round replaced by `file`. */
  const sampleWith = (file: string, write: (path: string) => void) => {
    const dir = join(tempDir(), 'sample');
    mkdirSync(join(dir, 'rounds'), { recursive: true });
    for (const f of ['actors.csv', 'known-ties.csv', 'plan.yaml', 'rounds/01-pra.csv']) copyFileSync(join(SAMPLE, f), join(dir, f));
    write(join(dir, 'rounds', file));
    writeFileSync(join(dir, 'case.yaml'), readFileSync(join(SAMPLE, 'case.yaml'), 'utf8').replace('rounds/02-pasca.csv', `rounds/${file}`));
    return dir;
  };
  const withoutFile = (m: Awaited<ReturnType<typeof runToMetrics>>['metrics']) =>
    m.rounds.map((r) => ({ ...r, round: { ...r.round, file: '' } }));

  it.each(['id', 'en'] as const)('every code printed on the %s paper form reads back as its answer', (lang) => {
    const codes = paperCodes(translator(lang));
    expect(codes.resources.map((c) => resourceName(c.code))).toEqual(RESOURCE_CHOICES.map((c) => c.name));
    expect(codes.formal.map((c) => parseYesNo(c.code))).toEqual([
      { ok: true, value: true, corrected: false },
      { ok: true, value: false, corrected: false },
    ]);
    expect(q.paperHtml.replace(/&#x3D;/g, '=')).toContain('Le = legalitas');
  });

  it('every label of the form, in both languages, reads back as its answer', () => {
    for (const c of TRUST_CHOICES) for (const label of [c.id, c.en]) expect(parseTrust(label)).toMatchObject({ value: Number(c.name) });
    COOPERATION_CHOICES.forEach((c, i) => {
      for (const label of [c.name, c.id, c.en]) expect(parseCooperation(label)).toMatchObject({ value: i });
    });
    FREQUENCY_CHOICES.forEach((c, i) => {
      for (const label of [c.name, c.id, c.en]) expect(parseFrequency(label)).toMatchObject({ value: i });
    });
    for (const c of RESOURCE_CHOICES) for (const label of [c.name, c.id, c.en]) expect(resourceName(label)).toBe(c.name);
    YES_NO_CHOICES.forEach((c, i) => {
      for (const label of [c.name, c.id, c.en]) expect(parseYesNo(label)).toMatchObject({ value: i === 0 });
    });
  });

  it('entri-data.csv typed with the paper codes reads to the same metrics', async () => {
    const csv = [['respondent', 'actor', 'trust', 'cooperation', 'frequency', 'resources', 'formal'], ...pasca.map(typed)]
      .map((r) => r.join(','))
      .join('\n');
    const { metrics, responses } = await runToMetrics(sampleWith('02-pasca.csv', (p) => writeFileSync(p, `${csv}\n`)));
    expect(withoutFile(metrics)).toEqual(withoutFile((await runToMetrics(SAMPLE)).metrics));
    expect(responses.quality.filter((e) => e.level !== 'info')).toEqual([]);
  });

  it('entri-data.xlsx has drop-down lists of the roster names, trust 1–5, ladder 0–5 and the resource codes', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(q.entryXlsx) as unknown as ArrayBuffer);
    const [sheet, lists] = wb.worksheets;
    expect(sheet!.getRow(1).values).toEqual([undefined, 'respondent', 'actor', 'trust', 'cooperation', 'frequency', 'resources', 'formal']);
    expect(lists!.state).toBe('hidden');
    const list = (cell: string) => {
      const v = sheet!.getCell(cell).dataValidation;
      expect(v.type).toBe('list');
      const [, col, first, last] = /^daftar!\$([A-Z])\$(\d+):\$[A-Z]\$(\d+)$/.exec(v.formulae![0] as string)!;
      return Array.from({ length: Number(last) - Number(first) + 1 }, (_, i) => String(lists!.getCell(`${col}${Number(first) + i}`).value));
    };
    expect(list('A2')).toEqual(
      config.rounds.length > 0
        ? q.form.choices.filter((c) => c.list_name === 'responden').map((c) => c['label::Bahasa Indonesia (id)'])
        : [],
    );
    expect(list('B500')).toContain('Warung Susi');
    expect(list('C2')).toEqual(['1', '2', '3', '4', '5']);
    expect(list('D1001')).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(list('F2')).toEqual(['P', 'L', 'M', 'I', 'Le']);
    expect(list('G2')).toEqual(['Y', 'T']);
    expect(sheet!.getCell('F2').dataValidation.errorStyle).toBe('warning'); // "P;L" may be typed
  });

  it('a filled entri-data.xlsx reads back as a round: the same metrics as the canonical file', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(q.entryXlsx) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    pasca.forEach((row, i) => {
      sheet.getRow(i + 2).values = typed(row);
    });
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const { metrics, responses } = await runToMetrics(sampleWith('02-pasca.xlsx', (p) => writeFileSync(p, bytes)));
    expect(withoutFile(metrics)).toEqual(withoutFile((await runToMetrics(SAMPLE)).metrics));
    expect(responses.rounds[1]!.ties).toHaveLength(pasca.length);
    expect(responses.quality.filter((e) => e.level !== 'info')).toEqual([]);
  });
});

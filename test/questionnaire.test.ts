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

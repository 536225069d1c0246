/**
 * The XLSForm (KoboToolbox / ODK) for a case, built from its roster:
 *
 *   start, end, today                         metadata
 *   jejaring_form  (calculate)               "<form id>": lets the ingest stage recognise exports
 *   responden      select_one responden      who is answering, chosen from the roster
 *   kenal          select_multiple aktor     which actors the respondent knows (self excluded)
 *   g_<actor>      group, relevant when <actor> is in kenal, field-list:
 *       kepercayaan_<actor>  select_one percaya     required
 *       kerjasama_<actor>    select_one kerjasama   required
 *       frekuensi_<actor>    select_one frekuensi
 *       sumber_daya_<actor>  select_multiple sumber_daya
 *       formal_<actor>       select_one yatidak
 *
 * One flat group per actor (not a repeat), so the plain CSV export holds everything (Kobo's CSV
 * export leaves repeats out). Labels in Bahasa Indonesia and English. Field names are stable: they
 * come from the roster ids, so every round's export has the same columns.
 */

import type { Actor, CaseInfo } from '../model/responses.ts';
import {
  type Choice,
  COOPERATION_CHOICES,
  FREQUENCY_CHOICES,
  RESOURCE_CHOICES,
  TRUST_CHOICES,
  xmlName,
  YES_NO_CHOICES,
} from './choices.ts';

export const LANGUAGES = { id: 'Bahasa Indonesia (id)', en: 'English (en)' } as const;
export const SURVEY_COLUMNS = [
  'type',
  'name',
  `label::${LANGUAGES.id}`,
  `label::${LANGUAGES.en}`,
  `hint::${LANGUAGES.id}`,
  `hint::${LANGUAGES.en}`,
  'required',
  'relevant',
  'constraint',
  `constraint_message::${LANGUAGES.id}`,
  `constraint_message::${LANGUAGES.en}`,
  'appearance',
  'calculation',
  'choice_filter',
] as const;
export const CHOICE_COLUMNS = ['list_name', 'name', `label::${LANGUAGES.id}`, `label::${LANGUAGES.en}`] as const;
export const SETTINGS_COLUMNS = ['form_title', 'form_id', 'version', 'default_language', 'style'] as const;

export type Row<C extends readonly string[]> = Partial<Record<C[number], string>>;

export interface XlsForm {
  survey: Row<typeof SURVEY_COLUMNS>[];
  choices: Row<typeof CHOICE_COLUMNS>[];
  settings: Row<typeof SETTINGS_COLUMNS>;
}

/** The id of the form generated for a case; also the value of its `jejaring_form` field. */
export const formId = (caseName: string) => `jejaring_${xmlName(caseName).toLowerCase()}`;

export function xlsForm(info: CaseInfo, actors: Actor[], version: string): XlsForm {
  const id = formId(info.name);
  const L = (idText: string, en: string) => ({ [`label::${LANGUAGES.id}`]: idText, [`label::${LANGUAGES.en}`]: en });
  const survey: XlsForm['survey'] = [
    { type: 'start', name: 'start' },
    { type: 'end', name: 'end' },
    { type: 'today', name: 'today' },
    { type: 'calculate', name: 'jejaring_form', calculation: `'${id}'` },
    { type: 'select_one responden', name: 'responden', ...L('Nama Anda', 'Your name'), required: 'yes', appearance: 'minimal' },
    {
      type: 'select_multiple aktor',
      name: 'kenal',
      ...L('Pihak mana saja yang Anda kenal?', 'Which of these do you know?'),
      [`hint::${LANGUAGES.id}`]: 'Pilih semua yang Anda kenal, termasuk sesama anggota.',
      [`hint::${LANGUAGES.en}`]: 'Choose everyone you know, fellow members included.',
      constraint: 'not(selected(., ${responden}))',
      [`constraint_message::${LANGUAGES.id}`]: 'Jangan memilih diri sendiri.',
      [`constraint_message::${LANGUAGES.en}`]: 'Do not choose yourself.',
      choice_filter: 'name != ${responden}',
    },
  ];
  for (const a of actors) {
    const x = xmlName(a.id);
    survey.push(
      { type: 'begin_group', name: `g_${x}`, ...L(a.name, a.name), relevant: `selected(\${kenal}, '${x}')`, appearance: 'field-list' },
      {
        type: 'select_one percaya',
        name: `kepercayaan_${x}`,
        ...L(`Seberapa besar Anda percaya kepada ${a.name}?`, `How much do you trust ${a.name}?`),
        required: 'yes',
        appearance: 'likert',
      },
      {
        type: 'select_one kerjasama',
        name: `kerjasama_${x}`,
        ...L(`Tingkat kerja sama Anda dengan ${a.name}`, `Your level of cooperation with ${a.name}`),
        required: 'yes',
      },
      {
        type: 'select_one frekuensi',
        name: `frekuensi_${x}`,
        ...L(`Seberapa sering Anda berhubungan dengan ${a.name}?`, `How often are you in contact with ${a.name}?`),
        appearance: 'likert',
      },
      {
        type: 'select_multiple sumber_daya',
        name: `sumber_daya_${x}`,
        ...L(`Sumber daya apa yang dipertukarkan dengan ${a.name}?`, `Which resources are exchanged with ${a.name}?`),
      },
      {
        type: 'select_one yatidak',
        name: `formal_${x}`,
        ...L(`Apakah ada kesepakatan tertulis (MoU) dengan ${a.name}?`, `Is there a written agreement (MoU) with ${a.name}?`),
      },
      { type: 'end_group', name: `g_${x}` },
    );
  }
  const list = (name: string, items: Choice[]) => items.map((c) => ({ list_name: name, name: c.name, ...L(c.id, c.en) }));
  const roster = actors.map((a) => ({ name: xmlName(a.id), id: a.name, en: a.name }));
  return {
    survey,
    choices: [
      ...list('responden', roster),
      ...list('aktor', roster),
      ...list('percaya', TRUST_CHOICES),
      ...list('kerjasama', COOPERATION_CHOICES),
      ...list('frekuensi', FREQUENCY_CHOICES),
      ...list('sumber_daya', RESOURCE_CHOICES),
      ...list('yatidak', YES_NO_CHOICES),
    ],
    settings: { form_title: `Survei jaringan ${info.group}`, form_id: id, version, default_language: LANGUAGES.id, style: 'pages' },
  };
}

/** The workbook bytes (sheets survey, choices, settings), written with exceljs. */
export async function xlsFormBytes(form: XlsForm): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const sheet = (name: string, columns: readonly string[], rows: Record<string, string | undefined>[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([...columns]);
    for (const r of rows) ws.addRow(columns.map((c) => r[c] ?? ''));
    ws.getRow(1).font = { bold: true };
  };
  sheet('survey', SURVEY_COLUMNS, form.survey);
  sheet('choices', CHOICE_COLUMNS, form.choices);
  sheet('settings', SETTINGS_COLUMNS, [form.settings]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

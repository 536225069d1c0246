/**
 * `npm run questionnaire -- [case-dir] [--out DIR] [--lang id|en] [--no-pdf]`
 *
 * Closes the loop roster → form → collect → report. From the case's roster it writes, into
 * `<out>/<case>-questionnaire/` (atomically, beside the report folder so a report run never
 * removes it):
 *   <form id>.xlsx      the XLSForm for KoboToolbox / ODK (questionnaire/xlsform.ts)
 *   kuesioner.html/.pdf the printable paper form, A4 landscape, one grid of every actor
 *   entri-data.csv      the blank canonical tie file for typing in paper answers
 *   entri-data.xlsx     the same as a spreadsheet with drop-down lists (questionnaire/entry-sheet.ts)
 *   case-import.yaml    what case.yaml needs to read the form's exports
 * The ingest stage reads the exports through the form: named by `import.form`, or recognised by
 * their `jejaring_form` column and made again from the roster.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { CaseConfig } from './config.ts';
import { CATEGORIES } from './domain.ts';
import { JejaringError } from './errors.ts';
import type { Translator } from './i18n.ts';
import { readCsv } from './ingest/csv.ts';
import { readRoster } from './ingest/roster.ts';
import type { Actor } from './model/responses.ts';
import { csv, StagedFolder } from './output.ts';
import { PdfPrinter } from './pdf.ts';
import { projectFile } from './project.ts';
import { QualityLog } from './quality.ts';
import { checkXlsForm } from './questionnaire/check.ts';
import { COOPERATION_CHOICES, FREQUENCY_CHOICES, TRUST_CHOICES } from './questionnaire/choices.ts';
import { ENTRY_COLUMNS, entrySheetBytes, paperCodes } from './questionnaire/entry-sheet.ts';
import { formId, type XlsForm, xlsForm, xlsFormBytes } from './questionnaire/xlsform.ts';
import { cssString, fontCss } from './report.ts';

export interface Questionnaire {
  form: XlsForm;
  xlsx: Uint8Array;
  paperHtml: string;
  entryCsv: string;
  entryXlsx: Uint8Array;
  importYaml: string;
}

/** The form version: the roster it was made from, so a changed roster gives a new version. */
function version(actors: Actor[]): string {
  let h = 0;
  for (const ch of actors.map((a) => `${a.id}=${a.name}`).join('|')) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return `r${actors.length}-${h.toString(16).padStart(8, '0')}`;
}

export function paperForm(config: CaseConfig, actors: Actor[], tr: Translator): string {
  const codes = paperCodes(tr);
  const q = {
    ...(tr.section('questionnaire') as unknown as Record<string, string>),
    resources: tr.t('questionnaire.resources', { codes: codes.resources.map((c) => c.code).join(', ') }),
    formal: tr.t('questionnaire.formal', { codes: codes.formal.map((c) => c.code).join('/') }),
  };
  const legend = [
    { title: tr.t('questionnaire.legendTrust'), items: TRUST_CHOICES.map((c) => `${c.name} = ${tr.lang === 'id' ? c.id : c.en}`) },
    {
      title: tr.t('questionnaire.legendCooperation'),
      items: COOPERATION_CHOICES.map((c) => (tr.lang === 'id' ? c.id : c.en).replace(/:.*/, '')),
    },
    { title: tr.t('questionnaire.legendFrequency'), items: FREQUENCY_CHOICES.map((c, i) => `${i} = ${tr.lang === 'id' ? c.id : c.en}`) },
    { title: tr.t('questionnaire.legendResources'), items: codes.resources.map((c) => `${c.code} = ${c.meaning}`) },
    { title: tr.t('questionnaire.legendFormal'), items: codes.formal.map((c) => `${c.code} = ${c.meaning}`) },
  ];
  const groups = CATEGORIES.map((c) => ({
    title: tr.t(`category.${c}`),
    actors: actors.filter((a) => a.category === c).map((a) => a.name),
  })).filter((g) => g.actors.length > 0);
  const template = Handlebars.create().compile(readFileSync(projectFile('templates/paper-form.hbs'), 'utf8'), { strict: true });
  return template({
    lang: tr.lang,
    fontCss: fontCss(),
    pageLabel: cssString(tr.t('questionnaire.page')),
    title: tr.t('questionnaire.title', { group: config.case.group }),
    intro: tr.t('questionnaire.intro'),
    t: q,
    legend,
    groups,
    note: tr.t('questionnaire.note'),
  });
}

export async function questionnaire(config: CaseConfig, tr: Translator): Promise<Questionnaire> {
  const log = new QualityLog(tr);
  const roster = readRoster(readCsv(join(config.dir, 'actors.csv'), join(config.case.name, 'actors.csv')), log);
  const form = xlsForm(config.case, roster.actors, version(roster.actors));
  const problems = checkXlsForm(form);
  if (problems.length > 0)
    throw new JejaringError('FORM_INVALID', { detail: problems.slice(0, 3).join('; ') }, { file: join(config.case.name, 'actors.csv') });
  const id = form.settings.form_id!;
  const importYaml = [
    `# Exports of the form ${id} (version ${form.settings.version}) are read through the form.`,
    `# Keep the form with the case (forms/${id}.xlsx) and name it below; without it, an export with`,
    '# the jejaring_form column is read through the form made again from actors.csv.',
    '# Download the exports as they are (KoboToolbox: CSV or XLS, any "value and header format";',
    '# ODK Central: the .csv.zip) or type paper answers into entri-data.xlsx / entri-data.csv, and',
    '# list one file per round:',
    'import:',
    `  form: forms/${id}.xlsx`,
    'rounds:',
    '  - id: pra',
    '    label: Pra-intervensi',
    '    date: 2025-01-31',
    `    file: exports/${id}-pra.csv`,
    '  - id: pasca',
    '    label: Pasca-intervensi',
    '    date: 2025-07-31',
    `    file: exports/${id}-pasca.csv`,
    '',
  ].join('\n');
  return {
    form,
    xlsx: await xlsFormBytes(form),
    paperHtml: paperForm(config, roster.actors, tr),
    entryCsv: csv([], [...ENTRY_COLUMNS]),
    entryXlsx: await entrySheetBytes(roster.actors, tr),
    importYaml,
  };
}

export async function writeQuestionnaire(
  config: CaseConfig,
  tr: Translator,
  out: string,
  withPdf: boolean,
  browser: string | null,
): Promise<string> {
  const q = await questionnaire(config, tr);
  const staged = new StagedFolder(join(out, `${config.case.name}-questionnaire`), [config.dir]);
  try {
    staged.write(`${formId(config.case.name)}.xlsx`, q.xlsx);
    staged.write('kuesioner.html', q.paperHtml);
    staged.write('entri-data.csv', q.entryCsv);
    staged.write('entri-data.xlsx', q.entryXlsx);
    staged.write('case-import.yaml', q.importYaml);
    if (withPdf) {
      const printer = new PdfPrinter({ browser, date: config.settings.reportDate });
      try {
        staged.write('kuesioner.pdf', await printer.print(q.paperHtml));
      } finally {
        await printer.close();
      }
    }
    staged.commit();
  } catch (error) {
    staged.abort();
    throw error;
  }
  return staged.target;
}

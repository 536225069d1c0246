/**
 * The entry sheet for paper answers, `entri-data.xlsx`: the columns of the canonical tie file
 * (`entri-data.csv`, read as a long file), with drop-down lists so that what is typed is what the
 * paper form asks: roster names for respondent and actor, the trust points, the cooperation ladder
 * 0–5, contact frequency 0–4, the resource codes (P, L, M, I, Le; several as `P;L`) and the yes/no
 * codes of the MoU question. Each header cell carries the legend as a note. The lists live on a
 * hidden second sheet; the reader reads the first sheet only.
 */
import type { Translator } from '../i18n.ts';
import type { Actor } from '../model/responses.ts';
import { COOPERATION_CHOICES, FREQUENCY_CHOICES, RESOURCE_CHOICES, TRUST_CHOICES, YES_NO_CHOICES } from './choices.ts';

/** The canonical tie file's columns, in order (entri-data.csv and the entry sheet). */
export const ENTRY_COLUMNS = ['respondent', 'actor', 'trust', 'cooperation', 'frequency', 'resources', 'formal'] as const;

/** Rows prepared with drop-down lists (a KUBE round has a few hundred ties at most). */
export const ENTRY_ROWS = 1000;

/** The codes written on the paper form, in the report language. */
export function paperCodes(tr: Translator) {
  const code = (c: { code?: { id: string; en: string } }) => c.code![tr.lang === 'id' ? 'id' : 'en'];
  return {
    resources: RESOURCE_CHOICES.map((c) => ({ code: code(c), meaning: tr.t(`resource.${c.name}`) })),
    formal: YES_NO_CHOICES.map((c) => ({ code: code(c), meaning: tr.t(`questionnaire.formalMeaning.${c.name}`) })),
  };
}

export async function entrySheetBytes(actors: Actor[], tr: Translator): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const sheet = wb.addWorksheet(tr.t('questionnaire.entrySheet'));
  const lists = wb.addWorksheet('daftar', { state: 'hidden' });
  const codes = paperCodes(tr);
  const columns: string[][] = [
    actors.map((a) => a.name),
    TRUST_CHOICES.map((c) => c.name),
    COOPERATION_CHOICES.map((_, i) => String(i)),
    FREQUENCY_CHOICES.map((_, i) => String(i)),
    codes.resources.map((c) => c.code),
    codes.formal.map((c) => c.code),
  ];
  columns.forEach((values, i) => {
    values.forEach((v, r) => {
      // numbers as numbers: a typed 4 must match the list's 4
      lists.getCell(r + 1, i + 1).value = i > 0 && /^\d+$/.test(v) ? Number(v) : v;
    });
  });
  const range = (i: number) => `daftar!$${String.fromCharCode(65 + i)}$1:$${String.fromCharCode(65 + i)}$${columns[i]!.length}`;
  const legend = (items: string[]) => items.join('\n');
  const notes: Record<(typeof ENTRY_COLUMNS)[number], string> = {
    respondent: tr.t('questionnaire.name'),
    actor: tr.t('questionnaire.actor'),
    trust: legend(TRUST_CHOICES.map((c) => `${c.name} = ${tr.lang === 'id' ? c.id : c.en}`)),
    cooperation: legend(COOPERATION_CHOICES.map((c) => (tr.lang === 'id' ? c.id : c.en).replace(/:.*/, ''))),
    frequency: legend(FREQUENCY_CHOICES.map((c, i) => `${i} = ${tr.lang === 'id' ? c.id : c.en}`)),
    resources: legend([...codes.resources.map((c) => `${c.code} = ${c.meaning}`), tr.t('questionnaire.entrySeveral')]),
    formal: legend(codes.formal.map((c) => `${c.code} = ${c.meaning}`)),
  };
  sheet.addRow([...ENTRY_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  ENTRY_COLUMNS.forEach((column, i) => {
    sheet.getColumn(i + 1).width = i < 2 ? 28 : 13;
    sheet.getCell(1, i + 1).note = notes[column];
    const list = [0, 0, 1, 2, 3, 4, 5][i]!;
    const validation = {
      type: 'list' as const,
      allowBlank: true,
      formulae: [range(list)],
      showErrorMessage: true,
      // several resources are typed as "P;L": a warning, not a refusal
      errorStyle: column === 'resources' ? 'warning' : 'stop',
      errorTitle: column,
      error: tr.t('questionnaire.entryError'),
    };
    // one validation per column range (exceljs writes per-cell validations as overlapping ranges)
    const letter = String.fromCharCode(65 + i);
    (sheet as unknown as { dataValidations: { add(range: string, v: typeof validation): void } }).dataValidations.add(
      `${letter}2:${letter}${ENTRY_ROWS + 1}`,
      validation,
    );
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * Writers of synthetic survey-tool exports in the shapes the tools document (KoboToolbox CSV with
 * XML names and groups in headers; Google Forms grid CSV), used to ship the sample case as the
 * exports a facilitator would download and to build test fixtures. Not used by the pipeline.
 */

export interface ExportActor {
  id: string;
  name: string;
  /** The XML-safe name used in Kobo field names (letters, digits, _). */
  xml: string;
}

export interface ExportAnswer {
  to: string;
  trust: number;
  cooperation: number;
  frequency: number | null;
  resources: string[];
  formal: boolean | null;
}

export interface ExportSubmission {
  /** Actor id of the respondent. */
  respondent: string;
  /** ISO 8601 with offset, e.g. 2019-11-23T10:15:40.101+07:00. */
  time: string;
  answers: ExportAnswer[];
}

import { COOPERATION_CHOICES, FREQUENCY_CHOICES, RESOURCE_CHOICES, TRUST_CHOICES, xmlName } from '../pipeline/questionnaire/choices.ts';

export { xmlName };
export const TRUST_LABELS = ['', ...TRUST_CHOICES.map((c) => c.id)];
export const COOPERATION_LABELS = ['Tidak ada', 'Komunikasi', 'Kooperasi', 'Koordinasi', 'Kolaborasi', 'Konfederasi'];
export const COOPERATION_NAMES = COOPERATION_CHOICES.map((c) => c.name);
export const FREQUENCY_LABELS = FREQUENCY_CHOICES.map((c) => c.id);
export const FREQUENCY_NAMES = FREQUENCY_CHOICES.map((c) => c.name);
export const RESOURCE_NAMES = RESOURCE_CHOICES.map((c) => c.name);
export const label = (name: string) => name[0]!.toUpperCase() + name.slice(1);

const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
export const csvLine = (cells: string[], sep: string, quoteAll = false) =>
  cells.map((c) => (quoteAll || /[",;\t\n]/.test(c) ? quote(c) : c)).join(sep);

/** The grid questions of a Google Form, by the tie field they ask. */
export const GOOGLE_QUESTIONS = {
  trust: 'Seberapa percaya Anda kepada pihak berikut?',
  cooperation: 'Tingkat kerja sama Anda dengan pihak berikut',
  frequency: 'Seberapa sering Anda berhubungan?',
  resources: 'Sumber daya apa yang dipertukarkan?',
  formal: 'Apakah ada kesepakatan tertulis (MoU)?',
} as const;
export const GOOGLE_MEMBER_TIES = 'Anggota KUBE yang sering bekerja sama dengan Anda';

export interface GoogleFormsOptions {
  /** The grid questions asked (default: all five). */
  questions?: (keyof typeof GOOGLE_QUESTIONS)[];
  /**
   * Members asked about as a checkbox list ("Anggota KUBE yang sering bekerja sama dengan Anda")
   * instead of grid rows: their answers are the names ticked, with no values.
   */
  memberList?: ExportActor[];
  /** Extra columns of the form that are no tie question (e.g. "Catatan"), with each respondent's answer. */
  extra?: Record<string, (respondent: string) => string>;
}

/**
 * Google Forms "Download responses (.csv)" of a grid form: Stempel waktu, name, a checkbox of
 * actors known, one grid per question (rows = actors), and optionally the members as a checkbox
 * list of names.
 */
export function googleFormsCsv(actors: ExportActor[], submissions: ExportSubmission[], options: GoogleFormsOptions = {}): string {
  const asked = options.questions ?? (Object.keys(GOOGLE_QUESTIONS) as (keyof typeof GOOGLE_QUESTIONS)[]);
  const listed = new Set((options.memberList ?? []).map((a) => a.id));
  const grid = actors.filter((a) => !listed.has(a.id));
  const extra = Object.entries(options.extra ?? {});
  const header = [
    'Stempel waktu',
    'Nama Anda',
    'Pihak mana saja yang Anda kenal?',
    ...asked.flatMap((q) => grid.map((a) => `${GOOGLE_QUESTIONS[q]} [${a.name}]`)),
    ...(listed.size > 0 ? [GOOGLE_MEMBER_TIES] : []),
    ...extra.map(([h]) => h),
  ];
  const name = new Map(actors.map((a) => [a.id, a.name]));
  const googleTime = (iso: string) => {
    const d = new Date(iso);
    const local = new Date(d.getTime() + 7 * 3600_000); // the sample's forms were filled in WIB (GMT+7)
    const h = local.getUTCHours();
    const two = (n: number) => String(n).padStart(2, '0');
    const date = `${local.getUTCFullYear()}/${two(local.getUTCMonth() + 1)}/${two(local.getUTCDate())}`;
    return `${date} ${h % 12 || 12}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())} ${h >= 12 ? 'PM' : 'AM'} GMT+7`;
  };
  const cells: Record<keyof typeof GOOGLE_QUESTIONS, (a: ExportAnswer) => string> = {
    trust: (a) => TRUST_LABELS[a.trust]!,
    cooperation: (a) => COOPERATION_LABELS[a.cooperation]!,
    frequency: (a) => (a.frequency === null ? '' : FREQUENCY_LABELS[a.frequency]!),
    resources: (a) => a.resources.map(label).join(', '),
    formal: (a) => (a.formal === null ? '' : a.formal ? 'Ya' : 'Tidak'),
  };
  const rows = submissions.map((s) => {
    const per = (f: (a: ExportAnswer) => string) =>
      grid.map((x) => {
        const a = s.answers.find((y) => y.to === x.id);
        return a ? f(a) : '';
      });
    return [
      googleTime(s.time),
      name.get(s.respondent)!,
      s.answers
        .filter((a) => !listed.has(a.to))
        .map((a) => name.get(a.to)!)
        .join(', '),
      ...asked.flatMap((q) => per(cells[q])),
      ...(listed.size > 0
        ? [
            s.answers
              .filter((a) => listed.has(a.to))
              .map((a) => name.get(a.to)!)
              .join(', '),
          ]
        : []),
      ...extra.map(([, answer]) => answer(s.respondent)),
    ];
  });
  return `${[header, ...rows].map((r) => csvLine(r, ',')).join('\n')}\n`;
}

/**
 * KoboToolbox CSV export with "XML values and headers", groups in headers, select_multiple as
 * summary plus 1/0 detail columns: `;`, every field quoted, CRLF, meta columns last.
 */
export function koboXmlCsv(actors: ExportActor[], submissions: ExportSubmission[]): string {
  const meta = [
    '_id',
    '_uuid',
    '_submission_time',
    '_validation_status',
    '_notes',
    '_status',
    '_submitted_by',
    '__version__',
    '_tags',
    '_index',
  ];
  const perActor = actors.flatMap((a) => {
    const g = `g_${a.xml}`;
    return [
      `${g}/kepercayaan_${a.xml}`,
      `${g}/kerjasama_${a.xml}`,
      `${g}/frekuensi_${a.xml}`,
      `${g}/sumber_daya_${a.xml}`,
      ...RESOURCE_NAMES.map((r) => `${g}/sumber_daya_${a.xml}/${r}`),
      `${g}/formal_${a.xml}`,
    ];
  });
  const xml = new Map(actors.map((a) => [a.id, a.xml]));
  const header = ['start', 'end', 'today', 'responden', 'kenal', ...actors.map((a) => `kenal/${a.xml}`), ...perActor, ...meta];
  const rows = submissions.map((s, i) => {
    const cells = actors.flatMap((x) => {
      const a = s.answers.find((y) => y.to === x.id);
      if (!a) return ['', '', '', '', ...RESOURCE_NAMES.map(() => ''), ''];
      return [
        String(a.trust),
        COOPERATION_NAMES[a.cooperation]!,
        a.frequency === null ? '' : FREQUENCY_NAMES[a.frequency]!,
        a.resources.join(' '),
        ...RESOURCE_NAMES.map((r) => (a.resources.includes(r) ? '1' : '0')),
        a.formal === null ? '' : a.formal ? 'ya' : 'tidak',
      ];
    });
    const known = s.answers.map((a) => xml.get(a.to)!);
    return [
      s.time,
      s.time,
      s.time.slice(0, 10),
      xml.get(s.respondent)!,
      known.join(' '),
      ...actors.map((a) => (known.includes(a.xml) ? '1' : '0')),
      ...cells,
      String(100 + i),
      `uuid-${i}`,
      s.time.slice(0, 19),
      '',
      '',
      'submitted_via_web',
      '',
      'v1',
      '',
      String(i + 1),
    ];
  });
  return `${[header, ...rows].map((r) => csvLine(r, ';', true)).join('\r\n')}\r\n`;
}

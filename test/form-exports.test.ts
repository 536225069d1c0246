/**
 * Exports written by the survey tools' own export code (test/fixtures/form-exports, see its
 * README): KoboToolbox's formpack and ODK Central's briefcase.js, from instances filled by ODK's
 * form engine. Every shape of an export of one form reads to the same answers, through the form.
 *
 * sample/  the form `npm run questionnaire` writes for data/sample, round "pasca": read through
 *          that form, made again from the roster (the exports carry its jejaring_form column) or
 *          named by import.form; the answers are those of data/sample/rounds/02-pasca.csv.
 * own/     a facilitator's own form (own/make-form.ts) with a repeat group per outside party and
 *          members as a checkbox question, for the roster of test/fixtures/formats.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadCase } from '../pipeline/config.ts';
import type { JejaringError } from '../pipeline/errors.ts';
import { ingestCase } from '../pipeline/ingest.ts';
import type { Responses, Tie } from '../pipeline/model/responses.ts';
import { questionnaire } from '../pipeline/questionnaire.ts';
import { fixture, SAMPLE, tempDir, tr } from './helpers.ts';

const dir = fixture('form-exports');
const strip = (ties: Tie[]) => ties.map(({ source: _source, ...rest }) => rest);
const serious = (r: Responses) => r.quality.filter((q) => q.level !== 'info');

/** A case with `actors` as roster and `file` (written by `write`) as its one round. */
function caseWith(actors: string, file: string, write: (path: string) => void, importSpec = ''): string {
  const caseDir = join(tempDir(), 'kasus');
  mkdirSync(join(caseDir, 'exports'), { recursive: true });
  copyFileSync(actors, join(caseDir, 'actors.csv'));
  write(join(caseDir, 'exports', file));
  writeFileSync(join(caseDir, 'case.yaml'), `rounds:\n  - id: pasca\n    label: Pasca\n    file: exports/${file}\n${importSpec}`);
  return caseDir;
}

describe("the sample's generated form: every export shape reads to the answers of data/sample", async () => {
  const canonical = (await ingestCase(SAMPLE, tr)).responses.rounds[1]!;
  const sampleCase = (file: string, importSpec = '', write = (p: string) => copyFileSync(join(dir, 'sample', file), p)) =>
    caseWith(join(SAMPLE, 'actors.csv'), file, write, importSpec);

  describe.each([
    ['kobo-xml-groups-both.csv', 'KoboToolbox CSV, XML values and headers, groups in headers, select_multiple both ways'],
    ['kobo-xml-nogroups-summary.csv', 'KoboToolbox CSV, XML values, no groups in headers, select_multiple as one column'],
    ['kobo-xml-groups-details.csv', 'KoboToolbox CSV, XML values, select_multiple as separate 1/0 columns only'],
    ['kobo-labels-id-groups-both.csv', 'KoboToolbox CSV, labels in Bahasa Indonesia, groups in headers'],
    ['kobo-labels-en-nogroups-both.csv', 'KoboToolbox CSV, labels in English ("Unsure", "Marketing"), no groups in headers'],
    ['kobo-labels-en-groups-summary.csv', 'KoboToolbox CSV, English labels joined by spaces in one column'],
    ['kobo-xml-groups-both.xlsx', 'KoboToolbox XLSX, XML values'],
    ['kobo-labels-en-nogroups-both.xlsx', 'KoboToolbox XLSX, English labels'],
    ['odk-default.csv.zip', 'ODK Central .csv.zip'],
    ['odk-split.csv.zip', 'ODK Central .csv.zip, split select multiple (0 also for questions never asked)'],
    ['odk-split-nogroups.csv.zip', 'ODK Central .csv.zip, split select multiple, no group names'],
  ])('%s (%s)', (file) => {
    it('reads through the form rebuilt from the roster to the same answers, with nothing to warn about', async () => {
      const { responses } = await ingestCase(sampleCase(file), tr);
      const round = responses.rounds[0]!;
      expect(strip(round.ties)).toEqual(strip(canonical.ties));
      expect(round.respondents).toEqual(canonical.respondents);
      expect(serious(responses)).toEqual([]);
      expect(responses.quality.find((q) => q.code === 'FORM_RECOGNISED')?.value).toBe('jejaring_sample');
      expect(round.asked).toEqual({ trust: true, cooperation: true, frequency: true, resources: true, formal: true, memberTies: true });
    });
  });

  it.each(['kobo-labels-en-nogroups-both.csv', 'odk-split.csv.zip'])(
    '%s reads the same through the form named by import.form',
    async (file) => {
      const q = await questionnaire(loadCase(SAMPLE, tr), tr);
      const caseDir = sampleCase(file, '    import:\n      form: forms/kuesioner.xlsx\n');
      mkdirSync(join(caseDir, 'forms'));
      writeFileSync(join(caseDir, 'forms', 'kuesioner.xlsx'), q.xlsx);
      const { responses } = await ingestCase(caseDir, tr);
      expect(strip(responses.rounds[0]!.ties)).toEqual(strip(canonical.ties));
      expect(serious(responses)).toEqual([]);
      expect(responses.quality.find((q) => q.code === 'FORM_READ')?.value).toBe(join('kasus', 'forms', 'kuesioner.xlsx'));
    },
  );

  it('ODK Central split columns read by their headers alone: a 0 for an actor never asked is no tie', async () => {
    const files = unzipSync(readFileSync(join(dir, 'sample', 'odk-split.csv.zip')));
    const root = strFromU8(files['jejaring_sample.csv']!)
      .split('\n')
      .map((line) =>
        line
          .split(',')
          .filter((_, i) => i !== 4)
          .join(','),
      ) // without the jejaring_form column (no quoted commas in it)
      .join('\n');
    expect(root.split('\n')[0]).not.toContain('jejaring_form');
    const caseDir = sampleCase('odk.csv.zip', '', (p) => writeFileSync(p, zipSync({ 'jejaring_sample.csv': strToU8(root) })));
    const { responses } = await ingestCase(caseDir, tr);
    expect(strip(responses.rounds[0]!.ties)).toEqual(strip(canonical.ties));
    expect(responses.quality.find((q) => q.code === 'FORM_RECOGNISED')).toBeUndefined();
  });

  it('a column the form does not have is named, not dropped', async () => {
    const text = readFileSync(join(dir, 'sample', 'kobo-xml-groups-both.csv'), 'utf8')
      .split('\r\n')
      .map((line, i) => (line === '' ? line : `${line};"${i === 0 ? 'catatan' : 'baik'}"`))
      .join('\r\n');
    const { responses } = await ingestCase(
      sampleCase('kobo.csv', '', (p) => writeFileSync(p, text)),
      tr,
    );
    expect(serious(responses).map((q) => [q.code, q.column])).toEqual([['COLUMN_NOT_IN_FORM', 'catatan']]);
    expect(strip(responses.rounds[0]!.ties)).toEqual(strip(canonical.ties));
  });
});

describe("a facilitator's own form with a repeat group, through import.form", () => {
  const expected = JSON.parse(readFileSync(join(fixture('formats'), 'expected.json'), 'utf8')) as Omit<Tie, 'source'>[];
  // the form asks trust, cooperation and resources of outside parties, and lists fellow members with no values
  const answers = expected.map((t) =>
    t.to.startsWith('m')
      ? { ...t, trust: null, cooperation: null, frequency: null, resources: [], formal: null }
      : { ...t, frequency: null, formal: null },
  );
  const ownCase = (file: string) =>
    (() => {
      const caseDir = caseWith(
        join(fixture('formats'), 'actors.csv'),
        file,
        (p) => copyFileSync(join(dir, 'own', file), p),
        '    import:\n      form: forms/kuesioner.xlsx\n',
      );
      mkdirSync(join(caseDir, 'forms'));
      copyFileSync(join(dir, 'own', 'kuesioner.xlsx'), join(caseDir, 'forms', 'kuesioner.xlsx'));
      return caseDir;
    })();

  it.each(['kobo-xml-groups.xlsx', 'kobo-labels-en.xlsx', 'odk-default.csv.zip', 'odk-split.csv.zip'])(
    '%s: the repeat rows and the member list read as ties; choice names like "sp" read by their labels',
    async (file) => {
      const { responses } = await ingestCase(ownCase(file), tr);
      const round = responses.rounds[0]!;
      expect(strip(round.ties)).toEqual(answers);
      expect(round.respondents).toEqual(['m1', 'm2', 'm3']);
      expect(round.asked).toEqual({ trust: true, cooperation: true, frequency: false, resources: true, formal: false, memberTies: true });
      // the earlier submission of Ani Rahmawati is superseded by her later one
      expect(serious(responses).map((q) => q.code)).toEqual(['SUBMISSION_DUPLICATE']);
      expect(responses.summary).toMatchObject({ rowsRead: 9, rowsKept: 8, rowsSuperseded: 1, rowsRejected: 0, rowsCorrected: 0 });
    },
  );

  it('a KoboToolbox CSV of it has no repeat group: the lost ties are named, with what to download instead', async () => {
    const { responses } = await ingestCase(ownCase('kobo-xml.csv'), tr);
    expect(responses.quality.find((q) => q.code === 'REPEAT_NOT_IN_EXPORT')).toMatchObject({ level: 'warning', value: 'ikatan' });
    expect(strip(responses.rounds[0]!.ties)).toEqual(answers.filter((t) => t.to.startsWith('m')));
  });
});

describe('import.form: what the form cannot read, and files that are no export of it', () => {
  /** The own form's case, its form file written by `write`, its round `round`. */
  const withForm = async (
    write: (formPath: string) => Promise<void> | void,
    round = join(dir, 'own/kobo-xml-groups.xlsx'),
    form = 'forms/kuesioner.xlsx',
  ) => {
    const name = round.split('/').pop()!;
    const caseDir = caseWith(
      join(fixture('formats'), 'actors.csv'),
      name,
      (p) => copyFileSync(round, p),
      `    import:\n      form: ${form}\n`,
    );
    mkdirSync(join(caseDir, 'forms'));
    await write(join(caseDir, 'forms', 'kuesioner.xlsx'));
    return caseDir;
  };
  const failure = (caseDir: string) =>
    ingestCase(caseDir, tr).then(
      () => null,
      (e: JejaringError) => ({ code: e.code, where: e.where }),
    );

  it('a round typed from paper in a case whose exports have a form is read as a tie file', async () => {
    const caseDir = await withForm((p) => copyFileSync(join(dir, 'own', 'kuesioner.xlsx'), p), join(fixture('formats'), 'canonical.csv'));
    const { responses } = await ingestCase(caseDir, tr);
    expect(strip(responses.rounds[0]!.ties)).toEqual(JSON.parse(readFileSync(join(fixture('formats'), 'expected.json'), 'utf8')));
    expect(responses.quality.find((q) => q.code === 'FORM_NOT_THIS_FILE')?.value).toBe(join('kasus', 'forms', 'kuesioner.xlsx'));
  });
  it('a form file that is no workbook stops the run, naming it', async () => {
    const caseDir = await withForm((p) => writeFileSync(p, 'type,name\ntext,nama\n'));
    expect(await failure(caseDir)).toMatchObject({ code: 'FORM_UNREADABLE', where: { file: join('kasus', 'forms', 'kuesioner.xlsx') } });
  });
  it('a form with no respondent question stops the run and says what to set', async () => {
    const { xlsFormBytes } = await import('../pipeline/questionnaire/xlsform.ts');
    const form = { survey: [{ type: 'integer', name: 'umur', 'label::Bahasa Indonesia (id)': 'Umur' }], choices: [], settings: {} };
    const caseDir = await withForm(async (p) => writeFileSync(p, await xlsFormBytes(form)));
    expect(await failure(caseDir)).toMatchObject({ code: 'FORM_NO_RESPONDENT' });
  });
  it('a form named but missing, or outside the case folder, stops the run', async () => {
    expect(await failure(await withForm(() => {}))).toMatchObject({ code: 'FILE_MISSING' });
    expect(await failure(await withForm(() => {}, undefined, '../kuesioner.xlsx'))).toMatchObject({ code: 'CONFIG_PATH_OUTSIDE' });
  });
});

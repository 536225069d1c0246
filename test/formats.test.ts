/**
 * Every export format reads to the same canonical responses: the golden file
 * test/fixtures/formats/expected.json, which is what canonical.csv holds. The fixtures are written
 * by make-fixtures.ts in that folder from one set of answers, in the shapes the tools document.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestCase } from '../pipeline/ingest.ts';
import type { Tie } from '../pipeline/model/responses.ts';
import { fixture, SAMPLE as SAMPLE_DIR, tempDir, tr } from './helpers.ts';

const dir = fixture('formats');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as unknown[];
const strip = (ties: Tie[]) => ties.map(({ source: _source, ...rest }) => rest);
/** The Google Forms fixtures hold an earlier submission of Ani Rahmawati (line 2) that the later one supersedes. */
const SUPERSEDED_M2 = expect.objectContaining({ code: 'SUBMISSION_DUPLICATE', line: 2 });

/** A case of the fixtures' roster whose one round is `file`, written by `write` into the case folder. */
function caseWithRound(file: string, write: (caseDir: string) => void, config = '', importSpec = ''): string {
  const caseDir = join(tempDir(), 'kasus');
  mkdirSync(caseDir, { recursive: true });
  copyFileSync(join(dir, 'actors.csv'), join(caseDir, 'actors.csv'));
  write(caseDir);
  writeFileSync(join(caseDir, 'case.yaml'), `${config}rounds:\n  - id: r1\n    label: R1\n    file: ${file}\n${importSpec}`);
  return caseDir;
}

async function read(file: string, importSpec = '') {
  const caseDir = caseWithRound(file, (d) => copyFileSync(join(dir, file), join(d, file)), '', importSpec);
  const { responses } = await ingestCase(caseDir, tr);
  return responses;
}

describe.each([
  ['canonical.csv', '', 'long'],
  ['utf8-bom.csv', '', 'UTF-8 with BOM, CRLF'],
  ['excel-windows-1252.csv', '', 'Excel CSV on Indonesian Windows: ; Windows-1252, decimal commas, labels'],
  ['excel-unicode.txt', '', 'Excel Unicode text: UTF-16LE, tab'],
  ['google-forms.csv', '', 'Google Forms grid with a repeated submission'],
  ['kobo-xml.csv', '', 'KoboToolbox CSV, XML names, groups in headers, select_multiple detail columns'],
  ['kobo-labels.csv', '', 'KoboToolbox CSV, labels, HXL row'],
  ['kobo.xlsx', '', 'KoboToolbox XLSX with a repeat sheet'],
  ['odk.csv.zip', '', 'ODK Central zip with a repeat CSV'],
  [
    'handmade-long.csv',
    [
      '    import:',
      '      columns:',
      '        respondent: Nama',
      '        actor: Pihak',
      '        trust: Percaya (1-5)',
      '        cooperation: Kerja sama (0-5)',
      '        frequency: Seberapa sering',
      '        resources: Sumber',
      '        formal: Ada MoU?',
      '',
    ].join('\n'),
    'hand-made long file with a column mapping',
  ],
])('%s', (file, spec, _what) => {
  it('reads to the canonical responses', async () => {
    const responses = await read(file, spec);
    expect(strip(responses.rounds[0]!.ties)).toEqual(expected);
    expect(responses.rounds[0]!.respondents).toEqual(['m1', 'm2', 'm3']);
    expect(responses.quality.filter((q) => q.level === 'error')).toEqual([]);
  });
});

describe('what the adapters log', () => {
  it('the canonical file is the golden file', async () => {
    expect(strip((await read('canonical.csv')).rounds[0]!.ties)).toEqual(expected);
  });
  it('a repeated submission: the latest wins and the earlier is logged with its line', async () => {
    const responses = await read('google-forms.csv');
    const dup = responses.quality.filter((q) => q.code === 'SUBMISSION_DUPLICATE');
    expect(dup.map((q) => [q.line, q.value])).toEqual([[2, 'Ani Rahmawati']]);
    expect(responses.summary).toMatchObject({ rowsSuperseded: 1, rowsRejected: 0 }); // the earlier submission's one tie
  });
  it('the HXL row and the decoding are logged', async () => {
    expect((await read('kobo-labels.csv')).quality.find((q) => q.code === 'HXL_ROW')?.line).toBe(2);
    expect((await read('excel-windows-1252.csv')).quality.find((q) => q.code === 'ENCODING')?.value).toBe('windows-1252');
  });
  it('decimal commas are logged as corrected, with old and new value; labels are answers as they stand', async () => {
    const q = (await read('excel-windows-1252.csv')).quality.filter((e) => e.code === 'VALUE_READ_AS');
    expect(q).toContainEqual(expect.objectContaining({ line: 2, column: 'kepercayaan', value: '4,0', correctedTo: '4' }));
    expect(q.map((e) => e.value)).toEqual(['4,0', '5,0', '4,0', '4,0']); // trust of answers 1, 3, 5 and 7, written with a decimal comma
  });
  it('an unknown column is named in the log, not silently dropped', async () => {
    expect((await read('excel-windows-1252.csv')).quality.find((q) => q.code === 'COLUMN_UNKNOWN')?.column).toBe('catatan');
  });
  it('a repeat row whose submission is missing is rejected and logged', async () => {
    const { unzipSync, zipSync, strToU8, strFromU8 } = await import('fflate');
    const files = unzipSync(readFileSync(join(dir, 'odk.csv.zip')));
    const repeat = strFromU8(files['jejaring_kube-ikatan.csv']!).replace('uuid:3,uuid:3/ikatan[1]', 'uuid:9,uuid:9/ikatan[1]');
    const caseDir = caseWithRound('r.zip', (d) =>
      writeFileSync(join(d, 'r.zip'), zipSync({ ...files, 'jejaring_kube-ikatan.csv': strToU8(repeat) })),
    );
    const { responses } = await ingestCase(caseDir, tr);
    expect(responses.quality.find((q) => q.code === 'REPEAT_ORPHAN')).toMatchObject({ value: 'uuid:9', column: 'PARENT_KEY' });
    expect(responses.summary).toMatchObject({ rowsRejected: 1, rowsSuperseded: 1 }); // the orphan; m2's earlier submission
  });
  it('write-ins are added to the roster with unknownActor: add', async () => {
    const caseDir = caseWithRound(
      'r.csv',
      (d) => writeFileSync(join(d, 'r.csv'), 'respondent,actor,trust,cooperation\nSiti Aminah,Warung Baru,4,1\n'),
      'unknownActor: add\n',
    );
    const { responses } = await ingestCase(caseDir, tr);
    expect(responses.actors.find((a) => a.name === 'Warung Baru')).toMatchObject({
      id: 'warung-baru',
      category: 'lainnya',
      type: 'write-in',
    });
    expect(responses.rounds[0]!.ties).toHaveLength(1);
    expect(responses.quality.find((q) => q.code === 'ACTOR_ADDED')?.value).toBe('Warung Baru');
  });
  it('a 4-point trust scale reads labels without a middle answer', async () => {
    const caseDir = caseWithRound(
      'r.csv',
      (d) =>
        writeFileSync(
          join(d, 'r.csv'),
          [
            'respondent,actor,trust,cooperation',
            'Siti Aminah,Bank BRI,Sangat percaya,1',
            'Siti Aminah,Dinas Sosial,Percaya,1',
            'Siti Aminah,Warung Ase,Ragu-ragu,1',
            'Siti Aminah,Toko René,5,1',
            '',
          ].join('\n'),
        ),
      'trustScale: 4\n',
    );
    const { responses } = await ingestCase(caseDir, tr);
    expect(responses.rounds[0]!.ties.map((t) => [t.to, t.trust])).toEqual([
      ['bri', 4],
      ['dinsos', 3],
      ['toko-rene', null],
      ['w-ase', null],
    ]);
  });
});

describe('the sample case as downloaded from KoboToolbox and Google Forms', async () => {
  const { runToMetrics, SAMPLE } = await import('./helpers.ts');
  const canonical = await runToMetrics(SAMPLE);
  it.each(['sample-kobo', 'sample-google-forms'])('data/%s gives the same metrics as data/sample', async (name) => {
    const { metrics, responses } = await runToMetrics(join(SAMPLE, '..', name));
    const withoutFile = (rounds: typeof metrics.rounds) => rounds.map((r) => ({ ...r, round: { ...r.round, file: '' } }));
    expect(withoutFile(metrics.rounds)).toEqual(withoutFile(canonical.metrics.rounds));
    expect(metrics.comparisons).toEqual(canonical.metrics.comparisons);
    expect(responses.summary.rowsRejected).toBe(0);
    expect(responses.quality.filter((q) => q.level !== 'info')).toEqual([]);
  });
});

describe('questions a round did not ask are not zero', () => {
  const outside = (ties: Tie[]) => ties.filter((t) => !t.to.startsWith('m'));
  it('Google Forms member ties, a checkbox list of names, read as ties; frequency, resources and MoU are not asked', async () => {
    const responses = await read('google-forms-members.csv');
    const round = responses.rounds[0]!;
    expect(round.ties.filter((t) => t.to.startsWith('m')).map((t) => [t.from, t.to, t.trust, t.cooperation])).toEqual([
      ['m1', 'm2', null, null],
      ['m2', 'm1', null, null],
    ]);
    const canonical = (expected as Tie[]).filter((t) => !t.to.startsWith('m'));
    expect(strip(outside(round.ties))).toEqual(canonical.map((t) => ({ ...t, frequency: null, resources: [], formal: null })));
    expect(round.asked).toEqual({ trust: true, cooperation: true, frequency: false, resources: false, formal: false, memberTies: true });
    expect(responses.quality.filter((q) => q.level !== 'info')).toEqual([SUPERSEDED_M2]);
  });

  it('a round without frequency and resources has no strong-tie share: null with the reason, "tidak tersedia" in the report', async () => {
    const { charts } = await import('../pipeline/charts.ts');
    const { report } = await import('../pipeline/report.ts');
    const { runToMetrics } = await import('./helpers.ts');
    const caseDir = caseWithRound('r.csv', (d) => copyFileSync(join(dir, 'google-forms-members.csv'), join(d, 'r.csv')));
    const { metrics, networks } = await runToMetrics(caseDir);
    const round = metrics.rounds[0]!;
    expect(round.network.strongTieShare).toBeNull();
    expect(round.unavailable.strongTieShare).toEqual({ reason: 'not-asked', questions: ['frequency', 'resources'] });
    expect(round.network.reciprocityEdgewise).toBe(0.25); // m1 ↔ m2 of 8 ties: member ties were asked
    expect(round.coverage).toEqual({ trust: 'outside', cooperation: 'outside' });
    const html = report(metrics, networks, await charts(networks, metrics, tr), tr);
    expect(html).toContain('tidak tersedia (frekuensi dan sumber daya tidak ditanyakan)');
    expect(html).toContain('R1: kepercayaan dan kerja sama dinilai untuk ikatan dengan pihak luar saja.');
  });

  it('without member ties, reciprocity and transitivity are not available rather than 0', async () => {
    const { runToMetrics } = await import('./helpers.ts');
    const text = readFileSync(join(dir, 'google-forms-members.csv'), 'utf8');
    const caseDir = caseWithRound('r.csv', (d) =>
      writeFileSync(join(d, 'r.csv'), text.replace(/,[^,\n]*(\n)/g, '$1').replace(/,"[^"\n]*"(\n)/g, '$1')),
    );
    const { metrics, responses } = await runToMetrics(caseDir);
    expect(responses.rounds[0]!.asked.memberTies).toBe(false);
    const round = metrics.rounds[0]!;
    for (const id of ['reciprocityEdgewise', 'reciprocityDyadic', 'transitivity', 'averageClustering'] as const) {
      expect(round.network[id]).toBeNull();
      expect(round.unavailable[id]).toEqual({ reason: 'not-asked', questions: ['memberTies'] });
    }
  });

  it('a round that did not ask a question is never compared on it', async () => {
    const { runToMetrics } = await import('./helpers.ts');
    const caseDir = join(tempDir(), 'kasus');
    mkdirSync(caseDir, { recursive: true });
    copyFileSync(join(dir, 'actors.csv'), join(caseDir, 'actors.csv'));
    copyFileSync(join(dir, 'google-forms.csv'), join(caseDir, 'a.csv'));
    copyFileSync(join(dir, 'google-forms-members.csv'), join(caseDir, 'b.csv'));
    writeFileSync(join(caseDir, 'case.yaml'), 'rounds:\n  - {id: a, label: A, file: a.csv}\n  - {id: b, label: B, file: b.csv}\n');
    const { metrics } = await runToMetrics(caseDir);
    expect(metrics.rounds[0]!.network.strongTieShare).not.toBeNull();
    expect(metrics.comparisons[0]!.figures.strongTieShare).toMatchObject({
      after: null,
      change: null,
      status: 'not-available',
      p: null,
      verdict: null,
      interval: null,
    });
  });
});

describe('every column is read or named', () => {
  it('a column jejaring does not use is a warning naming it; --check lists it and --strict fails on it', async () => {
    const responses = await read('google-forms-notes.csv');
    expect(responses.quality.filter((q) => q.level !== 'info').map((q) => [q.code, q.column])).toEqual([
      ['COLUMN_UNKNOWN', 'Catatan untuk pendamping'],
      ['SUBMISSION_DUPLICATE', 'Nama Anda'],
    ]);
    const { checkSummary } = await import('../pipeline/check.ts');
    expect(checkSummary(responses, tr)).toContain(
      'google-forms-notes.csv, baris 1: 1 kolom tidak dipakai: "Catatan untuk pendamping" [COLUMN_UNKNOWN]',
    );
    const { run } = await import('../pipeline/run.ts');
    const caseDir = caseWithRound('r.csv', (d) => copyFileSync(join(dir, 'google-forms-notes.csv'), join(d, 'r.csv')));
    const options = { positional: [caseDir], out: tempDir(), lang: 'id', pdf: false, browser: null, check: true, strict: true };
    await expect(run({ ...options, audience: 'internal' } as Parameters<typeof run>[0], tr)).rejects.toMatchObject({
      code: 'STRICT_FAILED',
    });
  });

  it('a list of actors under a question jejaring does not know is named, never dropped', async () => {
    const text = readFileSync(join(dir, 'google-forms-members.csv'), 'utf8').replace(
      'Anggota KUBE yang sering bekerja sama dengan Anda',
      'Siapa yang meminjamkan alat?',
    );
    const caseDir = caseWithRound('r.csv', (d) => writeFileSync(join(d, 'r.csv'), text));
    const { responses } = await ingestCase(caseDir, tr);
    expect(responses.quality.find((q) => q.code === 'COLUMN_NAMES_UNREAD')).toMatchObject({
      column: 'Siapa yang meminjamkan alat?',
      level: 'warning',
    });
  });

  it('long files name every column they do not read, whatever the first row holds', async () => {
    const caseDir = caseWithRound('r.csv', (d) =>
      writeFileSync(
        join(d, 'r.csv'),
        'respondent,actor,trust,cooperation,keterangan\nSiti Aminah,Bank BRI,4,1,\nSiti Aminah,Dinas Sosial,4,1,x\n',
      ),
    );
    const { responses } = await ingestCase(caseDir, tr);
    expect(responses.quality.filter((q) => q.code === 'COLUMN_UNKNOWN').map((q) => [q.level, q.column])).toEqual([
      ['warning', 'keterangan'],
    ]);
  });
});

describe('wide exports read by their headers alone', () => {
  it('resources named sumber_<actor> are read; a shop called "Toko Sumber Rejeki" is an actor, not a question', async () => {
    const caseDir = caseWithRound('r.csv', (d) => {
      writeFileSync(
        join(d, 'actors.csv'),
        `${readFileSync(join(dir, 'actors.csv'), 'utf8')}sumber-rejeki,Toko Sumber Rejeki,warung,pemasaran,\n`,
      );
      writeFileSync(
        join(d, 'r.csv'),
        [
          ['responden', 'kepercayaan_dinsos', 'sumber_dinsos', 'sumber_dinsos/pemasaran', 'sumber_dinsos/informasi'].join(';') +
            ';kepercayaan_sumber_rejeki;sumber_sumber_rejeki',
          'm1;4;informasi;0;1;5;pemasaran pelatihan',
          '',
        ].join('\n'),
      );
    });
    const { responses } = await ingestCase(caseDir, tr);
    expect(responses.rounds[0]!.ties.map((t) => [t.to, t.trust, t.resources])).toEqual([
      ['dinsos', 4, ['informasi']],
      ['sumber-rejeki', 5, ['pelatihan', 'pemasaran']],
    ]);
    expect(responses.quality.filter((q) => q.level !== 'info')).toEqual([]);
  });

  it('a KoboToolbox export in English labels of a form jejaring does not have: "Unsure" and "Marketing" are read', async () => {
    const canonical = (await ingestCase(SAMPLE_DIR, tr)).responses.rounds[1]!;
    const text = readFileSync(join(fixture('form-exports'), 'sample', 'kobo-labels-en-nogroups-both.csv'), 'utf8')
      .split('\r\n')
      .map((line) =>
        line
          .split(';')
          .filter((_, i) => i !== 3)
          .join(';'),
      ) // the jejaring_form column left out
      .join('\r\n');
    expect(text).not.toContain('jejaring_form');
    const caseDir = join(tempDir(), 'kasus');
    mkdirSync(caseDir, { recursive: true });
    copyFileSync(join(SAMPLE_DIR, 'actors.csv'), join(caseDir, 'actors.csv'));
    writeFileSync(join(caseDir, 'r.csv'), text);
    writeFileSync(join(caseDir, 'case.yaml'), 'rounds:\n  - {id: r, label: R, file: r.csv}\n');
    const { responses } = await ingestCase(caseDir, tr);
    expect(strip(responses.rounds[0]!.ties)).toEqual(strip(canonical.ties));
    expect(responses.quality.filter((q) => q.level !== 'info')).toEqual([]);
  });
});

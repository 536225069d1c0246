import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { editionRules, listed, listedNames } from '../pipeline/edition.ts';
import { translator } from '../pipeline/i18n.ts';
import type { Metrics } from '../pipeline/model/metrics.ts';
import { pseudonyms } from '../pipeline/privacy.ts';
import { QualityLog, sharedMessage } from '../pipeline/quality.ts';
import { run } from '../pipeline/run.ts';
import { filesUnder, fixture, runOptions, runToMetrics, SAMPLE, sampleHiddenRespondents, tempDir, withSecret } from './helpers.ts';

/** Every name, alias, name part and id of the sample's respondents who did not agree to be named. */
function respondentNames(): string[] {
  return sampleHiddenRespondents()
    .flatMap(({ id, name, aliases }) => [name, ...aliases, ...name.split(' ').filter((w) => w.length > 3), id])
    .filter((n) => !/^m\d+$/.test(n)); // ids m01… are not names
}

async function edition(audience: 'kelurahan' | 'dinas', env: Record<string, string> = {}) {
  const dir = join(tempDir(), 'sample');
  cpSync(SAMPLE, dir, { recursive: true });
  return withSecret('uji-rahasia', () => {
    Object.assign(process.env, env);
    return run(runOptions(dir, { audience }), translator('id'));
  });
}

describe.each(['kelurahan', 'dinas'] as const)('the %s edition of the sample', async (audience) => {
  const target = await edition(audience);
  const names = respondentNames();
  it('has the names to look for', () => {
    expect(names).toContain('Euis Suryani');
    expect(names).toContain('Bu Euis');
    expect(names.length).toBeGreaterThan(15);
  });
  it('no respondent name reaches any output file (HTML, SVG, metrics.json, CSV exports)', () => {
    const out = filesUnder(target);
    expect(out.map((f) => f.slice(target.length + 1)).sort()).toEqual(
      expect.arrayContaining(['report.html', 'metrics.json', 'data-quality.csv', 'charts/change-map.svg', 'tables/actors-pasca.csv']),
    );
    // each round's map is in the folder as a spec (for the workbench's explorer), not drawn for the report
    expect(out.some((f) => f.endsWith('charts/network-pra.vl.json'))).toBe(true);
    expect(out.some((f) => f.endsWith('charts/network-pra.svg'))).toBe(false);
    for (const f of out) {
      const text = readFileSync(f, 'utf8');
      for (const n of names) expect(text.includes(n), `${n} in ${f}`).toBe(false);
    }
  });
  it('writes no file of individual answers', () => {
    const out = filesUnder(target).map((f) => f.slice(target.length + 1));
    for (const f of ['responses.json', 'network.json', 'rounds/pra.gexf', 'tables/ties-pra.csv']) expect(out).not.toContain(f);
  });
  it('shows trust in an outside actor only over at least 3 raters', () => {
    const m = JSON.parse(readFileSync(join(target, 'metrics.json'), 'utf8')) as {
      settings: { audience: string };
      rounds: {
        actors: { member: boolean; trustRaters: number; trustReceived: number | null }[];
        groupView: { meanTrust: number | null; membersNaming: number }[];
      }[];
    };
    expect(m.settings.audience).toBe(audience);
    const outside = m.rounds.flatMap((r) => r.actors.filter((a) => !a.member));
    expect(outside.filter((a) => a.trustRaters > 0 && a.trustRaters < 3).length).toBeGreaterThan(0);
    for (const a of outside) expect(a.trustReceived === null).toBe(a.trustRaters < 3);
  });
  it('its metrics.json still follows the schema', () => {
    const schema = JSON.parse(readFileSync(new URL('../schema/metrics.schema.json', import.meta.url), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    validate(JSON.parse(readFileSync(join(target, 'metrics.json'), 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
  });
  it('prints the edition on the cover', () => {
    expect(readFileSync(join(target, 'report.html'), 'utf8')).toContain(audience === 'kelurahan' ? 'Edisi kelurahan' : 'Edisi dinas');
  });
  it('tests on the same answers as the internal edition: the same p, interval and detectable change, whatever the codes', async () => {
    const coded = JSON.parse(readFileSync(join(target, 'metrics.json'), 'utf8')) as Metrics;
    const { metrics } = await runToMetrics(SAMPLE);
    const tests = (m: Metrics) =>
      m.comparisons.map((c) =>
        Object.entries(c.figures)
          .filter(([, f]) => f.status === 'tested')
          .map(([id, f]) => [id, f.p, f.adjustedP, f.verdict, f.interval, f.detectable]),
      );
    expect(tests(coded)).toEqual(JSON.parse(JSON.stringify(tests(metrics))));
    expect(tests(coded)[0]!.map((t) => t[0])).toEqual(['known', 'trust', 'cooperation']);
  });
  it('explains the diagrams it shows under the maps heading, not the network maps it leaves out', () => {
    const html = readFileSync(join(target, 'report.html'), 'utf8');
    const section = html.slice(html.indexOf('<section id="peta">'), html.indexOf('</section>', html.indexOf('<section id="peta">')));
    const intro = /<p>(.*?)<\/p>/s.exec(section)![1]!;
    expect(intro).toMatch(/^Diagram sistem sumber, satu per putaran: KUBE di tengah/);
    expect(intro).not.toMatch(/garis|Posisi setiap aktor/);
  });
});

describe('a ranked list as each edition shows it (edition.ts listed)', () => {
  const ranked = [
    { name: 'Warung Susi', member: false },
    { name: 'A03', member: true },
    { name: 'Baznas', member: false },
    { name: 'A01', member: true },
  ];
  it.each([
    ['internal', ['Warung Susi', 'A03', 'Baznas', 'A01']],
    ['kelurahan', ['Warung Susi', 'A03', 'Baznas', 'A01']],
    ['dinas', ['Warung Susi', '2 dari 9 anggota', 'Baznas']],
  ] as const)('%s', (audience, names) => {
    expect(listedNames(editionRules(audience), ranked, 9, translator('id'))).toEqual(names);
  });
  it('keeps the members together where the first of them ranked, and drops nothing else', () => {
    expect(listed(editionRules('dinas'), ranked)).toEqual([
      { actor: ranked[0] },
      { members: [ranked[1], ranked[3]] },
      { actor: ranked[2] },
    ]);
    expect(
      listed(
        editionRules('dinas'),
        ranked.filter((a) => !a.member),
      ),
    ).toEqual([{ actor: ranked[0] }, { actor: ranked[2] }]);
  });
});

describe('pseudonyms', () => {
  it('are stable for a secret and differ between secrets', () => {
    const ids = ['m01', 'm02', 'm03', 'm04', 'm05'];
    expect(pseudonyms(ids, 's1')).toEqual(pseudonyms([...ids].reverse(), 's1'));
    expect([...pseudonyms(ids, 's1').values()].sort()).toEqual(['A01', 'A02', 'A03', 'A04', 'A05']);
    expect(pseudonyms(ids, 's1')).not.toEqual(pseudonyms(ids, 's2'));
  });
  it('are the same person in every round and every run', async () => {
    const a = readFileSync(join(await edition('kelurahan'), 'metrics.json'), 'utf8');
    const b = readFileSync(join(await edition('kelurahan'), 'metrics.json'), 'utf8');
    expect(a).toBe(b);
  });
});

describe('the data-quality log of a shared edition', () => {
  it('keeps the counts and what was expected, and drops the value read and the names suggested', () => {
    const tr = translator('id');
    const log = new QualityLog(tr);
    log.add('info', 'ROWS_COUNTED', { file: 'a.csv', params: { read: 12, kept: 10, corrected: 1, rejected: 1, superseded: 0 } });
    log.add('warning', 'VALUE_INVALID', { file: 'a.csv', line: 4, column: 'percaya', value: 'Enok', params: { expected: '1–5' } });
    log.add('warning', 'ACTOR_UNKNOWN', { file: 'a.csv', line: 5, value: 'Enok H.', params: { suggestions: 'Enok Hartini' } });
    expect(log.entries.map((e) => sharedMessage(e, tr))).toEqual([
      'baris dibaca: 12; dipakai 10, dikoreksi 1, ditolak 1, digantikan 0',
      'nilai "…" tidak sah (diharapkan 1–5); ikatan tetap dipakai tanpa nilai ini',
      '"…" tidak ada di daftar aktor; baris ditolak (mungkin maksudnya: …)',
    ]);
  });
});

/**
 * A case with distinctive names (test/fixtures/privacy): members who answered and one who never
 * did, an outside actor who answered without agreeing to be named, member names in the export's
 * headers and in a column the tool does not read, one-of-a-kind member types. Both shared
 * editions are built with the PDF, and every file of the folder, the PDF's text included, is
 * searched for every name, alias, name part, id and type.
 */
describe.each(['kelurahan', 'dinas'] as const)('the %s edition of a case with distinctive names', async (audience) => {
  const out = tempDir();
  const target = await withSecret('uji-rahasia', () => run(runOptions(fixture('privacy'), { out, pdf: true, audience }), translator('id')));
  const roster = readFileSync(fixture('privacy/actors.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const secret = roster.filter(([id]) => id!.startsWith('m') || id === 'w02');
  const words = secret.flatMap(([id, name, type, , aliases]) => [
    name!,
    ...(aliases ? aliases.split(';') : []),
    ...name!.split(' ').filter((w) => w.length > 3 && !['Toko', 'Haji'].includes(w)),
    id!,
    ...(['ketua', 'bendahara', 'sekretaris'].includes(type!) ? [type!] : []),
  ]);
  /** A file's text as a reader or a program could get at it: PDF text extracted, embedded fonts left out. */
  const text = (f: string) =>
    f.endsWith('.pdf')
      ? execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' })
      : readFileSync(f, 'utf8').replace(/data:[\w/+-]+;base64,[A-Za-z0-9+/=]+/g, '');
  it('finds the names it looks for in the inputs', () => {
    expect(words).toEqual(expect.arrayContaining(['Enok Hartini Wulandari', 'Bu Enok', 'Sumiati', 'Toko Haji Odih', 'w02', 'bendahara']));
    expect(readFileSync(fixture('privacy/rounds/01-awal.csv'), 'utf8')).toContain('[Enok Hartini Wulandari]');
  });
  it('no name, alias, name part, id or one-of-a-kind type reaches any file, PDF text included', () => {
    const all = filesUnder(target!);
    expect(all.some((f) => f.endsWith('report.pdf'))).toBe(true);
    for (const f of all) {
      const content = text(f);
      for (const w of words) {
        const found = w.length <= 3 ? new RegExp(`\\b${w}\\b`).test(content) : content.includes(w);
        expect(found, `"${w}" in ${f.slice(target!.length + 1)}`).toBe(false);
      }
    }
  });
  it('codes every member, also the one who never answered, and the outside respondent not named', () => {
    const m = JSON.parse(readFileSync(join(target!, 'metrics.json'), 'utf8')) as {
      rounds: { actors: { id: string; name: string; member: boolean; type: string }[] }[];
    };
    const actors = m.rounds[0]!.actors;
    expect(actors.filter((a) => a.member).every((a) => /^A\d+$/.test(a.name) && a.type === 'anggota')).toBe(true);
    expect(actors.filter((a) => /^A\d+$/.test(a.name))).toHaveLength(7);
    expect(actors.map((a) => a.name)).toEqual(expect.arrayContaining(['Dinas Sosial', 'Warung Mang Ujang']));
  });
  it('keeps the data-quality entry about the header, with the code in place of the name', () => {
    const log = readFileSync(join(target!, 'data-quality.csv'), 'utf8');
    expect(log).toMatch(/COLUMN_UNKNOWN,privacy\/rounds\/01-awal\.csv,1,Catatan untuk A\d+,/);
  });
  it(
    audience === 'dinas'
      ? 'lists no member by code in the rankings, the key actors or the actor tables, only counts of members'
      : 'lists members by code in the rankings and the key actors',
    () => {
      const m = JSON.parse(readFileSync(join(target!, 'metrics.json'), 'utf8')) as {
        rounds: { actors: { name: string; member: boolean }[] }[];
      };
      const codes = [...new Set(m.rounds.flatMap((r) => r.actors.filter((a) => a.member).map((a) => a.name)))];
      expect(codes).toHaveLength(6);
      const html = readFileSync(join(target!, 'report.html'), 'utf8');
      const start = html.indexOf('<h3 id="aktor-kunci">');
      const section = html.slice(start, html.indexOf('</ul>', start));
      const keyActors = [...section.matchAll(/<li>(.*?)<\/li>/g)].map((x) => x[1]!);
      const recommendations = [...html.matchAll(/<li data-rule="[^"]*"[^>]*>(.*?)<\/li>/g)].map((x) => x[1]!).join('\n');
      expect(recommendations).toContain('ikatan anggota ke pihak'); // the single-broker rule, which names the one member
      const listings = [
        keyActors.join('\n'),
        recommendations,
        ...filesUnder(target!)
          .filter((f) => /charts\/ranking-|tables\/actors-/.test(f))
          .map((f) => text(f)),
      ];
      const shown = (t: string) => codes.filter((c) => new RegExp(`\\b${c}\\b`).test(t));
      // the ranking charts are detail charts: a shared folder holds none (edition.ts detailCharts)
      expect(filesUnder(target!).filter((f) => /charts\/ranking-/.test(f))).toEqual([]);
      if (audience === 'dinas') {
        for (const t of listings) expect(shown(t)).toEqual([]);
        expect(keyActors[1]).toBe(
          'Putaran awal: perantara utama, yang menghubungkan pihak yang tidak saling kenal, adalah 3 dari 6 anggota.',
        );
        expect(keyActors[4]).toBe(
          // A01: the outside respondent
          'Putaran akhir: perantara utama, yang menghubungkan pihak yang tidak saling kenal, adalah 2 dari 6 anggota dan A01.',
        );
      } else {
        expect(shown(keyActors.join('\n')).length).toBeGreaterThan(0);
      }
    },
  );
  it('shows no trust given by one respondent, and no trust in a member rated by fewer than 3', () => {
    const m = JSON.parse(readFileSync(join(target!, 'metrics.json'), 'utf8')) as {
      rounds: {
        actors: {
          trustGiven: number | null;
          trustGivenCount: number | null;
          trustRaters: number;
          trustReceived: number | null;
          strength: { trustOut: number | null; trustIn: number | null };
        }[];
      }[];
    };
    for (const a of m.rounds.flatMap((r) => r.actors)) {
      expect([a.trustGiven, a.trustGivenCount, a.strength.trustOut]).toEqual([null, null, null]);
      if (a.trustRaters < 3) expect([a.trustReceived, a.strength.trustIn]).toEqual([null, null]);
    }
  });
});

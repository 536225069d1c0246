import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { translator } from '../pipeline/i18n.ts';
import { pseudonyms } from '../pipeline/privacy.ts';
import { run } from '../pipeline/run.ts';
import { SAMPLE, tempDir } from './helpers.ts';

/** Every name and alias of the sample's respondents who did not agree to be named. */
function respondentNames(): string[] {
  const rows = readFileSync(join(SAMPLE, 'actors.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const named = new Set(['Warung Susi', 'Warung Ronal', 'Warung Winarni', 'Warung Ase', 'Karang Taruna']);
  const answered = new Set(
    ['rounds/01-pra.csv', 'rounds/02-pasca.csv'].flatMap((f) =>
      readFileSync(join(SAMPLE, f), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]!),
    ),
  );
  return rows
    .filter(([, name]) => answered.has(name!) && !named.has(name!))
    .flatMap(([id, name, , , aliases]) => [
      name!,
      ...(aliases ? aliases.split(';') : []),
      ...name!.split(' ').filter((w) => w.length > 3),
      id!,
    ])
    .filter((n) => !/^m\d+$/.test(n)); // ids m01… are not names
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

async function edition(audience: 'kelurahan' | 'dinas', env: Record<string, string> = {}) {
  const dir = join(tempDir(), 'sample');
  cpSync(SAMPLE, dir, { recursive: true });
  const saved = { ...process.env };
  Object.assign(process.env, { JEJARING_SECRET: 'uji-rahasia', ...env });
  try {
    return await run(
      { positional: [dir], out: tempDir(), lang: 'id', pdf: false, browser: null, check: false, strict: false, audience },
      translator('id'),
    );
  } finally {
    process.env = saved;
  }
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
    const out = files(target);
    expect(out.map((f) => f.slice(target.length + 1)).sort()).toEqual(
      expect.arrayContaining(['report.html', 'metrics.json', 'data-quality.csv', 'charts/network-pra.svg', 'tables/actors-pasca.csv']),
    );
    for (const f of out) {
      const text = readFileSync(f, 'utf8');
      for (const n of names) expect(text.includes(n), `${n} in ${f}`).toBe(false);
    }
  });
  it('writes no file of individual answers', () => {
    const out = files(target).map((f) => f.slice(target.length + 1));
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

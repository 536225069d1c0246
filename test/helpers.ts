import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { translator } from '../pipeline/i18n.ts';
import { ingestCase } from '../pipeline/ingest.ts';
import { metrics } from '../pipeline/metrics.ts';
import { network } from '../pipeline/network.ts';
import type { RunOptions } from '../pipeline/run.ts';

export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
export const SAMPLE = fileURLToPath(new URL('../data/sample', import.meta.url));
export const tr = translator('id');
export const tempDir = () => mkdtempSync(join(tmpdir(), 'jejaring-test-'));

/** The options of a run of `positional` as the report command gives them, in a new output folder, without a PDF. */
export const runOptions = (positional: string, more: Partial<RunOptions> = {}): RunOptions => ({
  positional: [positional],
  out: tempDir(),
  lang: 'id',
  pdf: false,
  browser: null,
  check: false,
  strict: false,
  audience: 'internal',
  ...more,
});

/** `fn` with JEJARING_SECRET set (shared editions of a fixture never write a secret into it); the environment restored after. */
export async function withSecret<T>(secret: string, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  process.env.JEJARING_SECRET = secret;
  try {
    return await fn();
  } finally {
    process.env = saved;
  }
}

/** Every file below `dir`, as full paths. */
export const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));

/**
 * The sample's respondents who did not agree to be named (not in `privacy.named` of its case.yaml):
 * their roster id, name and aliases, which no file of a shared edition may hold.
 */
export function sampleHiddenRespondents(): { id: string; name: string; aliases: string[] }[] {
  const named = new Set(['Warung Susi', 'Warung Ronal', 'Warung Winarni', 'Warung Ase', 'Karang Taruna']);
  const lines = (file: string) => readFileSync(join(SAMPLE, file), 'utf8').trim().split('\n').slice(1);
  const answered = new Set(['rounds/01-pra.csv', 'rounds/02-pasca.csv'].flatMap((f) => lines(f).map((l) => l.split(',')[0]!)));
  return lines('actors.csv')
    .map((l) => l.split(','))
    .filter(([, name]) => answered.has(name!) && !named.has(name!))
    .map(([id, name, , , aliases]) => ({ id: id!, name: name!, aliases: aliases ? aliases.split(';') : [] }));
}

/** Run the pipeline up to the metrics stage on a case folder. */
export async function runToMetrics(dir: string, lang: 'id' | 'en' = 'id') {
  const { config, responses } = await ingestCase(dir, lang === 'id' ? tr : translator(lang), { SOURCE_DATE_EPOCH: '1700000000' });
  const networks = network(responses);
  return { config, responses, networks, metrics: await metrics(networks) };
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { translator } from '../pipeline/i18n.ts';
import { ingestCase } from '../pipeline/ingest.ts';
import { metrics } from '../pipeline/metrics.ts';
import { network } from '../pipeline/network.ts';

export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
export const SAMPLE = fileURLToPath(new URL('../data/sample', import.meta.url));
export const tr = translator('id');
export const tempDir = () => mkdtempSync(join(tmpdir(), 'jejaring-test-'));

/** Run the pipeline up to the metrics stage on a case folder. */
export async function runToMetrics(dir: string, lang: 'id' | 'en' = 'id') {
  const { config, responses } = await ingestCase(dir, lang === 'id' ? tr : translator(lang), { SOURCE_DATE_EPOCH: '1700000000' });
  const networks = network(responses);
  return { config, responses, networks, metrics: await metrics(networks) };
}

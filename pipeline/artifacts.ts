/**
 * The files each stage leaves under `<out>/<case>/`, so that every stage can be inspected and
 * run on its own from the previous stage's files.
 *
 *   responses.json, data-quality.csv        ingest
 *   network.json, rounds/<round>.gexf       network   (GEXF opens in Gephi)
 *   metrics.json, tables/*.csv              metrics
 *   charts/<id>.vl.json, charts/<id>.svg    charts    (the spec opens in the Vega editor)
 *   report.html                             report
 *   report.pdf                              pdf
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JejaringError } from './errors.ts';
import { roundGexf } from './gexf.ts';
import type { Chart, TrustedSvg } from './model/charts.ts';
import type { Metrics } from './model/metrics.ts';
import type { Networks, Responses } from './model/responses.ts';
import { csv, json, writeFileAtomic } from './output.ts';

/**
 * A stage's files, produced one at a time as they are written: a large case's metrics.json and
 * tables are never all in memory together.
 */
export type Files = Iterable<[path: string, data: string | Uint8Array]>;

const QUALITY_COLUMNS = ['level', 'code', 'file', 'line', 'column', 'value', 'correctedTo', 'message'];

/** `answers: false` (shared editions) leaves out responses.json, the file of individual answers. */
export function* ingestFiles(responses: Responses, { answers = true } = {}): Files {
  if (answers) yield ['responses.json', json(responses)];
  yield ['data-quality.csv', csv(responses.quality as unknown as Record<string, unknown>[], QUALITY_COLUMNS)];
}

export function* networkFiles(networks: Networks): Files {
  yield ['network.json', json(networks)];
  for (const r of networks.rounds) yield [`rounds/${r.round.id}.gexf`, roundGexf(r, networks.layout)];
}

/** Per-actor table: nested measures flattened (strength.trustIn → strengthTrustIn). */
function actorTable(actors: Metrics['rounds'][number]['actors']): { rows: Record<string, unknown>[]; columns: string[] } {
  const rows = actors.map((a) => {
    const { strength, brokerage, ...flat } = a;
    const row: Record<string, unknown> = { ...flat };
    for (const [k, v] of Object.entries(strength)) row[`strength${k[0]!.toUpperCase()}${k.slice(1)}`] = v;
    for (const [k, v] of Object.entries(brokerage)) row[`brokerage${k[0]!.toUpperCase()}${k.slice(1)}`] = v;
    return row;
  });
  return { rows, columns: rows[0] ? Object.keys(rows[0]) : [] };
}

const TIE_COLUMNS = ['from', 'fromName', 'to', 'toName', 'origin', 'trust', 'cooperation', 'frequency', 'resources', 'formal', 'strong'];

/** `ties: false` (shared editions) leaves out the tables of individual ties. */
export function* metricsFiles(metrics: Metrics, networks: Networks, { ties: withTies = true } = {}): Files {
  yield ['metrics.json', json(metrics)];
  const names = new Map(networks.actors.map((a) => [a.id, a.name]));
  for (const r of metrics.rounds) {
    const { rows, columns } = actorTable(r.actors);
    yield [`tables/actors-${r.round.id}.csv`, csv(rows, columns)];
  }
  for (const r of withTies ? networks.rounds : []) {
    const ties = (r.graph.edges ?? []).map((e) => ({
      from: e.source,
      fromName: names.get(e.source) ?? e.source,
      to: e.target,
      toName: names.get(e.target) ?? e.target,
      ...e.attributes,
      resources: e.attributes?.resources.join(';') ?? '',
    }));
    yield [`tables/ties-${r.round.id}.csv`, csv(ties, TIE_COLUMNS)];
  }
}

export function* chartFiles(charts: Chart[]): Files {
  for (const c of charts) {
    yield [`charts/${c.id}.vl.json`, json(c.spec)];
    yield [`charts/${c.id}.svg`, c.svg];
  }
}

function readJson<T>(dir: string, file: string, stage: string): T {
  const path = join(dir, file);
  if (!existsSync(path)) throw new JejaringError('ARTIFACT_MISSING', { stage }, { file: path }, 2);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export const readResponses = (dir: string) => readJson<Responses>(dir, 'responses.json', 'ingest');
export const readNetworks = (dir: string) => readJson<Networks>(dir, 'network.json', 'network');
export const readMetrics = (dir: string) => readJson<Metrics>(dir, 'metrics.json', 'metrics');

export function readCharts(dir: string): Chart[] {
  const chartsDir = join(dir, 'charts');
  if (!existsSync(chartsDir)) throw new JejaringError('ARTIFACT_MISSING', { stage: 'charts' }, { file: chartsDir }, 2);
  return readdirSync(chartsDir)
    .filter((f) => f.endsWith('.vl.json'))
    .sort()
    .map((f) => {
      const id = f.slice(0, -'.vl.json'.length);
      const spec = JSON.parse(readFileSync(join(chartsDir, f), 'utf8')) as Chart['spec'] & { title: string; description: string };
      return {
        id,
        title: spec.title,
        description: spec.description,
        spec,
        svg: readFileSync(join(chartsDir, `${id}.svg`), 'utf8') as TrustedSvg,
      };
    });
}

/** Write a stage's files into `<dir>`, each atomically (stand-alone stage runs). */
export function writeFiles(dir: string, files: Files, log: (path: string) => void = () => {}): void {
  for (const [path, data] of files) {
    writeFileAtomic(join(dir, path), data);
    log(join(dir, path));
  }
}

/** The output folder a stand-alone stage works in: its first argument, or the sample's. */
export const stageDir = (positional: string[]) => positional[0] ?? 'out/sample';

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

import type { EditionRules } from './edition.ts';
import { roundGexf } from './gexf.ts';
import type { Chart } from './model/charts.ts';
import type { Metrics } from './model/metrics.ts';
import type { Networks, Responses } from './model/responses.ts';
import { csv, type FileData, json, jsonChunks } from './output.ts';

/**
 * A stage's files, produced one at a time as they are written: a large case's metrics.json and
 * tables are never all in memory together.
 */
export type Files = Iterable<[path: string, data: FileData]>;

const QUALITY_COLUMNS = ['level', 'code', 'file', 'line', 'column', 'value', 'correctedTo', 'message'];

/** responses.json (the file of individual answers, only where the edition allows it) and data-quality.csv. */
export function* ingestFiles(responses: Responses, edition: EditionRules): Files {
  if (edition.answerFiles) yield ['responses.json', jsonChunks(responses)];
  yield ['data-quality.csv', csv(responses.quality as unknown as Record<string, unknown>[], QUALITY_COLUMNS)];
}

/** network.json and a GEXF file per round: individual ties, only where the edition allows them. */
export function* networkFiles(networks: Networks, edition: EditionRules): Files {
  if (!edition.answerFiles) return;
  yield ['network.json', jsonChunks(networks)];
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

/**
 * metrics.json, the per-actor tables (members only where the edition lists them one by one, as in
 * the workbook) and, where the edition allows them, the tables of individual ties.
 */
export function* metricsFiles(metrics: Metrics, networks: Networks, edition: EditionRules): Files {
  yield ['metrics.json', jsonChunks(metrics)];
  const names = new Map(networks.actors.map((a) => [a.id, a.name]));
  for (const r of metrics.rounds) {
    const { rows, columns } = actorTable(r.actors);
    yield [`tables/actors-${r.round.id}.csv`, csv(edition.listMembers ? rows : rows.filter((row) => !row.member), columns)];
  }
  for (const r of edition.answerFiles ? networks.rounds : []) {
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
    if (c.svg !== null) yield [`charts/${c.id}.svg`, c.svg];
  }
}

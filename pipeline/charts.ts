/**
 * Stage 4, charts: `Metrics` (+ the layout and edges from `Networks`) → Vega-Lite specs rendered
 * headless to SVG. Each chart keeps its spec (with inline data, so it opens in the Vega editor)
 * beside its SVG under `charts/`.
 */
import { categoryMap, MAP_DETAIL_LIMIT } from './charts/category-map.ts';
import { changeActorsChart, changeFiguresChart } from './charts/change.ts';
import { changeMap } from './charts/change-map.ts';
import { ladderChart, trustChart } from './charts/distributions.ts';
import { networkMap } from './charts/network-map.ts';
import { reachChart, trustActorsChart } from './charts/outside-actors.ts';
import { planChart } from './charts/plan.ts';
import { rankingChart } from './charts/ranking.ts';
import { drawSvg } from './charts/render-thread.ts';
import { splitChart } from './charts/split.ts';
import { vennMap } from './charts/venn.ts';
import { editionOf } from './edition.ts';
import type { Translator } from './i18n.ts';
import type { Chart, ChartDef } from './model/charts.ts';
import type { Metrics } from './model/metrics.ts';
import type { Networks } from './model/responses.ts';
import { trustScale } from './scales.ts';

export function chartDefs(networks: Networks, metrics: Metrics, tr: Translator): ChartDef[] {
  const defs: ChartDef[] = [];
  const targets = new Set(metrics.plan?.targets.map((t) => t.actorId) ?? []);
  const rules = editionOf(metrics.settings);
  const labelMembers = rules.labelMembers;
  const maxInDegree = Math.max(0, ...metrics.rounds.flatMap((r) => r.actors.map((a) => a.inDegree)));
  // each round's network map: a detail chart, so in a shared edition a spec for the workbench's explorer only
  for (const [i, r] of networks.rounds.entries()) {
    const map =
      networks.actors.length > MAP_DETAIL_LIMIT
        ? categoryMap(r, metrics.rounds[i]!, tr)
        : networkMap(r, metrics.rounds[i]!, networks.layout, tr, maxInDegree, labelMembers, targets);
    defs.push(rules.detailCharts ? map : { ...map, specOnly: true });
  }
  const change = networks.actors.length > MAP_DETAIL_LIMIT ? null : changeMap(networks, metrics, tr, labelMembers, targets);
  if (change) defs.push(change);
  const maxNaming = Math.max(1, ...metrics.rounds.flatMap((r) => r.groupView.map((a) => a.membersNaming)));
  for (const r of metrics.rounds) defs.push(vennMap(r, tr, maxNaming, targets));
  defs.push(splitChart(metrics, tr));
  defs.push(reachChart(metrics, tr));
  const changeFigures = changeFiguresChart(metrics, tr);
  if (changeFigures) defs.push(changeFigures);
  if (!rules.detailCharts) return defs;
  // the detail charts
  defs.push(ladderChart(metrics.rounds, tr));
  defs.push(trustChart(metrics.rounds, trustScale(metrics.settings.trustScale), tr));
  defs.push(trustActorsChart(metrics, tr));
  for (const r of metrics.rounds) defs.push(rankingChart(r, metrics.settings.topActors, rules, tr));
  for (const def of [changeActorsChart(metrics, tr), planChart(metrics, tr)]) if (def) defs.push(def);
  return defs;
}

/** Every chart with its SVG, in the order of `chartDefs`; all are handed to the chart thread at once (charts/render-thread.ts). */
export async function charts(networks: Networks, metrics: Metrics, tr: Translator): Promise<Chart[]> {
  const defs = chartDefs(networks, metrics, tr);
  const svgs = await Promise.all(defs.map((def) => (def.specOnly ? null : drawSvg(def.id, def.spec))));
  return defs.map((def, i) => ({ ...def, svg: svgs[i]! }));
}

/**
 * The change map: one map over the first and the last round, on the union layout the round maps
 * share, showing what changed rather than what is. Each survey tie is drawn by how it changed
 * (the comparison's tie list, compare/tie-changes.ts, read here and not recomputed):
 * - **new** (added): thick, in colour, on top;
 * - **dropped**: dashed; a tie whose respondent did not answer the later round is drawn apart
 *   (dotted grey), since nobody said it ended;
 * - **kept** (strengthened, weakened, mixed or unchanged): thin and faded, the background;
 * ties between outside actors known from mapping (known-ties.csv) are dotted in their own colour,
 * apart from the survey's. Where both directions of a pair are drawn, each is moved 1.5 px to its
 * own right so that neither hides the other. Actors keep their symbols (category by shape and
 * colour), sized by how many name them in the later round, hollow when they have no tie then.
 * Labels avoid ties where the layout allows (labels.ts). Only drawn with two rounds or more.
 */
import { type SurveyTie, surveyTies } from '../compare/survey-ties.ts';
import { type TieChange, tieChanges } from '../compare/tie-changes.ts';
import type { Translator } from '../i18n.ts';
import type { ChartDef, ChartTable } from '../model/charts.ts';
import type { Comparison, Metrics } from '../model/metrics.ts';
import type { Networks, SerializedRoundNetwork } from '../model/responses.ts';
import { roundGraph } from '../network.ts';
import { labelLayers, pixelAxes } from './labels.ts';
import { type LegendEntry, type LegendSection, legendBlock } from './legend.ts';
import {
  categorySection,
  MAP_HEIGHT,
  MAP_WIDTH,
  mapLabels,
  mapNodes,
  mappingEntry,
  mappingLayer,
  mappingSegments,
  sizeSection,
  symbolLayer,
  thinning,
  toPixels,
} from './map-parts.ts';
import { CHANGE_STYLE, chartDef, INK, TEXT_PX } from './style.ts';

export type TieDrawing = keyof typeof CHANGE_STYLE;

/**
 * How a changed tie is drawn. A tie of a respondent outside the panel (who answered one of the two
 * rounds only) is neither gained nor lost: it is drawn apart, as the comparison counts it apart.
 */
export function tieDrawing(kind: TieChange['kind'], respondentInPanel: boolean): TieDrawing {
  if (!respondentInPanel && (kind === 'added' || kind === 'dropped')) return 'unanswered';
  if (kind === 'added') return 'added';
  if (kind === 'dropped') return 'dropped';
  return 'kept';
}

/** The comparison the change map draws: first round against the last. */
export function firstToLast(metrics: Metrics): Comparison | null {
  if (metrics.rounds.length < 2) return null;
  const first = metrics.rounds[0]!.round.id;
  const last = metrics.rounds[metrics.rounds.length - 1]!.round.id;
  return metrics.comparisons.find((c) => c.from === first && c.to === last) ?? null;
}

/** A round's survey ties as the comparison reads them (compare/survey-ties.ts). */
export const roundSurveyTies = (round: SerializedRoundNetwork): SurveyTie[] => surveyTies(roundGraph(round));

export function changeMap(networks: Networks, metrics: Metrics, tr: Translator, labelMembers = true, targets: Set<string> = new Set()) {
  const comparison = firstToLast(metrics);
  if (!comparison) return null;
  const firstRound = metrics.rounds[0]!;
  const lastRound = metrics.rounds[metrics.rounds.length - 1]!;
  const lastNetwork = networks.rounds[networks.rounds.length - 1]!;
  const px = toPixels(networks.layout);
  const domainMax = Math.max(10, ...metrics.rounds.flatMap((r) => r.actors.map((a) => a.inDegree)));
  const nodes = mapNodes(lastRound.actors, lastNetwork, px, domainMax);

  const outsidePanel = new Set([...comparison.panel.left.ids, ...comparison.panel.joined.ids]);
  const changes = tieChanges(roundSurveyTies(networks.rounds[0]!), roundSurveyTies(lastNetwork));
  const list = changes.map((t) => ({ ...t, drawing: tieDrawing(t.kind, !outsidePanel.has(t.from)) }));
  const pairs = new Set(list.map((t) => `${t.from}\u0000${t.to}`));
  const ties = list.map((t) => {
    const s = px(t.from);
    const e = px(t.to);
    let [ox, oy] = [0, 0];
    if (pairs.has(`${t.to}\u0000${t.from}`)) {
      const len = Math.hypot(e.x - s.x, e.y - s.y) || 1;
      [ox, oy] = [(-(e.y - s.y) / len) * 1.5, ((e.x - s.x) / len) * 1.5];
    }
    return { x: s.x + ox, y: s.y + oy, x2: e.x + ox, y2: e.y + oy, drawing: t.drawing };
  });
  const mapping = mappingSegments(lastNetwork, px);
  const count = (d: TieDrawing) => ties.filter((t) => t.drawing === d).length;
  const thin = thinning(ties.length);
  const labels = mapLabels(nodes, targets, labelMembers, [...ties, ...mapping]);

  const [from, to] = [firstRound.round.label, lastRound.round.label];
  const line = (d: TieDrawing): LegendEntry => ({
    kind: 'line',
    text: tr.t(`charts.changeMap.${d}`, { n: tr.integer(count(d)) }),
    colour: CHANGE_STYLE[d].colour,
    width: CHANGE_STYLE[d].width * thin,
    dash: [...CHANGE_STYLE[d].dash],
  });
  const legendSections: LegendSection[] = [
    {
      title: tr.t('charts.changeMap.ties'),
      entries: [
        line('added'),
        line('dropped'),
        ...(count('unanswered') > 0 ? [line('unanswered')] : []),
        line('kept'),
        ...(mapping.length > 0 ? [mappingEntry(tr, mapping.length)] : []),
      ],
    },
    categorySection(tr, nodes, tr.t('charts.changeMap.noTie', { round: to })),
    sizeSection(tr.t('charts.changeMap.inDegree', { round: to }), domainMax, tr),
  ];
  const legendHeight = legendBlock(legendSections, 0, MAP_WIDTH, pixelAxes(MAP_WIDTH, 1)).height;
  const height = Math.ceil(MAP_HEIGHT + 8 + legendHeight);
  const axes = pixelAxes(MAP_WIDTH, height);
  const { X, Y } = axes;
  const legend = legendBlock(legendSections, MAP_HEIGHT + 8, MAP_WIDTH, axes);
  const rules = (d: TieDrawing) => {
    const values = ties.filter((t) => t.drawing === d);
    if (values.length === 0) return [];
    const style = CHANGE_STYLE[d];
    return [
      {
        name: `ties_${d}`,
        data: { values },
        mark: { type: 'rule', color: style.colour, strokeWidth: style.width * thin, strokeDash: [...style.dash], strokeCap: 'butt' },
        encoding: { x: { field: 'x', ...X }, y: { field: 'y', ...Y }, x2: { field: 'x2' }, y2: { field: 'y2' } },
      },
    ];
  };
  const title = tr.t('charts.changeMap.title', {
    from,
    to,
    added: tr.integer(count('added')),
    dropped: tr.integer(count('dropped')),
    kept: tr.integer(count('kept')),
  });
  const description = tr.t('charts.changeMap.description', { from, to });
  const def: ChartDef = chartDef(
    'change-map',
    title,
    description,
    tr,
    {
      width: MAP_WIDTH,
      height,
      layer: [
        ...rules('kept'),
        ...rules('unanswered'),
        ...rules('dropped'),
        ...(mapping.length > 0 ? [mappingLayer(mapping, axes)] : []),
        ...rules('added'),
        symbolLayer(nodes, axes),
        ...labelLayers(labels, axes, TEXT_PX, INK),
        ...legend.layers,
      ],
    },
    { table: changeTable(list, metrics, tr, labelMembers) },
  );
  return def;
}

/**
 * The change map's table: per actor, the ties at it (from or to) that are new, dropped and kept,
 * as the map draws them; members summed in one row where the edition does not label them.
 */
function changeTable(
  list: { from: string; to: string; drawing: TieDrawing }[],
  metrics: Metrics,
  tr: Translator,
  listMembers: boolean,
): ChartTable {
  const actors = new Map(metrics.rounds.flatMap((r) => r.actors).map((a) => [a.id, a]));
  const kinds: TieDrawing[] = ['added', 'dropped', 'unanswered', 'kept'];
  const shown = kinds.filter((k) => k !== 'unanswered' || list.some((t) => t.drawing === k));
  const counts = new Map<string, Record<TieDrawing, number>>();
  const bump = (key: string, d: TieDrawing) => {
    const c = counts.get(key) ?? { added: 0, dropped: 0, unanswered: 0, kept: 0 };
    c[d]++;
    counts.set(key, c);
  };
  const membersKey = '\u0000members';
  const keyOf = (id: string) => (!listMembers && actors.get(id)?.member ? membersKey : id);
  for (const t of list) {
    bump(keyOf(t.from), t.drawing);
    if (keyOf(t.to) !== keyOf(t.from)) bump(keyOf(t.to), t.drawing);
  }
  const members = [...actors.values()].filter((a) => a.member).length;
  const rows = [...counts.entries()]
    .map(([key, c]) => {
      const a = actors.get(key);
      const member = key === membersKey || a?.member === true;
      const name = key === membersKey ? tr.t('charts.table.members', { n: tr.integer(members) }) : (a?.name ?? key);
      return { member, name, category: tr.t(`category.${a?.category ?? 'internal'}`), c };
    })
    .sort((a, b) => Number(b.member) - Number(a.member) || a.name.localeCompare(b.name));
  return {
    columns: [tr.t('charts.table.actor'), tr.t('charts.table.category'), ...shown.map((k) => tr.t(`charts.table.change.${k}`))],
    numeric: [false, false, ...shown.map(() => true)],
    rows: rows.map((r) => [r.name, r.category, ...shown.map((k) => tr.integer(r.c[k]))]),
  };
}

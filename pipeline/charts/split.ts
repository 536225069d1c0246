/**
 * Reciprocity and density split by kind of pair (metrics/split.ts), per round, as dots on one
 * 0–100 % scale: the whole network, among members, between members and outside actors. The
 * whole-network figure can fall only because the group now names many outside parties who never
 * answer; the rows beside it show whether anything changed among members. The title states the
 * values (no direction word: these figures have no test of change).
 */
import type { Translator } from '../i18n.ts';
import type { ChartDef } from '../model/charts.ts';
import type { Metrics, RoundMetrics } from '../model/metrics.ts';
import { type DotRow, dotPanel } from './dots.ts';
import { chartDef } from './style.ts';
import { pivotTable } from './table.ts';

type Pick = (r: RoundMetrics) => number | null;

/** The rows, in order: [locale key, value of a round]. */
const ROWS: [string, Pick][] = [
  ['reciprocityAll', (r) => r.network.reciprocityEdgewise],
  ['reciprocityMembers', (r) => r.split.memberMember.reciprocityEdgewise],
  ['reciprocityOutside', (r) => r.split.memberOutside.reciprocityEdgewise],
  ['densityAll', (r) => r.network.density],
  ['densityMembers', (r) => r.split.memberMember.density],
  ['densityOutside', (r) => r.split.memberOutside.density],
];

export function splitRows(metrics: Metrics, tr: Translator): { order: string[]; rows: DotRow[] } {
  const order = ROWS.map(([key]) => tr.t(`charts.split.${key}`));
  const rows = ROWS.flatMap(([key, pick]) =>
    metrics.rounds.flatMap((r) => {
      const v = pick(r);
      return v === null ? [] : [{ item: tr.t(`charts.split.${key}`), round: r.round.label, value: Math.round(v * 1000) / 10 }];
    }),
  );
  return { order, rows };
}

export function splitChart(metrics: Metrics, tr: Translator): ChartDef {
  const rounds = metrics.rounds.map((r) => r.round.label);
  const { order, rows } = splitRows(metrics, tr);
  const series = (pick: Pick) => {
    const values = metrics.rounds.map((r) => tr.percent(pick(r)));
    return values.length === 2 ? tr.t('charts.split.fromTo', { from: values[0]!, to: values[1]! }) : values.join(', ');
  };
  const title = tr.t('charts.split.title', { members: series(ROWS[1]![1]), all: series(ROWS[0]![1]) });
  const last = metrics.rounds[metrics.rounds.length - 1]!;
  const description = tr.t('charts.split.description', {
    round: last.round.label,
    outside: tr.integer(last.network.actors - last.network.members),
    answered: tr.integer(last.split.outsideRespondents),
  });
  return chartDef(
    'split-figures',
    title,
    description,
    tr,
    {
      ...dotPanel(rows, rounds, order, { title: tr.t('charts.split.x'), domain: [0, 100] }, tr, { width: 340, join: true, labels: true }),
      config: { legend: { columns: 1, direction: 'vertical' } },
    },
    { table: pivotTable(tr.t('charts.split.x'), rows, order, rounds, (v) => tr.percent(v / 100)) },
  );
}

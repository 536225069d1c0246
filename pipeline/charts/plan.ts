/**
 * Plan progress: one row per planned target, one column per round, each cell coloured by the
 * target's status in that round (not known → known → contacted → cooperating → formal), the
 * target marked ✓ when reached by its round. Title: how many targets were reached.
 */
import type { Translator } from '../i18n.ts';
import { STATUSES } from '../metrics/status.ts';
import type { ChartDef } from '../model/charts.ts';
import type { Metrics } from '../model/metrics.ts';
import { chartDef } from './style.ts';

/** Sequential blues (ColorBrewer Blues), light = not known, dark = formal. */
const STATUS_COLOURS = ['#f0f0f0', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];

export function planChart(metrics: Metrics, tr: Translator): ChartDef | null {
  const plan = metrics.plan;
  if (!plan) return null;
  const rounds = metrics.rounds.map((r) => r.round.label);
  const labels = STATUSES.map((s) => tr.t(`status.${s}`));
  const rows = plan.targets.flatMap((t) =>
    metrics.rounds.map((r) => {
      const status = t.statuses[r.round.id] ?? 'not-known';
      return {
        target: t.actor,
        round: r.round.label,
        status: tr.t(`status.${status}`),
        rank: STATUSES.indexOf(status),
        goal: tr.t(`status.${t.goal}`),
        light: STATUSES.indexOf(status) < 3,
      };
    }),
  );
  const order = plan.targets.map((t) => t.actor);
  const title = tr.t('report.plan.summary', { reached: plan.reached, total: plan.total });
  const description = tr.t('report.plan.intro');
  return chartDef('plan-progress', title, description, tr, {
    data: { values: rows },
    width: { step: 120 },
    height: { step: 20 },
    encoding: {
      y: { field: 'target', type: 'nominal', sort: order, title: null, axis: { labelLimit: 220 } },
      x: { field: 'round', type: 'nominal', sort: rounds, title: null, axis: { orient: 'top', labelAngle: 0, labelLimit: 200 } },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
        encoding: {
          color: {
            field: 'status',
            type: 'ordinal',
            sort: labels,
            scale: { domain: labels, range: STATUS_COLOURS },
            title: tr.t('report.plan.status'),
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 8.5 },
        encoding: { text: { field: 'status' }, color: { condition: { test: 'datum.light', value: '#1a1a1a' }, value: 'white' } },
      },
    ],
  });
}

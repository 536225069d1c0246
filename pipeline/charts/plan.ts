/**
 * Plan progress: one row per planned target, one column per round, each cell shaded by the
 * target's status in that round (not known → known → contacted → cooperating → formal, light to
 * dark) and carrying the status in words, so that it reads in grey too; each word's colour is the
 * one style.ts checked against its cell. Title: how many targets were reached.
 */
import type { Translator } from '../i18n.ts';
import { STATUSES } from '../metrics/status.ts';
import type { ChartDef } from '../model/charts.ts';
import type { Metrics } from '../model/metrics.ts';
import { chartDef, OUTLINE, PRINT, STATUS_COLOURS, TEXT_PX } from './style.ts';

const TARGET_LABELS = 220;

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
        ink: STATUS_COLOURS[STATUSES.indexOf(status)]!.text,
      };
    }),
  );
  const order = plan.targets.map((t) => t.actor);
  const title = tr.t('report.plan.summary', { reached: plan.reached, total: plan.total });
  const description = tr.t('report.plan.intro');
  // a round label breaks before its bracket: "Pra-intervensi" / "(refleksi awal)"
  const step = Math.min(180, Math.floor((PRINT.width - TARGET_LABELS - 30) / Math.max(1, rounds.length)));
  return chartDef(
    'plan-progress',
    title,
    description,
    tr,
    {
      data: { values: rows },
      width: { step },
      height: { step: 22 },
      encoding: {
        y: { field: 'target', type: 'nominal', sort: order, title: null, axis: { labelLimit: TARGET_LABELS } },
        x: {
          field: 'round',
          type: 'nominal',
          sort: rounds,
          title: null,
          axis: {
            // at the bottom: Vega draws a label's further lines below the first, which on a top axis run into the cells
            orient: 'bottom',
            labelAngle: 0,
            labelLimit: step - 6,
            labelExpr: "split(replace(datum.label, ' (', '\\n('), '\\n')",
            labelLineHeight: 13,
          },
        },
      },
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
          encoding: {
            color: {
              field: 'status',
              type: 'ordinal',
              sort: labels,
              scale: { domain: labels, range: STATUS_COLOURS.map((c) => c.fill) },
              title: tr.t('report.plan.status'),
              legend: { symbolStrokeColor: OUTLINE, symbolStrokeWidth: 0.8, symbolType: 'square' },
            },
          },
        },
        {
          mark: { type: 'text', fontSize: TEXT_PX },
          encoding: { text: { field: 'status' }, color: { field: 'ink', type: 'nominal', scale: null } },
        },
      ],
    },
    {
      table: {
        columns: [tr.t('report.plan.actor'), tr.t('report.plan.goal'), ...rounds],
        numeric: [false, false, ...rounds.map(() => false)],
        rows: plan.targets.map((t) => [
          t.actor,
          tr.t(`status.${t.goal}`),
          ...metrics.rounds.map((r) => tr.t(`status.${t.statuses[r.round.id] ?? 'not-known'}`)),
        ]),
      },
    },
  );
}

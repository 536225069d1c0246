/**
 * Outside actors, from the group view: the members' mean trust in each outside actor they name,
 * per round (a dot chart, one row per actor, sorted by the last round), and the reach into each
 * resource system (known → contacted → cooperating → formal) per round (bars, one panel per
 * system, the steps as rows so that their words are never cut).
 */

import { RESOURCE_SYSTEMS } from '../domain.ts';
import type { Translator } from '../i18n.ts';
import type { ChartDef } from '../model/charts.ts';
import type { Metrics } from '../model/metrics.ts';
import { dotPanel, uniqueLabels } from './dots.ts';
import { chartDef, OUTLINE, PRINT, roundScales } from './style.ts';
import { pivotTable } from './table.ts';

/** At most this many outside actors in the per-actor charts: those most members name in the last round. */
export const ACTOR_CHART_LIMIT = 40;

export function topOutside(metrics: Metrics): Set<string> {
  const last = metrics.rounds[metrics.rounds.length - 1]!;
  return new Set(
    [...last.groupView]
      .sort((a, b) => b.membersNaming - a.membersNaming || a.id.localeCompare(b.id))
      .slice(0, ACTOR_CHART_LIMIT)
      .map((a) => a.id),
  );
}

/** Rows of the trust chart: one per actor and round with a mean trust, labelled by the actor's unique label. */
export function trustActorRows(metrics: Metrics) {
  const shown = topOutside(metrics);
  const last = metrics.rounds[metrics.rounds.length - 1]!;
  const labels = uniqueLabels(last.groupView);
  const rows = metrics.rounds.flatMap((r) =>
    r.groupView
      .filter((a) => a.meanTrust !== null && shown.has(a.id))
      .map((a) => ({ id: a.id, item: labels.get(a.id)!, round: r.round.label, value: a.meanTrust!, raters: a.membersNaming })),
  );
  const lastTrust = new Map(last.groupView.map((a) => [a.id, a.meanTrust ?? 0]));
  const ids = [...new Set(rows.map((r) => r.id))].sort(
    (a, b) => lastTrust.get(b)! - lastTrust.get(a)! || labels.get(a)!.localeCompare(labels.get(b)!),
  );
  return { rows, order: ids.map((id) => labels.get(id)!) };
}

export function trustActorsChart(metrics: Metrics, tr: Translator): ChartDef {
  const rounds = metrics.rounds.map((r) => r.round.label);
  const last = metrics.rounds[metrics.rounds.length - 1]!;
  const { rows, order } = trustActorRows(metrics);
  const top = last.groupView
    .filter((a) => a.meanTrust !== null)
    .sort((a, b) => b.meanTrust! - a.meanTrust! || b.membersNaming - a.membersNaming || a.name.localeCompare(b.name))[0];
  const title = top
    ? tr.t('charts.trustActors.title', { round: last.round.label, name: top.name, trust: tr.number(top.meanTrust, 1) })
    : tr.t('charts.trustActors.titleNone');
  const description = tr.t('charts.trustActors.description');
  return chartDef(
    'trust-actors',
    title,
    description,
    tr,
    {
      ...dotPanel(rows, rounds, order, { title: tr.t('charts.trustActors.x'), domain: [1, metrics.settings.trustScale] }, tr, {
        width: Math.round(PRINT.width * 0.5),
        join: false,
        labels: true,
      }),
      config: { legend: { columns: 1, direction: 'vertical' } },
    },
    { table: pivotTable(tr.t('charts.table.actor'), rows, order, rounds, (v) => tr.number(v, 1)) },
  );
}

export function reachChart(metrics: Metrics, tr: Translator): ChartDef {
  const rounds = metrics.rounds.map((r) => r.round.label);
  const steps = ['known', 'contacted', 'cooperating', 'formal'] as const;
  const stepNames = steps.map((s) => tr.t(`report.resources.${s}`));
  const rows = metrics.rounds.flatMap((r) =>
    RESOURCE_SYSTEMS.flatMap((sys) =>
      steps.map((step, i) => ({
        system: tr.t(`category.${sys}`),
        step: stepNames[i]!,
        round: r.round.label,
        count: r.resourceSystems[sys][step],
        mapped: r.resourceSystems[sys].mapped,
      })),
    ),
  );
  const last = metrics.rounds[metrics.rounds.length - 1]!;
  const cooperating = RESOURCE_SYSTEMS.reduce((s, sys) => s + last.resourceSystems[sys].cooperating, 0);
  const mapped = RESOURCE_SYSTEMS.reduce((s, sys) => s + last.resourceSystems[sys].mapped, 0);
  const title = tr.t('charts.reach.title', { round: last.round.label, cooperating, mapped });
  const description = tr.t('charts.reach.description');
  const scales = roundScales(rounds);
  const most = Math.max(1, ...rows.map((r) => r.count));
  return chartDef(
    'resource-reach',
    title,
    description,
    tr,
    {
      data: { values: rows },
      facet: {
        column: {
          field: 'system',
          type: 'nominal',
          sort: RESOURCE_SYSTEMS.map((s) => tr.t(`category.${s}`)),
          title: null,
          header: { labelFontWeight: 'bold' },
        },
      },
      spec: {
        width: 108,
        height: { step: 10 * Math.max(2, rounds.length) },
        mark: { type: 'bar', stroke: OUTLINE, strokeWidth: 0.5 },
        encoding: {
          y: { field: 'step', type: 'nominal', sort: stepNames, title: null, axis: { labelLimit: 140 } },
          yOffset: { field: 'round', type: 'nominal', sort: rounds },
          x: {
            field: 'count',
            type: 'quantitative',
            title: tr.t('charts.reach.y'),
            scale: { domain: [0, most] },
            axis: { tickMinStep: 1, format: 'd', tickCount: Math.min(4, most) },
          },
          color: { field: 'round', type: 'nominal', sort: rounds, scale: scales.colour, title: tr.t('charts.ladder.round') },
        },
      },
      resolve: { scale: { x: 'shared', y: 'shared' } },
      config: { legend: { columns: 1, direction: 'vertical' } },
    },
    {
      table: pivotTable(
        tr.t('charts.table.system'),
        rows.map((r) => ({ item: `${r.system}: ${r.step.toLowerCase()}`, round: r.round, value: r.count })),
        RESOURCE_SYSTEMS.flatMap((sys) => stepNames.map((s) => `${tr.t(`category.${sys}`)}: ${s.toLowerCase()}`)),
        rounds,
        (v) => tr.integer(v),
      ),
    },
  );
}

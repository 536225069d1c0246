/**
 * Outside actors, from the group view: the members' mean trust in each outside actor they name,
 * per round (grouped bars, sorted by the last round), and the reach into each resource system
 * (known → contacted → cooperating → formal) per round.
 */

import { RESOURCE_SYSTEMS } from '../domain.ts';
import type { Translator } from '../i18n.ts';
import type { ChartDef } from '../model/charts.ts';
import type { Metrics } from '../model/metrics.ts';
import { chartDef, ROUND_COLOURS } from './style.ts';

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

export function trustActorsChart(metrics: Metrics, tr: Translator): ChartDef {
  const rounds = metrics.rounds.map((r) => r.round.label);
  const last = metrics.rounds[metrics.rounds.length - 1]!;
  const shown = topOutside(metrics);
  const rows = metrics.rounds.flatMap((r) =>
    r.groupView
      .filter((a) => a.meanTrust !== null && shown.has(a.id))
      .map((a) => ({ name: a.name, round: r.round.label, trust: a.meanTrust!, raters: a.membersNaming })),
  );
  const order = [...new Set(rows.map((r) => r.name))].sort((a, b) => {
    const t = (n: string) => last.groupView.find((g) => g.name === n)?.meanTrust ?? 0;
    return t(b) - t(a) || a.localeCompare(b);
  });
  const top = last.groupView
    .filter((a) => a.meanTrust !== null)
    .sort((a, b) => b.meanTrust! - a.meanTrust! || b.membersNaming - a.membersNaming || a.name.localeCompare(b.name))[0];
  const title = top
    ? tr.t('charts.trustActors.title', { round: last.round.label, name: top.name, trust: tr.number(top.meanTrust, 1) })
    : tr.t('charts.trustActors.titleNone');
  const description = tr.t('charts.trustActors.description');
  return chartDef('trust-actors', title, description, tr, {
    width: 420,
    height: { step: 9 * Math.max(1, rounds.length) },
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'name', type: 'nominal', sort: order, title: null, axis: { labelLimit: 190 } },
      yOffset: { field: 'round', type: 'nominal', sort: rounds },
      x: { field: 'trust', type: 'quantitative', scale: { domain: [0, metrics.settings.trustScale] }, title: tr.t('charts.trustActors.x') },
      color: {
        field: 'round',
        type: 'nominal',
        sort: rounds,
        scale: { domain: rounds, range: ROUND_COLOURS.slice(0, rounds.length) },
        title: tr.t('charts.ladder.round'),
      },
    },
  });
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
  return chartDef('resource-reach', title, description, tr, {
    data: { values: rows },
    facet: {
      column: {
        field: 'system',
        type: 'nominal',
        sort: RESOURCE_SYSTEMS.map((s) => tr.t(`category.${s}`)),
        title: null,
        header: { labelFontSize: 11, labelFontWeight: 'bold' },
      },
    },
    spec: {
      width: 120,
      height: 160,
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'step', type: 'nominal', sort: stepNames, title: null, axis: { labelAngle: -40, labelLimit: 90 } },
        xOffset: { field: 'round', type: 'nominal', sort: rounds },
        y: { field: 'count', type: 'quantitative', title: tr.t('charts.reach.y'), axis: { tickMinStep: 1, format: 'd' } },
        color: {
          field: 'round',
          type: 'nominal',
          sort: rounds,
          scale: { domain: rounds, range: ROUND_COLOURS.slice(0, rounds.length) },
          title: tr.t('charts.ladder.round'),
        },
      },
    },
  });
}

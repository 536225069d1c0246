/**
 * The combined view over a folder of cases (every KUBE of a kelurahan or kota): which outside
 * actors serve many groups, and which groups share no outside actor with any other group.
 *
 * Outside actors are matched across cases by normalised name (case, spaces, punctuation, titles),
 * since each case has its own roster and ids; in shared editions respondents' codes are left out
 * (the same code means different people in different cases). Written by a folder run into
 * `<out>/_gabungan/`: report.html (with a map of the network of groups, charts/groups-map.ts),
 * groups-map.svg, groups.csv, outside-actors.csv. From each case's latest round (its group view):
 * - per outside actor: the groups whose members name it, and those cooperating with it (level ≥ the
 *   case's cooperatingLevel), with its category;
 * - per group: members, outside actors known and cooperating, and the other groups it shares an
 *   outside actor with; a group sharing none is **isolated** in the network of groups.
 */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { groupsMap } from './charts/groups-map.ts';
import { renderSvg } from './charts/render.ts';
import type { Translator } from './i18n.ts';
import { normaliseName } from './ingest/roster.ts';
import { atLeast } from './metrics/status.ts';
import type { TrustedSvg } from './model/charts.ts';
import type { Combined, GroupSummary, SharedActor } from './model/combined.ts';
import type { Metrics } from './model/metrics.ts';
import { csv, json } from './output.ts';
import { projectFile } from './project.ts';
import { fontCss } from './report.ts';

export function combine(cases: Metrics[]): Combined {
  const actors = new Map<string, SharedActor>();
  const known = new Map<string, Set<string>>();
  for (const m of cases) {
    const last = m.rounds[m.rounds.length - 1]!;
    const mine = new Set<string>();
    // in shared editions respondents carry codes (A01 …) that mean different actors in each case
    const coded = new Set(m.settings.audience === 'internal' ? [] : last.actors.filter((a) => a.respondent).map((a) => a.id));
    for (const a of last.groupView) {
      if (a.membersNaming === 0 || coded.has(a.id)) continue;
      const key = normaliseName(a.name);
      mine.add(key);
      const entry = actors.get(key) ?? { name: a.name, category: a.category, groupsNaming: [], groupsCooperating: [] };
      entry.groupsNaming.push(m.case.name);
      if (atLeast(a.status, 'cooperating')) entry.groupsCooperating.push(m.case.name);
      actors.set(key, entry);
    }
    known.set(m.case.name, mine);
  }
  const groups = cases.map((m): GroupSummary => {
    const last = m.rounds[m.rounds.length - 1]!;
    const mine = known.get(m.case.name)!;
    const sharesWith = cases
      .filter((o) => o.case.name !== m.case.name && [...known.get(o.case.name)!].some((k) => mine.has(k)))
      .map((o) => o.case.name);
    return {
      case: m.case.name,
      group: m.case.group,
      round: last.round.label,
      members: last.network.members,
      outsideKnown: last.groupView.filter((a) => a.membersNaming > 0).length,
      outsideCooperating: last.groupView.filter((a) => atLeast(a.status, 'cooperating')).length,
      sharesWith,
      isolated: sharesWith.length === 0,
    };
  });
  return {
    groups,
    actors: [...actors.values()].sort(
      (a, b) =>
        b.groupsNaming.length - a.groupsNaming.length ||
        b.groupsCooperating.length - a.groupsCooperating.length ||
        a.name.localeCompare(b.name),
    ),
  };
}

/**
 * The combined page: one self-contained HTML file (no request), the words from the locale files.
 * The map's SVG is hidden from screen readers; its text alternative (`alt`) is the figure's label.
 */
export function combinedReport(combined: Combined, tr: Translator, map: { svg: TrustedSvg; alt: string } | null): string {
  const template = Handlebars.create().compile(readFileSync(projectFile('templates/combined.hbs'), 'utf8'), {
    strict: true,
  });
  const byCase = new Map(combined.groups.map((g) => [g.case, g.group]));
  return template({
    lang: tr.lang,
    t: tr.section('combined'),
    fontCss: fontCss(),
    map,
    intro: tr.t('combined.intro', { groups: combined.groups.length, isolated: combined.groups.filter((g) => g.isolated).length }),
    groups: combined.groups.map((g) => ({
      group: g.group,
      round: g.round,
      members: tr.integer(g.members),
      known: tr.integer(g.outsideKnown),
      cooperating: tr.integer(g.outsideCooperating),
      sharesWith: g.isolated ? tr.t('combined.isolatedText') : tr.list(g.sharesWith.map((c) => byCase.get(c) ?? c)),
      isolated: g.isolated,
    })),
    actors: combined.actors
      .filter((a) => a.groupsNaming.length > 1)
      .map((a) => ({
        name: a.name,
        category: tr.t(`category.${a.category}`),
        naming: tr.integer(a.groupsNaming.length),
        cooperating: tr.integer(a.groupsCooperating.length),
      })),
  });
}

/** report.html (with the map of the network of groups), groups.csv, outside-actors.csv, groups-map.svg and its spec. */
export async function combinedFiles(combined: Combined, tr: Translator): Promise<[string, string][]> {
  const chart = groupsMap(combined, tr);
  const svg = combined.groups.length > 1 ? await renderSvg(chart.id, chart.spec) : null;
  return [
    ['report.html', combinedReport(combined, tr, svg ? { svg, alt: chart.alt } : null)],
    ...(svg
      ? ([
          ['groups-map.svg', svg],
          ['groups-map.vl.json', json(chart.spec)],
        ] as [string, string][])
      : []),
    [
      'groups.csv',
      csv(
        combined.groups.map((g) => ({ ...g, sharesWith: g.sharesWith.join(';') })),
        ['case', 'group', 'round', 'members', 'outsideKnown', 'outsideCooperating', 'sharesWith', 'isolated'],
      ),
    ],
    [
      'outside-actors.csv',
      csv(
        combined.actors.map((a) => ({
          ...a,
          groupsNaming: a.groupsNaming.join(';'),
          groupsCooperating: a.groupsCooperating.join(';'),
          groups: a.groupsNaming.length,
        })),
        ['name', 'category', 'groups', 'groupsNaming', 'groupsCooperating'],
      ),
    ],
  ];
}

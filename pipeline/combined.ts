/**
 * The dinas view: the combined view over a folder of cases (every KUBE a dinas supports), written
 * by a folder run into `<out>/_gabungan/`. It reads only the groups' digests (digest.ts), so every
 * count and verdict is the one in the group's own report:
 *
 * 1. **The programme table**: one row per group with its rounds (labels, dates), members who
 *    answered and its panel, the four steps of the development model, each primary figure first ›
 *    last with the group's own verdict, and the reasons it needs support (`NEEDS`); the groups
 *    with most reasons come first, and each row links to the group's own report;
 * 2. **programme-level evidence** over the groups (evidence/programme.ts);
 * 3. **outside actors across groups**, matched by the shared actors file's ids or, failing that,
 *    by name within one kelurahan of one kota (shared-actors.ts): the groups × resource-system
 *    table, and the ranked list of actors known by several groups and cooperating with none (the
 *    dinas's best lead for brokering partnerships). An actor a group's edition codes (a
 *    respondent not named in privacy.named) is shown by its resource system only;
 * 4. report.html and report.pdf (A4 landscape, the edition, the latest round's date, a method
 *    note), groups.csv, resource-systems.csv and outside-actors.csv.
 */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { RESOURCE_SYSTEMS } from './domain.ts';
import type { Audience } from './edition.ts';
import { programmeEvidence } from './evidence/programme.ts';
import { intervalText, pText, statusText } from './evidence/wording.ts';
import { DEFAULT_PRIMARY, figure, figureLabel, formatDelta, formatFigure } from './figures.ts';
import type { Translator } from './i18n.ts';
import { atLeast } from './metrics/status.ts';
import type { Combined, CombinedActor, Digest, GroupRow, Need, ProgrammeTest } from './model/combined.ts';
import type { FigureChange, FigureId } from './model/metrics.ts';
import { csv } from './output.ts';
import { projectFile } from './project.ts';
import { cssString, fontCss } from './report.ts';

/** Reasons a group needs support, most urgent first: the table is sorted by them. */
export const NEEDS: readonly Need[] = ['down', 'relapse', 'no-partner', 'low-response', 'baseline-only'];

function needs(d: Digest): Need[] {
  const cooperation = d.figures.find((f) => f.figure === 'cooperation');
  const has: Record<Need, boolean> = {
    down: d.figures.some((f) => f.change?.verdict === 'down'),
    relapse: d.flags.relapse.length > 0,
    'no-partner': cooperation?.latest === 0,
    'low-response': d.flags.lowResponse,
    'baseline-only': d.flags.baselineOnly,
  };
  return NEEDS.filter((n) => has[n]);
}

const share = (s: { reached: number; total: number } | null) => (s && s.total > 0 ? s.reached / s.total : 1);

/** Groups that need support first: more reasons, then the more urgent reason, then fewer cooperation targets reached, then name. */
function bySupport(a: GroupRow, b: GroupRow): number {
  const first = (r: GroupRow) => (r.needs.length ? NEEDS.indexOf(r.needs[0]!) : NEEDS.length);
  return (
    b.needs.length - a.needs.length ||
    first(a) - first(b) ||
    share(a.steps.cooperation) - share(b.steps.cooperation) ||
    a.group.localeCompare(b.group) ||
    a.case.localeCompare(b.case)
  );
}

export function combine(digests: Digest[], audience: Audience, sharedFile: boolean): Combined {
  const actors = new Map<string, CombinedActor & { named: boolean[] }>();
  for (const d of digests) {
    for (const a of d.actors) {
      const entry = actors.get(a.key) ?? {
        id: a.sharedId,
        name: a.name,
        category: a.category,
        kelurahan: d.kelurahan,
        kota: d.kota,
        groupsKnowing: [],
        groupsCooperating: [],
        named: [],
      };
      entry.named.push(a.name !== null);
      entry.name ??= a.name;
      if (entry.kelurahan !== d.kelurahan) entry.kelurahan = null;
      if (entry.kota !== d.kota) entry.kota = null;
      entry.groupsKnowing.push(d.case);
      if (atLeast(a.status, 'cooperating')) entry.groupsCooperating.push(d.case);
      actors.set(a.key, entry);
    }
  }
  const dates = digests.flatMap((d) => d.rounds.map((r) => r.date)).filter((x): x is string => x !== null);
  return {
    audience,
    date: dates.length ? dates.sort().at(-1)! : null,
    groups: digests.map((d) => ({ ...d, needs: needs(d) })).sort(bySupport),
    programme: programmeEvidence(digests, DEFAULT_PRIMARY),
    actors: [...actors.values()]
      // a name some group's edition codes is not shown for any group
      .map(({ named, ...a }) => ({ ...a, name: named.every(Boolean) ? a.name : null }))
      .sort(
        (a, b) =>
          b.groupsKnowing.length - a.groupsKnowing.length ||
          b.groupsCooperating.length - a.groupsCooperating.length ||
          (a.name ?? '').localeCompare(b.name ?? '') ||
          (a.id ?? '').localeCompare(b.id ?? ''),
      ),
    sharedFile,
  };
}

/** The actors known by at least two groups and cooperating with none, most groups first. */
export const unbrokered = (c: Combined) => c.actors.filter((a) => a.groupsKnowing.length >= 2 && a.groupsCooperating.length === 0);

/** An actor's label: its name, else its resource system and "name not shown". */
const actorLabel = (tr: Translator, a: CombinedActor) =>
  a.name ?? tr.t('combined.actors.coded', { category: tr.t(`category.${a.category}`), id: a.id ?? '' }).replace(/ \(\)$/, '');

const place = (tr: Translator, d: Pick<Digest, 'kelurahan' | 'kota'>) =>
  [d.kelurahan && tr.t('combined.kelurahan', { name: d.kelurahan }), d.kota].filter(Boolean).join(', ');

/** "8 › 24: naik" from the group's own comparison object, "10 (satu putaran)" with one round. */
function figureCell(tr: Translator, d: Digest, id: (typeof DEFAULT_PRIMARY)[number]) {
  const f = d.figures.find((x) => x.figure === id)!;
  const kind = figure(id).kind;
  const c: FigureChange | null = f.change;
  if (!c) return { values: formatFigure(tr, kind, f.latest), status: tr.t('combined.table.oneRound'), verdict: '' };
  return {
    values: `${formatFigure(tr, kind, c.before)} › ${formatFigure(tr, kind, c.after)}`,
    status: statusText(tr, c),
    verdict: c.verdict ?? '',
  };
}

const stepText = (tr: Translator, s: { reached: number; total: number } | null) =>
  s === null
    ? '–'
    : s.total === 0
      ? tr.t('combined.table.noTargets')
      : tr.t('combined.table.reached', { reached: s.reached, total: s.total });

function testView(tr: Translator, t: ProgrammeTest, settings: { trustScale: 4 | 5 }) {
  const kind = figure(t.figure).kind;
  const conclusion =
    t.status === 'too-few'
      ? tr.t(t.kind === 'pooled' ? 'combined.programme.tooFew' : 'combined.programme.tooFewSides', { n: t.groups })
      : t.verdict === 'up' || t.verdict === 'down'
        ? tr.t(`evidence.status.${t.verdict}`)
        : tr.t('evidence.status.same');
  const interval =
    t.kind === 'difference' || t.status !== 'tested'
      ? '–'
      : intervalText(tr, t.figure, { interval: t.interval, intervalNote: t.interval ? null : 'unbounded' } as FigureChange);
  return {
    figure: figureLabel(tr, t.figure, settings),
    groups:
      t.kind === 'pooled'
        ? tr.integer(t.groups)
        : tr.t('combined.programme.sides', { a: t.groups - t.comparisonGroups, b: t.comparisonGroups }),
    estimate: formatDelta(tr, kind, t.estimate),
    interval,
    p: pText(tr, t.adjustedP),
    conclusion,
    improved: t.kind === 'pooled' ? tr.t('combined.programme.improvedOf', { k: t.improved, n: t.testedGroups }) : '–',
  };
}

/** A4 landscape with the running footer (title and edition left, "Halaman x dari y" right). */
function landscapeCss(footer: string, tr: Translator): string {
  const font = 'font-family:"Noto Sans";font-size:7pt;color:#666';
  const pages = `${cssString(`${tr.t('report.page')} `)} counter(page) ${cssString(` ${tr.t('report.of')} `)} counter(pages)`;
  const margins = 'size:A4 landscape;margin:12mm 12mm 14mm 12mm';
  return `@page{${margins};@bottom-left{content:${cssString(footer)};${font}}@bottom-right{content:${pages};${font}}}`;
}

/** Everything the combined page shows, as text (the template only places it). */
export function combinedView(c: Combined, tr: Translator, link: (d: Digest) => string) {
  const trustScale = c.groups.find((g) => g.trustScale === 4) && c.groups.every((g) => g.trustScale === 4) ? 4 : 5;
  const settings = { trustScale } as const;
  const edition = tr.t(`report.audience.${c.audience}`);
  const p = c.programme;
  const leads = unbrokered(c);
  const figureHeads = DEFAULT_PRIMARY.map((id) => figureLabel(tr, id, settings));
  // a primary figure by the step of the development model it measures ("kepercayaan")
  const steps = (ids: FigureId[]) => tr.list(ids.map((id) => tr.t(`combined.step.${figure(id).step}`)));
  return {
    lang: tr.lang,
    t: tr.section('combined'),
    fontCss: fontCss(),
    pageCss: landscapeCss(`${tr.t('combined.title')} · ${edition.split(':')[0]!}`, tr),
    edition,
    shared: c.audience !== 'internal',
    date: c.date ? tr.t('combined.dataDate', { date: tr.date(c.date) }) : null,
    intro: tr.t('combined.intro', {
      groups: c.groups.length,
      compared: c.groups.filter((g) => g.rounds.length > 1).length,
      support: c.groups.filter((g) => g.needs.length > 0).length,
    }),
    figureHeads,
    groups: c.groups.map((g) => ({
      group: g.group,
      link: link(g),
      place: place(tr, g),
      comparison: g.comparison,
      rounds: g.rounds.map((r) => ({
        label: r.label,
        date: r.date ? tr.date(r.date) : '',
        answered: tr.t('combined.table.answered', { n: r.memberRespondents, of: r.members }),
        low: r.responseRate !== null && r.responseRate < 0.5,
      })),
      panel: g.panel === null ? '–' : tr.integer(g.panel),
      systems: tr.t('combined.table.systems', { known: g.steps.systemsKnown, mapped: g.steps.systemsMapped }),
      targets: g.steps.targets === null ? tr.t('combined.table.noPlan') : tr.integer(g.steps.targets),
      trustStep: stepText(tr, g.steps.trust),
      cooperationStep: stepText(tr, g.steps.cooperation),
      figures: DEFAULT_PRIMARY.map((id) => figureCell(tr, g, id)),
      needs: g.needs.map((n) =>
        tr.t(`combined.needs.${n}`, {
          steps: steps(g.flags.relapse),
          down: steps(g.figures.filter((f) => f.change?.verdict === 'down').map((f) => f.figure)),
        }),
      ),
    })),
    programme: {
      pooled: p.pooled.map((t) => testView(tr, t, settings)),
      difference: p.difference.map((t) => testView(tr, t, settings)),
      note: tr.t('combined.programme.note', { tests: p.tests, alpha: tr.number(p.alpha, 2), min: p.minGroups }),
      otherScale: p.otherTrustScale > 0 ? tr.t('combined.programme.otherScale', { n: p.otherTrustScale }) : null,
    },
    systemsHead: RESOURCE_SYSTEMS.map((s) => tr.t(`category.${s}`)),
    systems: c.groups.map((g) => ({
      group: g.group,
      cells: RESOURCE_SYSTEMS.map((s) => {
        const r = g.resourceSystems[s];
        return {
          text: `${tr.integer(r.cooperating)} / ${tr.integer(r.known)} / ${tr.integer(r.mapped)}`,
          none: r.mapped > 0 && r.cooperating === 0,
        };
      }),
    })),
    leads: leads.map((a, i) => ({
      rank: i + 1,
      actor: actorLabel(tr, a),
      category: tr.t(`category.${a.category}`),
      place: place(tr, a),
      knowing: tr.integer(a.groupsKnowing.length),
    })),
    matching: tr.t(c.sharedFile ? 'combined.actors.matchedShared' : 'combined.actors.matchedPlace'),
    method: Object.keys(tr.section('combined.method.items')).map((k) => tr.t(`combined.method.items.${k}`, { min: p.minGroups })),
  };
}

/** The combined page: one self-contained HTML file (no request), the words from the locale files. */
export function combinedReport(c: Combined, tr: Translator, link: (d: Digest) => string): string {
  const template = Handlebars.create().compile(readFileSync(projectFile('templates/combined.hbs'), 'utf8'), { strict: true });
  return template(combinedView(c, tr, link));
}

const verdictCell = (c: FigureChange | null) => c?.verdict ?? '';

/** groups.csv, resource-systems.csv and outside-actors.csv (report.html and report.pdf are written by the run). */
export function combinedTables(c: Combined, tr: Translator, link: (d: Digest) => string): [string, string][] {
  const groups = c.groups.map((g) => {
    const row: Record<string, unknown> = {
      case: g.case,
      group: g.group,
      kelurahan: g.kelurahan ?? '',
      kota: g.kota ?? '',
      comparison: g.comparison,
      rounds: g.rounds.length,
      first_round: g.rounds[0]!.label,
      first_date: g.rounds[0]!.date ?? '',
      last_round: g.rounds.at(-1)!.label,
      last_date: g.rounds.at(-1)!.date ?? '',
      members: g.rounds.at(-1)!.members,
      answered_last: g.rounds.at(-1)!.memberRespondents,
      panel: g.panel ?? '',
      systems_mapped: g.steps.systemsMapped,
      systems_known: g.steps.systemsKnown,
      targets: g.steps.targets ?? '',
      trust_targets_reached: g.steps.trust?.reached ?? '',
      trust_targets: g.steps.trust?.total ?? '',
      cooperation_targets_reached: g.steps.cooperation?.reached ?? '',
      cooperation_targets: g.steps.cooperation?.total ?? '',
      baseline_only: g.flags.baselineOnly,
      low_response: g.flags.lowResponse,
      relapse: g.flags.relapse.join(';'),
      needs: g.needs.join(';'),
      report: link(g),
    };
    for (const f of g.figures) {
      // one round: its value is where the group starts from
      row[`${f.figure}_from`] = f.change ? (f.change.before ?? '') : (f.latest ?? '');
      row[`${f.figure}_to`] = f.change?.after ?? '';
      row[`${f.figure}_verdict`] = verdictCell(f.change);
    }
    return row;
  });
  const figureColumns = DEFAULT_PRIMARY.flatMap((id) => [`${id}_from`, `${id}_to`, `${id}_verdict`]);
  const head = ['case', 'group', 'kelurahan', 'kota', 'comparison', 'rounds', 'first_round', 'first_date', 'last_round', 'last_date'];
  const steps = ['systems_mapped', 'systems_known', 'targets', 'trust_targets_reached', 'trust_targets', 'cooperation_targets_reached'];
  const tail = ['cooperation_targets', ...figureColumns, 'baseline_only', 'low_response', 'relapse', 'needs', 'report'];
  const systems = c.groups.flatMap((g) =>
    RESOURCE_SYSTEMS.map((s) => ({ case: g.case, group: g.group, system: s, ...g.resourceSystems[s] })),
  );
  return [
    ['groups.csv', csv(groups, [...head, 'members', 'answered_last', 'panel', ...steps, ...tail])],
    ['resource-systems.csv', csv(systems, ['case', 'group', 'system', 'mapped', 'known', 'contacted', 'cooperating', 'formal'])],
    [
      'outside-actors.csv',
      csv(
        c.actors.map((a) => ({
          ...a,
          id: a.id ?? '',
          name: actorLabel(tr, a),
          groups: a.groupsKnowing.length,
          cooperating: a.groupsCooperating.length,
          groupsKnowing: a.groupsKnowing.join(';'),
          groupsCooperating: a.groupsCooperating.join(';'),
        })),
        ['id', 'name', 'category', 'kelurahan', 'kota', 'groups', 'cooperating', 'groupsKnowing', 'groupsCooperating'],
      ),
    ],
  ];
}

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
 *    note), groups.csv, resource-systems.csv, outside-actors.csv (one row an actor) and
 *    outside-actor-groups.csv (one row an actor and a group that knows it).
 *
 * A province's folder (more than `PROVINCE_ABOVE` groups, up to thousands) gets a view that grows
 * linearly with its groups and opens on a laptop: first a summary by kota (groups, the reasons they
 * need support, the groups whose own test says up) and the programme-level evidence, then one
 * compact row a group (its rounds, last response, steps, figures and reasons, linking to its own
 * report for the detail), the resource systems by kota (by group in resource-systems.csv) and the
 * first `LEADS_SHOWN` leads (all in outside-actors.csv). Its PDF holds the summary and only the
 * first `PRINTED_GROUPS` groups that need support, and says so: the whole table is in report.html
 * and groups.csv. A smaller folder's view shows every group in full, in the PDF too.
 */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { lowResponse } from './digest.ts';
import { RESOURCE_SYSTEMS } from './domain.ts';
import type { Audience } from './edition.ts';
import { canConclude, programmeEvidence } from './evidence/programme.ts';
import { intervalText, pText, statusText } from './evidence/wording.ts';
import { DEFAULT_PRIMARY, figure, figureLabel, formatDelta, formatFigure } from './figures.ts';
import type { Translator } from './i18n.ts';
import { atLeast } from './metrics/status.ts';
import type { Combined, CombinedActor, Digest, DigestChange, GroupRow, Need, ProgrammeTest } from './model/combined.ts';
import type { FigureChange, FigureId } from './model/metrics.ts';
import { csv } from './output.ts';
import { projectFile } from './project.ts';
import { cssString, fontCss } from './report.ts';

/** Above this many groups the view is a province's: a summary first, one compact row a group, a PDF of the summary. */
export const PROVINCE_ABOVE = 100;
/** The groups that need support a province's PDF lists, most urgent first (the whole table is in report.html and groups.csv). */
export const PRINTED_GROUPS = 100;
/** The leads (outside actors known by several groups, cooperating with none) the view shows; all are in outside-actors.csv. */
export const LEADS_SHOWN = 50;

/** Whether a folder's view is a province's (see the module comment). */
export const isProvince = (c: Combined) => c.groups.length > PROVINCE_ABOVE;

/** Names and places in the order `localeCompare` gives them, with one collator built once (thousands of groups and actors are sorted). */
const collator = new Intl.Collator();
/** Places in the order a reader looks them up: "Kota 2" before "Kota 10". */
const numeric = new Intl.Collator(undefined, { numeric: true });

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
    collator.compare(a.group, b.group) ||
    collator.compare(a.case, b.case)
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
          collator.compare(a.name ?? '', b.name ?? '') ||
          collator.compare(a.id ?? '', b.id ?? ''),
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
  const c: DigestChange | null = f.change;
  if (!c) return { values: formatFigure(tr, kind, f.latest), status: tr.t('combined.table.oneRound'), verdict: '' };
  return {
    values: `${formatFigure(tr, kind, c.before)} › ${formatFigure(tr, kind, c.after)}`,
    status: statusText(tr, c),
    verdict: c.verdict ?? '',
  };
}

/** A figure in a compact row, on one line: "8 › 24 naik"; only the group's own up or down is named (its report says the rest). */
function compactFigure(tr: Translator, d: Digest, id: (typeof DEFAULT_PRIMARY)[number]) {
  const { values, verdict } = figureCell(tr, d, id);
  const named = verdict === 'up' || verdict === 'down' ? verdict : '';
  return { values, status: named ? tr.t(`evidence.status.${named}`) : '', verdict: named };
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
        : canConclude(t)
          ? tr.t('evidence.status.same')
          : tr.t('combined.programme.cannotConclude', { n: tr.integer(t.moved) });
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
    improved:
      t.kind === 'pooled'
        ? tr.t('combined.programme.improvedOf', { k: tr.integer(t.improved), down: tr.integer(t.declined), n: tr.integer(t.testedGroups) })
        : '–',
  };
}

/** A4 landscape with the running footer (title and edition left, "Halaman x dari y" right). */
function landscapeCss(footer: string, tr: Translator): string {
  const font = 'font-family:"Noto Sans";font-size:7pt;color:#666';
  const pages = `${cssString(`${tr.t('report.page')} `)} counter(page) ${cssString(` ${tr.t('report.of')} `)} counter(pages)`;
  const margins = 'size:A4 landscape;margin:12mm 12mm 14mm 12mm';
  return `@page{${margins};@bottom-left{content:${cssString(footer)};${font}}@bottom-right{content:${pages};${font}}}`;
}

/** The group's reasons for support, in the words of the locale section `section` (`needs` in full, `needsShort` in a compact row). */
function needTexts(tr: Translator, g: GroupRow, section: 'needs' | 'needsShort'): string[] {
  // a primary figure by the step of the development model it measures ("kepercayaan")
  const steps = (ids: FigureId[]) => tr.list(ids.map((id) => tr.t(`combined.step.${figure(id).step}`)));
  return g.needs.map((n) =>
    tr.t(`combined.${section}.${n}`, {
      steps: steps(g.flags.relapse),
      down: steps(g.figures.filter((f) => f.change?.verdict === 'down').map((f) => f.figure)),
    }),
  );
}

/** What a group's row says in both tables, the full one and a province's compact one. */
function rowCells(tr: Translator, g: GroupRow, link: (d: Digest) => string) {
  return {
    group: g.group,
    link: link(g),
    place: place(tr, g),
    comparison: g.comparison,
    panel: g.panel === null ? '–' : tr.integer(g.panel),
    systems: tr.t('combined.table.systems', { known: g.steps.systemsKnown, mapped: g.steps.systemsMapped }),
    targets: g.steps.targets === null ? tr.t('combined.table.noPlan') : tr.integer(g.steps.targets),
    trustStep: stepText(tr, g.steps.trust),
    cooperationStep: stepText(tr, g.steps.cooperation),
  };
}

/** Members who answered a round, marked where the response is low. */
const answered = (tr: Translator, r: Digest['rounds'][number]) => ({
  answered: tr.t('combined.table.answered', { n: r.memberRespondents, of: r.members }),
  low: lowResponse(r.responseRate),
});

/** One group as a province's table shows it: a compact row, the detail in the group's own report. */
function compactRow(tr: Translator, g: GroupRow, link: (d: Digest) => string) {
  const last = g.rounds.at(-1)!;
  return {
    ...rowCells(tr, g, link),
    rounds: last.date ? tr.t('combined.table.roundsDated', { n: g.rounds.length, date: tr.date(last.date) }) : tr.integer(g.rounds.length),
    ...answered(tr, last),
    figures: DEFAULT_PRIMARY.map((id) => compactFigure(tr, g, id)),
    needs: needTexts(tr, g, 'needsShort').join('; '),
  };
}

/** A province's groups by kota (name order, groups without a kota last), and all of them: what the summary and the systems table count. */
function byKota(tr: Translator, c: Combined): { kota: string; groups: GroupRow[]; total: boolean }[] {
  const kota = new Map<string | null, GroupRow[]>();
  for (const g of c.groups) {
    const list = kota.get(g.kota);
    if (list) list.push(g);
    else kota.set(g.kota, [g]);
  }
  const names = [...kota.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : numeric.compare(a, b)));
  return [
    ...names.map((k) => ({ kota: k ?? tr.t('combined.summary.noKota'), groups: kota.get(k)!, total: false })),
    { kota: tr.t('combined.summary.all'), groups: c.groups, total: true },
  ];
}

/** The summary by kota: groups, compared, needing support and each reason, and the groups whose own test of each figure says up. */
function summaryRows(tr: Translator, places: ReturnType<typeof byKota>) {
  return places.map(({ kota, groups, total }) => ({
    kota,
    total,
    groups: tr.integer(groups.length),
    compared: tr.integer(groups.filter((g) => g.rounds.length > 1).length),
    support: tr.integer(groups.filter((g) => g.needs.length > 0).length),
    needs: NEEDS.map((n) => tr.integer(groups.filter((g) => g.needs.includes(n)).length)),
    improved: DEFAULT_PRIMARY.map((id) => {
      const verdicts = groups.map((g) => g.figures.find((f) => f.figure === id)?.change?.verdict ?? null).filter((v) => v !== null);
      return tr.t('combined.summary.improvedCell', {
        k: tr.integer(verdicts.filter((v) => v === 'up').length),
        n: tr.integer(verdicts.length),
      });
    }),
  }));
}

/** The resource systems by kota: groups cooperating with an actor of the system, of the groups that mapped one. */
function systemsByKota(tr: Translator, places: ReturnType<typeof byKota>) {
  return places.map(({ kota, groups, total }) => ({
    kota,
    total,
    cells: RESOURCE_SYSTEMS.map((s) => {
      const mapped = groups.filter((g) => g.resourceSystems[s].mapped > 0).length;
      const cooperating = groups.filter((g) => g.resourceSystems[s].cooperating > 0).length;
      return { text: tr.t('combined.systems.kotaCell', { cooperating, mapped }), none: mapped > 0 && cooperating === 0 };
    }),
  }));
}

/**
 * Everything the combined page shows, as text (the template only places it). `medium`: `screen` for
 * report.html, `print` for the PDF; they differ only in a province's view (the PDF lists the groups
 * that need support first, not every group).
 */
export function combinedView(c: Combined, tr: Translator, link: (d: Digest) => string, medium: 'screen' | 'print' = 'screen') {
  const trustScale = c.groups.find((g) => g.trustScale === 4) && c.groups.every((g) => g.trustScale === 4) ? 4 : 5;
  const settings = { trustScale } as const;
  const edition = tr.t(`report.audience.${c.audience}`);
  const p = c.programme;
  const pooled = p.pooled.map((t) => testView(tr, t, settings));
  const leads = unbrokered(c);
  const figureHeads = DEFAULT_PRIMARY.map((id) => figureLabel(tr, id, settings));
  const province = isProvince(c);
  const support = c.groups.filter((g) => g.needs.length > 0);
  const printed = support.slice(0, PRINTED_GROUPS);
  const places = province ? byKota(tr, c) : [];
  const numbers = { groups: tr.integer(c.groups.length), support: tr.integer(support.length), shown: tr.integer(printed.length) };
  return {
    lang: tr.lang,
    t: tr.section('combined'),
    fontCss: fontCss(),
    pageCss: landscapeCss(`${tr.t('combined.title')} · ${edition.split(':')[0]!}`, tr),
    edition,
    shared: c.audience !== 'internal',
    date: c.date ? tr.t('combined.dataDate', { date: tr.date(c.date) }) : null,
    intro: tr.t('combined.intro', {
      groups: tr.integer(c.groups.length),
      compared: tr.integer(c.groups.filter((g) => g.rounds.length > 1).length),
      support: tr.integer(support.length),
    }),
    // the programme's answer on the first page, in the programme table's own words
    programmeLead: tr.t('combined.programme.lead', { parts: pooled.map((v) => `${v.figure} — ${v.conclusion}`).join('; ') }),
    figureHeads,
    province,
    groups: province
      ? []
      : c.groups.map((g) => ({
          ...rowCells(tr, g, link),
          rounds: g.rounds.map((r) => ({ label: r.label, date: r.date ? tr.date(r.date) : '', ...answered(tr, r) })),
          figures: DEFAULT_PRIMARY.map((id) => figureCell(tr, g, id)),
          needs: needTexts(tr, g, 'needs'),
        })),
    // a province's: its summary, its table (every group on screen, those that need support first in print) and what the PDF holds
    summary: province ? summaryRows(tr, places) : [],
    needHeads: NEEDS.map((n) => tr.t(`combined.summary.needs.${n}`)),
    compact: province ? (medium === 'print' ? printed : c.groups).map((g) => compactRow(tr, g, link)) : [],
    listTitle: tr.t(medium === 'print' ? 'combined.table.printTitle' : 'combined.table.title'),
    listNote: tr.t(
      medium === 'screen'
        ? 'combined.table.screenNote'
        : printed.length < support.length
          ? 'combined.table.printNote'
          : 'combined.table.printNoteAll',
      numbers,
    ),
    programme: {
      pooled,
      difference: p.difference.map((t) => testView(tr, t, settings)),
      note: tr.t('combined.programme.note', { tests: p.tests, alpha: tr.number(p.alpha, 2), min: p.minGroups }),
      otherScale: p.otherTrustScale > 0 ? tr.t('combined.programme.otherScale', { n: p.otherTrustScale }) : null,
    },
    systemsHead: RESOURCE_SYSTEMS.map((s) => tr.t(`category.${s}`)),
    systems: province
      ? []
      : c.groups.map((g) => ({
          group: g.group,
          cells: RESOURCE_SYSTEMS.map((s) => {
            const r = g.resourceSystems[s];
            return {
              text: `${tr.integer(r.cooperating)} / ${tr.integer(r.known)} / ${tr.integer(r.mapped)}`,
              none: r.mapped > 0 && r.cooperating === 0,
            };
          }),
        })),
    systemsByKota: province ? systemsByKota(tr, places) : [],
    leads: leads.slice(0, LEADS_SHOWN).map((a, i) => ({
      rank: i + 1,
      actor: actorLabel(tr, a),
      category: tr.t(`category.${a.category}`),
      place: place(tr, a),
      knowing: tr.integer(a.groupsKnowing.length),
    })),
    leadsNote:
      leads.length > LEADS_SHOWN
        ? tr.t('combined.actors.shown', { shown: tr.integer(LEADS_SHOWN), total: tr.integer(leads.length) })
        : null,
    matching: tr.t(c.sharedFile ? 'combined.actors.matchedShared' : 'combined.actors.matchedPlace'),
    method: Object.keys(tr.section('combined.method.items')).map((k) => tr.t(`combined.method.items.${k}`, { min: p.minGroups })),
  };
}

/**
 * The combined page: one self-contained HTML file (no request), the words from the locale files.
 * `print`: the page the PDF is printed from, the same as report.html but in a province's view.
 */
export function combinedReport(c: Combined, tr: Translator, link: (d: Digest) => string, medium: 'screen' | 'print' = 'screen'): string {
  const template = Handlebars.create().compile(readFileSync(projectFile('templates/combined.hbs'), 'utf8'), { strict: true });
  return template(combinedView(c, tr, link, medium));
}

/** The page the PDF is printed from: report.html itself (`html`), or a province's summary and groups that need support first. */
export const printedPage = (c: Combined, tr: Translator, link: (d: Digest) => string, html: string) =>
  isProvince(c) ? combinedReport(c, tr, link, 'print') : html;

const verdictCell = (c: DigestChange | null) => c?.verdict ?? '';

/** Each outside actor with each group that knows it (`actor` is its row in outside-actors.csv), in the actors' order. */
function actorGroups(c: Combined, tr: Translator) {
  const groupOf = new Map(c.groups.map((g) => [g.case, g.group]));
  return c.actors.flatMap((a, i) => {
    const cooperating = new Set(a.groupsCooperating);
    const [actor, id, name] = [i + 1, a.id ?? '', actorLabel(tr, a)];
    return a.groupsKnowing.map((k) => ({ actor, id, name, case: k, group: groupOf.get(k) ?? '', cooperating: cooperating.has(k) }));
  });
}

/** groups.csv, resource-systems.csv, outside-actors.csv and outside-actor-groups.csv (the run writes report.html and report.pdf). */
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
    // one row an actor; which groups know it, one row a pair, in outside-actor-groups.csv (a list in one
    // cell would pass a spreadsheet's cell limit when a province's groups share an actor)
    [
      'outside-actors.csv',
      csv(
        c.actors.map((a, i) => ({
          ...a,
          actor: i + 1,
          id: a.id ?? '',
          name: actorLabel(tr, a),
          groups: a.groupsKnowing.length,
          cooperating: a.groupsCooperating.length,
        })),
        ['actor', 'id', 'name', 'category', 'kelurahan', 'kota', 'groups', 'cooperating'],
      ),
    ],
    ['outside-actor-groups.csv', csv(actorGroups(c, tr), ['actor', 'id', 'name', 'case', 'group', 'cooperating'])],
  ];
}

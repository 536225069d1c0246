/**
 * Stage 5, report: `Metrics` + charts → one self-contained `report.html` (fonts and charts inline,
 * no request of any kind), which the pdf stage prints to A4.
 *
 * All logic lives here: this module turns numbers into formatted, translated view values; the
 * Handlebars template (`templates/report.hbs`) only places them. Every interpolation is escaped
 * (`{{…}}`); the only raw insertions are our own SVG (`TrustedSvg`) and our own CSS.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Handlebars from 'handlebars';
import { isRisk, keyMessages, MAX_STEPS, orderedRecommendations, statusLabel, targetLines } from './brief.ts';
import { topBy } from './charts/ranking.ts';
import { rowCounts } from './check.ts';
import { RESOURCE_SYSTEMS, type ResourceSystem } from './domain.ts';
import { type EditionRules, editionOf, listedNames } from './edition.ts';
import {
  beyondRoster,
  ceilingIn,
  changeSentence,
  detectableText,
  intervalText,
  overallComparison,
  pAfter,
  panelText,
  pText,
  statusText,
} from './evidence/wording.ts';
import { FIGURES, type FigureId, type FigureKind, figure, figureLabel, formatDelta, formatFigure } from './figures.ts';
import type { Translator } from './i18n.ts';
import { atLeast } from './metrics/status.ts';
import type { Chart } from './model/charts.ts';
import type { Comparison, Metrics, RoundMetrics } from './model/metrics.ts';
import type { Networks, QualityEntry } from './model/responses.ts';
import { projectFile, VERSION } from './project.ts';
import { THRESHOLDS } from './recommendations.ts';
import { trustScale } from './scales.ts';

const require = createRequire(import.meta.url);
const templatePath = (name: string) => projectFile(`templates/${name}`);

const roundLabel = (metrics: Metrics, id: string) => metrics.rounds.find((r) => r.round.id === id)?.round.label ?? id;

/** "tidak tersedia (frekuensi dan sumber daya tidak ditanyakan)" for a figure the round cannot give (metrics/asked.ts), else null. */
export function unavailableText(tr: Translator, round: RoundMetrics, key: FigureId): string | null {
  const why = round.unavailable?.[key];
  return why ? tr.t('report.unavailable', { questions: tr.list(why.questions.map((q) => tr.t(`question.${q}`))) }) : null;
}

/** Per round: the questions it did not ask, and whose ties its trust and cooperation figures cover. */
function roundNotes(metrics: Metrics, tr: Translator): string[] {
  return metrics.rounds.flatMap((r) => {
    const notAsked = Object.entries(r.asked ?? {})
      .filter(([, asked]) => !asked)
      .map(([q]) => tr.t(`question.${q}`));
    const cover = r.coverage?.trust ?? null;
    return [
      ...(notAsked.length > 0 ? [tr.t('report.data.notAsked', { round: r.round.label, questions: tr.list(notAsked) })] : []),
      ...(cover ? [tr.t('report.data.coverage', { round: r.round.label, whom: tr.t(`report.data.whom.${cover}`) })] : []),
    ];
  });
}

/**
 * The summary (and measures) table: each figure per round, the change on the panel and its reading
 * (evidence/wording.ts, from the comparison object: "naik" only from a tested verdict).
 */
export function summaryRows(metrics: Metrics, tr: Translator, onlySummary: boolean) {
  const overall = overallComparison(metrics);
  const column = (id: string) => metrics.rounds.findIndex((r) => r.round.id === id);
  return FIGURES.filter((f) => !onlySummary || f.summary).map(({ id: key, kind }) => {
    const values = metrics.rounds.map((r) => unavailableText(tr, r, key) ?? formatFigure(tr, kind, r.network[key]));
    return {
      figure: figureLabel(tr, key, metrics.settings),
      explain: tr.has(`report.explain.${key}`) ? tr.t(`report.explain.${key}`) : '',
      values,
      change: overall ? panelChange(tr, kind, overall.figures[key], values[column(overall.from)], values[column(overall.to)]) : null,
      status: overall ? statusText(tr, overall.figures[key]) : '',
      reading: overall
        ? changeSentence(tr, metrics.settings, key, overall.figures[key], ceilingIn(metrics, overall, key))
        : tr.t('reading.single', {
            figure: figureLabel(tr, key, metrics.settings),
            to: formatFigure(tr, kind, metrics.rounds[0]!.network[key]),
          }),
    };
  });
}

/**
 * A figure's change on the panel, beside the whole network's values of the two rounds (`from`,
 * `to`, as shown): where the panel's own values differ from those, they are given with it, so that
 * "0,269 › 0,264" beside "−0,064" never reads as a sum that does not add up.
 */
function panelChange(
  tr: Translator,
  kind: FigureKind,
  figure: { before: number | null; after: number | null; change: number | null },
  from: string | undefined,
  to: string | undefined,
): string {
  const change = formatDelta(tr, kind, figure.change);
  if (figure.before === null || figure.after === null) return change;
  const [before, after] = [formatFigure(tr, kind, figure.before), formatFigure(tr, kind, figure.after)];
  return before === from && after === to ? change : tr.t('report.summary.onPanel', { change, from: before, to: after });
}

/** The line above the summary table: which rounds, which panel. */
function summaryPanel(metrics: Metrics, tr: Translator): string | null {
  const c = overallComparison(metrics);
  if (!c) return null;
  return tr.t('report.summary.panel', {
    from: roundLabel(metrics, c.from),
    to: roundLabel(metrics, c.to),
    respondents: tr.integer(c.panel.respondents),
    members: tr.integer(c.panel.members),
  });
}

function actorRows(round: RoundMetrics, tr: Translator) {
  return [...round.actors]
    .sort((a, b) => Number(b.member) - Number(a.member) || b.inDegree - a.inDegree || a.name.localeCompare(b.name))
    .map((a) => ({
      name: a.name,
      member: a.member,
      category: tr.t(`category.${a.category}`),
      inDegree: tr.integer(a.inDegree),
      outDegree: tr.integer(a.outDegree),
      betweenness: tr.number(a.betweennessNormalized, 3),
      harmonic: tr.number(a.harmonicNormalized, 3),
      prestige: tr.number(round.prestigeMeasure === 'eigenvector' ? a.eigenvector : a.pagerank, 3),
      constraint: tr.number(a.constraint, 2),
      effectiveSize: tr.number(a.effectiveSize, 1),
      brokerage: tr.integer(a.brokerage.total),
      trust: a.trustRaters > 0 ? `${tr.number(a.trustReceived, 1)} (${tr.integer(a.trustRaters)})` : '–',
    }));
}

/** Plain-language sentences about the key actors of a round. */
function keyActorLines(round: RoundMetrics, rules: EditionRules, tr: Translator): string[] {
  const label = round.round.label;
  const members = round.actors.filter((a) => a.member).length;
  // members one by one only where the edition lists them (edition.ts `listed`)
  const names = (list: { name: string; member?: boolean }[]) =>
    tr.list(
      listedNames(
        rules,
        list.map((a) => ({ name: a.name, member: a.member ?? false })),
        members,
        tr,
      ),
    );
  const lines = [tr.t('report.keyActors.mostNamed', { round: label, names: names(topBy(round.actors, 'inDegree', 3)) })];
  const brokers = topBy(round.actors, 'betweennessNormalized', 3);
  lines.push(
    brokers.length > 0
      ? tr.t('report.keyActors.brokers', { round: label, names: names(brokers) })
      : tr.t('report.keyActors.noBrokers', { round: label }),
  );
  const notKnown = round.groupView.filter((a) => a.membersNaming === 0 && (RESOURCE_SYSTEMS as readonly string[]).includes(a.category));
  lines.push(
    notKnown.length > 0
      ? tr.t('report.keyActors.notKnown', { round: label, names: names(notKnown) })
      : tr.t('report.keyActors.allKnown', { round: label }),
  );
  const single = round.groupView.filter((a) => a.membersNaming === 1);
  if (single.length > 0) lines.push(tr.t('report.keyActors.single', { round: label, names: names(single) }));
  return lines;
}

function tieRows(networks: Networks, roundIndex: number, tr: Translator) {
  const names = new Map(networks.actors.map((a) => [a.id, a.name]));
  return (networks.rounds[roundIndex]?.graph.edges ?? []).map((e) => {
    const a = e.attributes!;
    return {
      from: names.get(e.source) ?? e.source,
      to: names.get(e.target) ?? e.target,
      trust: a.trust === null ? '–' : tr.integer(a.trust),
      cooperation: a.cooperation === null ? '–' : tr.integer(a.cooperation),
      frequency: a.frequency === null ? '–' : tr.integer(a.frequency),
      resources: a.resources.map((r) => tr.t(`resource.${r}`)).join(', '),
      formal: a.formal === true ? tr.t('report.outside.yes') : tr.t('report.outside.no'),
      strength: a.origin === 'mapping' ? tr.t('report.ties.mapping') : a.strong ? tr.t('report.ties.strong') : tr.t('report.ties.weak'),
    };
  });
}

/** Each comparison: the panel, joiners and leavers, tie changes, QAP, the primary figures with their tests, the others described. */
export function comparisonViews(metrics: Metrics, tr: Translator) {
  const label = (id: string) => roundLabel(metrics, id);
  return metrics.comparisons.map((c) => {
    const side = (who: Comparison['panel']['joined'], round: string, ties: number, key: 'joined' | 'left') =>
      who.ids.length === 0
        ? null
        : tr.t(`report.changeMore.${key}`, { count: tr.integer(who.ids.length), members: who.members, outside: who.outside, round, ties });
    const primary = FIGURES.filter((f) => c.figures[f.id].primary);
    return {
      title: tr.t('report.changeMore.ties', { from: label(c.from), to: label(c.to) }),
      panel: tr.t('report.changeMore.panel', { respondents: tr.integer(c.panel.respondents), members: tr.integer(c.panel.members) }),
      joined: side(c.panel.joined, label(c.to), c.ties.joined, 'joined'),
      left: side(c.panel.left, label(c.from), c.ties.left, 'left'),
      ties: tr.t('report.changeMore.tiesText', { ...c.ties, list: '' }),
      qap:
        c.qap.r === null
          ? null
          : tr.t('report.changeMore.qap', { from: label(c.from), to: label(c.to), r: tr.number(c.qap.r, 2), p: pAfter(tr, c.qap.p) }),
      findings: primary.map((f) => changeSentence(tr, metrics.settings, f.id, c.figures[f.id], ceilingIn(metrics, c, f.id))),
      primary: primary.map(({ id: key, kind }) => {
        const f = c.figures[key];
        return {
          figure: figureLabel(tr, key, metrics.settings),
          panel: panelText(tr, f),
          from: formatFigure(tr, kind, f.before),
          to: formatFigure(tr, kind, f.after),
          change: formatDelta(tr, kind, f.change),
          ci: f.status === 'tested' ? intervalText(tr, key, f) : '–',
          p: pText(tr, f.p),
          adjusted: pText(tr, f.adjustedP),
          verdict: statusText(tr, f),
          // what the design could detect matters where the test did not conclude; where it did, the change was detected
          detectable:
            f.status !== 'tested'
              ? '–'
              : f.verdict === 'up' || f.verdict === 'down'
                ? tr.t('evidence.detected')
                : (detectableText(tr, key, f, ceilingIn(metrics, c, key)) ?? tr.t('evidence.interval.unbounded')),
        };
      }),
      descriptive: FIGURES.filter((f) => f.summary && !c.figures[f.id].primary).map(({ id: key, kind }) => {
        const f = c.figures[key];
        return {
          figure: figureLabel(tr, key, metrics.settings),
          panel: panelText(tr, f),
          from: formatFigure(tr, kind, f.before),
          to: formatFigure(tr, kind, f.after),
          change: formatDelta(tr, kind, f.change),
          verdict: statusText(tr, f),
        };
      }),
    };
  });
}

/**
 * The method note on the evidence of change: what was tested, the direction of each test and why,
 * on whom, how many tests and how they were adjusted, the minimum, the intervals, and what each
 * test could detect.
 */
export function evidenceNotes(metrics: Metrics, tr: Translator): string[] {
  if (metrics.comparisons.length === 0) return [];
  const e = metrics.evidence;
  const label = (id: FigureId) => figureLabel(tr, id, metrics.settings);
  const comparisonName = (c: Comparison) => `${roundLabel(metrics, c.from)} › ${roundLabel(metrics, c.to)}`;
  const lines = [tr.t('report.method.evidence.tested', { figures: tr.list(e.primary.map((p) => label(p.figure))) })];
  for (const p of e.primary) {
    if (p.source === 'config')
      lines.push(
        tr.t('report.method.evidence.directionConfig', {
          figure: label(p.figure),
          direction: tr.t(`report.method.evidence.${p.direction}`),
        }),
      );
    else if (p.source === 'plan' && metrics.plan)
      lines.push(
        tr.t(
          metrics.plan.decided === metrics.rounds[0]!.round.id
            ? 'report.method.evidence.directionPlan'
            : 'report.method.evidence.directionPlanLater',
          {
            figure: label(p.figure),
            because: tr.t(
              figure(p.figure).plannedBy === 'trust-steps'
                ? 'report.method.evidence.becauseTrust'
                : 'report.method.evidence.becauseTargets',
            ),
            round: roundLabel(metrics, metrics.plan.decided),
          },
        ),
      );
    else lines.push(tr.t('report.method.evidence.directionNone', { figure: label(p.figure) }));
  }
  for (const c of metrics.comparisons) {
    const part = (who: Comparison['panel']['joined'], round: string, key: 'joinedPart' | 'leftPart') =>
      who.ids.length === 0 ? '' : tr.t(`report.method.evidence.${key}`, { count: tr.integer(who.ids.length), round });
    lines.push(
      tr.t('report.method.evidence.onWhom', {
        comparison: comparisonName(c),
        members: tr.integer(c.panel.members),
        respondents: tr.integer(c.panel.respondents),
        joined: part(c.panel.joined, roundLabel(metrics, c.to), 'joinedPart'),
        left: part(c.panel.left, roundLabel(metrics, c.from), 'leftPart'),
      }),
    );
  }
  lines.push(
    e.tests > 0
      ? tr.t('report.method.evidence.family', {
          tests: e.tests,
          figures: e.primary.length,
          comparisons: metrics.comparisons.length,
          alpha: tr.percent(e.alpha),
        })
      : tr.t('report.method.evidence.familyNone'),
  );
  lines.push(tr.t('report.method.evidence.minimum', { minPanel: e.minPanel, minRaters: e.minRaters }));
  lines.push(tr.t('report.method.evidence.interval'));
  for (const c of metrics.comparisons)
    for (const def of FIGURES) {
      const f = c.figures[def.id];
      if (f.status !== 'tested') continue;
      const params = {
        comparison: comparisonName(c),
        figure: label(def.id),
        panel: panelText(tr, f),
        level: tr.number(e.alpha / e.tests, 4),
      };
      const detectable = detectableText(tr, def.id, f);
      const ceiling = ceilingIn(metrics, c, def.id);
      lines.push(
        detectable === null
          ? tr.t('report.method.evidence.undetectable', params)
          : beyondRoster(f, ceiling)
            ? tr.t('report.method.evidence.beyondRoster', { ...params, max: tr.integer(ceiling) })
            : tr.t(`report.method.evidence.${def.test === 'union' ? 'detectableCount' : 'detectable'}`, { ...params, detectable }),
      );
    }
  return lines;
}

function planView(metrics: Metrics, tr: Translator) {
  const plan = metrics.plan;
  if (!plan) return null;
  const round = (id: string) => metrics.rounds.find((r) => r.round.id === id)!;
  const decided = round(plan.decided);
  const last = metrics.rounds[metrics.rounds.length - 1]!;
  const count = (r: RoundMetrics, pick: (a: RoundMetrics['groupView'][number]) => boolean) => r.groupView.filter(pick).length;
  const cooperating = (a: RoundMetrics['groupView'][number]) => atLeast(a.status, 'cooperating');
  const overall = metrics.comparisons.find((c) => c.from === plan.decided && c.to === last.round.id) ?? metrics.comparisons.at(-1);
  return {
    summary: tr.t('report.plan.summary', { reached: plan.reached, total: plan.total }),
    rounds: metrics.rounds.map((r) => r.round.label),
    rows: plan.targets.map((t) => ({
      actor: t.actor,
      category: tr.t(`category.${t.category}`),
      goal: statusLabel(tr, t.goal, t.category),
      step: tr.t(`step.${t.step}`),
      activity: t.activity ?? '',
      statuses: metrics.rounds.map((r) => statusLabel(tr, t.statuses[r.round.id] ?? 'not-known', t.category)),
      reached: t.reached ? tr.t('report.plan.yes') : tr.t('report.plan.no'),
      reachedClass: t.reached ? 'reached' : 'not-reached',
    })),
    input: tr.t('report.plan.input', { round: decided.round.label }),
    inputText: tr.t('report.plan.inputText', {
      known: count(decided, (a) => a.membersNaming > 0),
      cooperating: count(decided, cooperating),
      formal: count(decided, (a) => a.formal),
      trust: tr.number(decided.network.meanTrust, 2),
    }),
    process: STEP_ORDER.flatMap((step) => {
      const byActivity = new Map<string, string[]>();
      for (const t of plan.targets.filter((x) => x.step === step && x.activity))
        byActivity.set(t.activity!, [...(byActivity.get(t.activity!) ?? []), t.actor]);
      const label = tr.t(`step.${step}`);
      return [...byActivity].map(
        ([activity, actors]) => `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${activity} (${tr.list(actors)})`,
      );
    }),
    output: tr.t('report.plan.output', { round: last.round.label }),
    outputText: tr.t('report.plan.outputText', {
      reached: plan.reached,
      total: plan.total,
      cooperatingFrom: count(decided, cooperating),
      cooperatingTo: count(last, cooperating),
      formalFrom: count(decided, (a) => a.formal),
      formalTo: count(last, (a) => a.formal),
      added: overall?.ties.added ?? 0,
      strengthened: overall?.ties.strengthened ?? 0,
    }),
    outcomes: plan.outcomes.map((o) => `${round(o.round).round.label}: ${o.text}`),
  };
}

const STEP_ORDER = ['kepercayaan', 'kerjasama'] as const;

/** A sentence that opens with a name or figure placed in lower case ("satu anggota …") starts with a capital. */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The recommendations as the reader sees them, in the brief's order: what to do, who acts (owner),
 * by when (before the next survey round), why, and, where the locale has one, what the edition's
 * own reader (kelurahan, dinas) can do. In the dinas edition a member is "satu anggota": members
 * are not listed one by one there (edition.ts).
 */
export function recommendationViews(metrics: Metrics, tr: Translator) {
  const edition = editionOf(metrics.settings);
  const c = metrics.comparisons.filter((x) => x.kind === 'consecutive').at(-1);
  return orderedRecommendations(metrics.recommendations).map((r) => {
    const params: Record<string, string | number> = { ...r.params };
    if (typeof params.category === 'string') params.category = tr.t(`category.${params.category}`).toLowerCase();
    if (typeof params.goal === 'string') params.goal = tr.t(`status.${params.goal}`);
    if (typeof params.status === 'string') params.status = tr.t(`status.${params.status}`);
    const kind = typeof r.params.figure === 'string' ? figure(r.params.figure as FigureId).kind : 'decimal';
    if (typeof params.figure === 'string') params.figure = figureLabel(tr, params.figure as FigureId, metrics.settings).toLowerCase();
    for (const k of ['from', 'to']) if (typeof params[k] === 'number') params[k] = formatFigure(tr, kind, params[k] as number);
    if (typeof params.p === 'number') params.p = pText(tr, params.p);
    // a member a rule refers to is named only where the edition lists members one by one (edition.ts)
    if (typeof params.member === 'string' && !edition.listMembers) params.member = tr.t('report.next.aMember');
    if (c) Object.assign(params, { fromRound: roundLabel(metrics, c.from), toRound: roundLabel(metrics, c.to) });
    const ask = `recommendations.${r.rule}.ask.${metrics.settings.audience}`;
    return {
      text: sentence(tr.t(`recommendations.${r.rule}.text`, params)),
      // a resource system with no cooperating actor has no relation to lose: its own reason
      because: sentence(
        tr.t(
          `recommendations.${r.rule}.${r.rule === 'fragile-category' && r.params.cooperating === 0 ? 'becauseNone' : 'because'}`,
          params,
        ),
      ),
      ask: tr.has(ask) ? tr.t(ask, params) : null,
      askOwner: tr.has(ask) ? tr.t(`report.next.owner.${metrics.settings.audience}`) : null,
      owner: tr.t(`report.next.owner.${r.owner}`),
      ownerId: r.owner,
      when: tr.t('report.next.when'),
      risk: isRisk(r),
      rule: r.rule,
    };
  });
}

/** The brief (brief.ts): facts, key messages, targets, the before | after picture, risks and next steps. */
function briefView(metrics: Metrics, tr: Translator, chart: (id: string) => Chart | undefined) {
  const c = overallComparison(metrics);
  const last = metrics.rounds.at(-1)!;
  const recs = recommendationViews(metrics, tr);
  // a round without a date is named without one, not with a dash in the sentence
  const rounds = tr.list(
    metrics.rounds.map((r) => {
      const values = { label: r.round.label, respondents: tr.integer(r.network.respondents) };
      return r.round.date
        ? tr.t('report.brief.round', { ...values, date: tr.date(r.round.date) })
        : tr.t('report.brief.roundUndated', values);
    }),
  );
  return {
    rounds: tr.t(metrics.rounds.length > 1 ? 'report.brief.rounds' : 'report.brief.roundsOne', { rounds }),
    panel: c ? tr.t('report.brief.panel', { respondents: tr.integer(c.panel.respondents), members: tr.integer(c.panel.members) }) : null,
    messages: keyMessages(metrics, tr),
    targets: targetLines(metrics, tr),
    picture: chart('change-map') ?? chart(`venn-${last.round.id}`) ?? null,
    pictureNote: c ? tr.t('report.brief.pictureNote', { from: roundLabel(metrics, c.from), to: roundLabel(metrics, c.to) }) : null,
    risks: recs.filter((r) => r.risk).map((r) => r.because),
    steps: nextSteps(metrics, tr),
  };
}

/**
 * Partners and resource systems: every outside actor of the last round, with the number of members
 * naming it, members' trust in it and its status for the group in the first and the last round.
 */
function partnerRows(metrics: Metrics, tr: Translator) {
  const first = metrics.rounds[0]!;
  const last = metrics.rounds.at(-1)!;
  const before = new Map(first.groupView.map((g) => [g.id, g]));
  const pair = (a: string, b: string) => (metrics.rounds.length > 1 ? `${a} › ${b}` : b);
  // the resource systems in the model's order, then the other outside actors
  const rank = (c: string) => ((RESOURCE_SYSTEMS as readonly string[]).includes(c) ? RESOURCE_SYSTEMS.indexOf(c as ResourceSystem) : 99);
  return [...last.groupView]
    .sort((a, b) => rank(a.category) - rank(b.category) || b.membersNaming - a.membersNaming || a.name.localeCompare(b.name))
    .map((a) => {
      const b = before.get(a.id);
      return {
        name: a.name,
        category: tr.t(`category.${a.category}`),
        naming: pair(tr.integer(b?.membersNaming ?? 0), tr.integer(a.membersNaming)),
        trust: pair(b?.meanTrust == null ? '–' : tr.number(b.meanTrust, 1), a.meanTrust === null ? '–' : tr.number(a.meanTrust, 1)),
        status: pair(statusLabel(tr, b?.status ?? 'not-known', a.category), statusLabel(tr, a.status, a.category)),
        cooperating: atLeast(a.status, 'cooperating'),
      };
    });
}

/** The rules of the risks, each threshold quoted from recommendations.ts `THRESHOLDS`. */
function riskRules(tr: Translator, minRaters: number): string[] {
  return [
    tr.t('report.risks.oneBroker', { share: tr.percent(THRESHOLDS.brokerShare), ties: THRESHOLDS.brokerTies }),
    tr.t('report.risks.memberDropped', { named: THRESHOLDS.droppedNamedBefore }),
    tr.t('report.risks.partnerTrust', { drop: tr.number(THRESHOLDS.trustDrop, 0), k: minRaters }),
  ];
}

/** The method note of the main report: half a page, in plain words; the full method is the internal edition's last annex. */
function methodNote(metrics: Metrics, tr: Translator): string[] {
  const s = metrics.settings;
  const c = overallComparison(metrics);
  return [
    tr.t('report.methodNote.survey', {
      members: tr.integer(metrics.rounds.at(-1)!.network.members),
      trustMax: trustScale(s.trustScale).max,
    }),
    tr.t('report.methodNote.status', { level: s.cooperatingLevel, levelName: tr.t(`cooperation.${s.cooperatingLevel}`).toLowerCase() }),
    ...(c
      ? [
          tr.t('report.methodNote.tested', {
            count: metrics.evidence.primary.length,
            // who the primary figures were tested on: the panel's members, its respondents, or both (figures.ts population)
            people: tr.list([...new Set(metrics.evidence.primary.map((p) => panelText(tr, c.figures[p.figure])))]),
            alpha: tr.percent(metrics.evidence.alpha),
          }),
        ]
      : []),
    ...(editionOf(s).shared
      ? [tr.t('report.methodNote.privacy', { k: s.minRaters }), tr.t('report.methodNote.full')]
      : [tr.t('report.methodNote.fullAnnex')]),
  ];
}

/**
 * The brief's next steps: the owner's step of each recommendation in the brief's order and, in a
 * shared edition, what its reader (kelurahan, dinas) can add, then the next survey round; at most
 * `MAX_STEPS` rows.
 */
function nextSteps(metrics: Metrics, tr: Translator) {
  const rows = recommendationViews(metrics, tr).flatMap((r) => [
    { owner: r.owner, ownerId: r.ownerId, text: r.text, when: r.when, rule: r.rule },
    ...(r.ask ? [{ owner: r.askOwner, ownerId: metrics.settings.audience, text: r.ask, when: r.when, rule: r.rule }] : []),
  ]);
  const survey = {
    owner: tr.t('report.next.owner.pendamping'),
    ownerId: 'pendamping',
    text: tr.t('report.next.survey.text'),
    when: tr.t('report.next.when'),
    rule: 'survey-again',
  };
  return [...rows.slice(0, MAX_STEPS - 1), survey];
}

/** The A4 page with the running footer (group and edition left, "Halaman x dari y" right), none on the cover. */
function pageCss(footer: string, tr: Translator): string {
  const font = 'font-family:"Noto Sans";font-size:8pt;color:#595959';
  const pages = `${cssString(`${tr.t('report.page')} `)} counter(page) ${cssString(` ${tr.t('report.of')} `)} counter(pages)`;
  return [
    `@page{size:A4;margin:16mm 15mm 18mm 15mm;`,
    `@bottom-left{content:${cssString(footer)};${font}}`,
    `@bottom-right{content:${pages};${font}}}`,
    '@page :first{@bottom-left{content:none}@bottom-right{content:none}}',
  ].join('');
}

export function fontCss(): string {
  const face = (file: string, weight: number, range: string) => {
    const data = readFileSync(require.resolve(`@fontsource/noto-sans/files/${file}`)).toString('base64');
    const src = `url(data:font/woff2;base64,${data}) format("woff2")`;
    const font = `font-family:"Noto Sans";font-style:normal;font-weight:${weight};font-display:block`;
    return `@font-face{${font};src:${src};unicode-range:${range};}`;
  };
  const latin = [
    ...['U+0000-00FF', 'U+0131', 'U+0152-0153', 'U+02BB-02BC', 'U+02C6', 'U+02DA', 'U+02DC', 'U+0304', 'U+0308', 'U+0329', 'U+2000-206F'],
    ...['U+20AC', 'U+2122', 'U+2191', 'U+2193', 'U+2212', 'U+2215', 'U+FEFF', 'U+FFFD'],
  ].join(',');
  const ext = [
    ...['U+0100-02BA', 'U+02BD-02C5', 'U+02C7-02CC', 'U+02CE-02D7', 'U+02DD-02FF', 'U+0304', 'U+0308', 'U+0329', 'U+1D00-1DBF'],
    ...['U+1E00-1E9F', 'U+1EF2-1EFF', 'U+2020', 'U+20A0-20AB', 'U+20AD-20C0', 'U+2113', 'U+2C60-2C7F', 'U+A720-A7FF'],
  ].join(',');
  const greek = 'U+0370-0377,U+037A-037F,U+0384-038A,U+038C,U+038E-03A1,U+03A3-03FF';
  return [400, 700]
    .flatMap((w) => [
      face(`noto-sans-latin-ext-${w}-normal.woff2`, w, ext),
      face(`noto-sans-greek-${w}-normal.woff2`, w, greek),
      face(`noto-sans-latin-${w}-normal.woff2`, w, latin),
    ])
    .join('\n');
}

/**
 * A CSS string literal for text from data (e.g. the group name in the running footer). In a CSS
 * string a line feed, carriage return or form feed ends the string unescaped (CSS Syntax 3,
 * "consume a string token": the rest of the rule, and with it the report's body, was lost), `"`
 * and `\` must be escaped, and `<` `>` could close the `<style>` element. So white-space controls
 * become a space, NUL (read as U+FFFD) is dropped, and every other control character, the quote,
 * the backslash, `<`, `>` and the line and paragraph separators are written as hex escapes
 * (`\3c `: the space ends the escape).
 */
export function cssString(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point
  const unsafe = /[\u0000-\u001f\u007f-\u009f"\\<>\u2028\u2029]/g;
  return `"${text.replace(unsafe, (c) => {
    if (c === '\u0000') return '';
    if ('\t\n\u000b\f\r'.includes(c)) return ' ';
    return `\\${c.charCodeAt(0).toString(16)} `;
  })}"`;
}

const MAX_APPENDIX_ROWS = 300;
/** Large networks: the per-actor and per-outside-actor tables keep this many rows (the CSV files hold all). */
const MAX_ACTOR_ROWS = 300;
/** Above this many ties the tie list is left to tables/ties-<round>.csv. */
const MAX_TIE_ROWS = 2000;

function qualityRows(entries: QualityEntry[], tr: Translator) {
  const order = { error: 0, warning: 1, info: 2 } as const;
  return [...entries]
    .sort((a, b) => order[a.level] - order[b.level] || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0))
    .slice(0, MAX_APPENDIX_ROWS)
    .map((e) => ({
      level: tr.t(`levels.${e.level}`),
      levelClass: e.level,
      code: e.code,
      file: e.file,
      line: e.line ?? '',
      column: e.column ?? '',
      message: e.message,
    }));
}

export function reportView(metrics: Metrics, networks: Networks, chartList: Chart[], tr: Translator) {
  const c = metrics.case;
  // the charts this view places: their tables make the annex of chart data, in the charts stage's order
  const placed = new Set<string>();
  const chart = (id: string) => {
    const found = chartList.find((ch) => ch.id === id);
    if (found) placed.add(id);
    return found;
  };
  // charts of the internal edition only: not asked for in a shared one, so their tables stay out of its chart annex
  const internalChart = (id: string) => (editionOf(metrics.settings).detailCharts ? chart(id) : undefined);
  const placeParts = [
    c.rw,
    c.kelurahan && tr.t('report.placeParts.kelurahan', { name: c.kelurahan }),
    c.kecamatan && tr.t('report.placeParts.kecamatan', { name: c.kecamatan }),
    c.kota,
  ].filter((p): p is string => Boolean(p));
  const q = metrics.quality.summary;
  const s = metrics.settings;
  const methodKeys = Object.keys(tr.section('report.method.items'));
  const scale = trustScale(s.trustScale);
  const trustParams = {
    trustMax: scale.max,
    trustSpan: scale.max - scale.min,
    trustLow: tr.t(`trust.${scale.labelKeys[0]}`).toLowerCase(),
    trustHigh: tr.t(`trust.${scale.labelKeys.at(-1)}`).toLowerCase(),
  };
  return {
    lang: tr.lang,
    t: tr.section('report'),
    generator: tr.t('report.generator', { version: VERSION }),
    fontCss: fontCss(),
    pageCss: pageCss(tr.t('report.footer', { group: c.group, edition: tr.t(`report.audience.${s.audience}`).split(':')[0]! }), tr),
    subtitle: tr.t('report.subtitle', { group: c.group }),
    edition: tr.t(`report.audience.${s.audience}`),
    shared: editionOf(s).shared,
    suppressedNote: editionOf(s).shared ? tr.t('report.audience.suppressed', { k: s.minRaters }) : null,
    group: c.group,
    place: placeParts.join(', '),
    reportDate: s.reportDate ? tr.t('report.reportDate', { date: tr.date(s.reportDate) }) : null,
    rounds: metrics.rounds.map((r) => ({
      label: r.round.label,
      date: tr.date(r.round.date),
      respondents: tr.integer(r.network.respondents),
      responseRate: `${tr.integer(r.network.memberRespondents)} / ${tr.integer(r.network.members)} (${tr.percent(r.network.responseRate)})`,
      ties: tr.integer(r.network.ties),
    })),
    roundNotes: roundNotes(metrics, tr),
    brief: briefView(metrics, tr, chart),
    partners: partnerRows(metrics, tr),
    partnersMore: null,
    methodNote: methodNote(metrics, tr),
    fullMethod: !editionOf(s).shared,
    risksRules: riskRules(tr, s.minRaters),
    splitFigures: chart('split-figures'),
    changeMap: chart('change-map'),
    multipleRounds: metrics.rounds.length > 1,
    summary: summaryRows(metrics, tr, true),
    summaryPanel: summaryPanel(metrics, tr),
    measures: summaryRows(metrics, tr, false),
    qualityLine: tr.t('report.data.quality', Object.fromEntries(Object.entries(rowCounts(q)).map(([k, v]) => [k, tr.integer(v)]))),
    maps: metrics.rounds.map((r) => ({
      label: r.round.label,
      network: internalChart(`network-${r.round.id}`),
      venn: chart(`venn-${r.round.id}`),
    })),
    keyActors: metrics.rounds.flatMap((r) => keyActorLines(r, editionOf(s), tr)),
    trustActors: internalChart('trust-actors'),
    reach: chart('resource-reach'),
    changeFigures: chart('change-figures'),
    changeActors: internalChart('change-actors'),
    tieTables: metrics.rounds.map((r, i) => {
      const total = networks.rounds[i]?.graph.edges?.length ?? 0;
      return total > MAX_TIE_ROWS
        ? {
            label: r.round.label,
            rows: [],
            more: tr.t('report.tiesTooMany', { total: tr.integer(total), file: `tables/ties-${r.round.id}.csv` }),
          }
        : { label: r.round.label, rows: tieRows(networks, i, tr), more: null };
    }),
    comparisons: comparisonViews(metrics, tr),
    plan: planView(metrics, tr),
    planChart: internalChart('plan-progress'),
    recommendations: recommendationViews(metrics, tr),
    rankings: metrics.rounds.map((r) => ({
      label: r.round.label,
      chart: internalChart(`ranking-${r.round.id}`),
    })),
    ladder: internalChart('cooperation-ladder'),
    trust: internalChart('trust-distribution'),
    hasPlan: metrics.plan !== null,
    resources: metrics.rounds.map((r) => ({
      label: r.round.label,
      rows: RESOURCE_SYSTEMS.map((sys) => {
        const reach = r.resourceSystems[sys];
        const targeted = metrics.plan ? metrics.plan.targets.filter((t) => t.category === sys).length : null;
        return {
          system: tr.t(`category.${sys}`),
          mapped: tr.integer(reach.mapped),
          targeted: targeted === null ? null : tr.integer(targeted),
          known: tr.integer(reach.known),
          contacted: tr.integer(reach.contacted),
          cooperating: tr.integer(reach.cooperating),
          formal: tr.integer(reach.formal),
        };
      }),
    })),
    method: [
      ...methodKeys.map((k) =>
        tr.t(`report.method.items.${k}`, {
          minCriteria: s.strongTie.minCriteria,
          cooperation: s.strongTie.cooperation,
          level: s.cooperatingLevel,
          ...trustParams,
        }),
      ),
      ...metrics.rounds
        .filter((r) => !r.paths.exact)
        .map((r) =>
          tr.t('report.method.sampled', {
            round: r.round.label,
            pivots: tr.integer(r.paths.pivots),
            actors: tr.integer(r.network.actors),
            bound: tr.number(r.paths.errorBound, 3),
            work: tr.integer(r.paths.projectedWork),
            budget: tr.integer(r.paths.workBudget),
            top: r.paths.stability?.top ?? 0,
            shared: r.paths.stability?.betweenness ?? 0,
            sharedCooperation: r.paths.stability?.cooperationBetweenness ?? 0,
          }),
        ),
    ],
    evidenceNotes: evidenceNotes(metrics, tr),
    // shared editions: the last round (every round is in tables.xlsx and tables/actors-<round>.csv)
    actorTables: (editionOf(s).shared ? metrics.rounds.slice(-1) : metrics.rounds).map((r) => {
      const rows = actorRows(r, tr).filter((row) => editionOf(s).listMembers || !row.member);
      return {
        label: r.round.label,
        rows: rows.slice(0, MAX_ACTOR_ROWS),
        more: rows.length > MAX_ACTOR_ROWS ? tr.t('report.tableMore', { shown: MAX_ACTOR_ROWS, total: tr.integer(rows.length) }) : null,
      };
    }),
    get chartTables() {
      return chartList.filter((ch) => placed.has(ch.id));
    },
    quality: qualityRows(metrics.quality.entries, tr),
    qualityMore:
      metrics.quality.entries.length > MAX_APPENDIX_ROWS
        ? tr.t('report.appendix.more', { count: tr.integer(metrics.quality.entries.length - MAX_APPENDIX_ROWS) })
        : null,
  };
}

let compiled: HandlebarsTemplateDelegate | null = null;

export function report(metrics: Metrics, networks: Networks, chartList: Chart[], tr: Translator): string {
  if (!compiled) {
    const hb = Handlebars.create();
    hb.registerPartial('styles', readFileSync(templatePath('report.css'), 'utf8'));
    for (const [name, file] of [
      ['figure', 'figure.hbs'],
      ['chartTable', 'chart-table.hbs'],
      ['chartAnnex', 'chart-annex.hbs'],
    ] as const)
      hb.registerPartial(name, readFileSync(templatePath(file), 'utf8'));
    compiled = hb.compile(readFileSync(templatePath('report.hbs'), 'utf8'), { strict: true, noEscape: false });
  }
  return compiled(reportView(metrics, networks, chartList, tr));
}

/**
 * The tables behind the charts as one Excel workbook (`tables.xlsx`), for the facilitator or the
 * dinas officer who works in a spreadsheet: a sheet on the case and on every other sheet, the
 * headline figures per round (with the split of density and reciprocity), each round's actors,
 * the outside actors as the group sees them, the trust and cooperation distributions, the reach
 * into each resource system, the plan's progress, the change of every figure with its test, and,
 * where the edition allows, each round's ties and how each tie changed.
 *
 * Why .xlsx and not CSV: numbers are stored as numbers, so Excel shows them with the reader's own
 * decimal separator (a comma in Indonesian Excel, a point in English) and they can be summed and
 * charted; a CSV for Indonesian Excel (`;`, decimal comma, BOM) opens wrongly in English Excel and
 * in LibreOffice's defaults, and one file holds every table. Column headers are in the report's
 * language; number formats are Excel codes, which Excel displays in the reader's locale.
 *
 * Safe to share: the tables come from the metrics the edition was built from (small trust cells
 * already suppressed), tie sheets only when `ties` is true (internal edition), and the dinas
 * edition lists no member one by one (as its report's actor appendix). Deterministic: the
 * package is written by xlsx-write.ts, every zip entry with one fixed date.
 */
import { roundSurveyTies } from './charts/change-map.ts';
import { tieChanges } from './compare/tie-changes.ts';
import { RESOURCE_SYSTEMS } from './domain.ts';
import { editionOf } from './edition.ts';
import { statusText } from './evidence/wording.ts';
import type { Translator } from './i18n.ts';
import type { Metrics, NetworkFigures, RoundMetrics } from './model/metrics.ts';
import type { Networks } from './model/responses.ts';
import { trustScale } from './scales.ts';
import { type XlsxSheet, xlsxBytes } from './xlsx-write.ts';

export type CellKind = 'text' | 'integer' | 'number' | 'percent' | 'boolean';
export type Cell = string | number | boolean | null;

export interface SheetColumn {
  key: string;
  header: string;
  kind: CellKind;
}

export interface Sheet {
  /** Tab name: at most 31 characters, none of []:*?/\ (Excel's rules). */
  name: string;
  /** What the sheet holds and which chart it is behind, for the first sheet. */
  about: string;
  columns: SheetColumn[];
  rows: Record<string, Cell>[];
}

export interface WorkbookOptions {
  /** Include each round's ties and the tie changes (internal edition only). */
  ties: boolean;
}

/** The file name the workbook is written under, beside tables/*.csv. */
export const WORKBOOK_FILE = 'tables.xlsx';

const NUMBER_FORMATS: Record<CellKind, string | null> = {
  text: null,
  boolean: null,
  integer: '0',
  number: '0.000',
  percent: '0.0%',
};

/** A tab name Excel accepts, unique among `taken`. */
export function sheetName(name: string, taken: Set<string>): string {
  const clean = name.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Sheet';
  let candidate = clean.slice(0, 31);
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${clean.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

const col = (key: string, header: string, kind: CellKind): SheetColumn => ({ key, header, kind });

/** The sheets of a case, as data (no I/O). */
export function workbookSheets(metrics: Metrics, networks: Networks, tr: Translator, options: WorkbookOptions): Sheet[] {
  const t = (key: string, params?: Record<string, string | number>) => tr.t(`charts.workbook.${key}`, params);
  const rounds = metrics.rounds;
  const roundCols = rounds.map((r, i) => col(`r${i}`, r.round.label, 'number'));
  const hideMembers = !editionOf(metrics.settings).listMembers;
  const sheets: (Omit<Sheet, 'name'> & { tab: string })[] = [];

  // headline figures and their split, one column per round
  const figureKeys = Object.keys(rounds[0]?.network ?? {}) as (keyof NetworkFigures)[];
  const splitRows: [string, (r: RoundMetrics) => number | null][] = [
    ['split.reciprocityMembers', (r) => r.split.memberMember.reciprocityEdgewise],
    ['split.reciprocityOutside', (r) => r.split.memberOutside.reciprocityEdgewise],
    ['split.densityMembers', (r) => r.split.memberMember.density],
    ['split.densityOutside', (r) => r.split.memberOutside.density],
  ];
  sheets.push({
    tab: t('sheets.figures'),
    about: t('figuresAbout'),
    columns: [col('figure', t('figure'), 'text'), col('key', t('key'), 'text'), ...roundCols],
    rows: [
      ...figureKeys.map((k) => ({
        figure: tr.t(`figures.${k}`, { trustMax: trustScale(metrics.settings.trustScale).max }),
        key: k,
        ...Object.fromEntries(rounds.map((r, i) => [`r${i}`, r.network[k]])),
      })),
      ...splitRows.map(([key, pick]) => ({
        figure: tr.t(`charts.${key}`),
        key,
        ...Object.fromEntries(rounds.map((r, i) => [`r${i}`, pick(r)])),
      })),
    ],
  });

  // the actors of each round
  for (const r of rounds) {
    sheets.push({
      tab: t('sheets.actors', { round: r.round.id }),
      about: t('actorsAbout', { round: r.round.label }),
      columns: [
        col('id', 'id', 'text'),
        col('name', tr.t('report.actors.actor'), 'text'),
        col('category', tr.t('report.actors.category'), 'text'),
        col('member', t('member'), 'boolean'),
        col('respondent', t('respondent'), 'boolean'),
        col('inDegree', tr.t('report.actors.inDegree'), 'integer'),
        col('outDegree', tr.t('report.actors.outDegree'), 'integer'),
        col('betweennessNormalized', tr.t('report.actors.betweenness'), 'number'),
        col('harmonicNormalized', tr.t('report.actors.harmonic'), 'number'),
        col('pagerank', 'PageRank', 'number'),
        col('constraint', tr.t('report.actors.constraint'), 'number'),
        col('effectiveSize', tr.t('report.actors.effectiveSize'), 'number'),
        col('trustReceived', t('trustReceived'), 'number'),
        col('trustRaters', t('trustRaters'), 'integer'),
      ],
      rows: r.actors
        .filter((a) => !hideMembers || !a.member)
        .map((a) => ({ ...a, category: tr.t(`category.${a.category}`) }) as unknown as Record<string, Cell>),
    });
  }

  // the outside actors as the group sees them: Venn map, trust per actor, change per actor
  sheets.push({
    tab: t('sheets.outside'),
    about: t('outsideAbout'),
    columns: [
      col('round', t('round'), 'text'),
      col('id', 'id', 'text'),
      col('name', tr.t('report.outside.actor'), 'text'),
      col('category', tr.t('report.outside.category'), 'text'),
      col('membersNaming', tr.t('report.outside.naming'), 'integer'),
      col('meanTrust', tr.t('report.outside.trust'), 'number'),
      col('bestCooperation', tr.t('report.outside.cooperation'), 'integer'),
      col('formal', tr.t('report.outside.formal'), 'boolean'),
      col('status', t('status'), 'text'),
    ],
    rows: rounds.flatMap((r) =>
      r.groupView.map((g) => ({
        round: r.round.label,
        id: g.id,
        name: g.name,
        category: tr.t(`category.${g.category}`),
        membersNaming: g.membersNaming,
        meanTrust: g.meanTrust,
        bestCooperation: g.bestCooperation,
        formal: g.formal,
        status: tr.t(`status.${g.status}`),
      })),
    ),
  });

  // trust and cooperation distributions: counts and shares of each round
  const scale = trustScale(metrics.settings.trustScale);
  const distribution = (r: RoundMetrics, what: string, counts: number[], label: (i: number) => string, level: (i: number) => number) => {
    const total = counts.reduce((s, c) => s + c, 0);
    return counts.map((ties, i) => ({
      round: r.round.label,
      measure: what,
      level: level(i),
      label: label(i),
      ties,
      share: total > 0 ? ties / total : null,
    }));
  };
  sheets.push({
    tab: t('sheets.distributions'),
    about: t('distributionsAbout'),
    columns: [
      col('round', t('round'), 'text'),
      col('measure', t('measure'), 'text'),
      col('level', t('level'), 'integer'),
      col('label', t('levelName'), 'text'),
      col('ties', t('ties'), 'integer'),
      col('share', t('share'), 'percent'),
    ],
    rows: rounds.flatMap((r) => [
      ...distribution(
        r,
        tr.t('charts.trust.x'),
        r.trustLevels,
        (i) => tr.t(`trust.${scale.labelKeys[i]}`),
        (i) => i + 1,
      ),
      ...distribution(
        r,
        tr.t('charts.ladder.x'),
        r.cooperationLevels,
        (i) => tr.t(`cooperation.${i}`),
        (i) => i,
      ),
    ]),
  });

  // reach into each resource system
  sheets.push({
    tab: t('sheets.reach'),
    about: t('reachAbout'),
    columns: [
      col('round', t('round'), 'text'),
      col('system', tr.t('report.resources.system'), 'text'),
      ...(['mapped', 'known', 'contacted', 'cooperating', 'formal'] as const).map((k) => col(k, tr.t(`report.resources.${k}`), 'integer')),
    ],
    rows: rounds.flatMap((r) =>
      RESOURCE_SYSTEMS.map((sys) => ({ round: r.round.label, system: tr.t(`category.${sys}`), ...r.resourceSystems[sys] })),
    ),
  });

  // the plan's progress
  if (metrics.plan) {
    sheets.push({
      tab: t('sheets.plan'),
      about: t('planAbout'),
      columns: [
        col('actor', tr.t('report.plan.actor'), 'text'),
        col('category', tr.t('report.plan.category'), 'text'),
        col('goal', tr.t('report.plan.goal'), 'text'),
        col('step', tr.t('report.plan.step'), 'text'),
        col('by', t('by'), 'text'),
        ...rounds.map((r, i) => col(`r${i}`, r.round.label, 'text')),
        col('reached', tr.t('report.plan.reached'), 'boolean'),
      ],
      rows: metrics.plan.targets.map((target) => ({
        actor: target.actor,
        category: tr.t(`category.${target.category}`),
        goal: tr.t(`status.${target.goal}`),
        step: tr.t(`step.${target.step}`),
        by: rounds.find((r) => r.round.id === target.by)?.round.label ?? target.by,
        ...Object.fromEntries(rounds.map((r, i) => [`r${i}`, tr.t(`status.${target.statuses[r.round.id] ?? 'not-known'}`)])),
        reached: target.reached,
      })),
    });
  }

  // the change of every figure, with its interval, p-value and verdict where tested
  if (metrics.comparisons.length > 0) {
    sheets.push({
      tab: t('sheets.change'),
      about: t('changeAbout'),
      columns: [
        col('from', tr.t('report.changeMore.from'), 'text'),
        col('to', tr.t('report.changeMore.to'), 'text'),
        col('figure', tr.t('report.changeMore.figure'), 'text'),
        col('valueFrom', t('valueFrom'), 'number'),
        col('valueTo', t('valueTo'), 'number'),
        col('delta', t('delta'), 'number'),
        col('ciLow', t('ciLow'), 'number'),
        col('ciHigh', t('ciHigh'), 'number'),
        col('p', tr.t('report.changeMore.p'), 'number'),
        col('adjustedP', t('adjustedP'), 'number'),
        col('verdict', tr.t('report.changeMore.verdict'), 'text'),
      ],
      rows: metrics.comparisons.flatMap((c) => {
        const label = (id: string) => rounds.find((r) => r.round.id === id)?.round.label ?? id;
        return (Object.entries(c.figures) as [keyof NetworkFigures, Metrics['comparisons'][number]['figures'][keyof NetworkFigures]][]).map(
          ([k, f]) => ({
            from: label(c.from),
            to: label(c.to),
            figure: tr.t(`figures.${k}`, { trustMax: scale.max }),
            valueFrom: f.before,
            valueTo: f.after,
            delta: f.change,
            ciLow: f.interval?.low ?? null,
            ciHigh: f.interval?.high ?? null,
            p: f.p,
            adjustedP: f.adjustedP,
            verdict: statusText(tr, f),
          }),
        );
      }),
    });
  }

  if (options.ties) {
    const names = new Map(networks.actors.map((a) => [a.id, a.name]));
    for (const r of networks.rounds) {
      sheets.push({
        tab: t('sheets.ties', { round: r.round.id }),
        about: t('tiesAbout', { round: r.round.label }),
        columns: [
          col('from', tr.t('report.ties.from'), 'text'),
          col('fromName', t('fromName'), 'text'),
          col('to', tr.t('report.ties.to'), 'text'),
          col('toName', t('toName'), 'text'),
          col('origin', t('origin'), 'text'),
          col('trust', tr.t('report.ties.trust'), 'integer'),
          col('cooperation', tr.t('report.ties.cooperation'), 'integer'),
          col('frequency', tr.t('report.ties.frequency'), 'integer'),
          col('resources', tr.t('report.ties.resources'), 'text'),
          col('formal', tr.t('report.ties.formal'), 'boolean'),
          col('strong', tr.t('tie.strong'), 'boolean'),
        ],
        rows: (r.graph.edges ?? []).map((e) => ({
          from: e.source,
          fromName: names.get(e.source) ?? e.source,
          to: e.target,
          toName: names.get(e.target) ?? e.target,
          origin: e.attributes!.origin === 'mapping' ? tr.t('report.ties.mapping') : t('survey'),
          trust: e.attributes!.trust,
          cooperation: e.attributes!.cooperation,
          frequency: e.attributes!.frequency,
          resources: e.attributes!.resources.map((x) => tr.t(`resource.${x}`)).join('; '),
          formal: e.attributes!.formal,
          strong: e.attributes!.strong,
        })),
      });
    }
    if (networks.rounds.length > 1) {
      const [first, last] = [networks.rounds[0]!, networks.rounds[networks.rounds.length - 1]!];
      sheets.push({
        tab: t('sheets.tieChanges'),
        about: t('tieChangesAbout', { from: first.round.label, to: last.round.label }),
        columns: [
          col('from', tr.t('report.ties.from'), 'text'),
          col('fromName', t('fromName'), 'text'),
          col('to', tr.t('report.ties.to'), 'text'),
          col('toName', t('toName'), 'text'),
          col('kind', t('kind'), 'text'),
          col('trustFrom', t('trustFrom'), 'integer'),
          col('trustTo', t('trustTo'), 'integer'),
          col('cooperationFrom', t('cooperationFrom'), 'integer'),
          col('cooperationTo', t('cooperationTo'), 'integer'),
        ],
        rows: tieChanges(roundSurveyTies(first), roundSurveyTies(last)).map((c) => ({
          ...c,
          fromName: names.get(c.from) ?? c.from,
          toName: names.get(c.to) ?? c.to,
          kind: t(`kinds.${c.kind}`),
        })),
      });
    }
  }

  const taken = new Set([t('sheets.about').toLowerCase()]);
  return sheets.map(({ tab, ...sheet }) => ({ ...sheet, name: sheetName(tab, taken) }));
}

/** The workbook's bytes: a first sheet on the case and the sheets, then each table. */
export function workbookBytes(sheets: Sheet[], metrics: Metrics, tr: Translator): Uint8Array {
  const t = (key: string, params?: Record<string, string | number>) => tr.t(`charts.workbook.${key}`, params);
  const place = [metrics.case.rw, metrics.case.kelurahan, metrics.case.kecamatan, metrics.case.kota].filter(Boolean).join(', ');
  const lines: [string, string][] = [
    [tr.t('report.data.group'), metrics.case.group],
    ...(place ? [[tr.t('report.data.place'), place] as [string, string]] : []),
    [t('edition'), tr.t(`report.audience.${metrics.settings.audience}`)],
    ...metrics.rounds.map(
      (r) =>
        [r.round.label, t('roundLine', { date: r.round.date ?? '–', respondents: r.network.respondents, ties: r.network.ties })] as [
          string,
          string,
        ],
    ),
    ['', ''],
    [t('sheet'), t('contents')],
    ...sheets.map((s) => [s.name, s.about] as [string, string]),
  ];
  const about: XlsxSheet = {
    name: t('sheets.about'),
    columns: [
      { width: 34, format: null },
      { width: 90, format: null },
    ],
    rows: lines.map((l) => l.map((v) => (v === '' ? null : v))),
    freezeHeader: false,
    boldColumns: [0],
  };
  const tables = sheets.map(
    (s): XlsxSheet => ({
      name: s.name,
      columns: s.columns.map((c) => ({
        width: Math.min(60, Math.max(8, c.header.length + 2, ...s.rows.slice(0, 200).map((r) => String(r[c.key] ?? '').length + 2))),
        format: NUMBER_FORMATS[c.kind],
      })),
      rows: [
        s.columns.map((c) => c.header),
        ...s.rows.map((row) =>
          s.columns.map((c) => {
            const v = row[c.key];
            if (v === null || v === undefined) return null;
            if (c.kind === 'boolean' || typeof v === 'boolean') return v ? t('yes') : t('no');
            return v;
          }),
        ),
      ],
      freezeHeader: true,
    }),
  );
  return xlsxBytes({ creator: 'jejaring', sheets: [about, ...tables] });
}

/** The workbook of a case (sheets and bytes): what the report command writes as `tables.xlsx`. */
export async function workbook(metrics: Metrics, networks: Networks, tr: Translator, options: WorkbookOptions): Promise<Uint8Array> {
  return workbookBytes(workbookSheets(metrics, networks, tr, options), metrics, tr);
}

/**
 * The words for a change, made only from its comparison object (evidence/verdict.ts decided the
 * status and the verdict): the summary table, the change section, the chart titles and the method
 * note all call these, so no place words a change its own way. A figure gets "naik"/"turun" only
 * from a tested verdict; every other figure is stated neutrally ("3,5 › 2,5; 2 penilai, terlalu
 * sedikit untuk diuji", "deskriptif, tidak diuji"). The texts are `evidence.*` in the locale files.
 */
import { type FigureId, figure, figureLabel, formatDelta, formatFigure } from '../figures.ts';
import type { Translator } from '../i18n.ts';
import type { Comparison, FigureChange, Metrics } from '../model/metrics.ts';
import type { Settings } from '../model/responses.ts';

/** "naik", "tidak berubah secara meyakinkan", "deskriptif, tidak diuji", "2 penilai, terlalu sedikit untuk diuji", … */
export function statusText(
  tr: Translator,
  c: Pick<FigureChange, 'status' | 'verdict' | 'direction' | 'reason' | 'raters' | 'network' | 'panel'>,
): string {
  switch (c.status) {
    case 'tested':
      if (c.verdict === 'up' || c.verdict === 'down') return tr.t(`evidence.status.${c.verdict}`);
      return tr.t(
        c.direction === 'up' ? 'evidence.status.sameUp' : c.direction === 'down' ? 'evidence.status.sameDown' : 'evidence.status.same',
      );
    case 'too-few':
      return c.reason === 'raters'
        ? tr.t('evidence.status.tooFewRaters', { n: tr.integer(c.raters) })
        : tr.t(c.network === 'members' ? 'evidence.status.tooFewMembers' : 'evidence.status.tooFewPanel', { n: tr.integer(c.panel) });
    case 'not-available':
      return tr.t('evidence.status.notAvailable');
    case 'untested':
      return tr.t('evidence.status.untested');
  }
}

/** Who the figure was compared on: "10 anggota", "12 responden". */
export const panelText = (tr: Translator, c: FigureChange) =>
  tr.t(c.network === 'members' ? 'evidence.panelMembers' : 'evidence.panelRespondents', { n: tr.integer(c.panel) });

/** A p-value as printed: "0,012", "< 0,001"; in running text after "p": "= 0,012", "< 0,001". */
export const pText = (tr: Translator, p: number | null) => (p === null ? '–' : p < 0.001 ? `< ${tr.number(0.001, 3)}` : tr.number(p, 3));
export const pAfter = (tr: Translator, p: number | null) => (p !== null && p < 0.001 ? pText(tr, p) : `= ${pText(tr, p)}`);

/**
 * The largest change a count of outside actors can make on a round's roster of `outside` outside
 * actors, in the direction of the test: every one not yet counted (a rise), every one counted (a
 * fall); null for a figure that is not a count.
 */
export function countCeiling(id: FigureId, c: FigureChange, outside: number): number | null {
  if (figure(id).test !== 'union' || c.before === null) return null;
  const up = Math.max(0, outside - c.before);
  return c.direction === 'up' ? up : c.direction === 'down' ? c.before : Math.max(up, c.before);
}

/** `countCeiling` for a comparison's figure, on the roster of its later round. */
export function ceilingIn(metrics: Pick<Metrics, 'rounds'>, c: Pick<Comparison, 'to' | 'figures'>, id: FigureId): number | null {
  const r = metrics.rounds.find((x) => x.round.id === c.to);
  return r ? countCeiling(id, c.figures[id], r.network.actors - r.network.members) : null;
}

/** Whether a count's detectable change is more than its roster allows (countCeiling): decided here for every place that words it. */
export function beyondRoster(c: FigureChange, ceiling: number | null): ceiling is number {
  return ceiling !== null && c.detectable !== null && c.detectable > ceiling;
}

/**
 * The smallest detectable change, signed as the test looks for it: "+0,32", "±2", "−5 poin"; for a
 * count whose detectable change is more than the roster allows (`ceiling`, countCeiling), that
 * instead: "lebih dari yang mungkin (+16)".
 */
export function detectableText(tr: Translator, id: FigureId, c: FigureChange, ceiling: number | null = null): string | null {
  if (c.detectable === null) return null;
  const kind = figure(id).kind;
  const signed = (v: number) =>
    c.direction === 'down'
      ? formatDelta(tr, kind, -v)
      : c.direction === 'up'
        ? formatDelta(tr, kind, v)
        : `±${formatDelta(tr, kind, v).replace(/^\+/, '')}`;
  return beyondRoster(c, ceiling) ? tr.t('evidence.beyondRoster', { max: signed(ceiling) }) : signed(c.detectable);
}

/** The interval as printed: "+0,12 … +0,80 (95%)", "sedikitnya +0,54 (97,5%)"; else why there is none. */
export function intervalText(tr: Translator, id: FigureId, c: FigureChange): string {
  const kind = figure(id).kind;
  if (c.interval === null)
    return c.intervalNote === 'count'
      ? tr.t('evidence.interval.count')
      : c.intervalNote === 'unbounded'
        ? tr.t('evidence.interval.unbounded')
        : '–';
  const { low, high, level } = c.interval;
  const params = {
    low: formatDelta(tr, kind, low),
    high: formatDelta(tr, kind, high),
    level: tr.percent(level, level * 100 === Math.round(level * 100) ? 0 : 1),
  };
  return tr.t(
    low !== null && high !== null ? 'evidence.interval.range' : low !== null ? 'evidence.interval.atLeast' : 'evidence.interval.atMost',
    params,
  );
}

/**
 * The sentence of the summary and the change section: "Pihak luar yang dikenal naik: 8 › 24 pada
 * panel (10 anggota; p disesuaikan 0,003)."; "Ikatan kuat: 75 % › 86 % pada panel (12
 * responden); deskriptif, tidak diuji."
 */
export function changeSentence(
  tr: Translator,
  settings: Pick<Settings, 'trustScale'>,
  id: FigureId,
  c: FigureChange,
  ceiling: number | null = null,
): string {
  const kind = figure(id).kind;
  const params = {
    figure: figureLabel(tr, id, settings),
    before: formatFigure(tr, kind, c.before),
    after: formatFigure(tr, kind, c.after),
    panel: panelText(tr, c),
    status: statusText(tr, c),
    p: pText(tr, c.adjustedP),
  };
  if (c.status === 'not-available') return tr.t('evidence.sentence.notAvailable', params);
  if (c.status !== 'tested') return tr.t('evidence.sentence.untested', params);
  if (c.verdict === 'up' || c.verdict === 'down') return tr.t('evidence.sentence.change', params);
  const detectable = detectableText(tr, id, c);
  if (detectable === null) return tr.t('evidence.sentence.sameUndetectable', params);
  return beyondRoster(c, ceiling)
    ? tr.t('evidence.sentence.sameBeyond', { ...params, max: tr.integer(ceiling) })
    : tr.t('evidence.sentence.same', { ...params, detectable });
}

/** The short form for chart titles: "Pihak luar yang dikenal 8 › 24 (naik)". */
export function changeShort(tr: Translator, settings: Pick<Settings, 'trustScale'>, id: FigureId, c: FigureChange): string {
  const kind = figure(id).kind;
  return tr.t('evidence.short', {
    figure: figureLabel(tr, id, settings),
    before: formatFigure(tr, kind, c.before),
    after: formatFigure(tr, kind, c.after),
    status: statusText(tr, c),
  });
}

/** The comparison the summary and the change charts read: first against last (three rounds or more), else the only one. */
export function overallComparison(metrics: Pick<Metrics, 'comparisons'>): Comparison | undefined {
  return metrics.comparisons.find((c) => c.kind === 'baseline-latest') ?? metrics.comparisons[0];
}

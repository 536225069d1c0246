/**
 * The data table behind a chart: what the chart draws, as rows a screen reader (or a reader of a
 * greyscale copy) can go through one by one. Built by each chart function from the same rows it
 * draws, with the same labels (so a shared edition's codes, and no member a map leaves unlabelled),
 * already formatted in the report's language; the report places it after the figure (a details
 * element on screen, the annex of chart data in print).
 */
import type { Translator } from '../i18n.ts';
import type { ChartTable } from '../model/charts.ts';

/** The finding (a title) as a sentence: ends with a full stop. */
export const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** The text alternative of a chart: its finding, then what is drawn. */
export const altText = (finding: string, description: string) => `${sentence(finding)} ${description}`.trim();

/** Rows × rounds: one row per item (in `order`), one column per round, a cell `format(value)` or "–". */
export function pivotTable(
  head: string,
  rows: { item: string; round: string; value: number }[],
  order: string[],
  rounds: string[],
  format: (value: number) => string,
): ChartTable {
  const cell = new Map(rows.map((r) => [`${r.item}\u0000${r.round}`, r.value]));
  const items = order.filter((item) => rounds.some((round) => cell.has(`${item}\u0000${round}`)));
  return {
    columns: [head, ...rounds],
    numeric: [false, ...rounds.map(() => true)],
    rows: items.map((item) => [
      item,
      ...rounds.map((round) => {
        const v = cell.get(`${item}\u0000${round}`);
        return v === undefined ? '–' : format(v);
      }),
    ]),
  };
}

/** The actors of a map: name (or, where the edition does not label members, one row for them all), group, named by, names. */
export function actorTable(
  actors: { name: string; category: string; member: boolean; inDegree: number; outDegree: number }[],
  tr: Translator,
  listMembers: boolean,
): ChartTable {
  const sorted = [...actors].sort((a, b) => Number(b.member) - Number(a.member) || b.inDegree - a.inDegree || a.name.localeCompare(b.name));
  const members = sorted.filter((a) => a.member);
  const row = (a: (typeof actors)[number]) => [a.name, tr.t(`category.${a.category}`), tr.integer(a.inDegree), tr.integer(a.outDegree)];
  return {
    columns: [tr.t('charts.table.actor'), tr.t('charts.table.category'), tr.t('charts.table.inDegree'), tr.t('charts.table.outDegree')],
    numeric: [false, false, true, true],
    rows: [
      ...(listMembers
        ? members.map(row)
        : members.length > 0
          ? [
              [
                tr.t('charts.table.members', { n: tr.integer(members.length) }),
                tr.t('category.internal'),
                tr.integer(members.reduce((s, a) => s + a.inDegree, 0)),
                tr.integer(members.reduce((s, a) => s + a.outDegree, 0)),
              ],
            ]
          : []),
      ...sorted.filter((a) => !a.member).map(row),
    ],
  };
}

/**
 * What `--check` shows: per round, respondents and ties, and the questions the round did not ask;
 * rows read, kept, corrected, rejected and superseded (the same numbers as the report's data line
 * and data-quality.csv); then the data-quality notes that need attention (warnings and
 * rejections, unused columns among them), with their places.
 */
import { formatWhere } from './errors.ts';
import type { Translator } from './i18n.ts';
import { QUESTIONS } from './ingest/raw.ts';
import type { QualityEntry, QualitySummary, Responses } from './model/responses.ts';

/** The row counts as message parameters, read by --check, the report's data line and the progress line. */
export function rowCounts(s: QualitySummary) {
  return { read: s.rowsRead, kept: s.rowsKept, corrected: s.rowsCorrected, rejected: s.rowsRejected, superseded: s.rowsSuperseded };
}

export function checkSummary(responses: Responses, tr: Translator, limit = 30): string {
  const lines = [tr.t('cli.check.title', { group: responses.case.group })];
  const members = responses.actors.filter((a) => a.member).map((a) => a.id);
  for (const r of responses.rounds) {
    const answered = members.filter((m) => r.respondents.includes(m)).length;
    lines.push(
      tr.t('cli.check.round', {
        label: r.round.label,
        file: r.round.file,
        respondents: r.respondents.length,
        members: members.length,
        answered,
        ties: r.ties.length,
      }),
    );
    const notAsked = QUESTIONS.filter((q) => !r.asked[q]).map((q) => tr.t(`question.${q}`));
    if (notAsked.length > 0) lines.push(tr.t('cli.check.notAsked', { questions: tr.list(notAsked) }));
  }
  lines.push(tr.t('cli.check.rows', rowCounts(responses.summary)));
  const count = (level: string) => responses.quality.filter((q) => q.level === level).length;
  lines.push(tr.t('cli.check.notes', { errors: count('error'), warnings: count('warning'), infos: count('info') }));
  // columns not used: one line per file and code naming every column, so that none is cut off below
  const columnCodes = new Set(COLUMN_CODES);
  const unused = new Map<string, QualityEntry[]>();
  for (const q of responses.quality)
    if (q.level !== 'info' && columnCodes.has(q.code))
      unused.set(`${q.file}\u0000${q.code}`, [...(unused.get(`${q.file}\u0000${q.code}`) ?? []), q]);
  for (const group of unused.values()) {
    const q = group[0]!;
    const columns = group.map((e) => `"${e.column}"`).join(', ');
    lines.push(
      `  ${formatWhere({ file: q.file, line: q.line }, tr)}: ${tr.t('cli.check.columns', { count: group.length, columns })} [${q.code}]`,
    );
  }
  const serious = responses.quality.filter((q) => q.level !== 'info' && !columnCodes.has(q.code));
  for (const q of serious.slice(0, limit))
    lines.push(`  ${formatWhere({ file: q.file, line: q.line, column: q.column }, tr)}: ${q.message} [${q.code}]`);
  if (serious.length > limit) lines.push(`  ${tr.t('report.appendix.more', { count: serious.length - limit })}`);
  return lines.join('\n');
}

/** The notes that name a column not used (one per column): --check lists them per file. */
const COLUMN_CODES = ['COLUMN_UNKNOWN', 'COLUMN_NOT_IN_FORM', 'FORM_FIELD_UNUSED', 'COLUMN_NAMES_UNREAD'];

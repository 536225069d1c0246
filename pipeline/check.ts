/**
 * What `--check` shows: per round, respondents and ties; rows read, kept, corrected, rejected;
 * then the data-quality notes that need attention (warnings and rejections), with their places.
 */
import { formatWhere } from './errors.ts';
import type { Translator } from './i18n.ts';
import type { Responses } from './model/responses.ts';

export function checkSummary(responses: Responses, tr: Translator, limit = 30): string {
  const lines = [tr.t('cli.check.title', { group: responses.case.group })];
  for (const r of responses.rounds) {
    const members = responses.actors.filter((a) => a.member).map((a) => a.id);
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
  }
  const s = responses.summary;
  lines.push(tr.t('cli.check.rows', { read: s.rowsRead, kept: s.rowsKept, corrected: s.rowsCorrected, rejected: s.rowsRejected }));
  const count = (level: string) => responses.quality.filter((q) => q.level === level).length;
  lines.push(tr.t('cli.check.notes', { errors: count('error'), warnings: count('warning'), infos: count('info') }));
  const serious = responses.quality.filter((q) => q.level !== 'info');
  for (const q of serious.slice(0, limit))
    lines.push(`  ${formatWhere({ file: q.file, line: q.line, column: q.column }, tr)}: ${q.message} [${q.code}]`);
  if (serious.length > limit) lines.push(`  ${tr.t('report.appendix.more', { count: serious.length - limit })}`);
  return lines.join('\n');
}

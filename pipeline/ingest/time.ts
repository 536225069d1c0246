/**
 * Submission times as the survey tools write them, to milliseconds since 1970, only to order a
 * respondent's submissions (the latest wins). Accepted:
 *   ISO 8601 (Kobo `_submission_time`, ODK `SubmissionDate`): 2025-11-05T09:15:40.101+07:00
 *   Google Forms zip: 2026/09/27 3:00:00 PM GMT+3
 *   Sheets/Excel display forms, day first as in Indonesia: 27/09/2026 15:00:00 or 15.00.00
 * Anything else gives null (the file order decides). A time without a zone is read as UTC: only
 * the order within one file matters.
 */
export function submissionTime(text: string | null): number | null {
  if (!text) return null;
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    const ms = Date.parse(t.length === 10 ? `${t}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(t) ? t : `${t}Z`);
    return Number.isNaN(ms) ? null : ms;
  }
  const g = /^(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) ?(AM|PM)?(?: GMT([+-]\d{1,2})(?::?(\d{2}))?)?$/i.exec(t);
  if (g) {
    let hour = Number(g[4]) % 12;
    if (!g[7]) hour = Number(g[4]);
    else if (g[7].toUpperCase() === 'PM') hour += 12;
    const offset = (Number(g[8] ?? 0) * 60 + Math.sign(Number(g[8] ?? 0)) * Number(g[9] ?? 0)) * 60_000;
    return Date.UTC(Number(g[1]), Number(g[2]) - 1, Number(g[3]), hour, Number(g[5]), Number(g[6])) - offset;
  }
  const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?$/.exec(t);
  if (d) return Date.UTC(Number(d[3]), Number(d[2]) - 1, Number(d[1]), Number(d[4]), Number(d[5]), Number(d[6] ?? 0));
  return null;
}

/**
 * Errors that stop a run. Each has a stable code (tests match on it, never on the text) and the
 * parameters of its message; the words come from the locale file (`errors.<CODE>`), so the CLI
 * can print them in the reader's language. Only the CLI entry point catches and prints them.
 */
import type { Params, Translator } from './i18n.ts';

export interface Where {
  file: string;
  line?: number | null;
  column?: string | null;
}

export class JejaringError extends Error {
  readonly code: string;
  readonly params: Params;
  readonly where: Where | null;
  /** Process exit code: 1 bad input, 2 bad usage, 3 a tool the run needs is missing or failed. */
  readonly exitCode: number;

  constructor(code: string, params: Params = {}, where: Where | null = null, exitCode = 1, options?: ErrorOptions) {
    super(`${code} ${JSON.stringify(params)}`, options);
    this.name = 'JejaringError';
    this.code = code;
    this.params = params;
    this.where = where;
    this.exitCode = exitCode;
  }
}

/** "file, baris 14, kolom "trust"" in the reader's language. */
export function formatWhere(where: Where, tr: Translator): string {
  const parts = [where.file];
  if (where.line != null) parts.push(tr.t('where.line', { line: where.line }));
  if (where.column != null) parts.push(tr.t('where.column', { column: where.column }));
  return parts.join(', ');
}

/** One readable line: where, what, and the code. */
export function formatError(error: JejaringError, tr: Translator): string {
  const suggestion = error.params.suggestion;
  const hint = typeof suggestion === 'string' && suggestion !== '' ? tr.t('errors.didYouMean', { suggestion }) : '';
  const text = `${tr.t(`errors.${error.code}`, error.params)}${hint}`;
  const where = error.where ? `${formatWhere(error.where, tr)}: ` : '';
  return `${where}${text} [${error.code}]`;
}

/**
 * The data-quality log: every value read that was corrected or rejected, and every row or file
 * that was skipped, with file, physical line, column and a code from one catalogue
 * (`quality.<CODE>` in the locale files). Nothing read is dropped without a line here.
 */
import type { Params, Translator } from './i18n.ts';
import type { QualityEntry, QualityLevel } from './model/responses.ts';

export interface QualityInput {
  file: string;
  line?: number | null;
  column?: string | null;
  value?: string | null;
  correctedTo?: string | null;
  params?: Params;
}

/** A value as quoted in a one-line message: whitespace folded, at most 80 characters. */
export function shown(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}

/**
 * The parameters of a log message that hold nothing a respondent wrote and no one's name: row
 * counts, line numbers, cell references, what was expected and what is allowed. A shared edition's
 * log keeps these and drops the others (`sharedMessage`).
 */
const SHAREABLE = new Set([
  'read',
  'kept',
  'corrected',
  'rejected',
  'superseded',
  'expected',
  'found',
  'allowed',
  'keptLine',
  'laterLine',
  'ties',
  'until',
  'count',
  'cell',
  'question',
]);

/** The parameters each entry's message was made with (entries stay plain data; a copy has none). */
const paramsOf = new WeakMap<QualityEntry, Params>();

/**
 * An entry's message for a shared edition: the parameters in `SHAREABLE` filled in as logged,
 * every other one (the value read, what it was corrected to, a column, suggested names) as "…".
 */
export function sharedMessage(entry: QualityEntry, tr: Translator): string {
  const params = paramsOf.get(entry) ?? {};
  const kept = Object.fromEntries(Object.entries(params).filter(([name]) => SHAREABLE.has(name)));
  return tr.t(`quality.${entry.code}`, kept).replace(/\{\w+\}/g, '…');
}

export class QualityLog {
  readonly entries: QualityEntry[] = [];
  constructor(private readonly tr: Translator) {}

  add(level: QualityLevel, code: string, input: QualityInput): void {
    const params: Params = {
      value: shown(input.value ?? ''),
      correctedTo: shown(input.correctedTo ?? ''),
      column: input.column ?? '',
      ...input.params,
    };
    const entry: QualityEntry = {
      level,
      code,
      file: input.file,
      line: input.line ?? null,
      column: input.column ?? null,
      value: input.value ?? null,
      correctedTo: input.correctedTo ?? null,
      message: this.tr.t(`quality.${code}`, params),
    };
    paramsOf.set(entry, params);
    this.entries.push(entry);
  }

  count(level: QualityLevel): number {
    return this.entries.filter((e) => e.level === level).length;
  }
}

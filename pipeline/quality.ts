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
    this.entries.push({
      level,
      code,
      file: input.file,
      line: input.line ?? null,
      column: input.column ?? null,
      value: input.value ?? null,
      correctedTo: input.correctedTo ?? null,
      message: this.tr.t(`quality.${code}`, params),
    });
  }

  count(level: QualityLevel): number {
    return this.entries.filter((e) => e.level === level).length;
  }
}

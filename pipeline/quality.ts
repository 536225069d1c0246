/**
 * The data-quality log: every value read that was corrected or rejected, and every row or file
 * that was skipped, with file, physical line, column and a code from one catalogue
 * (`quality.<CODE>` in the locale files). Nothing read is dropped without a line here.
 */
import type { Translator, Params } from './i18n.ts';
import type { QualityEntry, QualityLevel } from './types.ts';

export interface QualityInput {
  file: string;
  line?: number | null;
  column?: string | null;
  value?: string | null;
  correctedTo?: string | null;
  params?: Params;
}

export class QualityLog {
  readonly entries: QualityEntry[] = [];
  constructor(private readonly tr: Translator) {}

  add(level: QualityLevel, code: string, input: QualityInput): void {
    const params: Params = {
      value: input.value ?? '',
      correctedTo: input.correctedTo ?? '',
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

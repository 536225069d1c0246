/**
 * What every format adapter produces: raw answers, still strings, each with the place it was
 * read from. The ingest stage then matches names to the roster and reads the values, with one
 * set of rules and one data-quality log for every format.
 */

import type { Question } from '../model/responses.ts';

export type { Question };
/** The questions a round may or may not have asked (model/responses.ts, `RoundResponses.asked`). */
export const QUESTIONS: readonly Question[] = ['trust', 'cooperation', 'frequency', 'resources', 'formal', 'memberTies'];

/** The fields of a tie, in the canonical long form. */
export const TIE_FIELDS = ['respondent', 'actor', 'trust', 'cooperation', 'frequency', 'resources', 'formal'] as const;
export type TieField = (typeof TIE_FIELDS)[number];

export interface RawTie {
  file: string;
  /** Physical line of the row (the submission's row for wide files, the repeat's row for repeats). */
  line: number;
  /** Raw text of each field found. */
  values: Partial<Record<TieField, string>>;
  /** The column each value came from, for messages. */
  columns: Partial<Record<TieField, string>>;
  /** Resources already separated (select_multiple detail columns); overrides values.resources. */
  resources?: string[];
  /** The submission this tie belongs to (wide and repeat formats). */
  submission?: number;
}

/** One questionnaire submission: who answered, and when (for duplicates: the latest wins). */
export interface RawSubmission {
  id: number;
  file: string;
  line: number;
  respondent: string;
  respondentColumn: string;
  /** Submission time as written in the export, or null. */
  time: string | null;
}

export interface RawRound {
  /** Which adapter read the file. */
  format: string;
  ties: RawTie[];
  /** Empty for the canonical long form, where each row stands alone. */
  submissions: RawSubmission[];
  /** Data rows the adapter rejected itself (already logged), e.g. a repeat row without its submission. */
  rejected: number;
  /** The questions the file has a column for (or, read through a form, a field whose column is there). */
  offered: Partial<Record<Question, boolean>>;
  /** The form the file was read through (its file, as shown in messages), or null: then a question counts as asked only where answered. */
  form: string | null;
}

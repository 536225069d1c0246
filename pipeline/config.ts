/**
 * The case: a folder with `actors.csv`, `rounds/*` and an optional `case.yaml` (or `case.json`).
 *
 * The config is validated by one zod schema that also gives the TypeScript type; the user's spec is
 * normalised once into a fully resolved `CaseConfig` with every default filled in (defaults live in
 * `DEFAULTS`). With no config file the rounds are the files in `rounds/` in name order (CSV, text,
 * XLSX and zip exports; other files there are listed as not read) and the group is named after
 * the folder.
 *
 * Reading YAML and JSON (readConfigFile, also for plan.yaml): at most 1 MB, UTF-8 text without
 * control characters, at most 100 aliases (an anchor bomb is refused), at most 32 levels deep; a
 * syntax error names its line and column. JSON is read by the same parser (it is YAML).
 *
 * Every file of the case is checked once, here, by its real path: a symlink that leads out of the
 * case folder is refused (actors.csv, known-ties.csv, plan.yaml, the config and every round file),
 * so no text from outside the case reaches the report or the log.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { LineCounter, parseDocument, visit } from 'yaml';
import { z } from 'zod';
import { JejaringError } from './errors.ts';
import { DEFAULT_PRIMARY, TESTABLE } from './figures.ts';
import type { Translator } from './i18n.ts';
import type { CaseInfo, Round, Settings } from './model/responses.ts';

export const CONFIG_FILE = 'case.yaml';
/** The names a case's config may have; at most one may be present. */
export const CONFIG_FILES = ['case.yaml', 'case.yml', 'case.json'] as const;
/** The files a case folder may hold besides its rounds, checked like them. */
const CASE_FILES = ['actors.csv', 'known-ties.csv', 'plan.yaml'] as const;
/** Round files found in `rounds/` without a config: CSV and text exports, workbooks, ODK zips. */
export const ROUND_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx', '.zip'] as const;

export const DEFAULTS = {
  /** A tie is strong when it meets at least this many of the four criteria below (seed 002). */
  strongTie: {
    minCriteria: 2,
    /** Contact at least this often (0 tidak pernah … 4 sangat sering): 3 = sering. */
    frequency: 3,
    /** Cooperation at least this level: 2 = kooperasi (shared goal). */
    cooperation: 2,
  },
  /** A resource system counts as "cooperating" from this ladder level on. */
  cooperatingLevel: 2,
  /** How many top actors the centrality ranking shows. */
  topActors: 10,
  /** Shared editions show trust in an outside actor only over at least this many raters. */
  minRaters: 3,
} as const;

const text = z.string().trim().min(1);

export const FORMATS = ['auto', 'long', 'wide', 'xlsx', 'odk-zip'] as const;
export type Format = (typeof FORMATS)[number];
const FIELDS = ['respondent', 'actor', 'trust', 'cooperation', 'frequency', 'resources', 'formal'] as const;
const WIDE = ['trust', 'cooperation', 'frequency', 'resources', 'formal', 'known', 'memberTies'] as const;

/** How to read an export; at the top level for every round, or per round (merged over it). */
const ImportSpec = z
  .object({
    /** `auto` (default): .zip → odk-zip, .xlsx → xlsx, a CSV with respondent and actor columns → long, else wide. */
    format: z.enum(FORMATS).optional(),
    /** The XLSForm (.xlsx, inside the case folder) the data were collected with: the export is read through it. */
    form: text.optional(),
    /** Long files: the header that holds each field, when it is not one of the known names. */
    columns: z.partialRecord(z.enum(FIELDS), text).optional(),
    /** Wide files and forms: words that identify each question in a header or field (replace the built-in keywords). */
    questions: z.partialRecord(z.enum(WIDE), z.union([text, z.array(text).min(1)])).optional(),
    /** The header of the respondent's name (wide files and the main sheet of repeat exports). */
    respondentColumn: text.optional(),
    /** The header of the submission time; the latest submission of a respondent wins. */
    timeColumn: text.optional(),
    /** The repeat group holding one row per actor (sheet name in XLSX, file suffix in ODK zips). */
    repeat: text.optional(),
  })
  .strict();
export type ImportSpec = z.infer<typeof ImportSpec>;
const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'));

export const CaseSpec = z
  .object({
    case: z
      .object({
        group: text,
        rw: text.optional(),
        kelurahan: text.optional(),
        kecamatan: text.optional(),
        kota: text.optional(),
      })
      .strict()
      .optional(),
    rounds: z
      .array(
        z
          .object({
            id: z
              .string()
              .trim()
              .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - or _'),
            label: text,
            /** The label in the English edition (--lang en); `label` otherwise. */
            label_en: text.optional(),
            date: isoDate.optional(),
            file: text,
            import: ImportSpec.optional(),
          })
          .strict(),
      )
      .min(1)
      .optional(),
    report: z.object({ date: isoDate.optional() }).strict().optional(),
    import: ImportSpec.optional(),
    /** Points of the trust scale in the exports: 5 (default) or 4 (no middle answer). */
    trustScale: z.union([z.literal(4), z.literal(5)]).optional(),
    /** Shared editions: `minRaters` (default 3) and respondents who agreed to be named (roster names or ids). */
    privacy: z
      .object({ minRaters: z.number().int().min(1).max(20).optional(), named: z.array(text).optional() })
      .strict()
      .optional(),
    /** An actor named in a round but not on the roster: `reject` the row (default) or `add` it to the roster as a write-in. */
    unknownActor: z.enum(['reject', 'add']).optional(),
    strongTie: z
      .object({
        minCriteria: z.number().int().min(1).max(4).optional(),
        frequency: z.number().int().min(0).max(4).optional(),
        cooperation: z.number().int().min(0).max(5).optional(),
      })
      .strict()
      .optional(),
    cooperatingLevel: z.number().int().min(1).max(5).optional(),
    topActors: z.number().int().min(3).max(50).optional(),
    /**
     * Which changes are tested: `primary` lists figure ids (default known, trust, cooperation), each optionally with the
     * direction of its test (`{ figure: trust, direction: up }`; up | down | two-sided; default: from the plan, else two-sided).
     */
    analysis: z
      .object({
        primary: z
          .array(
            z.union([
              z.enum(TESTABLE as [string, ...string[]]),
              z
                .object({ figure: z.enum(TESTABLE as [string, ...string[]]), direction: z.enum(['up', 'down', 'two-sided']).optional() })
                .strict(),
            ]),
          )
          .min(1)
          .max(6)
          .refine(
            (list) => new Set(list.map((p) => (typeof p === 'string' ? p : p.figure))).size === list.length,
            'a figure is listed twice',
          )
          .optional(),
        /** A comparison group (no intervention): the combined view of a folder compares the other groups with it. */
        comparison: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CaseSpec = z.infer<typeof CaseSpec>;

export interface CaseConfig {
  dir: string;
  case: CaseInfo;
  rounds: Round[];
  /** How to read each round's file, by round id (top-level `import` merged with the round's own). */
  imports: Record<string, ImportSpec>;
  /** Files in `rounds/` that are not read (no config, and not a round file type), relative to the case folder. */
  ignored: string[];
  unknownActor: 'reject' | 'add';
  /** Respondents who agreed to be named in shared editions (as written in case.yaml). */
  named: string[];
  /** case.yaml `analysis.comparison`: a comparison group, without the intervention (default false). */
  comparison: boolean;
  settings: Settings;
}

/** A path from the config, resolved inside the case folder; anything that leaves it is refused, by name or by a link. */
export function insideCase(dir: string, file: string, configName: string): string {
  const full = resolve(dir, file);
  const rel = relative(resolve(dir), full);
  if (rel.startsWith('..') || rel.includes(`..${sep}`) || resolve(rel) === rel) {
    throw new JejaringError('CONFIG_PATH_OUTSIDE', { path: file }, { file: configName });
  }
  refuseLinkOut(dir, full, join(basename(resolve(dir)), file));
  return full;
}

/** Refuse a path inside the case folder that is, or passes through, a link to a place outside it. */
function refuseLinkOut(dir: string, full: string, display: string): void {
  let real: string;
  try {
    lstatSync(full);
  } catch {
    return; // not there: whoever reads it says so
  }
  try {
    real = realpathSync(full);
  } catch (cause) {
    throw new JejaringError('FILE_LINK_BROKEN', {}, { file: display }, 1, { cause });
  }
  const root = realpathSync(dir);
  const rel = relative(root, real);
  if (rel.startsWith(`..${sep}`) || rel === '..' || resolve(rel) === rel)
    throw new JejaringError('FILE_OUTSIDE_CASE', { target: real }, { file: display });
}

/** The most bytes a config file (case.yaml, case.json, plan.yaml) may have: a real one is a few KB. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_ALIASES = 100;
const MAX_DEPTH = 32;

/** Line and column (1-based) of a character offset. */
function position(text: string, offset: number): { line: number; column: string } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: String(offset - before.lastIndexOf('\n')) };
}

function depth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    deepest = Math.max(deepest, d);
    if (d > MAX_DEPTH) break;
    if (v !== null && typeof v === 'object') for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

/**
 * A YAML or JSON config file's value, within the limits above; every fault is one error with the
 * file, and the line and column where there is one.
 */
export function readConfigFile(path: string, file: string): unknown {
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw new JejaringError('FILE_NOT_REGULAR', {}, { file });
    bytes = readFileSync(path, { flag: 'r' });
  } catch (cause) {
    if (cause instanceof JejaringError) throw cause;
    throw new JejaringError('FILE_MISSING', {}, { file }, 1, { cause });
  }
  if (bytes.length > MAX_CONFIG_BYTES)
    throw new JejaringError('CONFIG_TOO_LARGE', { size: Math.ceil(bytes.length / 1024), limit: MAX_CONFIG_BYTES / 1024 }, { file });
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes.subarray(start));
    throw new JejaringError('CONFIG_NOT_UTF8', {}, { file, ...position(lossy, Math.max(0, lossy.indexOf('\uFFFD'))) });
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  const control = text.search(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
  if (control >= 0) {
    const code = `U+${text.charCodeAt(control).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new JejaringError('CONFIG_CONTROL_CHAR', { char: code }, { file, ...position(text, control) });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    if (error.code === 'RESOURCE_EXHAUSTION') throw new JejaringError('CONFIG_TOO_DEEP', { limit: MAX_DEPTH }, { file });
    const at = lineCounter.linePos(error.pos[0]);
    throw new JejaringError('CONFIG_SYNTAX', { detail: error.code }, { file, line: at.line, column: String(at.col) });
  }
  let firstAlias: number | null = null;
  visit(doc, {
    Alias(_, node) {
      firstAlias ??= node.range?.[0] ?? null;
    },
  });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (cause) {
    // the yaml library refuses an alias that expands too far (an anchor bomb) with a ReferenceError
    const at = firstAlias !== null ? lineCounter.linePos(firstAlias) : null;
    throw new JejaringError(
      'CONFIG_ALIASES',
      { limit: MAX_ALIASES },
      { file, line: at?.line ?? null, column: at ? String(at.col) : null },
      1,
      { cause },
    );
  }
  if (depth(value) > MAX_DEPTH) throw new JejaringError('CONFIG_TOO_DEEP', { limit: MAX_DEPTH }, { file });
  return value;
}

/** A case file (actors.csv, plan.yaml, …) by its path if it is there, after the link check; null if absent. */
export function caseFile(dir: string, name: string, display: string): string | null {
  const path = join(dir, name);
  try {
    lstatSync(path);
  } catch {
    return null;
  }
  refuseLinkOut(dir, path, join(display, name));
  return path;
}

function readSpec(dir: string, display: string): { spec: CaseSpec | null; configName: string } {
  const present = CONFIG_FILES.filter((f) => caseFile(dir, f, display) !== null);
  if (present.length > 1) throw new JejaringError('CONFIG_BOTH', { files: present.join(', ') }, { file: join(display, present[1]!) });
  const name = present[0];
  if (!name) return { spec: null, configName: join(display, CONFIG_FILE) };
  const file = join(display, name);
  const parsed = CaseSpec.safeParse(readConfigFile(join(dir, name), file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.') || '(root)';
    const detail = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    throw new JejaringError('CONFIG_INVALID', { key, detail }, { file });
  }
  return { spec: parsed.data, configName: file };
}

/**
 * The round files of a case without a config: the files of `rounds/` with a round extension, in name
 * order, each checked for links out of the case; hidden files and Excel's lock files (`~$…`) are
 * passed over, any other file is returned as not read.
 */
function roundFiles(dir: string, display: string): { files: string[]; ignored: string[] } {
  const roundsDir = join(dir, 'rounds');
  refuseLinkOut(dir, roundsDir, join(display, 'rounds'));
  if (!existsSync(roundsDir) || !statSync(roundsDir).isDirectory()) return { files: [], ignored: [] };
  const files: string[] = [];
  const ignored: string[] = [];
  for (const f of readdirSync(roundsDir).sort()) {
    if (f.startsWith('.') || f.startsWith('~$')) continue;
    const ext = extname(f).toLowerCase();
    const path = `rounds/${f}`;
    if ((ROUND_EXTENSIONS as readonly string[]).includes(ext)) files.push(path);
    else ignored.push(path);
  }
  return { files, ignored };
}

/** Today's date is never used: the report date comes from SOURCE_DATE_EPOCH or the config. */
function reportDate(spec: CaseSpec | null, env: NodeJS.ProcessEnv): string | null {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  return spec?.report?.date ?? null;
}

/**
 * Load a case folder. `roundsOptional` (the workbench, for a case just created) gives a case with
 * no rounds instead of stopping with NO_ROUNDS.
 */
export function loadCase(
  dirArg: string,
  tr: Translator,
  env: NodeJS.ProcessEnv = process.env,
  { roundsOptional = false } = {},
): CaseConfig {
  const dir = resolve(dirArg);
  const display = dirArg.replace(/[\\/]+$/, '');
  if (!existsSync(dir)) throw new JejaringError('CASE_MISSING', { path: dir }, null, 2);
  const { spec, configName } = readSpec(dir, basename(dir));
  for (const f of CASE_FILES) caseFile(dir, f, basename(dir));

  let rounds: Round[];
  let ignored: string[] = [];
  if (spec?.rounds) {
    const ids = new Set<string>();
    rounds = spec.rounds.map((r) => {
      if (ids.has(r.id))
        throw new JejaringError('CONFIG_INVALID', { key: 'rounds', detail: `duplicate id "${r.id}"` }, { file: configName });
      ids.add(r.id);
      insideCase(dir, r.file, configName);
      return { id: r.id, label: (tr.lang === 'en' ? r.label_en : undefined) ?? r.label, date: r.date ?? null, file: r.file };
    });
  } else {
    const found = roundFiles(dir, basename(dir));
    ignored = found.ignored;
    if (found.files.length === 0 && !roundsOptional) throw new JejaringError('NO_ROUNDS', {}, { file: join(display, 'rounds') });
    const ids = new Set<string>();
    rounds = found.files.map((f, i) => {
      insideCase(dir, f, configName);
      const stem = basename(f, extname(f)).replace(/[^A-Za-z0-9_-]+/g, '-');
      // r1.csv and r1.xlsx side by side: the second is r1-xlsx
      const id = ids.has(stem) ? `${stem}-${extname(f).slice(1).toLowerCase()}` : stem;
      ids.add(id);
      return { id, label: tr.t('round.default', { n: i + 1 }), date: null, file: f };
    });
  }

  const imports: Record<string, ImportSpec> = {};
  for (const r of rounds) {
    const own = spec?.rounds?.find((x) => x.id === r.id)?.import;
    imports[r.id] = { ...spec?.import, ...own };
  }
  const info = spec?.case;
  return {
    dir,
    case: {
      name: basename(dir),
      group: info?.group ?? basename(dir),
      rw: info?.rw ?? null,
      kelurahan: info?.kelurahan ?? null,
      kecamatan: info?.kecamatan ?? null,
      kota: info?.kota ?? null,
    },
    rounds,
    imports,
    ignored,
    unknownActor: spec?.unknownActor ?? 'reject',
    named: spec?.privacy?.named ?? [],
    comparison: spec?.analysis?.comparison ?? false,
    settings: {
      audience: 'internal',
      minRaters: spec?.privacy?.minRaters ?? DEFAULTS.minRaters,
      trustScale: spec?.trustScale ?? 5,
      reportDate: reportDate(spec, env),
      strongTie: { ...DEFAULTS.strongTie, ...spec?.strongTie },
      cooperatingLevel: spec?.cooperatingLevel ?? DEFAULTS.cooperatingLevel,
      topActors: spec?.topActors ?? DEFAULTS.topActors,
      analysis: {
        primary: (spec?.analysis?.primary ?? DEFAULT_PRIMARY).map((p) =>
          typeof p === 'string' ? { figure: p, direction: null } : { figure: p.figure, direction: p.direction ?? null },
        ),
      },
    },
  };
}

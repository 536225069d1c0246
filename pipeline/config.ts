/**
 * The case: a folder with `actors.csv`, `rounds/*.csv` and an optional `case.yaml`.
 *
 * `case.yaml` (JSON is accepted too: it is valid YAML) is validated by one zod schema that also
 * gives the TypeScript type; the user's spec is normalised once into a fully resolved
 * `CaseConfig` with every default filled in (defaults live in `DEFAULTS`). With no config file the
 * rounds are the files in `rounds/` in name order and the group is named after the folder.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { JejaringError } from './errors.ts';
import { DEFAULT_PRIMARY, TESTABLE } from './figures.ts';
import type { Translator } from './i18n.ts';
import type { CaseInfo, Round, Settings } from './model/responses.ts';

export const CONFIG_FILE = 'case.yaml';

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
const WIDE = ['trust', 'cooperation', 'frequency', 'resources', 'formal', 'known'] as const;

/** How to read an export; at the top level for every round, or per round (merged over it). */
const ImportSpec = z
  .object({
    /** `auto` (default): .zip → odk-zip, .xlsx → xlsx, a CSV with respondent and actor columns → long, else wide. */
    format: z.enum(FORMATS).optional(),
    /** Long files: the header that holds each field, when it is not one of the known names. */
    columns: z.partialRecord(z.enum(FIELDS), text).optional(),
    /** Wide files: words that identify each question in a header (replace the built-in keywords). */
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
  unknownActor: 'reject' | 'add';
  /** Respondents who agreed to be named in shared editions (as written in case.yaml). */
  named: string[];
  settings: Settings;
}

/** A path from the config, resolved inside the case folder; anything that leaves it is refused. */
export function insideCase(dir: string, file: string, configName: string): string {
  const full = resolve(dir, file);
  const rel = relative(resolve(dir), full);
  if (rel.startsWith('..') || rel.includes(`..${sep}`) || resolve(rel) === rel) {
    throw new JejaringError('CONFIG_PATH_OUTSIDE', { path: file }, { file: configName });
  }
  return full;
}

function readSpec(dir: string, display: string): CaseSpec | null {
  const path = join(dir, CONFIG_FILE);
  if (!existsSync(path)) return null;
  const file = join(display, CONFIG_FILE);
  const doc = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line ?? null;
    throw new JejaringError('CONFIG_SYNTAX', { detail: yamlError.code }, { file, line });
  }
  const parsed = CaseSpec.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.') || '(root)';
    const detail = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    throw new JejaringError('CONFIG_INVALID', { key, detail }, { file });
  }
  return parsed.data;
}

/** Today's date is never used: the report date comes from SOURCE_DATE_EPOCH or the config. */
function reportDate(spec: CaseSpec | null, env: NodeJS.ProcessEnv): string | null {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  return spec?.report?.date ?? null;
}

export function loadCase(dirArg: string, tr: Translator, env: NodeJS.ProcessEnv = process.env): CaseConfig {
  const dir = resolve(dirArg);
  const display = dirArg.replace(/[\\/]+$/, '');
  if (!existsSync(dir)) throw new JejaringError('CASE_MISSING', {}, { file: display }, 2);
  const spec = readSpec(dir, display);
  const configName = join(display, CONFIG_FILE);

  let rounds: Round[];
  if (spec?.rounds) {
    const ids = new Set<string>();
    rounds = spec.rounds.map((r) => {
      if (ids.has(r.id))
        throw new JejaringError('CONFIG_INVALID', { key: 'rounds', detail: `duplicate id "${r.id}"` }, { file: configName });
      ids.add(r.id);
      insideCase(dir, r.file, configName);
      return { id: r.id, label: r.label, date: r.date ?? null, file: r.file };
    });
  } else {
    const roundsDir = join(dir, 'rounds');
    const files = existsSync(roundsDir)
      ? readdirSync(roundsDir)
          .filter((f) => extname(f).toLowerCase() === '.csv')
          .sort()
      : [];
    if (files.length === 0) throw new JejaringError('NO_ROUNDS', {}, { file: join(display, 'rounds') });
    rounds = files.map((f, i) => ({
      id: basename(f, extname(f)).replace(/[^A-Za-z0-9_-]+/g, '-'),
      label: tr.t('round.default', { n: i + 1 }),
      date: null,
      file: `rounds/${f}`,
    }));
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
    unknownActor: spec?.unknownActor ?? 'reject',
    named: spec?.privacy?.named ?? [],
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

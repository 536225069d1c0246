/**
 * The commands of `jejaring`, each with the options it takes and what it does. A command turns
 * its parsed options into the spine's options (paths resolved against the folder the user typed
 * the command in) and calls one function; it never prints or exits (main.ts does).
 */
import { existsSync, statSync } from 'node:fs';
import { loadCase } from '../config.ts';
import type { Audience } from '../edition.ts';
import { JejaringError } from '../errors.ts';
import type { Lang, Translator } from '../i18n.ts';
import { writeQuestionnaire } from '../questionnaire.ts';
import { type Effects, merge, type RunOptions, run, STAGES, type Stage } from '../run.ts';
import { parseShard } from '../shards.ts';
import { serveStudio } from '../studio/server.ts';
import type { OptionDef, OptionName, Values } from './options.ts';
import { OPTIONS } from './options.ts';

export interface Context {
  tr: Translator;
  effects: Effects;
  /** A path as typed → an absolute path (relative to the user's folder; defaults relative to the project). */
  path(typed: string): string;
  /** The sample case, for a command given no case folder. */
  sample: string;
}

export interface CommandDef {
  name: string;
  options: readonly OptionName[];
  /** Whether the command takes a case folder (if not, its usage shows none, one given is a usage error, and `run` gets ''). */
  takesCase: boolean;
  run(values: Values, caseDir: string, ctx: Context): Promise<void>;
}

const BUILD = ['out', 'lang', 'audience', 'browser', 'strict', 'help'] as const satisfies readonly OptionName[];

const value = (values: Values, name: OptionName): string => String(values[name] ?? (OPTIONS[name] as OptionDef).default ?? '');
const flag = (values: Values, name: OptionName): boolean => values[name] === true;

/** The case folder a command works on: it must exist and be a folder (else exit 2, saying where it looked). */
export function caseFolder(path: string): string {
  if (!existsSync(path)) throw new JejaringError('CASE_MISSING', { path }, null, 2);
  if (!statSync(path).isDirectory()) throw new JejaringError('CASE_NOT_FOLDER', { path }, null, 2);
  return path;
}

function runOptions(values: Values, caseDir: string, ctx: Context, until: Stage | undefined): RunOptions {
  const browser = values.browser === undefined ? null : ctx.path(String(values.browser));
  return {
    positional: [caseDir],
    out: ctx.path(value(values, 'out')),
    lang: value(values, 'lang') as Lang,
    pdf: !flag(values, 'no-pdf'),
    browser,
    check: flag(values, 'check'),
    strict: flag(values, 'strict'),
    audience: value(values, 'audience') as Audience,
    ...(until ? { until } : {}),
    ...(values.shard === undefined ? {} : { shard: parseShard(String(values.shard)) }),
  };
}

const stageCommand = (stage: Stage): CommandDef => ({
  name: stage,
  options: BUILD,
  takesCase: true,
  run: async (values, caseDir, ctx) => void (await run(runOptions(values, caseDir, ctx, stage), ctx.tr, ctx.effects)),
});

export const COMMANDS: readonly CommandDef[] = [
  {
    name: 'report',
    options: ['out', 'lang', 'audience', 'no-pdf', 'browser', 'check', 'strict', 'shard', 'help'],
    takesCase: true,
    run: async (values, caseDir, ctx) => void (await run(runOptions(values, caseDir, ctx, undefined), ctx.tr, ctx.effects)),
  },
  {
    name: 'merge',
    options: ['out', 'lang', 'audience', 'no-pdf', 'browser', 'help'],
    takesCase: true,
    run: async (values, caseDir, ctx) => void (await merge(runOptions(values, caseDir, ctx, undefined), ctx.tr, ctx.effects)),
  },
  {
    name: 'check',
    options: ['lang', 'strict', 'help'],
    takesCase: true,
    run: async (values, caseDir, ctx) =>
      void (await run({ ...runOptions(values, caseDir, ctx, 'ingest'), check: true }, ctx.tr, ctx.effects)),
  },
  {
    name: 'questionnaire',
    options: ['out', 'lang', 'no-pdf', 'browser', 'help'],
    takesCase: true,
    async run(values, caseDir, ctx) {
      const options = runOptions(values, caseDir, ctx, undefined);
      const target = await writeQuestionnaire(loadCase(caseDir, ctx.tr), ctx.tr, options.out, options.pdf, options.browser);
      ctx.effects.result(ctx.tr.t('questionnaire.cli', { path: target }));
    },
  },
  {
    name: 'run',
    options: ['until', ...BUILD],
    takesCase: true,
    run: async (values, caseDir, ctx) =>
      void (await run(runOptions(values, caseDir, ctx, value(values, 'until') as Stage), ctx.tr, ctx.effects)),
  },
  ...STAGES.map(stageCommand),
  {
    name: 'studio',
    options: ['workspace', 'port', 'lang', 'help'],
    takesCase: false,
    run: (values, _caseDir, ctx) => serveStudio(ctx.path(value(values, 'workspace')), value(values, 'port'), ctx.tr, ctx.effects),
  },
];

export const commandNamed = (name: string) => COMMANDS.find((c) => c.name === name);

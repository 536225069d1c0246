/**
 * The command line's options, each defined once with its type, default, allowed values and the
 * locale key of its help text, and one parser for every command: `--name value`, `--name=value`,
 * `-h`, `--` before positionals that start with `-`. Values with a fixed set of choices are read
 * without regard to case (`--lang EN`). An unknown option or value is a usage error (exit 2) that
 * names the closest choice ("did you mean").
 */
import { distance } from 'fastest-levenshtein';
import { AUDIENCES, DEFAULT_AUDIENCE } from '../edition.ts';
import { JejaringError } from '../errors.ts';
import { LANGS } from '../i18n.ts';
import { STAGES } from '../run.ts';

export interface OptionDef {
  type: 'string' | 'boolean';
  short?: string;
  /** The allowed values (compared without case), when fixed. */
  values?: readonly string[];
  default?: string | boolean;
  /** Shown in the help after the option: `--out DIR`. */
  placeholder?: string;
}

export const OPTIONS = {
  out: { type: 'string', default: 'out', placeholder: 'DIR' },
  lang: { type: 'string', values: LANGS, default: 'id', placeholder: 'id|en' },
  audience: { type: 'string', values: AUDIENCES, default: DEFAULT_AUDIENCE, placeholder: AUDIENCES.join('|') },
  'no-pdf': { type: 'boolean', default: false },
  browser: { type: 'string', placeholder: 'PATH' },
  check: { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  shard: { type: 'string', placeholder: 'K/N' },
  until: { type: 'string', values: STAGES, default: 'pdf', placeholder: STAGES.join('|') },
  workspace: { type: 'string', default: 'data', placeholder: 'DIR' },
  port: { type: 'string', default: '8640', placeholder: 'N' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'V', default: false },
} as const satisfies Record<string, OptionDef>;

export type OptionName = keyof typeof OPTIONS;
export type Values = { [K in OptionName]?: string | boolean };

/** The choice closest to `typed`, when one is close enough to be a likely typo. */
export function closest(typed: string, choices: readonly string[]): string | null {
  const t = typed.toLowerCase();
  let best: { choice: string; d: number } | null = null;
  for (const choice of choices) {
    const d = distance(t, choice.toLowerCase());
    if (!best || d < best.d) best = { choice, d };
  }
  return best && best.d <= Math.max(1, Math.floor(typed.length / 3)) ? best.choice : null;
}

const suggestion = (typed: string, choices: readonly string[]) => {
  const near = closest(typed, choices);
  return near ? near : '';
};

/** Parse `args` for a command that accepts `allowed` options; values not given are left out (defaults are the caller's). */
export function parseOptions(args: string[], allowed: readonly OptionName[]): { values: Values; positionals: string[] } {
  const values: Values = {};
  const positionals: string[] = [];
  const byShort = new Map(allowed.flatMap((name) => ('short' in OPTIONS[name] ? [[OPTIONS[name].short, name] as const] : [])));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const [raw, inline] = arg.startsWith('--') ? splitInline(arg.slice(2)) : [byShort.get(arg.slice(1) as never) ?? arg, undefined];
    const name = raw as OptionName;
    if (!(allowed as readonly string[]).includes(name)) {
      const choices = allowed.map((o) => `--${o}`);
      throw new JejaringError('USAGE_UNKNOWN_OPTION', { option: arg.split('=')[0]!, suggestion: suggestion(`--${raw}`, choices) }, null, 2);
    }
    const def: OptionDef = OPTIONS[name];
    if (def.type === 'boolean') {
      if (inline !== undefined) throw new JejaringError('USAGE_NO_VALUE', { option: `--${name}` }, null, 2);
      values[name] = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new JejaringError('USAGE_MISSING_VALUE', { option: `--${name}`, placeholder: def.placeholder ?? '' }, null, 2);
    }
    values[name] = def.values ? choice(name, value, def.values) : value;
  }
  return { values, positionals };
}

function splitInline(text: string): [string, string | undefined] {
  const eq = text.indexOf('=');
  return eq < 0 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
}

/** A value from a fixed set, read without regard to case and surrounding spaces. */
function choice(name: string, value: string, allowed: readonly string[]): string {
  const found = allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase());
  if (found) return found;
  const near = closest(value, allowed);
  throw new JejaringError('USAGE_VALUE', { option: `--${name}`, value, allowed: allowed.join(', '), suggestion: near ?? '' }, null, 2);
}

/**
 * `--help` texts, in the chosen language, from the locale files (`cli.help.*`): the list of
 * commands, and for each command its synopsis, what it does, every option with its default, and
 * the exit codes.
 */
import type { Translator } from '../i18n.ts';
import { COMMANDS, type CommandDef } from './commands.ts';
import { OPTIONS, type OptionDef } from './options.ts';

const WIDTH = 80;
const LEFT = 24;

/** Words of `text` in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** Two columns in 80 characters: a long left cell puts its text on the lines below. */
const column = (rows: [string, string][]) =>
  rows
    .flatMap(([a, b]) => {
      const text = wrap(b, WIDTH - LEFT - 4).map((l) => `${' '.repeat(LEFT + 4)}${l}`);
      if (a.length <= LEFT) text[0] = `  ${a.padEnd(LEFT + 2)}${text[0]!.trimStart()}`;
      else text.unshift(`  ${a}`);
      return text;
    })
    .join('\n');

export function generalHelp(tr: Translator, version: string): string {
  return [
    tr.t('cli.help.title', { version }),
    '',
    tr.t('cli.help.usage'),
    '',
    tr.t('cli.help.commands'),
    column(COMMANDS.map((c) => [c.name, tr.t(`cli.help.command.${c.name}`)])),
    '',
    tr.t('cli.help.more'),
    ...wrap(tr.t('cli.help.exitCodes'), WIDTH),
    '',
  ].join('\n');
}

export function commandHelp(command: CommandDef, tr: Translator): string {
  const rows: [string, string][] = [];
  if (command.takesCase) rows.push([tr.t('cli.help.caseArg'), tr.t('cli.help.caseText')]);
  for (const name of command.options) {
    const def: OptionDef = OPTIONS[name];
    const short = def.short ? `-${def.short}, ` : '';
    const left = `${short}--${name}${def.placeholder ? ` ${def.placeholder}` : ''}`;
    const text = tr.t(`cli.help.option.${name}`);
    const shownDefault =
      def.type === 'string' && def.default !== undefined ? ` ${tr.t('cli.help.default', { value: String(def.default) })}` : '';
    rows.push([left, `${text}${shownDefault}`]);
  }
  return [
    // a command that takes no case folder shows none in its usage line
    tr.t(command.takesCase ? 'cli.help.commandUsage' : 'cli.help.commandUsageNoCase', { command: command.name }),
    ...(command.name === 'report' ? [tr.t('cli.help.npmUsage')] : []),
    '',
    ...wrap(tr.t(`cli.help.command.${command.name}`), WIDTH),
    '',
    column(rows),
    '',
    ...wrap(tr.t('cli.help.exitCodes'), WIDTH),
    '',
  ].join('\n');
}

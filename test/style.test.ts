/**
 * Habits that keep the code readable: every source line fits the formatter's width (biome.json,
 * `lineWidth`), also where the formatter cannot break it (long strings, comments).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const WIDTH = (JSON.parse(readFileSync('biome.json', 'utf8')) as { formatter: { lineWidth: number } }).formatter.lineWidth;
const sources = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts'], { encoding: 'utf8' }).split('\n').filter(Boolean);

describe('source lines', () => {
  it(`are at most ${WIDTH} characters`, () => {
    const long = sources.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => ([...line].length > WIDTH ? [`${f}:${i + 1} (${[...line].length})`] : [])),
    );
    expect(long).toEqual([]);
  });
});

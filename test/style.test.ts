/**
 * Habits that keep the code readable: every source line fits the formatter's width (biome.json,
 * `lineWidth`), also where the formatter cannot break it (long strings, comments); no import
 * cycle in pipeline/ (type-only imports included); only the front door (pipeline/cli/) speaks to
 * the command line.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import madge from 'madge';
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

describe('the structure of pipeline/', async () => {
  const graph = await madge('pipeline', { fileExtensions: ['ts'] });
  it('has no import cycle', () => {
    expect(graph.circular()).toEqual([]);
  });
  it('is entered through pipeline/cli/ only: no other module imports it', () => {
    const intoCli = Object.entries(graph.obj()).filter(([from, to]) => !from.startsWith('cli/') && to.some((t) => t.startsWith('cli/')));
    expect(intoCli).toEqual([]);
  });
  it('the type files import no code', () => {
    const model = Object.entries(graph.obj()).filter(([from]) => from.startsWith('model/'));
    expect(model.length).toBeGreaterThan(4);
    for (const [file] of model) {
      const imports = readFileSync(`pipeline/${file}`, 'utf8').match(/^import .*$/gm) ?? [];
      expect(
        imports.filter((line) => !line.startsWith('import type ')),
        file,
      ).toEqual([]);
    }
  });
});

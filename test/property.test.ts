/**
 * Property tests (fast-check) on ingest:
 * - any canonical tie file our CSV writer produces reads back to the same ties, whatever the
 *   names hold (quotes, commas, semicolons, newlines, emoji, right-to-left text);
 * - random bytes never crash the process: they give a clear JejaringError or a logged read;
 * - a JSON file written in pieces (metrics.json of a city-wide case) has exactly the characters of
 *   the same value written at once, whatever the value holds, and its file holds exactly them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JejaringError } from '../pipeline/errors.ts';
import { ingestCase } from '../pipeline/ingest.ts';
import { csv, json, jsonChunks, writeData } from '../pipeline/output.ts';
import { tempDir, tr } from './helpers.ts';

const nameChar = fc.constantFrom(...Array.from('abcdefghijklmnopqrstuvwxyz ABCXYZ"\',;\n\t.-_éñ😀مرحبا<>&'), 'שלום', '🇮🇩');
/** Names as people type them: not empty after trimming, no leading formula character. */
const name = fc
  .array(nameChar, { minLength: 1, maxLength: 20 })
  .map((cs) => cs.join(''))
  .filter((s) => s.trim().length > 0 && !/^[=+\-@\t\r]/.test(s) && !/^[=+\-@]/.test(s.trim()) && !s.includes('\r'));

function writeCase(actors: string[], ties: { from: number; to: number; trust: number; cooperation: number }[]) {
  const dir = join(tempDir(), 'kasus');
  mkdirSync(join(dir, 'rounds'), { recursive: true });
  writeFileSync(
    join(dir, 'actors.csv'),
    csv(
      actors.map((a, i) => ({ id: `a${i}`, actor: a, category: i < 2 ? 'internal' : 'pemasaran' })),
      ['id', 'actor', 'category'],
    ),
  );
  writeFileSync(
    join(dir, 'rounds', 'r1.csv'),
    csv(
      ties.map((t) => ({ respondent: `a${t.from}`, actor: actors[t.to], trust: t.trust, cooperation: t.cooperation })),
      ['respondent', 'actor', 'trust', 'cooperation'],
    ),
  );
  return dir;
}

describe('round trip', () => {
  it('any tie file the writer produces reads back to the same ties', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .uniqueArray(name, {
            minLength: 3,
            maxLength: 6,
            selector: (s) =>
              s
                .trim()
                .toLowerCase()
                .replace(/[^\p{L}\p{N}]+/gu, ' ')
                .trim(),
          })
          .filter((xs) => xs.every((x) => x.replace(/[^\p{L}\p{N}]+/gu, '').length > 0)),
        fc.array(
          fc.record({ from: fc.nat(1), to: fc.nat(5), trust: fc.integer({ min: 1, max: 5 }), cooperation: fc.integer({ min: 0, max: 5 }) }),
          { maxLength: 8 },
        ),
        async (actors, raw) => {
          const ties = raw.filter((t) => t.to < actors.length && t.to !== t.from);
          const unique = [...new Map(ties.map((t) => [`${t.from}>${t.to}`, t])).values()];
          const { responses } = await ingestCase(writeCase(actors, unique), tr);
          const got = responses.rounds[0]!.ties.map((t) => `${t.from}>${t.to}:${t.trust}/${t.cooperation}`).sort();
          expect(got).toEqual(unique.map((t) => `a${t.from}>a${t.to}:${t.trust}/${t.cooperation}`).sort());
          expect(responses.actors.map((a) => a.name)).toEqual(actors.map((a) => a.trim()));
        },
      ),
      { numRuns: 60, seed: 20261122 },
    );
  });
});

describe('noise', () => {
  it('random bytes in a round file never crash: a clear error or a logged read', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 400 }), async (bytes) => {
        const dir = writeCase(['Ani', 'Budi', 'Warung'], []);
        writeFileSync(join(dir, 'rounds', 'r1.csv'), bytes);
        try {
          const { responses } = await ingestCase(dir, tr);
          expect(responses.summary.rowsRead).toBeGreaterThanOrEqual(0);
        } catch (e) {
          expect(e).toBeInstanceOf(JejaringError);
          expect((e as JejaringError).where?.file).toContain('r1.csv');
        }
      }),
      { numRuns: 150, seed: 20261122 },
    );
  });
});

describe('JSON in pieces', () => {
  const joined = (value: unknown, depth?: number) => [...jsonChunks(value, depth).chunks].join('');

  it('gives the characters of JSON.stringify with two-space indent, at every depth of splitting', () => {
    // values as JSON.stringify meets them: undefined members, non-finite numbers, −0, empty containers, dates, nested arrays
    const leaf = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constant(-0),
      fc.constant(Number.NaN),
      fc.date({ noInvalidDate: true }),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('node'), { maxLength: 4 }),
      object: fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 4 }),
    })).node;
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 5 }), (v, depth) => {
        if (v === undefined) return; // JSON.stringify(undefined) is no JSON text
        expect(joined(v, depth)).toBe(json(v));
      }),
      { numRuns: 500 },
    );
  });

  it("gives the sample's golden metrics.json byte for byte", () => {
    const text = readFileSync(join('test', 'golden', 'sample', 'metrics.json'), 'utf8');
    expect(joined(JSON.parse(text))).toBe(text);
  });

  it('is written to its file as the same text, in blocks, whatever the pieces and where they fall', () => {
    // a city-sized file in pieces of every size, multi-byte characters among them, past several blocks
    const pieces = Array.from({ length: 60_000 }, (_, i) => `${'é😀a'.repeat(i % 23)}${i % 997 === 0 ? 'x'.repeat(300_000) : ''},\n`);
    const path = join(tempDir(), 'big.json');
    const length = writeData(path, { chunks: pieces });
    const text = pieces.join('');
    expect(text.length).toBeGreaterThan(4 * (1 << 20));
    expect(length).toBe(text.length);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});

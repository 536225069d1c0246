/**
 * rounds/<round>.gexf: GEXF 1.3 that keeps the layout in Gephi. Read back with a
 * namespace-aware XML parser (every node has a `viz:position` in the viz namespace, at the union
 * layout's place), with graphology-gexf's reader, and validated against the GEXF 1.3 RELAX NG
 * schema (test/fixtures/gexf-1.3) where xmllint is installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { DirectedGraph } from 'graphology';
import gexf from 'graphology-gexf';
import { beforeAll, describe, expect, it } from 'vitest';
import { GEXF_NS, GEXF_VIZ_NS, roundGexf, xmlAttr } from '../pipeline/gexf.ts';
import type { Networks } from '../pipeline/model/responses.ts';
import { fixture, runToMetrics, SAMPLE, tempDir } from './helpers.ts';

const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

describe('GEXF of the sample', () => {
  let networks: Networks;
  let files: string[];
  beforeAll(async () => {
    ({ networks } = await runToMetrics(SAMPLE));
    files = networks.rounds.map((r) => roundGexf(r, networks.layout));
  });

  it('is GEXF 1.3 with every node at its layout position, in the viz namespace', () => {
    for (const [i, xml] of files.entries()) {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const root = doc.documentElement!;
      expect(root.namespaceURI).toBe(GEXF_NS);
      expect(root.getAttribute('version')).toBe('1.3');
      const nodes = Array.from(doc.getElementsByTagNameNS(GEXF_NS, 'node'));
      expect(nodes).toHaveLength(networks.actors.length);
      for (const node of nodes) {
        const id = node.getAttribute('id')!;
        const [position] = Array.from(node.getElementsByTagNameNS(GEXF_VIZ_NS, 'position'));
        expect(position, id).toBeDefined();
        const p = networks.layout[id]!;
        expect(Number(position!.getAttribute('x'))).toBeCloseTo(p.x * 1000, 1);
        expect(Number(position!.getAttribute('y'))).toBeCloseTo((1 - p.y) * 1000, 1);
      }
      expect(doc.getElementsByTagNameNS(GEXF_NS, 'edge')).toHaveLength(networks.rounds[i]!.graph.edges!.length);
    }
  });

  it('reads back with graphology-gexf: names, categories, positions, ties and their attributes', () => {
    for (const [i, xml] of files.entries()) {
      const graph = gexf.parse(DirectedGraph, xml);
      const round = networks.rounds[i]!;
      expect(graph.order).toBe(networks.actors.length);
      expect(graph.size).toBe(round.graph.edges!.length);
      for (const a of networks.actors) {
        const attrs = graph.getNodeAttributes(a.id);
        expect([attrs.label, attrs.category]).toEqual([a.name, a.category]);
        expect(typeof attrs.x).toBe('number');
        expect(typeof attrs.y).toBe('number');
      }
      const e = round.graph.edges!.find((x) => x.attributes!.origin === 'survey' && x.attributes!.trust !== null)!;
      const back = graph.getEdgeAttributes(e.source, e.target);
      expect([back.trust, back.cooperation, back.origin, back.strong]).toEqual([
        e.attributes!.trust,
        e.attributes!.cooperation,
        'survey',
        e.attributes!.strong,
      ]);
    }
  });

  it('writes the same bytes for the same network', () => {
    expect(networks.rounds.map((r) => roundGexf(r, networks.layout))).toEqual(files);
  });

  it.skipIf(!hasXmllint)('validates against the GEXF 1.3 RELAX NG schema', () => {
    const dir = tempDir();
    for (const [i, xml] of files.entries()) {
      const file = join(dir, `${i}.gexf`);
      writeFileSync(file, xml);
      execFileSync('xmllint', ['--noout', '--relaxng', fixture('gexf-1.3/gexf.rng'), file], { stdio: 'pipe' });
    }
  });
});

it('escapes names from data and drops the control characters XML forbids', () => {
  expect(xmlAttr('Toko "A&B" <1>\u0007\tx')).toBe('Toko &quot;A&amp;B&quot; &lt;1&gt;&#9;x');
  const round = {
    round: { id: 'r', label: 'R & D', date: null, file: 'r.csv' },
    respondents: [],
    graph: {
      options: { type: 'directed' as const, multi: false, allowSelfLoops: false },
      attributes: {},
      nodes: [
        {
          key: 'a',
          attributes: {
            name: 'Warung "Bu Ani" & <anak>',
            type: 'warung',
            category: 'pemasaran' as const,
            member: false,
            respondent: false,
          },
        },
      ],
      edges: [],
    },
  };
  const xml = roundGexf(round, { a: { x: 0.25, y: 0.75 } });
  const node = new DOMParser().parseFromString(xml, 'application/xml').getElementsByTagNameNS(GEXF_NS, 'node')[0]!;
  expect(node.getAttribute('label')).toBe('Warung "Bu Ani" & <anak>');
  const position = node.getElementsByTagNameNS(GEXF_VIZ_NS, 'position')[0]!;
  expect([position.getAttribute('x'), position.getAttribute('y')]).toEqual(['250', '250']);
});

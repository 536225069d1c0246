/**
 * A round's network as GEXF 1.3 (https://gexf.net/1.3), for Gephi: every actor with its
 * attributes, its place in the union layout (the same place in every round, so two rounds open
 * side by side line up), its category colour and a size by how many name it; every tie with its
 * attributes.
 *
 * Written here rather than with graphology-gexf, whose writer gives GEXF 1.2 with the viz
 * namespace `http:///www.gexf.net/1.1draft/viz` (three slashes): Gephi does not know it and drops
 * every position. In GEXF 1.3 the namespaces are `http://gexf.net/1.3` and
 * `http://gexf.net/1.3/viz`; the file validates against the format's RELAX NG schema
 * (test/gexf.test.ts, schema from gephi/gexf `specs/1.3`).
 *
 * Conventions: positions are the layout's [0, 1]² scaled to 0–1000, y upwards as Gephi draws it;
 * the size is 4 + the actor's in-degree in the round; an attribute with no value (trust not
 * answered) is left out of that element rather than written empty; resources are one string
 * joined by `;` (Gephi versions read GEXF's list types differently). No date is written, so the
 * same network gives the same bytes.
 */
import { CATEGORY_COLOURS } from './charts/style.ts';
import type { Category } from './domain.ts';
import type { Position, SerializedRoundNetwork } from './model/responses.ts';

export const GEXF_NS = 'http://gexf.net/1.3';
export const GEXF_VIZ_NS = 'http://gexf.net/1.3/viz';

type AttrType = 'string' | 'boolean' | 'integer';

const NODE_ATTRIBUTES: [key: 'name' | 'type' | 'category' | 'member' | 'respondent', type: AttrType][] = [
  ['name', 'string'],
  ['type', 'string'],
  ['category', 'string'],
  ['member', 'boolean'],
  ['respondent', 'boolean'],
];

const EDGE_ATTRIBUTES: [key: 'origin' | 'trust' | 'cooperation' | 'frequency' | 'formal' | 'strong' | 'resources', type: AttrType][] = [
  ['origin', 'string'],
  ['trust', 'integer'],
  ['cooperation', 'integer'],
  ['frequency', 'integer'],
  ['formal', 'boolean'],
  ['strong', 'boolean'],
  ['resources', 'string'],
];

/** Text for an XML attribute: escaped, and without the control characters XML 1.0 forbids. */
export function xmlAttr(value: string): string {
  return (
    value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/\t/g, '&#9;')
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
  );
}

const num = (v: number) => String(Math.round(v * 100) / 100);

function rgb(hex: string): { r: number; g: number; b: number } {
  const n = Number.parseInt(hex.slice(1), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

function attvalues(values: [string, unknown][]): string {
  const present = values.filter(([, v]) => v !== null && v !== undefined);
  if (present.length === 0) return '';
  const items = present.map(([k, v]) => `<attvalue for="${k}" value="${xmlAttr(Array.isArray(v) ? v.join(';') : String(v))}"/>`);
  return `<attvalues>${items.join('')}</attvalues>`;
}

export function roundGexf(round: Pick<SerializedRoundNetwork, 'round' | 'graph'>, layout: Record<string, Position>): string {
  const nodes = round.graph.nodes ?? [];
  const edges = round.graph.edges ?? [];
  const inDegree = new Map<string, number>();
  for (const e of edges) inDegree.set(e.target, (inDegree.get(e.target) ?? 0) + 1);
  const declare = (cls: 'node' | 'edge', list: [string, AttrType][]) =>
    [
      `    <attributes class="${cls}">`,
      ...list.map(([k, t]) => `      <attribute id="${k}" title="${k}" type="${t}"/>`),
      '    </attributes>',
    ].join('\n');
  const nodeLines = nodes.map((n) => {
    const a = n.attributes!;
    const p = layout[n.key] ?? { x: 0.5, y: 0.5 };
    const { r, g, b } = rgb(CATEGORY_COLOURS[a.category as Category] ?? '#8c8c8c');
    return [
      `      <node id="${xmlAttr(n.key)}" label="${xmlAttr(a.name)}">`,
      `${attvalues(NODE_ATTRIBUTES.map(([k]) => [k, a[k]]))}`,
      `<viz:color r="${r}" g="${g}" b="${b}"/>`,
      `<viz:position x="${num(p.x * 1000)}" y="${num((1 - p.y) * 1000)}" z="0"/>`,
      `<viz:size value="${4 + (inDegree.get(n.key) ?? 0)}"/>`,
      '</node>',
    ].join('');
  });
  const edgeLines = edges.map((e) => {
    const a = e.attributes!;
    const id = xmlAttr(`${e.source}->${e.target}`);
    const values = attvalues(EDGE_ATTRIBUTES.map(([k]) => [k, a[k]]));
    return `      <edge id="${id}" source="${xmlAttr(e.source)}" target="${xmlAttr(e.target)}">${values}</edge>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<gexf xmlns="${GEXF_NS}" xmlns:viz="${GEXF_VIZ_NS}" version="1.3">`,
    `  <meta><creator>jejaring</creator><description>${xmlAttr(round.round.label)}</description></meta>`,
    '  <graph defaultedgetype="directed">',
    declare('node', NODE_ATTRIBUTES),
    declare('edge', EDGE_ATTRIBUTES),
    `    <nodes count="${nodes.length}">`,
    ...nodeLines,
    '    </nodes>',
    `    <edges count="${edges.length}">`,
    ...edgeLines,
    '    </edges>',
    '  </graph>',
    '</gexf>',
    '',
  ].join('\n');
}

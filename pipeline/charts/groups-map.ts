/**
 * The network of groups (combined view of a folder of cases): each KUBE a square, each outside
 * actor that serves two groups or more a circle coloured by resource system and sized by the
 * number of groups naming it; a line joins a group to each shared actor its members name (solid
 * when they cooperate at the case's level, dashed when they only know it). Groups sharing no
 * outside actor stand apart in a row along the bottom, in red. Layout: ForceAtlas2 from a circle
 * in name order (no randomness), Barnes–Hut above 500 nodes; at most `MAX_SHARED` shared actors
 * (those serving most groups) so that the picture stays readable for a whole kota.
 */
import { UndirectedGraph } from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import { interop } from '../_interop.ts';
import type { Translator } from '../i18n.ts';
import type { ChartDef } from '../model/charts.ts';
import type { Combined } from '../model/combined.ts';
import { labelLayers, pixelAxes, placeLabels } from './labels.ts';
import { MAP_WIDTH } from './map-parts.ts';
import { ALERT, categoryScale, categoryShapeScale, chartDef, EDGE, INK, OUTLINE, TEXT_PX } from './style.ts';

const forceAtlas2 = interop(forceAtlas2Module);
const WIDTH = MAP_WIDTH;
const HEIGHT = 560;
const STRIP = 56;
const FONT_SIZE = TEXT_PX;
export const MAX_SHARED = 80;

export function groupsMap(combined: Combined, tr: Translator): ChartDef {
  const shared = combined.actors.filter((a) => a.groupsNaming.length > 1).slice(0, MAX_SHARED);
  const connected = combined.groups.filter((g) => !g.isolated);
  const isolated = combined.groups.filter((g) => g.isolated);
  const graph = new UndirectedGraph();
  const groupKey = (c: string) => `g:${c}`;
  const actorKey = (name: string) => `a:${name}`;
  const keys = [...connected.map((g) => groupKey(g.case)), ...shared.map((a) => actorKey(a.name))].sort();
  for (const [i, k] of keys.entries()) {
    graph.addNode(k, { x: 100 * Math.cos((2 * Math.PI * i) / keys.length), y: 100 * Math.sin((2 * Math.PI * i) / keys.length) });
  }
  const links: { from: string; to: string; cooperating: boolean }[] = [];
  for (const a of shared) {
    for (const c of a.groupsNaming) {
      if (!graph.hasNode(groupKey(c))) continue;
      graph.mergeEdge(groupKey(c), actorKey(a.name));
      links.push({ from: groupKey(c), to: actorKey(a.name), cooperating: a.groupsCooperating.includes(c) });
    }
  }
  const positions: Record<string, { x: number; y: number }> = {};
  if (graph.order > 0) {
    const big = graph.order > 500;
    const result =
      graph.size > 0
        ? forceAtlas2(graph, {
            iterations: big ? 200 : 500,
            settings: {
              ...forceAtlas2.inferSettings(graph),
              strongGravityMode: true,
              gravity: 0.5,
              scalingRatio: 10,
              barnesHutOptimize: big,
            },
          })
        : Object.fromEntries(graph.mapNodes((n, a) => [n, { x: a.x as number, y: a.y as number }]));
    const xs = Object.values(result).map((p) => p.x);
    const ys = Object.values(result).map((p) => p.y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const spanX = maxX - minX || 1;
    const spanY = maxY - minY || 1;
    const bottom = isolated.length > 0 ? HEIGHT - STRIP : HEIGHT;
    for (const [k, p] of Object.entries(result))
      positions[k] = { x: 30 + ((p.x - minX) / spanX) * (WIDTH - 60), y: 24 + ((p.y - minY) / spanY) * (bottom - 48) };
  }
  for (const [i, g] of isolated.entries())
    positions[groupKey(g.case)] = { x: ((i + 0.5) / isolated.length) * WIDTH, y: HEIGHT - STRIP / 2 };

  const maxGroups = Math.max(2, ...shared.map((a) => a.groupsNaming.length));
  const radius = (groups: number) => 4 + 12 * Math.sqrt(groups / maxGroups);
  const groupNodes = combined.groups.map((g) => ({
    key: groupKey(g.case),
    label: g.group,
    ...positions[groupKey(g.case)]!,
    isolated: g.isolated,
    shares: tr.integer(g.sharesWith.length),
  }));
  const actorNodes = shared.map((a) => ({
    key: actorKey(a.name),
    label: a.name,
    ...positions[actorKey(a.name)]!,
    r: radius(a.groupsNaming.length),
    size: Math.PI * radius(a.groupsNaming.length) ** 2,
    category: tr.t(`category.${a.category}`),
    groups: a.groupsNaming.length,
    cooperating: a.groupsCooperating.length,
  }));
  const edges = links.map((l) => ({
    x: positions[l.from]!.x,
    y: positions[l.from]!.y,
    x2: positions[l.to]!.x,
    y2: positions[l.to]!.y,
    cooperating: l.cooperating,
  }));
  const labelled = [
    ...[...actorNodes]
      .sort((a, b) => b.groups - a.groups || a.label.localeCompare(b.label))
      .map((n) => ({ id: n.key, text: n.label, x: n.x, y: n.y, r: n.r, bold: true })),
    ...groupNodes
      .filter((g) => !g.isolated || isolated.length <= 12)
      .map((g) => ({ id: g.key, text: g.label, x: g.x, y: g.y, r: 5, bold: false })),
  ];
  const labels = placeLabels(
    labelled,
    [...actorNodes.map((n) => ({ x: n.x, y: n.y, r: n.r })), ...groupNodes.map((g) => ({ x: g.x, y: g.y, r: 5 }))],
    { width: WIDTH, height: HEIGHT, fontSize: FONT_SIZE, segments: edges },
  );
  const axes = pixelAxes(WIDTH, HEIGHT);
  const { X, Y } = axes;
  const title = tr.t('combined.map.title', { groups: tr.integer(combined.groups.length), shared: tr.integer(shared.length) });
  const description = tr.t('combined.map.description');
  return chartDef(
    'groups-map',
    title,
    description,
    tr,
    {
      width: WIDTH,
      height: HEIGHT,
      layer: [
        ...(isolated.length > 0
          ? [
              {
                data: {
                  values: [{ x: 4, y: HEIGHT - STRIP + 4, text: tr.t('combined.map.isolated', { n: tr.integer(isolated.length) }) }],
                },
                mark: { type: 'text', fontSize: FONT_SIZE, color: ALERT, align: 'left', baseline: 'top' },
                encoding: { x: { field: 'x', ...X }, y: { field: 'y', ...Y }, text: { field: 'text' } },
              },
            ]
          : []),
        {
          data: { values: edges },
          mark: { type: 'rule' },
          encoding: {
            x: { field: 'x', ...X },
            y: { field: 'y', ...Y },
            x2: { field: 'x2' },
            y2: { field: 'y2' },
            color: { value: EDGE },
            strokeDash: {
              field: 'cooperating',
              type: 'nominal',
              scale: {
                domain: [true, false],
                range: [
                  [1, 0],
                  [3, 3],
                ],
              },
              legend: null,
            },
            strokeWidth: { field: 'cooperating', type: 'nominal', scale: { domain: [true, false], range: [1.4, 0.7] }, legend: null },
          },
        },
        {
          data: { values: actorNodes },
          mark: { type: 'point', filled: true, opacity: 1, stroke: OUTLINE, strokeWidth: 1 },
          encoding: {
            x: { field: 'x', ...X },
            y: { field: 'y', ...Y },
            size: { field: 'size', type: 'quantitative', scale: null, legend: null },
            color: {
              field: 'category',
              type: 'nominal',
              scale: categoryScale(tr),
              legend: { title: tr.t('combined.map.legend'), orient: 'bottom', direction: 'horizontal', columns: 3 },
            },
            shape: { field: 'category', type: 'nominal', scale: categoryShapeScale(tr), legend: { title: tr.t('combined.map.legend') } },
          },
        },
        ...[false, true].map((alone) => ({
          data: { values: groupNodes.filter((g) => g.isolated === alone) },
          mark: { type: 'square', size: 70, opacity: 1, stroke: '#ffffff', strokeWidth: 1, color: alone ? ALERT : INK },
          encoding: { x: { field: 'x', ...X }, y: { field: 'y', ...Y } },
        })),
        ...labelLayers(labels, axes, FONT_SIZE, INK),
      ],
    },
    {
      table: {
        columns: [tr.t('charts.table.actor'), tr.t('charts.table.category'), tr.t('charts.table.groups')],
        numeric: [false, false, true],
        rows: [
          ...shared.map((a) => [a.name, tr.t(`category.${a.category}`), tr.integer(a.groupsNaming.length)]),
          ...isolated.map((g) => [g.group, tr.t('combined.map.isolatedGroup'), tr.integer(0)]),
        ],
      },
    },
  );
}

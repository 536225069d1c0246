/**
 * Shortest paths from many sources at once, on a compact copy of the graph: the one pass behind
 * betweenness (Brandes 2001), harmonic centrality, closeness, mean distance and diameter.
 *
 * - The graph becomes typed arrays (CSR: `offsets`, `targets`, optional integer `lengths` 1–255),
 *   nodes numbered in graph order; a self-loop never lies on a shortest path and is dropped.
 * - From each source: breadth-first search when unweighted, else Dijkstra with a bucket queue
 *   (Dial 1969; exact because lengths are small integers, so equal paths stay equal), counting
 *   shortest paths σ; then dependencies δ_s(v) = Σ_w σ_sv/σ_sw (1 + δ_s(w)) over successors w,
 *   visited farthest first (Brandes' accumulation without predecessor lists).
 * - Sources go in fixed blocks of `BLOCK`; each block sums into its own arrays and the blocks are
 *   added in order. The result is therefore the same whether blocks run here or spread over
 *   worker threads (paths-pool.ts), on any number of cores.
 * - `sources` may be a subset (sampled betweenness, Brandes & Pich 2007): the sums are then over
 *   those sources only; the caller scales.
 * - **Work** (`reachWork`): from a source s the kernel touches every actor s reaches and scans each
 *   one's out-arcs twice (search, then accumulation), whether unweighted or on cooperation
 *   distances (the same actors are reachable either way). So its cost is proportional to
 *   |R(s)| + Σ_{v ∈ R(s)} outdeg(v), counted here by a plain breadth-first search: a count, not a
 *   time, so the same graph gives the same figure on any machine.
 */
import type { AbstractGraph, Attributes } from 'graphology-types';

export const BLOCK = 256;

export interface Compact {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  /** Integer length of each arc (1–255); null for unweighted. */
  lengths: Uint8Array | null;
}

/** Sums over the sources of a block (or of all blocks). */
export interface PathSums {
  /** Σ_s δ_s(v): raw betweenness over these sources. */
  betweenness: Float64Array;
  /** Σ_s 1/d(s, v) over sources reaching v. */
  harmonic: Float64Array;
  /** Σ_s d(s, v) over sources reaching v (integer). */
  distance: Float64Array;
  /** Sources reaching v (v itself excluded). */
  reached: Float64Array;
  /** Ordered reachable pairs (s ≠ t) and the sum of their distances. */
  pairs: number;
  total: number;
  diameter: number;
}

/** CSR copy of a graphology graph's out-arcs; `length` turns an edge's attributes into an integer 1–255. */
export function compact<E extends Attributes>(graph: AbstractGraph<Attributes, E>, length?: (attrs: E) => number): Compact {
  const n = graph.order;
  const index = new Map<string, number>();
  graph.forEachNode((node) => index.set(node, index.size));
  const offsets = new Int32Array(n + 1);
  const arcs: number[] = [];
  const lengths: number[] = [];
  let i = 0;
  graph.forEachNode((node) => {
    offsets[i] = arcs.length;
    graph.forEachOutEdge(node, (_e, attrs, source, target) => {
      if (source === target) return;
      arcs.push(index.get(target)!);
      if (length) {
        const l = length(attrs);
        if (!Number.isInteger(l) || l < 1 || l > 255) throw new RangeError(`path length must be an integer 1–255, got ${l}`);
        lengths.push(l);
      }
    });
    i++;
  });
  offsets[n] = arcs.length;
  return { n, offsets, targets: Int32Array.from(arcs), lengths: length ? Uint8Array.from(lengths) : null };
}

/** A block's sums, kept only for the actors its sources reach (`nodes`); arrays parallel to it. */
export interface BlockSums extends PathSums {
  nodes: Int32Array;
}

export function emptySums(n: number): PathSums {
  return {
    betweenness: new Float64Array(n),
    harmonic: new Float64Array(n),
    distance: new Float64Array(n),
    reached: new Float64Array(n),
    pairs: 0,
    total: 0,
    diameter: 0,
  };
}

/** Adds a block's sums into `into` (block order is the caller's). */
export function addSums(into: PathSums, part: BlockSums): void {
  for (let k = 0; k < part.nodes.length; k++) {
    const v = part.nodes[k]!;
    into.betweenness[v]! += part.betweenness[k]!;
    into.harmonic[v]! += part.harmonic[k]!;
    into.distance[v]! += part.distance[k]!;
    into.reached[v]! += part.reached[k]!;
  }
  into.pairs += part.pairs;
  into.total += part.total;
  into.diameter = Math.max(into.diameter, part.diameter);
}

/** The per-thread arrays of the kernel, made once and reused block after block. */
export class Workspace {
  readonly dist: Int32Array;
  readonly sigma: Float64Array;
  readonly coefficient: Float64Array;
  readonly order: Int32Array;
  readonly settled: Uint8Array;
  readonly buckets: number[][];
  readonly sums: PathSums;
  /** Actors reached in the current block, and a mark per actor. */
  readonly touched: Int32Array;
  readonly marked: Uint8Array;
  touchedCount = 0;
  constructor(readonly graph: Compact) {
    const n = graph.n;
    this.dist = new Int32Array(n).fill(-1);
    this.sigma = new Float64Array(n);
    this.coefficient = new Float64Array(n);
    this.order = new Int32Array(n);
    this.settled = new Uint8Array(n);
    const maxLength = graph.lengths ? graph.lengths.reduce((m, l) => Math.max(m, l), 1) : 1;
    this.buckets = Array.from({ length: maxLength + 1 }, () => []);
    this.sums = emptySums(n);
    this.touched = new Int32Array(n);
    this.marked = new Uint8Array(n);
  }

  /** The block's sums for the actors reached, copied out; the dense arrays are cleared. */
  take(pairs: number, total: number, diameter: number): BlockSums {
    const count = this.touchedCount;
    const nodes = this.touched.slice(0, count);
    const pick = (dense: Float64Array) => {
      const out = new Float64Array(count);
      for (let k = 0; k < count; k++) {
        out[k] = dense[nodes[k]!]!;
        dense[nodes[k]!] = 0;
      }
      return out;
    };
    const { betweenness, harmonic, distance, reached } = this.sums;
    const part = {
      nodes,
      betweenness: pick(betweenness),
      harmonic: pick(harmonic),
      distance: pick(distance),
      reached: pick(reached),
      pairs,
      total,
      diameter,
    };
    for (let k = 0; k < count; k++) this.marked[nodes[k]!] = 0;
    this.touchedCount = 0;
    return part;
  }
}

/** Blocks of BLOCK sources in `sources` (the last may be shorter). */
export const blockCount = (sources: Int32Array) => Math.ceil(sources.length / BLOCK);

/**
 * The kernel: sums over the sources of block `block`. Self-contained (typed arrays in, typed
 * arrays out) so it runs unchanged in a worker thread.
 */
export function blockSums(ws: Workspace, sources: Int32Array, block: number): BlockSums {
  const from = block * BLOCK;
  const to = Math.min(from + BLOCK, sources.length);
  const { offsets, targets, lengths } = ws.graph;
  const { dist, sigma, coefficient, order, settled, touched, marked } = ws;
  // Bucket queue for Dijkstra: a ring of (max length + 1) buckets; a node may sit in an older
  // bucket too (lazy deletion): it is skipped there once settled or re-queued nearer.
  const buckets = ws.buckets;
  let pairs = 0;
  let totalDistance = 0;
  let diameter = 0;
  for (let k = from; k < to; k++) {
    const s = sources[k]!;
    let count = 0;
    dist[s] = 0;
    sigma[s] = 1;
    if (!lengths) {
      order[count++] = s;
      for (let q = 0; q < count; q++) {
        const v = order[q]!;
        const dv = dist[v]! + 1;
        for (let a = offsets[v]!, end = offsets[v + 1]!; a < end; a++) {
          const w = targets[a]!;
          if (dist[w] === -1) {
            dist[w] = dv;
            order[count++] = w;
          }
          if (dist[w] === dv) sigma[w]! += sigma[v]!;
        }
      }
    } else {
      // Dial's algorithm: settle nodes in order of distance, one bucket per distance mod ring.
      let pending = 1;
      buckets[0]!.push(s);
      for (let d = 0; pending > 0; d++) {
        const bucket = buckets[d % buckets.length]!;
        pending -= bucket.length;
        for (let i = 0; i < bucket.length; i++) {
          const v = bucket[i]!;
          if (settled[v] || dist[v] !== d) continue;
          settled[v] = 1;
          order[count++] = v;
          for (let a = offsets[v]!, end = offsets[v + 1]!; a < end; a++) {
            const w = targets[a]!;
            if (settled[w]) continue;
            const dw = d + lengths[a]!;
            if (dist[w] === -1 || dw < dist[w]!) {
              dist[w] = dw;
              sigma[w] = sigma[v]!;
              buckets[dw % buckets.length]!.push(w);
              pending++;
            } else if (dw === dist[w]) {
              sigma[w]! += sigma[v]!;
            }
          }
        }
        bucket.length = 0;
      }
    }
    // Accumulation, farthest first: every successor w of v on a shortest path is final, and
    // carries coefficient (1 + δ_s(w)) / σ_sw, so δ_s(v) = σ_sv Σ_w coefficient(w).
    const { betweenness, harmonic, distance, reached } = ws.sums;
    for (let q = count - 1; q > 0; q--) {
      const v = order[q]!;
      const dv = dist[v]!;
      let sum = 0;
      if (lengths) {
        for (let a = offsets[v]!, end = offsets[v + 1]!; a < end; a++) {
          const w = targets[a]!;
          if (dist[w] === dv + lengths[a]!) sum += coefficient[w]!;
        }
      } else {
        const next = dv + 1;
        for (let a = offsets[v]!, end = offsets[v + 1]!; a < end; a++) {
          const w = targets[a]!;
          if (dist[w] === next) sum += coefficient[w]!;
        }
      }
      const dep = sigma[v]! * sum;
      coefficient[v] = (1 + dep) / sigma[v]!;
      if (!marked[v]) {
        marked[v] = 1;
        touched[ws.touchedCount++] = v;
      }
      betweenness[v]! += dep;
      harmonic[v]! += 1 / dv;
      distance[v]! += dv;
      reached[v]!++;
      pairs++;
      totalDistance += dv;
      if (dv > diameter) diameter = dv;
    }
    for (let q = 0; q < count; q++) {
      const v = order[q]!;
      dist[v] = -1;
      sigma[v] = 0;
      coefficient[v] = 0;
      settled[v] = 0;
    }
  }
  return ws.take(pairs, totalDistance, diameter);
}

/** Blocks `first`, … of `sources`, here, added into `total` in block order. */
export function addBlocks(total: PathSums, ws: Workspace, sources: Int32Array, first = 0, end = blockCount(sources)): PathSums {
  for (let b = first; b < end; b++) addSums(total, blockSums(ws, sources, b));
  return total;
}

/** All blocks of `sources`, here, summed in block order. */
export function pathSums(g: Compact, sources: Int32Array): PathSums {
  return addBlocks(emptySums(g.n), new Workspace(g), sources);
}

/**
 * Work of the kernel from `sources`: Σ_s (actors s reaches, itself included, + arcs out of them).
 * A breadth-first search per source with no accumulation; a few per cent of a pass from the same sources.
 */
export function reachWork(g: Compact, sources: Int32Array): number {
  const { n, offsets, targets } = g;
  const seen = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let work = 0;
  for (let k = 0; k < sources.length; k++) {
    const s = sources[k]!;
    let tail = 0;
    queue[tail++] = s;
    seen[s] = k;
    for (let head = 0; head < tail; head++) {
      const v = queue[head]!;
      const end = offsets[v + 1]!;
      work += 1 + end - offsets[v]!;
      for (let a = offsets[v]!; a < end; a++) {
        const w = targets[a]!;
        if (seen[w] !== k) {
          seen[w] = k;
          queue[tail++] = w;
        }
      }
    }
  }
  return work;
}

/** Every node as a source, in graph order. */
export const allSources = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

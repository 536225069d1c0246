/**
 * Views of a round's survey graph used by several measures.
 *
 * - **undirected view**: a tie in either direction joins two actors (mutual ties count once);
 * - **neighbour sets**: everyone an actor names or is named by (the "all neighbours" of igraph).
 * The survey graph itself is never changed.
 */
import type { AbstractGraph } from 'graphology-types';

/**
 * The undirected view as the read-only graph Louvain reads (graphology-communities-louvain and its
 * index in graphology-indices): its nodes in the survey graph's order, each joined pair once in
 * edge order (as its first tie gave it), and the counts and degrees, on plain arrays. It answers
 * every call Louvain makes exactly as a graphology `UndirectedGraph` built the same way would
 * (tested against one), without building thousands of edge objects: on a 100-group case that
 * building cost several times Louvain's own run. Anything else on it throws.
 */
export class UndirectedView {
  readonly type = 'undirected';
  readonly multi = false;
  readonly selfLoopCount = 0;
  readonly order: number;
  readonly size: number;
  readonly #keys: string[];
  readonly #index: Map<string, number>;
  readonly #degree: Int32Array;
  readonly #sources: Int32Array;
  readonly #targets: Int32Array;

  constructor(graph: AbstractGraph) {
    const keys: string[] = [];
    const index = new Map<string, number>();
    graph.forEachNode((node) => {
      index.set(node, keys.length);
      keys.push(node);
    });
    const n = keys.length;
    const joined = new Set<number>();
    const sources: number[] = [];
    const targets: number[] = [];
    const degree = new Int32Array(n);
    graph.forEachDirectedEdge((_e, _a, source, target) => {
      if (source === target) return;
      const [a, b] = [index.get(source)!, index.get(target)!];
      const key = a < b ? a * n + b : b * n + a;
      if (joined.has(key)) return;
      joined.add(key);
      sources.push(a);
      targets.push(b);
      degree[a]!++;
      degree[b]!++;
    });
    this.order = n;
    this.size = sources.length;
    this.#keys = keys;
    this.#index = index;
    this.#degree = degree;
    this.#sources = Int32Array.from(sources);
    this.#targets = Int32Array.from(targets);
  }

  nodes(): string[] {
    return this.#keys.slice();
  }

  forEachNode(callback: (node: string) => void): void {
    for (const key of this.#keys) callback(key);
  }

  undirectedDegreeWithoutSelfLoops(node: string): number {
    return this.#degree[this.#index.get(node)!]!;
  }

  /** Each pair once, in edge order, as graphology calls back: key, attributes, source, target, theirs, undirected. */
  forEachEdge(
    callback: (edge: string, attributes: object, source: string, target: string, sa: object, ta: object, u: boolean) => void,
  ): void {
    const none = {};
    for (let e = 0; e < this.size; e++)
      callback(String(e), none, this.#keys[this.#sources[e]!]!, this.#keys[this.#targets[e]!]!, none, none, true);
  }

  // what graphology-utils' isGraph looks for; the view cannot change
  addUndirectedEdgeWithKey(): never {
    throw new Error('the undirected view is read-only');
  }

  dropNode(): never {
    throw new Error('the undirected view is read-only');
  }
}

/** Sorted neighbour lists of the undirected view, by node. */
export function neighbourSets(graph: AbstractGraph): Map<string, Set<string>> {
  const sets = new Map<string, Set<string>>();
  graph.forEachNode((node) => sets.set(node, new Set()));
  graph.forEachDirectedEdge((_e, _a, source, target) => {
    if (source === target) return;
    sets.get(source)!.add(target);
    sets.get(target)!.add(source);
  });
  return sets;
}

/**
 * Betweenness weighted by cooperation level (the ladder 0–5). A stronger tie is a *shorter* path,
 * so the level becomes an integer distance 6 − level (5 konfederasi → 1, 0 none → 6; an
 * unanswered level counts as 0). Integer distances, never 1/w: with 1/w floating-point sums make
 * equal paths look unequal and libraries disagree (igraph #950, #1908). Directed, raw and
 * normalised by (n−1)(n−2). Equals igraph `betweenness(weights = 6 − level)`, networkx
 * `betweenness_centrality(weight=...)` and graphology-metrics on the same distances (tested);
 * computed in paths.ts (Dijkstra with a bucket queue) with the other path measures.
 */

export const MAX_LEVEL = 5;

export function cooperationDistance(level: number | null): number {
  return MAX_LEVEL + 1 - (level ?? 0);
}

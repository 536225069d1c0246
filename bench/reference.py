"""Times igraph or networkx on the edge files written by bench/compare.ts.

Usage: python3 bench/reference.py igraph|networkx FILE...
Each FILE: a first line "# n=<actors>", then "source<TAB>target" per directed tie (0-based
indices). Prints one JSON line per graph and measure: seconds, and whether the time is
extrapolated (networkx on large graphs: betweenness from k sources and closeness of k actors,
scaled by n/k, because the full run takes many minutes).
"""
import json
import os
import sys
import time

SAMPLE = 300


def read(path):
    with open(path) as f:
        n = int(f.readline().split("=")[1])
        edges = [tuple(map(int, line.split("\t")[:2])) for line in f if line.strip()]
    return n, edges


def timed(fn):
    """Best of up to 3 runs, fewer when a run takes over 2 s (as bench/compare.ts)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
        if best > 2:
            break
    return best


def run_igraph(name, n, edges):
    import igraph as ig

    g = ig.Graph(n=n, edges=edges, directed=True)
    yield name, "betweenness", timed(lambda: g.betweenness(directed=True)), False
    yield name, "closeness", timed(lambda: g.closeness(mode="in")), False
    yield name, "pagerank", timed(lambda: g.pagerank(directed=True, damping=0.85)), False


def run_networkx(name, n, edges):
    import random
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    k = min(n, SAMPLE)
    scale = n / k
    t = timed(lambda: nx.betweenness_centrality(g, k=k if k < n else None, seed=1, normalized=False))
    yield name, "betweenness", t * scale, k < n
    nodes = random.Random(1).sample(range(n), k)
    reverse = g.reverse(copy=False)

    def closeness(u):
        # networkx closeness_centrality's own steps (incoming distances), without its copy of the
        # reversed graph on every call
        d = nx.single_source_shortest_path_length(reverse, u)
        total = sum(d.values())
        return (len(d) - 1) / total if total > 0 else 0.0

    t = timed(lambda: [closeness(u) for u in nodes])
    yield name, "closeness", t * scale, k < n
    yield name, "pagerank", timed(lambda: nx.pagerank(g, alpha=0.85, tol=1e-10)), False


def main():
    library, files = sys.argv[1], sys.argv[2:]
    run = {"igraph": run_igraph, "networkx": run_networkx}[library]
    module = __import__(library)
    for path in files:
        name = os.path.basename(path).rsplit(".", 1)[0]
        n, edges = read(path)
        for graph, measure, seconds, extrapolated in run(name, n, edges):
            print(json.dumps({"graph": graph, "library": library, "version": module.__version__, "measure": measure, "seconds": seconds, "extrapolated": extrapolated}), flush=True)


if __name__ == "__main__":
    main()

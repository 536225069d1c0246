"""Times igraph or networkx on the edge files written by bench/compare.ts, or igraph on a whole case.

Usage: python3 bench/reference.py igraph|networkx FILE...
Each FILE: a first line "# n=<actors>", then "source<TAB>target" per directed tie (0-based
indices). Prints one JSON line per graph and measure: seconds, and whether the time is
extrapolated (networkx on large graphs: betweenness from k sources and closeness of k actors,
scaled by n/k, because the full run takes many minutes).

Usage: python3 bench/reference.py case CASE-DIR
The yardstick for the whole report: reads the case's actors.csv and rounds/*.csv as they are and,
for every round, computes with python-igraph the measures of jejaring's metrics.json that igraph
has (see `case_measures`), then prints one JSON line with the seconds spent and a few figures to
check that both computed the same thing. Timed as a whole process, start-up included, against
`npm run report -- CASE-DIR --no-pdf` (bench/compare.ts `reportAgainstIgraph`).
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
    """Median seconds of 5 runs, or of 3 when the first takes over a second (as bench/compare.ts)."""
    runs = []
    for run in range(5):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
        if run == 2 and runs[0] > 1:
            break
    runs.sort()
    middle = len(runs) // 2
    return runs[middle] if len(runs) % 2 else (runs[middle - 1] + runs[middle]) / 2


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


def read_case(directory):
    """Actors in roster order and, per round file (name order), the ties as (source, target, cooperation)."""
    import csv

    with open(os.path.join(directory, "actors.csv"), newline="", encoding="utf-8-sig") as f:
        actors = [row["id"] for row in csv.DictReader(f)]
    rounds = []
    folder = os.path.join(directory, "rounds")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(folder, name), newline="", encoding="utf-8-sig") as f:
            ties = {}
            for row in csv.DictReader(f):
                level = row.get("cooperation") or ""
                ties[(row["respondent"], row["actor"])] = int(level) if level.strip() else 0
            rounds.append([(s, t, c) for (s, t), c in ties.items()])
    return actors, rounds


def case_measures(actors, ties):
    """The measures of one round that igraph has, with jejaring's conventions (README, "How the figures are defined")."""
    import igraph as ig

    index = {a: i for i, a in enumerate(actors)}
    g = ig.Graph(n=len(actors), edges=[(index[s], index[t]) for s, t, _ in ties], directed=True)
    u = g.as_undirected(mode="collapse")
    n = g.vcount()
    out = {
        "density": g.density(),
        "densityUndirected": u.density(),
        "weakComponents": len(g.connected_components(mode="weak")),
        "strongComponents": len(g.connected_components(mode="strong")),
        "reciprocity": g.reciprocity(),
        "reciprocityDyadic": g.reciprocity(mode="ratio"),
        "transitivity": u.transitivity_undirected(),
    }
    local = u.transitivity_local_undirected(mode="zero")
    out["averageClustering"] = sum(local) / n
    g.degree(mode="in"), g.degree(mode="out")
    betweenness = g.betweenness(directed=True)
    g.betweenness(directed=True, weights=[6 - c for _, _, c in ties])
    g.harmonic_centrality(mode="in")
    g.closeness(mode="in")
    out["meanDistance"] = g.average_path_length(directed=True, unconn=True)
    out["diameter"] = g.diameter(directed=True, unconn=True)
    g.pagerank(directed=True, damping=0.85)
    if out["strongComponents"] == 1:
        g.eigenvector_centrality(directed=True, scale=True)
    g.constraint()
    # effective size n_i - 2 t_i / n_i with t_i = local clustering x n_i (n_i - 1) / 2
    degree = u.degree()
    [k - (c * (k - 1)) if k > 0 else None for k, c in zip(degree, local)]
    communities = u.community_multilevel()
    out["modularity"] = communities.modularity
    out["maxBetweenness"] = max(betweenness) if betweenness else 0
    return out


def run_case(directory):
    start = time.perf_counter()
    actors, rounds = read_case(directory)
    figures = [case_measures(actors, ties) for ties in rounds]
    print(json.dumps({"case": directory, "library": "igraph", "seconds": time.perf_counter() - start, "rounds": figures}), flush=True)


def main():
    library, files = sys.argv[1], sys.argv[2:]
    if library == "case":
        return run_case(files[0])
    run = {"igraph": run_igraph, "networkx": run_networkx}[library]
    module = __import__(library)
    for path in files:
        name = os.path.basename(path).rsplit(".", 1)[0]
        n, edges = read(path)
        for graph, measure, seconds, extrapolated in run(name, n, edges):
            print(json.dumps({"graph": graph, "library": library, "version": module.__version__, "measure": measure, "seconds": seconds, "extrapolated": extrapolated}), flush=True)


if __name__ == "__main__":
    main()

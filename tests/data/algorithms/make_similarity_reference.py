#!/usr/bin/env python3
"""Reference values of the similarity and link-prediction tests, from networkx.

Writes, beside this script (tests never need networkx):
  <graph>.<measure>        "u v score" for measure in common_neighbors, jaccard,
                           adamic_adar, resource_allocation: every pair u < v of
                           non-adjacent vertices of karate, florentine and lesmis;
                           for facebook a seeded sample of 2000 non-adjacent pairs
                           (1000 uniform, 1000 sharing a neighbour).
  <graph>.node_similarity  "u v jaccard" for karate, florentine, lesmis: for each
                           u the 10 best v != u with Jaccard > 0 (adjacent or not),
                           by descending similarity, then smaller v.
Graphs: <graph>.edges ("# n=N" then "u v [w]"), and the SNAP Facebook ego graph.
Re-runnable: python3 make_similarity_reference.py [path/to/facebook_combined.txt[.zst]]
"""
import os
import random
import sys

import networkx as nx

import test_data

HERE = os.path.dirname(os.path.abspath(__file__))


def read_edges(path):
    g = nx.Graph()
    with test_data.open_text(path) as f:
        first = f.readline()
        if first.startswith("# n="):
            g.add_nodes_from(range(int(first[4:])))
        else:
            f.seek(0)
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                g.add_edge(int(parts[0]), int(parts[1]))
    return g


def measures(g, pairs):
    return {
        "common_neighbors": [(u, v, len(list(nx.common_neighbors(g, u, v)))) for u, v in pairs],
        "jaccard": list(nx.jaccard_coefficient(g, pairs)),
        "adamic_adar": list(nx.adamic_adar_index(g, pairs)),
        "resource_allocation": list(nx.resource_allocation_index(g, pairs)),
    }


def write(name, rows):
    with open(os.path.join(HERE, name), "w") as f:
        for u, v, s in rows:
            f.write(f"{u} {v} {float(s)!r}\n")


def node_similarity(g, k=10):
    rows = []
    for u in sorted(g.nodes()):
        others = [v for v in g.nodes() if v != u]
        scored = [(v, s) for _, v, s in nx.jaccard_coefficient(g, [(u, v) for v in others]) if s > 0]
        scored.sort(key=lambda t: (-t[1], t[0]))
        rows.extend((u, v, s) for v, s in scored[:k])
    return rows


def main():
    for name in ("karate", "florentine", "lesmis"):
        g = read_edges(os.path.join(HERE, f"{name}.edges"))
        nodes = sorted(g.nodes())
        pairs = [(u, v) for i, u in enumerate(nodes) for v in nodes[i + 1:] if not g.has_edge(u, v)]
        for measure, rows in measures(g, pairs).items():
            write(f"{name}.{measure}", rows)
        write(f"{name}.node_similarity", node_similarity(g))

    g = read_edges(sys.argv[1] if len(sys.argv) > 1 else test_data.FACEBOOK)
    rng = random.Random(2024)
    nodes = sorted(g.nodes())
    chosen = set()
    while len(chosen) < 1000:
        u, v = rng.sample(nodes, 2)
        if not g.has_edge(u, v):
            chosen.add((min(u, v), max(u, v)))
    while len(chosen) < 2000:
        w = rng.choice(nodes)
        nb = sorted(g.neighbors(w))
        if len(nb) < 2:
            continue
        u, v = rng.sample(nb, 2)
        if not g.has_edge(u, v):
            chosen.add((min(u, v), max(u, v)))
    pairs = sorted(chosen)
    for measure, rows in measures(g, pairs).items():
        write(f"facebook.{measure}", rows)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Exports networkx's classic social graphs as edge lists for the algorithm tests.

Vertices are numbered 0..n-1 in networkx's node order; the first line says n.
Run once; the outputs are committed beside this script (tests never need networkx).
"""
import networkx as nx

def export(name, g, weight=None):
    index = {v: i for i, v in enumerate(g.nodes())}
    with open(f"{name}.edges", "w") as f:
        f.write(f"# n={g.number_of_nodes()}\n")
        for u, v, data in g.edges(data=True):
            if weight:
                f.write(f"{index[u]} {index[v]} {data[weight]!r}\n")
            else:
                f.write(f"{index[u]} {index[v]}\n")
    with open(f"{name}.names", "w") as f:
        for v, i in index.items():
            f.write(f"{i} {v}\n")

export("karate", nx.karate_club_graph())
export("lesmis", nx.les_miserables_graph(), weight="weight")
export("florentine", nx.florentine_families_graph())

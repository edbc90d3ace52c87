#!/usr/bin/env python3
"""Reference values of the centrality measures, computed with networkx.

Writes <graph>.<measure> files ("vertex value" lines, full double precision)
beside this script for tests/algorithms/{betweenness,closeness,eigenvector}_test.cc.
Graphs: karate, lesmis (weighted), florentine (the .edges files made by
export_graphs.py), digraph (a small seeded directed, disconnected random
graph this script exports), and the SNAP Facebook ego graph
(tests/data/snap-ego-facebook/facebook_combined.txt.zst, or the file given
as the first argument). Re-runnable; the Facebook graph takes
a few minutes (exact betweenness). Tests never need networkx.

Measures (networkx calls):
  betweenness             betweenness_centrality(G, normalized=False)
  betweenness_normalized  betweenness_centrality(G, normalized=True)
  betweenness_weighted    betweenness_centrality(G, normalized=False, weight="weight")  (lesmis)
  closeness               closeness_centrality(G, wf_improved=False)
  closeness_wf            closeness_centrality(G, wf_improved=True)
  closeness_weighted      closeness_centrality(G, distance="weight", wf_improved=False)  (lesmis)
  harmonic                harmonic_centrality(G)
  harmonic_weighted       harmonic_centrality(G, distance="weight")  (lesmis)
  eigenvector             eigenvector_centrality(G, max_iter=100, tol=1e-6)
  eigenvector_weighted    eigenvector_centrality(G, max_iter=100, tol=1e-6, weight="weight")  (lesmis)
  betweenness_sources     10 sources drawn with random.Random(5) ("index vertex" lines)  (karate, digraph)
  betweenness_sampled[_normalized]  betweenness_centrality(G, k=10, normalized=...) from those
                          sources (networkx >= 3.6 rescaling of samples)  (karate, digraph)
Computed with networkx 3.6.1 (the results of the exact measures are the same
with the Debian python3-networkx 2.8; the sampled ones need >= 3.6).
"""
import os

import test_data
import random
import sys

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))


def read_edges(name, directed=False):
    g = nx.DiGraph() if directed else nx.Graph()
    with open(os.path.join(HERE, f"{name}.edges")) as f:
        first = f.readline()
        assert first.startswith("# n="), first
        g.add_nodes_from(range(int(first.split("=")[1].split()[0])))
        for line in f:
            t = line.split()
            if len(t) == 3:
                g.add_edge(int(t[0]), int(t[1]), weight=float(t[2]))
            else:
                g.add_edge(int(t[0]), int(t[1]))
    return g


def write(graph_name, measure, values):
    with open(os.path.join(HERE, f"{graph_name}.{measure}"), "w") as f:
        for v in sorted(values):
            f.write(f"{v} {values[v]!r}\n")


def export_digraph():
    g = nx.gnp_random_graph(40, 0.05, seed=11, directed=True)
    with open(os.path.join(HERE, "digraph.edges"), "w") as f:
        f.write(f"# n={g.number_of_nodes()} directed\n")
        for u, v in g.edges():
            f.write(f"{u} {v}\n")


class FixedSample(random.Random):
    """A seed object whose sample() returns chosen sources, so networkx's
    sampled betweenness runs from the same sources as the C++ test."""

    def __init__(self, sources):
        super().__init__(0)
        self.sources = sources

    def sample(self, population, k):
        assert k == len(self.sources)
        return list(self.sources)


def sampled_betweenness(name, g):
    sources = random.Random(5).sample(range(g.number_of_nodes()), 10)
    write(name, "betweenness_sources", dict(enumerate(sources)))
    for normalized, measure in ((False, "betweenness_sampled"), (True, "betweenness_sampled_normalized")):
        write(name, measure, nx.betweenness_centrality(g, k=10, normalized=normalized, seed=FixedSample(sources)))


def measures(name, g, weighted=False, eigen=True):
    write(name, "betweenness", nx.betweenness_centrality(g, normalized=False))
    if g.number_of_nodes() < 1000:
        write(name, "betweenness_normalized", nx.betweenness_centrality(g, normalized=True))
    write(name, "closeness", nx.closeness_centrality(g, wf_improved=False))
    write(name, "closeness_wf", nx.closeness_centrality(g, wf_improved=True))
    write(name, "harmonic", nx.harmonic_centrality(g))
    if eigen:
        write(name, "eigenvector", nx.eigenvector_centrality(g, max_iter=100, tol=1e-6))
    if weighted:
        write(name, "betweenness_weighted", nx.betweenness_centrality(g, normalized=False, weight="weight"))
        write(name, "closeness_weighted", nx.closeness_centrality(g, distance="weight", wf_improved=False))
        write(name, "harmonic_weighted", nx.harmonic_centrality(g, distance="weight"))
        write(name, "eigenvector_weighted", nx.eigenvector_centrality(g, max_iter=100, tol=1e-6, weight="weight"))


def main():
    facebook = sys.argv[1] if len(sys.argv) > 1 else test_data.FACEBOOK
    export_digraph()
    sampled_betweenness("karate", read_edges("karate"))
    sampled_betweenness("digraph", read_edges("digraph", directed=True))
    measures("karate", read_edges("karate"))
    measures("lesmis", read_edges("lesmis"), weighted=True)
    measures("florentine", read_edges("florentine"))
    # A sparse random digraph: disconnected, so Wasserman-Faust matters; its
    # eigenvector iteration need not converge, so it has none.
    measures("digraph", read_edges("digraph", directed=True), eigen=False)
    g = nx.read_edgelist(test_data.open_text(facebook), nodetype=int)
    measures("facebook", g)


if __name__ == "__main__":
    main()

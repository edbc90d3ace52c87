#!/usr/bin/env python3
"""Reference values of the community algorithms, computed with networkx.

Writes, beside this script, for karate, lesmis, florentine (the exported
*.edges) and facebook (tests/data/snap-ego-facebook):
  <graph>.triangles   "vertex triangles"        networkx.triangles
  <graph>.lcc         "vertex coefficient"      networkx.clustering (unweighted)
  <graph>.kcore       "vertex core"             networkx.core_number
  <graph>.louvain     "modularity <value>"      modularity of networkx.community.
                      louvain_communities(seed=42) (lesmis weighted), the bar our
                      Louvain and Leiden must reach minus 0.01
and for the directed email-Eu-core graph (tests/data/snap-email-Eu-core):
  email-Eu-core.scc   "vertex component"        smallest vertex of its strongly
                      connected component (networkx.strongly_connected_components)
  email-Eu-core.kcore "vertex core"             networkx.core_number of the DiGraph
                      (self-loops removed, as networkx refuses them)
Run from anywhere: python3 make_community_reference.py
"""
import os
import sys

import networkx as nx

import test_data

HERE = os.path.dirname(os.path.abspath(__file__))


def read_edges(name):
    g = nx.Graph()
    with open(os.path.join(HERE, f"{name}.edges")) as f:
        n = int(f.readline().split("=")[1])
        g.add_nodes_from(range(n))
        for line in f:
            t = line.split()
            if len(t) == 3:
                g.add_edge(int(t[0]), int(t[1]), weight=float(t[2]))
            else:
                g.add_edge(int(t[0]), int(t[1]))
    return g


def read_snap(path, directed, n):
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(range(n))
    with test_data.open_text(path) as f:
        for line in f:
            t = line.split()
            if t and not line.startswith("#"):
                g.add_edge(int(t[0]), int(t[1]))
    return g


def write(name, measure, values):
    with open(os.path.join(HERE, f"{name}.{measure}"), "w") as f:
        for v in sorted(values):
            x = values[v]
            f.write(f"{v} {x!r}\n" if isinstance(x, float) else f"{v} {x}\n")


graphs = {name: read_edges(name) for name in ("karate", "lesmis", "florentine")}
graphs["facebook"] = read_snap(test_data.FACEBOOK, False, 4039)
for name, g in graphs.items():
    write(name, "triangles", nx.triangles(g))
    write(name, "lcc", {v: float(c) for v, c in nx.clustering(g).items()})
    write(name, "kcore", nx.core_number(g))
    weight = "weight" if name == "lesmis" else None
    communities = nx.community.louvain_communities(g, weight=weight, seed=42)
    q = nx.community.modularity(g, communities, weight=weight)
    with open(os.path.join(HERE, f"{name}.louvain"), "w") as f:
        f.write(f"modularity {q!r}\n")

email = read_snap(test_data.EMAIL_EU_CORE, True, 1005)
component = {}
for c in nx.strongly_connected_components(email):
    smallest = min(c)
    for v in c:
        component[v] = smallest
write("email-Eu-core", "scc", component)
email.remove_edges_from(list(nx.selfloop_edges(email)))
write("email-Eu-core", "kcore", nx.core_number(email))

# Modularity of given partitions (networkx.community.modularity), one
# "case value" line per case in modularity.reference:
#   lesmis_mod3_weighted_r0.7   lesmis, weighted, community = vertex % 3, resolution 0.7
#   karate_club                 karate, the two clubs of networkx's 'club' attribute
#   email_departments           email-Eu-core (directed, self-loops kept), the department labels
#   email_departments_r1.5      the same at resolution 1.5
email_full = read_snap(test_data.EMAIL_EU_CORE, True, 1005)
departments = {}
with test_data.open_text(test_data.EMAIL_DEPARTMENTS) as f:
    for line in f:
        v, d = map(int, line.split())
        departments.setdefault(d, set()).add(v)
karate_club = nx.karate_club_graph()
clubs = {}
for i, v in enumerate(karate_club.nodes()):
    clubs.setdefault(karate_club.nodes[v]["club"], set()).add(i)
lesmis = graphs["lesmis"]
mod3 = [{v for v in lesmis if v % 3 == r} for r in range(3)]
cases = {
    "lesmis_mod3_weighted_r0.7": nx.community.modularity(lesmis, mod3, weight="weight", resolution=0.7),
    "karate_club": nx.community.modularity(graphs["karate"], list(clubs.values())),
    "email_departments": nx.community.modularity(email_full, list(departments.values())),
    "email_departments_r1.5": nx.community.modularity(email_full, list(departments.values()), resolution=1.5),
}
with open(os.path.join(HERE, "modularity.reference"), "w") as f:
    for case, q in cases.items():
        f.write(f"{case} {q!r}\n")

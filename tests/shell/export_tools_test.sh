#!/usr/bin/env bash
# Exports read by the tools they are for: CSV by `guanxi import`, GraphML by
# networkx (Debian's python3-networkx), the HTML view by a real headless
# browser (Debian's chromium): it must load without errors and draw every node.
#
#   export_tools_test.sh GUANXI_BINARY CASE [SCREENSHOT]
set -euo pipefail

bin=$1
case_name=$2
screenshot=${3:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/guanxi-export-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"

# Customers in communities: N nodes, 4 relationships each, a community id
# (as algo.louvain.write leaves it) and a score (as algo.pagerank.write does).
make_network() {
  local n=$2
  run "$1" --create -c "CREATE CONSTRAINT FOR (c:Customer) REQUIRE c.id IS UNIQUE;
    UNWIND range(0, $n - 1) AS i
    CREATE (:Customer {id: i, name: '客户' + toString(i), community: i % 9,
                       score: toFloat((i * 37) % 101) / 100.0});
    UNWIND range(0, $n - 1) AS i
    UNWIND [1, 2, 3, 4] AS k
    MATCH (a:Customer {id: i}), (b:Customer {id: (i + k * k * (i % 9 + 1)) % $n})
    CREATE (a)-[:KNOWS {since: 2000 + k}]->(b);"
  expect_code 0
}

python() {
  # Debian's interpreter, where python3-networkx is installed.
  if [[ -x /usr/bin/python3 ]]; then /usr/bin/python3 "$@"; else python3 "$@"; fi
}

case_graphml_networkx() {
  make_network "$tmp/db" 200
  run "$tmp/db" -c "CREATE (:Tag {name: 'tea & \"milk\" <b>', weights: [1, 2]})"
  run export "$tmp/db" --format graphml --output "$tmp/g.graphml"
  expect_code 0
  expect_out "^Exported 201 nodes and 800 relationships"
  python - "$tmp/g.graphml" <<'EOF' || fail "networkx could not read the GraphML"
import sys
import networkx as nx
g = nx.read_graphml(sys.argv[1])
assert g.number_of_nodes() == 201, g.number_of_nodes()
assert g.number_of_edges() == 800, g.number_of_edges()
assert g.is_directed()
names = {d.get('name') for _, d in g.nodes(data=True)}
assert '客户7' in names and 'tea & "milk" <b>' in names
ids = [d['id'] for _, d in g.nodes(data=True) if 'id' in d]
assert all(isinstance(i, int) for i in ids), ids[:5]
scores = [d['score'] for _, d in g.nodes(data=True) if 'score' in d]
assert all(isinstance(s, float) for s in scores)
types = {d['type'] for _, _, d in g.edges(data=True)}
assert types == {'KNOWS'}, types
since = {d['since'] for _, _, d in g.edges(data=True)}
assert since == {2001, 2002, 2003, 2004}, since
labels = {d['labels'] for _, d in g.nodes(data=True)}
assert labels == {':Customer', ':Tag'}, labels
print('networkx read', g.number_of_nodes(), 'nodes and', g.number_of_edges(), 'edges')
EOF
}

case_csv_import_round_trip() {
  make_network "$tmp/db" 300
  run export "$tmp/db" --format csv --output "$tmp/csv"
  expect_code 0
  expect_out "nodes-Customer.csv"
  expect_out "relationships-KNOWS.csv"
  head -1 "$tmp/csv/nodes-Customer.csv" | grep -qx ':ID,:LABEL,community:long,id:long,name:string,score:double' ||
    fail "the node header: $(head -1 "$tmp/csv/nodes-Customer.csv")"
  run import "$tmp/back" --nodes "$tmp/csv"/nodes*.csv --relationships "$tmp/csv"/relationships-*.csv
  expect_code 0
  expect_out "Imported 300 nodes and 1,200 relationships"
  [[ $(query "$tmp/back" "MATCH (c:Customer {id: 7})-[k:KNOWS]->(d) RETURN sum(d.id + k.since)") == \
     $(query "$tmp/db" "MATCH (c:Customer {id: 7})-[k:KNOWS]->(d) RETURN sum(d.id + k.since)") ]] ||
    fail "the imported graph differs"
  run export "$tmp/db" --format csv --output "$tmp/csv"
  expect_code 1
  run export "$tmp/db" --format csv
  expect_code 2
  # A query's subgraph, as JSON Lines on standard output.
  "$bin" export "$tmp/db" --format jsonl --query "MATCH p = (:Customer {id: 1})-[:KNOWS]->() RETURN p" \
    >"$tmp/p.jsonl"
  [[ $(grep -c '"type":"node"' "$tmp/p.jsonl") == 5 ]] || fail "path export: $(cat "$tmp/p.jsonl")"
  [[ $(grep -c '"type":"relationship"' "$tmp/p.jsonl") == 4 ]] || fail "path export relationships"
  run export "$tmp/db" --format dot --query "MATCH (n) RETURN n LIMIT 3" --output "$tmp/g.dot"
  expect_code 0
  grep -q '^digraph' "$tmp/g.dot" || fail "not a DOT file"
  run export "$tmp/db" --format graphml --query "MATCH (n RETURN n"
  expect_code 1
}

# Loads PAGE in headless chromium; the page's own record of what it drew is
# read from the DOM after the layout has run.
chromium_dom() {
  local page=$1
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 \
    --virtual-time-budget=15000 --window-size=1400,900 \
    --dump-dom "file://$page" >"$tmp/dom.html" 2>"$tmp/console.log" || true
}

case_html_chromium() {
  command -v chromium >/dev/null ||
    fail "chromium is not installed (setup.sh installs it: ./setup.sh deps)"
  make_network "$tmp/db" 5000
  run export "$tmp/db" --format html --color-by community --size-by score \
    --title "Customers by community" --output "$tmp/view.html"
  expect_code 0
  expect_out "^Exported 5,000 nodes and 20,000 relationships"
  grep -q 'src="http' "$tmp/view.html" && fail "the page loads a script from the network"
  chromium_dom "$tmp/view.html"
  grep -q 'data-nodes="5000"' "$tmp/dom.html" ||
    fail "the page did not draw 5000 nodes: $(grep -o '<body[^>]*>' "$tmp/dom.html"; tail -5 "$tmp/console.log")"
  grep -q 'data-relationships="20000"' "$tmp/dom.html" || fail "relationships not drawn"
  grep -q 'data-errors="0"' "$tmp/dom.html" || fail "the page reported errors"
  if grep -E 'CONSOLE.*(Uncaught|Error)|:ERROR:CONSOLE' "$tmp/console.log"; then
    fail "errors in the console"
  fi
  grep -q 'Customers by community' "$tmp/dom.html" || fail "no legend"
  grep -o '<body[^>]*>' "$tmp/dom.html"
  if [[ -n $screenshot ]]; then
    chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$tmp/profile2" \
      --virtual-time-budget=20000 --window-size=1200,800 --screenshot="$screenshot" \
      "file://$tmp/view.html" >/dev/null 2>&1
  fi
}

"case_$case_name"
echo "PASS [$case_name]"

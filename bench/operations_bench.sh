#!/usr/bin/env bash
# The operations figures: backup, restore, dump and load, export, the HTML
# view, each against its baseline in the same run, repeated, medians reported.
#
#   bench/operations_bench.sh [BUILD_DIR] [WORK_DIR]
#
# Environment: SCALE (R-MAT scale of the backup and dump graph, default 20:
# 1,048,576 nodes, 16,777,216 relationships), REPEAT (runs per figure, default
# 3), EXPORT_NODES / EXPORT_RELATIONSHIPS (the GraphML export graph, default
# 100,000 / 500,000), VIEW_NODES (the HTML view, default 5,000 with 4
# relationships each). Needs zstd, and chromium for the HTML figure. WORK_DIR
# (default a fresh directory under $TMPDIR) needs about 4 times the data file
# of the scale's database; it is removed at the end unless KEEP=1.
#
# Figures and targets:
#   backup throughput >= 50% of `cp data.mdb` + `zstd -1`; backup <= 40% of data.mdb
#   restore time <= 1.5 x backup time
#   load of a dump <= 2 x `guanxi import` of the same graph from CSV
#   GraphML export of 100k nodes / 500k relationships <= 5 s
#   HTML view of 5,000 nodes: first draw <= 3 s in headless chromium
set -euo pipefail

build=${1:-build}
work=${2:-$(mktemp -d "${TMPDIR:-/tmp}/guanxi-ops-bench.XXXXXX")}
scale=${SCALE:-20}
repeat=${REPEAT:-3}
export_nodes=${EXPORT_NODES:-100000}
export_relationships=${EXPORT_RELATIONSHIPS:-500000}
view_nodes=${VIEW_NODES:-5000}
guanxi=$build/shell/guanxi
generate=$build/bench/guanxi-generate
[[ -x $guanxi && -x $generate ]] || { echo "build $guanxi and $generate first" >&2; exit 2; }
[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"

log() { printf '==> %s\n' "$*" >&2; }
# seconds COMMAND...: runs it, prints its wall time in seconds.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", a / b }'; }
verdict() { if [[ $(echo "$1 $2 $3" | awk '{print ($2 == "<=") ? ($1 <= $3) : ($1 >= $3)}') == 1 ]]; then echo met; else echo "NOT met"; fi; }

# --- the scale graph: CSV, import, dump ----------------------------------------
log "Generating R-MAT scale $scale"
"$generate" rmat --scale "$scale" --relationships-per-node 16 --seed 1 --out "$work/csv" >/dev/null
db=$work/rmat.gx
import_times=()
for ((i = 0; i < repeat; i++)); do
  rm -rf "$db"
  import_times+=("$(seconds "$guanxi" import "$db" --nodes=Node "$work/csv/nodes.csv" \
    --relationships=LINK "$work/csv/relationships.csv")")
done
data_bytes=$(stat -c %s "$db/data.mdb")
log "Imported: data.mdb $data_bytes bytes; import $(median "${import_times[@]}") s"

# --- backup against cp + zstd -1, restore ----------------------------------------
baseline_times=() backup_times=() restore_times=()
for ((i = 0; i < repeat; i++)); do
  rm -f "$work/copy.mdb" "$work/copy.mdb.zst" "$work/b.gxbackup"
  rm -rf "$work/restored.gx"
  sync
  baseline_times+=("$(seconds sh -c "cp '$db/data.mdb' '$work/copy.mdb' && zstd -q -1 '$work/copy.mdb' -o '$work/copy.mdb.zst'")")
  backup_times+=("$(seconds "$guanxi" backup "$db" "$work/b.gxbackup" --no-progress)")
  restore_times+=("$(seconds "$guanxi" restore "$work/b.gxbackup" "$work/restored.gx" --no-progress)")
done
backup_bytes=$(stat -c %s "$work/b.gxbackup")
zstd_bytes=$(stat -c %s "$work/copy.mdb.zst")
baseline=$(median "${baseline_times[@]}")
backup=$(median "${backup_times[@]}")
restore=$(median "${restore_times[@]}")
throughput_ratio=$(ratio "$baseline" "$backup")
size_ratio=$(ratio "$backup_bytes" "$data_bytes")
restore_ratio=$(ratio "$restore" "$backup")
rm -f "$work/copy.mdb" "$work/copy.mdb.zst"
rm -rf "$work/restored.gx"

# --- dump and load against import -------------------------------------------------
"$guanxi" dump "$db" --output "$work/dump.cypher" >/dev/null
dump_bytes=$(stat -c %s "$work/dump.cypher")
load_times=()
for ((i = 0; i < repeat; i++)); do
  rm -rf "$work/loaded.gx"
  load_times+=("$(seconds "$guanxi" load "$work/loaded.gx" "$work/dump.cypher")")
done
import=$(median "${import_times[@]}")
load=$(median "${load_times[@]}")
load_ratio=$(ratio "$load" "$import")
rm -rf "$work/loaded.gx" "$work/dump.cypher" "$db" "$work/b.gxbackup" "$work/csv"

# --- GraphML export of 100k nodes / 500k relationships ----------------------------
log "Export graph: $export_nodes nodes, $export_relationships relationships"
awk -v n="$export_nodes" 'BEGIN { print "id:ID(Node),name:string,score:double"; for (i = 0; i < n; i++) printf "%d,customer %d,%.4f\n", i, i, (i * 37 % 1000) / 1000 }' >"$work/en.csv"
awk -v n="$export_nodes" -v m="$export_relationships" 'BEGIN { srand(7); print ":START_ID(Node),:END_ID(Node),since:long"; for (i = 0; i < m; i++) printf "%d,%d,%d\n", int(rand() * n), int(rand() * n), 2000 + i % 25 }' >"$work/er.csv"
"$guanxi" import "$work/export.gx" --nodes=Customer "$work/en.csv" --relationships=KNOWS "$work/er.csv" >/dev/null
graphml_times=()
for ((i = 0; i < repeat; i++)); do
  rm -f "$work/g.graphml"
  graphml_times+=("$(seconds "$guanxi" export "$work/export.gx" --format graphml --output "$work/g.graphml")")
done
graphml=$(median "${graphml_times[@]}")
rm -rf "$work/export.gx" "$work/g.graphml" "$work/en.csv" "$work/er.csv"

# --- the HTML view in headless chromium ---------------------------------------------
first_draw=n/a
if command -v chromium >/dev/null; then
  "$guanxi" "$work/view.gx" --create -c "CREATE CONSTRAINT FOR (c:Customer) REQUIRE c.id IS UNIQUE;
    UNWIND range(0, $view_nodes - 1) AS i
    CREATE (:Customer {id: i, name: 'c' + toString(i), community: i % 9, score: toFloat(i % 101)});
    UNWIND range(0, $view_nodes - 1) AS i UNWIND [1, 2, 3, 4] AS k
    MATCH (a:Customer {id: i}), (b:Customer {id: (i + k * k * (i % 9 + 1)) % $view_nodes})
    CREATE (a)-[:KNOWS]->(b)" >/dev/null
  "$guanxi" export "$work/view.gx" --format html --color-by community --size-by score \
    --output "$work/view.html" >/dev/null
  draws=()
  for ((i = 0; i < repeat; i++)); do
    rm -rf "$work/profile"
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$work/profile" --virtual-time-budget=10000 --window-size=1400,900 \
      --dump-dom "file://$work/view.html" 2>/dev/null >"$work/dom.html"
    draws+=("$(grep -o 'data-first-draw-ms="[0-9]*"' "$work/dom.html" | grep -o '[0-9]*')")
  done
  first_draw=$(median "${draws[@]}")
fi

cat <<EOF
figure                                   median         baseline       ratio   target   result
backup, scale $scale (s)                   $backup   cp+zstd -1 $baseline   $throughput_ratio   >= 0.5   $(verdict "$throughput_ratio" ">=" 0.5)
backup size / data.mdb                   $backup_bytes   data.mdb $data_bytes (zstd -1: $zstd_bytes)   $size_ratio   <= 0.4   $(verdict "$size_ratio" "<=" 0.4)
restore (s)                              $restore   backup $backup   $restore_ratio   <= 1.5   $(verdict "$restore_ratio" "<=" 1.5)
load of the dump (s, $dump_bytes bytes)   $load   import $import   $load_ratio   <= 2     $(verdict "$load_ratio" "<=" 2)
GraphML export $export_nodes/$export_relationships (s)  $graphml   -   -   <= 5 s   $(verdict "$graphml" "<=" 5)
HTML view first draw, $view_nodes nodes (ms)  $first_draw   -   -   <= 3000   $([[ $first_draw == n/a ]] && echo "no chromium" || verdict "$first_draw" "<=" 3000)
runs: import ${import_times[*]} | cp+zstd ${baseline_times[*]} | backup ${backup_times[*]} | restore ${restore_times[*]} | load ${load_times[*]} | graphml ${graphml_times[*]}
EOF

#!/usr/bin/env bash
# The memory budget figure: a statement that would sort 400 million rows
# (the cartesian ORDER BY below) is stopped by its budget, and the process's
# peak resident memory stays within the budget plus 10 %.
#
#   bench/memory_budget_bench.sh [BUILD_DIR]
#
# Environment: BUDGET (default 1GiB; the figure's target is computed from
# it), SIDE (the two ranges' length, default 20000). Needs /usr/bin/time
# (GNU time) for the peak resident set size.
#
# Figure and target:
#   peak RSS (maxresident) <= budget * 1.1, with the [limit] error naming the budget
set -euo pipefail

build=${1:-build}
budget=${BUDGET:-1GiB}
side=${SIDE:-20000}
guanxi=$build/shell/guanxi
[[ -x $guanxi ]] || { echo "no $guanxi: build first" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (GNU time)" >&2; exit 2; }

bytes() {  # 1GiB, 512MiB -> bytes
  local n=${1%%[!0-9.]*} unit=${1##*[0-9.]}
  case ${unit^^} in
    ''|B) echo "$n / 1" | bc ;;
    KIB|K) echo "$n * 1024 / 1" | bc ;;
    MIB|M) echo "$n * 1024^2 / 1" | bc ;;
    GIB|G) echo "$n * 1024^3 / 1" | bc ;;
    *) echo "unknown unit in $1" >&2; exit 2 ;;
  esac
}

statement="UNWIND range(1, $side) AS a UNWIND range(1, $side) AS b RETURN a, b ORDER BY a + b"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s.%N)
set +e
/usr/bin/time -v "$guanxi" --memory-budget "$budget" --format csv -c "$statement" \
  >/dev/null 2>"$log"
code=$?
set -e
seconds=$(echo "$(date +%s.%N) - $start" | bc)
error=$(grep '^guanxi: error' "$log" || true)
peak_kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
limit=$(bytes "$budget")
peak=$((peak_kib * 1024))
target=$((limit + limit / 10))
printf 'statement: %s\n' "$statement"
printf 'exit status %s after %.1f s: %s\n' "$code" "$seconds" "$error"
printf 'budget %s (%d bytes); peak RSS %d KiB = %.3f x budget; target <= 1.1\n' \
  "$budget" "$limit" "$peak_kib" "$(echo "$peak / $limit" | bc -l)"
[[ $code == 1 && $error == *"[limit] the statement needs more than"* ]] ||
  { echo "FAIL: the statement was not stopped by its budget" >&2; exit 1; }
((peak <= target)) || { echo "FAIL: peak RSS above budget + 10%" >&2; exit 1; }
echo "PASS"

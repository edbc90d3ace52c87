#!/usr/bin/env bash
# End-to-end tests of the `guanxi` binary.
#
#   shell_test.sh GUANXI_BINARY CASE TEST_DATA_DIR
#
# Each CASE writes its CSV files to a fresh temporary directory, runs the
# binary and checks exit codes, stdout and stderr. The cases are registered
# one by one with CTest (tests/shell/CMakeLists.txt).
set -euo pipefail

bin=$1
case_name=$2
data=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/guanxi-shell-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"
expect_no_out() { [[ ! -s "$tmp/out" ]] || fail "expected no stdout"; }
# The line of `guanxi stats` text output for NAME must end in COUNT.
expect_stat() { grep -qE -- "^ *$1 +$2\$" "$tmp/out" || fail "stats line '$1 ... $2' missing"; }

write_sample() {
  cat >"$tmp/people.csv" <<'EOF'
id:ID(Person),name:string,age:int,score:float,tags:string[],:LABEL
1,Ada,36,9.5,math;code,Customer
2,Bob,41,7.25,,
3,"Chen, Li",29,8.0,art,Customer;VIP
EOF
  cat >"$tmp/companies.csv" <<'EOF'
id:ID(Company),name
1,Acme
EOF
  cat >"$tmp/knows.csv" <<'EOF'
:START_ID(Person),:END_ID(Person),since:date,strength:double
1,2,2020-01-05,0.8
2,3,2021-03-01,0.5
EOF
  # Person 1 and Company 1 are different nodes: ids are unique per ID space.
  cat >"$tmp/works.csv" <<'EOF'
:START_ID(Person),:END_ID(Company),:TYPE
1,1,WORKS_AT
3,1,WORKS_AT
EOF
}

import_sample() {
  run import "$tmp/db" --nodes=Person "$tmp/people.csv" --nodes=Company "$tmp/companies.csv" \
    --relationships=KNOWS "$tmp/knows.csv" --relationships "$tmp/works.csv"
  expect_code 0
}

case_import_stats_verify() {
  write_sample
  import_sample
  expect_out "Imported 4 nodes and 4 relationships into"
  expect_out "^  WORKS_AT +2$"
  # Nodes are found by their id without a CREATE INDEX.
  expect_out "^Indexes created on id properties: index_Person_id, index_Company_id$"
  [[ ! -s "$tmp/err" ]] || fail "stderr not empty off a terminal (no progress bar expected)"
  run "$tmp/db" -c "EXPLAIN MATCH (p:Person {id: 2}) RETURN p.name"
  expect_code 0
  expect_out "NodeIndexSeek p:Person\(id = 2\)"
  [[ $(query "$tmp/db" "MATCH (p:Person {id: 2}) RETURN p.name") == "Bob" ]] ||
    fail "the id index did not find Person 2"

  run stats "$tmp/db"
  expect_code 0
  expect_stat Nodes 4
  expect_stat :Person 3
  expect_stat :Customer 2
  expect_stat :VIP 1
  expect_stat :Company 1
  expect_stat Relationships 4
  expect_stat :KNOWS 2
  expect_stat :WORKS_AT 2
  # Out-degrees 2 (Ada: KNOWS, WORKS_AT), 1, 1, 0; in-degrees 0, 1, 1, 2.
  expect_out "^Out-degree +min 0, median 1, mean 1.00, p90 2, p99 2, max 2$"
  expect_out "^In-degree +min 0, median 1, mean 1.00, p90 2, p99 2, max 2$"
  expect_out "^Indexes +2$"
  expect_out "^  :Person\(id\)$"
  expect_out "^Size on disk +[0-9.]+ [KM]iB"
  # Each table: entries, pages, size, fill, bytes per relationship.
  expect_out "^Tables +entries +pages +size +fill +per rel\.$"
  expect_out "^  out +4 +1 +4\.0 KiB +[0-9]+% +1024\.0$"
  # Records only for the two KNOWS, which have properties.
  expect_out "^  edges +2 +1 +4\.0 KiB"

  run stats "$tmp/db" --format json
  expect_code 0
  expect_out '"nodes": 4,'
  expect_out '"relationships": 4,'
  expect_out '\{"name": "Person", "nodes": 3\}'
  expect_out '\{"name": "KNOWS", "relationships": 2\}'
  expect_out '"histogram": \[\{"from": 0, "to": 0, "nodes": 1\}, \{"from": 1, "to": 1, "nodes": 2\}, \{"from": 2, "to": 3, "nodes": 1\}\]'
  expect_out '\{"name": "out", "entries": 4, "branch_pages": 0, "leaf_pages": 1, "overflow_pages": 0, "bytes": 4096, "fill": 0\.[0-9]+\}'

  run verify "$tmp/db"
  expect_code 0
  expect_out "^OK: .* is consistent \(4 nodes, 4 relationships"
}

case_import_into_existing() {
  write_sample
  import_sample
  # Tab-separated files; Person ids resolve against the first import.
  printf 'id:ID(Tag)\tname\n1\tjazz\n2\tchess\n' >"$tmp/tags.tsv"
  printf ':START_ID(Person)\t:END_ID(Tag)\n1\t1\n3\t1\n3\t2\n' >"$tmp/likes.tsv"
  run import "$tmp/db" --delimiter TAB --nodes=Tag "$tmp/tags.tsv" --relationships=LIKES "$tmp/likes.tsv"
  expect_code 0
  expect_out "Imported 2 nodes and 3 relationships"
  # The same with '\t' spelled out, and the neo4j-admin 5 group form.
  printf 'id:ID(Tag)\tname\n3\tgo\n' >"$tmp/more_tags.tsv"
  run import "$tmp/db" --delimiter '\t' --nodes=Tag="$tmp/more_tags.tsv"
  expect_code 0
  # neo4j-admin 4 form with a header file and headerless parts, and
  # --nodes=FILE alone.
  printf 'id:ID(Tag)\tname\n' >"$tmp/tag_header.tsv"
  printf '4\trock\n' >"$tmp/t4.tsv"
  printf '5\tpop\n' >"$tmp/t5.tsv"
  printf 'id:ID(Loose)\t:LABEL\n1\tLoose\n' >"$tmp/loose.tsv"
  run import "$tmp/db" --delimiter TAB --nodes:Tag "$tmp/tag_header.tsv,$tmp/t4.tsv,$tmp/t5.tsv" \
    --nodes="$tmp/loose.tsv"
  expect_code 0
  expect_out "Imported 3 nodes and 0 relationships"
  run stats "$tmp/db"
  expect_code 0
  expect_stat Nodes 10
  expect_stat :Tag 5
  expect_stat :Loose 1
  expect_stat :Person 3
  expect_stat Relationships 7
  expect_stat :LIKES 3
  run verify "$tmp/db"
  expect_code 0
}

case_bad_rows_change_nothing() {
  write_sample
  import_sample
  run stats "$tmp/db" --format json
  expect_code 0
  cp "$tmp/out" "$tmp/stats_before.json"

  # An end id that no node has, on line 3.
  printf ':START_ID(Person),:END_ID(Person)\n1,3\n2,99\n' >"$tmp/bad_end.csv"
  run import "$tmp/db" --relationships=KNOWS "$tmp/bad_end.csv"
  expect_code 1
  expect_err "^guanxi: error: .*bad_end.csv:3"
  # An age that is not an int, on line 4, after good rows.
  printf 'id:ID(Person),age:int\n10,1\n11,2\n12,old\n' >"$tmp/bad_int.csv"
  run import "$tmp/db" --nodes=Person "$tmp/bad_int.csv"
  expect_code 1
  expect_err "^guanxi: error: .*bad_int.csv:4"
  # A row with a missing column, in the second file of a group.
  printf 'id:ID(Person),name\n20,Eve\n' >"$tmp/part1.csv"
  printf 'id:ID(Person),name\n21,Fay\n22\n' >"$tmp/part2.csv"
  run import "$tmp/db" --nodes=Person "$tmp/part1.csv" "$tmp/part2.csv"
  expect_code 1
  expect_err "^guanxi: error: .*part2.csv:3"
  # A duplicate id within the space.
  printf 'id:ID(Person),name\n1,Again\n' >"$tmp/dup.csv"
  run import "$tmp/db" --nodes=Person "$tmp/dup.csv"
  expect_code 1
  expect_err "^guanxi: error: .*dup.csv:2"

  run stats "$tmp/db" --format json
  expect_code 0
  diff "$tmp/stats_before.json" "$tmp/out" >&2 || fail "a failed import changed the database"
  run verify "$tmp/db"
  expect_code 0

  # A failed import into a new database leaves no database behind.
  run import "$tmp/fresh" --nodes=Person "$tmp/bad_int.csv"
  expect_code 1
  [[ ! -e "$tmp/fresh" ]] || fail "a failed import left $tmp/fresh behind"
}

case_usage_errors() {
  write_sample
  # Without a command, guanxi is the query shell (here an empty script on a
  # temporary database); an unknown option is still a usage error.
  run
  expect_code 0
  run --frobnicate
  expect_code 2
  expect_err "^guanxi: error: "
  run "$tmp/db" extra-argument
  expect_code 2
  run import
  expect_code 2
  run import "$tmp/db"
  expect_code 2
  expect_err "nothing to import"
  run import "$tmp/db" --nodes
  expect_code 2
  expect_err "--nodes needs at least one file"
  run import "$tmp/db" --delimiter ab --nodes "$tmp/people.csv"
  expect_code 2
  run import "$tmp/db" --id-type float --nodes "$tmp/people.csv"
  expect_code 2
  run import "$tmp/db" --relationships=A:B "$tmp/knows.csv"
  expect_code 2
  run import "$tmp/db" --no-such-option --nodes "$tmp/people.csv"
  expect_code 2
  [[ ! -e "$tmp/db" ]] || fail "a usage error created the database"
  run stats
  expect_code 2
  run stats "$tmp/db" --format xml
  expect_code 2
  run verify "$tmp/db" extra
  expect_code 2

  run --version
  expect_code 0
  expect_out "^guanxi [0-9]+\.[0-9]+\.[0-9]+"
  run --help
  expect_code 0
  expect_out "import"
  expect_out "verify"
  expect_out "stats"
  run import --help
  expect_code 0
  expect_out "--relationships"
  expect_out "--delimiter"
}

case_missing_database() {
  write_sample
  run verify "$tmp/nope"
  expect_code 1
  expect_err "^guanxi: error: database '.*nope' does not exist"
  expect_no_out
  [[ ! -e "$tmp/nope" ]] || fail "verify created the database"
  run stats "$tmp/nope"
  expect_code 1
  expect_err "does not exist"
  [[ ! -e "$tmp/nope" ]] || fail "stats created the database"
  mkdir "$tmp/empty"
  run stats "$tmp/empty"
  expect_code 1
  expect_err "not a Guanxi database"
  run verify "$tmp/people.csv"
  expect_code 1
  expect_err "not a Guanxi database"
  run import "$tmp/db" --nodes "$tmp/missing.csv"
  expect_code 1
  expect_err "^guanxi: error: cannot read '.*missing.csv'"
  [[ ! -e "$tmp/db" ]] || fail "an import of a missing file created the database"
}

case_damaged_database() {
  write_sample
  printf 'id:ID(Person),name\n7,Zqxjmarkerzqxj\n' >"$tmp/marked.csv"
  run import "$tmp/db" --nodes=Person "$tmp/marked.csv"
  expect_code 0
  run verify "$tmp/db"
  expect_code 0
  # Flip one byte of the name inside the node record, wherever LMDB put it.
  local offsets
  offsets=$(grep -obUa "Zqxjmarkerzqxj" "$tmp/db/data.mdb" | cut -d: -f1)
  [[ -n $offsets ]] || fail "marker not found in data.mdb"
  for off in $offsets; do
    printf 'Y' | dd of="$tmp/db/data.mdb" bs=1 seek=$((off + 3)) conv=notrunc status=none
  done
  run verify "$tmp/db"
  expect_code 1
  expect_out "^nodes: "
  expect_out "^FAILED: .* has [0-9]+ problems?"
}

case_truncated_database() {
  write_sample
  run import "$tmp/db" --nodes=Person "$tmp/people.csv"
  expect_code 0
  local size
  size=$(stat -c %s "$tmp/db/data.mdb")
  truncate -s $((size / 2)) "$tmp/db/data.mdb"
  run verify "$tmp/db"
  expect_code 1
  expect_out "^meta pages: .*truncated"
  expect_out "^FAILED: "
  run "$tmp/db" -c "MATCH (n) RETURN count(n)"
  expect_code 1
  expect_err "\[storage\].*data\.mdb.* truncated"
  # Emptied: damage, not a new database; nothing is written to it.
  truncate -s 0 "$tmp/db/data.mdb"
  run verify "$tmp/db"
  expect_code 1
  expect_out "empty"
  run "$tmp/db" -c "CREATE (:Person {name: 'Eve'})"
  expect_code 1
  expect_err "\[storage\].*data\.mdb.* empty"
  [[ $(stat -c %s "$tmp/db/data.mdb") == 0 ]] || fail "the emptied data.mdb was written to"
}

case_changed_record_key() {
  write_sample
  run import "$tmp/db" --nodes=Person "$tmp/people.csv"
  expect_code 0
  # Node keys are 8-byte big-endian ids, after the key size (08 00) in the
  # LMDB entry header. Change node 1's key to 5, a node that does not exist.
  local off
  off=$(grep -obUaP '\x08\x00\x00\x00\x00\x00\x00\x00\x00\x01' "$tmp/db/data.mdb" |
    head -1 | cut -d: -f1)
  [[ -n $off ]] || fail "node key 1 not found in data.mdb"
  printf '\x05' | dd of="$tmp/db/data.mdb" bs=1 seek=$((off + 9)) conv=notrunc status=none
  run verify "$tmp/db"
  expect_code 1
  expect_out "^nodes: "
  run "$tmp/db" --format csv -c "MATCH (p:Person) RETURN sum(p.age)"
  expect_code 1
  expect_err "\[storage\].*node"
}

case_tiny_map_index() {
  run "$tmp/db" --create --map-size 1 -c "UNWIND range(1, 20000) AS i CREATE (:N {id: i})"
  expect_code 0
  run "$tmp/db" --map-size 1 -c "CREATE INDEX FOR (n:N) ON (n.id)"
  expect_code 0
  run "$tmp/db" --map-size 1 --format csv -c "MATCH (n:N) WHERE n.id = 12345 RETURN count(n) AS n"
  expect_code 0
  expect_out "^1"
  [[ $(stat -c %a "$tmp/db/data.mdb") == 600 ]] || fail "data.mdb is not mode 600"
}

case_ldbc_sample() {
  # The files are zstd-compressed; import reads them as they are.
  local d=$data/ldbc-sf01-people
  [[ -f $d/Person.csv.zst ]] || fail "LDBC sample not found in '$d'"
  run import "$tmp/ldbc.gx" --delimiter '|' \
    --nodes=Person "$d/Person.csv.zst" --nodes=Tag "$d/Tag.csv.zst" \
    --nodes=Place "$d/Place.csv.zst" --nodes=Organisation "$d/Organisation.csv.zst" \
    --relationships=KNOWS "$d/Person_knows_Person.csv.zst" "$d/Person_knows_Person_1.csv.zst" \
    --relationships=HAS_INTEREST "$d/Person_hasInterest_Tag.csv.zst" \
    --relationships=IS_LOCATED_IN "$d/Person_isLocatedIn_Place.csv.zst" \
    --relationships=STUDY_AT "$d/Person_studyAt_Organisation.csv.zst" \
    --relationships=WORK_AT "$d/Person_workAt_Organisation.csv.zst"
  expect_code 0
  expect_out "Imported 27,023 nodes"
  run stats "$tmp/ldbc.gx"
  expect_code 0
  expect_stat Nodes 27,023
  expect_stat :Person 1,528
  expect_stat :KNOWS 14,073
  run verify "$tmp/ldbc.gx"
  expect_code 0
}

case_hostile_input() {
  # Names past LMDB's key limit failed with MDB_BAD_VALSIZE; now the error
  # gives file:line, the name's length and the limit.
  local long
  long=$(printf 'x%.0s' {1..600})
  printf 'id:ID(P),%s:int\n1,1\n' "$long" >"$tmp/long_key.csv"
  run import "$tmp/db" --nodes=P "$tmp/long_key.csv"
  expect_code 1
  expect_err "long_key.csv:1: .*property key name of 600 bytes is longer than the 509 bytes"
  printf 'id:ID(P),:LABEL\n1,A\n2,%s\n' "$long" >"$tmp/long_label.csv"
  run import "$tmp/db" --nodes=P "$tmp/long_label.csv"
  expect_code 1
  expect_err "long_label.csv:3: .*label name of 600 bytes"
  printf 'id:ID(P)\n1\n2\n' >"$tmp/p.csv"
  printf ':START_ID(P),:END_ID(P),:TYPE\n1,2,%s\n' "$long" >"$tmp/long_type.csv"
  run import "$tmp/db" --nodes=P "$tmp/p.csv" --relationships "$tmp/long_type.csv"
  expect_code 1
  expect_err "long_type.csv:2: .*relationship type name of 600 bytes"
  [[ ! -e "$tmp/db" ]] || fail "a failed import left $tmp/db behind"

  # A float too close to zero for a double reads as 0.0; too large is an error.
  printf 'id:ID(P),f:float\n1,1e-400\n2,-1e-400\n3,0.5\n' >"$tmp/tiny.csv"
  run import "$tmp/db" --nodes=P "$tmp/tiny.csv"
  expect_code 0
  [[ $(query "$tmp/db" "MATCH (n:P) RETURN n.f ORDER BY n.id") == $'0.0\n-0.0\n0.5' ]] ||
    fail "1e-400 did not read as 0.0: $(query "$tmp/db" "MATCH (n:P) RETURN n.f ORDER BY n.id")"
  printf 'id:ID(Q),f:float\n1,1e400\n' >"$tmp/huge.csv"
  run import "$tmp/db" --nodes=Q "$tmp/huge.csv"
  expect_code 1
  expect_err "huge.csv:2: .*'1e400' is too large for a float"

  # A negative bound was printed against a 309-digit maximum.
  run verify "$tmp/db" --max-problems -1
  expect_code 2
  expect_err "^guanxi: error: --max-problems: takes a whole number of 1 or more, not '-1'"
  (($(wc -c <"$tmp/err") < 400)) || fail "the --max-problems error is too long"
  run verify "$tmp/db" --max-problems 5
  expect_code 0

  # JSON parameters nested past the limit: nlohmann parses iteratively, the
  # conversion recursed and crashed.
  local deep
  deep=$(printf '[%.0s' {1..20000})$(printf ']%.0s' {1..20000})
  run "$tmp/db" --param "x=$deep" -c 'RETURN 1 AS one'
  expect_code 2
  expect_err "\\[limit\\] .*parameter 'x' nests arrays and objects more than 1000 levels"
  # So are values nested past the limit that a statement builds.
  run "$tmp/db" -c 'RETURN reduce(a = [], x IN range(1, 30000) | [a]) AS l'
  expect_code 1
  expect_err "\\[limit\\] Value nested too deeply"
}

"case_$case_name"
echo "PASS [$case_name]"

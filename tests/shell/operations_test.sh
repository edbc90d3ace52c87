#!/usr/bin/env bash
# End-to-end tests of the operations subcommands of the `guanxi` binary:
# backup, restore, verify of a backup, upgrade, compact, dump and load, including
# processes killed in the middle of them.
#
#   operations_test.sh GUANXI_BINARY CASE TEST_DATA_DIR
#
# Each CASE works in a fresh temporary directory. The cases are registered one
# by one with CTest (tests/shell/CMakeLists.txt).
set -euo pipefail

bin=$1
case_name=$2
data=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/guanxi-ops-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"

# A small customer database with Chinese names, every value type, an index
# and a constraint.
make_sample() {
  run "$1" --create -c "CREATE INDEX customer_city FOR (c:Customer) ON (c.city);
    CREATE CONSTRAINT customer_id FOR (c:Customer) REQUIRE c.id IS UNIQUE;"
  expect_code 0
  run "$1" -c "CREATE (a:Customer {id: 1, name: '王小明', city: '上海', vip: true, spend: 1234.5,
      tags: ['茶', 'tea'], since: date('2020-05-01'), seen: datetime('2024-01-02T03:04:05Z'),
      wait: duration('P1M2DT3S'), note: 'it\\'s \"quoted\"\\nand multi-line', tiny: 1.0e-300,
      big: 9223372036854775807, small: -9223372036854775808}),
    (b:Customer {id: 2, name: 'Ada', city: 'Berlin'}),
    (c:Customer:VIP {id: 3, name: '李雷'}),
    (d:Tag {name: 'no customer'}),
    (a)-[:KNOWS {since: 2019, strength: 0.5}]->(b), (b)-[:KNOWS]->(a), (b)-[:REFERRED]->(c),
    (c)-[:FAMILY]->(a), (a)-[:KNOWS]->(a)"
  expect_code 0
}

ldbc_import() {
  local d=$data/ldbc-sf01-people
  run import "$1" --delimiter '|' \
    --nodes=Person "$d/Person.csv.zst" --nodes=Tag "$d/Tag.csv.zst" \
    --nodes=Place "$d/Place.csv.zst" --nodes=Organisation "$d/Organisation.csv.zst" \
    --relationships=KNOWS "$d/Person_knows_Person.csv.zst" "$d/Person_knows_Person_1.csv.zst" \
    --relationships=HAS_INTEREST "$d/Person_hasInterest_Tag.csv.zst"
  expect_code 0
}

case_backup_restore_verify() {
  make_sample "$tmp/db"
  run backup "$tmp/db" "$tmp/db.gxbackup"
  expect_code 0
  expect_out "^Backed up '.*db' to '.*db.gxbackup' in .*: 4 nodes, 5 relationships"
  [[ ! -s "$tmp/err" ]] || fail "a progress bar off a terminal"

  run backup --info "$tmp/db.gxbackup"
  expect_code 0
  expect_out "^Database format +10$"
  expect_out "^Nodes +4$"
  expect_out "^Relationships +5$"
  expect_out "^Complete +yes"

  run verify "$tmp/db.gxbackup"
  expect_code 0
  expect_out "^OK: backup '.*' is sound \(.* 4 nodes, 5 relationships"

  run restore "$tmp/db.gxbackup" "$tmp/copy"
  expect_code 0
  expect_out "^Restored '.*copy' from"
  [[ $(query "$tmp/copy" "MATCH (c:Customer {id: 1}) RETURN c.name") == "王小明" ]] ||
    fail "the restored database lost a name"
  run verify "$tmp/copy"
  expect_code 0

  # An existing database is replaced only with --force.
  run restore "$tmp/db.gxbackup" "$tmp/copy"
  expect_code 1
  expect_err "already exists; restore with --force"
  run "$tmp/copy" -c "CREATE (:Extra)"
  run restore "$tmp/db.gxbackup" "$tmp/copy" --force
  expect_code 0
  expect_out "^Replaced"
  [[ $(query "$tmp/copy" "MATCH (n) RETURN count(n)") == 4 ]] || fail "--force did not replace"

  # A flipped byte is found, named by its block, and stops a restore.
  cp "$tmp/db.gxbackup" "$tmp/bad.gxbackup"
  local size
  size=$(stat -c %s "$tmp/bad.gxbackup")
  printf '\xff' | dd of="$tmp/bad.gxbackup" bs=1 seek=$((size / 2)) conv=notrunc status=none
  run verify "$tmp/bad.gxbackup"
  expect_code 1
  expect_out "^block [0-9]+ \(bytes [0-9]+-[0-9]+\): "
  expect_out "^FAILED: backup"
  run restore "$tmp/bad.gxbackup" "$tmp/from-bad"
  expect_code 1
  expect_err "is damaged, nothing was restored: block"
  [[ ! -e "$tmp/from-bad" ]] || fail "a damaged backup left a database behind"

  # A truncated file too.
  head -c $((size - 20)) "$tmp/db.gxbackup" >"$tmp/cut.gxbackup"
  run verify "$tmp/cut.gxbackup"
  expect_code 1
  expect_out "truncated"
  run backup --info "$tmp/cut.gxbackup"
  expect_code 0
  expect_out "^Complete +NO"
}

case_restore_errors() {
  make_sample "$tmp/db"
  run backup "$tmp/db" "$tmp/db.gxbackup"
  expect_code 0
  echo "not a backup" >"$tmp/notes.txt"
  run restore "$tmp/notes.txt" "$tmp/r"
  expect_code 1
  expect_err "^guanxi: error: \\[storage\\] '.*notes.txt' is not a Guanxi backup"
  run restore "$tmp/missing.gxbackup" "$tmp/r"
  expect_code 1
  expect_err "does not exist"
  run verify "$tmp/notes.txt"
  expect_code 1
  expect_err "not a Guanxi database"
  touch "$tmp/plain-file"
  run restore "$tmp/db.gxbackup" "$tmp/plain-file" --force
  expect_code 1
  expect_err "not a database directory"
  mkdir "$tmp/photos" && echo meow >"$tmp/photos/cat.txt"
  run restore "$tmp/db.gxbackup" "$tmp/photos" --force
  expect_code 1
  expect_err "holds other files"
  [[ $(cat "$tmp/photos/cat.txt") == meow ]] || fail "restore touched a foreign directory"
  [[ ! -e "$tmp/r" ]] || fail "a failed restore created the database"
  # A backup of a newer format: the header is rewritten by hand (format 99).
  python3 - "$tmp/db.gxbackup" "$tmp/newer.gxbackup" <<'EOF'
import struct, sys
data = bytearray(open(sys.argv[1], 'rb').read())
data[12:16] = struct.pack('<I', 99)
open(sys.argv[2], 'wb').write(data)
EOF
  run restore "$tmp/newer.gxbackup" "$tmp/r"
  expect_code 1
  [[ ! -e "$tmp/r" ]] || fail "a bad backup created the database"
  run backup "$tmp/db" "$tmp/db.gxbackup"
  expect_code 1
  expect_err "already exists \(use --force"
  run backup "$tmp/nope" "$tmp/x.gxbackup"
  expect_code 1
  expect_err "does not exist"
  run backup "$tmp/db"
  expect_code 2
  run backup "$tmp/db" "$tmp/x.gxbackup" --level 30
  expect_code 2
}

# Kills a command after DELAY seconds (if it is still running).
run_killed() {
  local delay=$1
  shift
  set +e
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null &
  local pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  set -e
}

case_killed_operations() {
  ldbc_import "$tmp/db"
  run backup "$tmp/db" "$tmp/good.gxbackup" --level 19
  expect_code 0
  run dump "$tmp/db" --output "$tmp/good.cypher"
  expect_code 0
  local delay
  for delay in 0.01 0.05 0.1 0.2 0.4; do
    # A killed backup leaves no file at its path, or a complete one.
    rm -f "$tmp/k.gxbackup"
    run_killed "$delay" backup "$tmp/db" "$tmp/k.gxbackup" --level 19
    if [[ -e "$tmp/k.gxbackup" ]]; then
      run verify "$tmp/k.gxbackup"
      expect_code 0
    fi
    # A killed restore leaves no database, or a complete one.
    rm -rf "$tmp/k.gx"
    run_killed "$delay" restore "$tmp/good.gxbackup" "$tmp/k.gx"
    if [[ -e "$tmp/k.gx" ]]; then
      run verify "$tmp/k.gx"
      expect_code 0
      expect_out "27,023 nodes"
    fi
    # A killed compaction leaves the database as it was, or compacted whole.
    rm -rf "$tmp/c.gx"
    cp -r "$tmp/db" "$tmp/c.gx"
    run_killed "$delay" compact "$tmp/c.gx"
    run verify "$tmp/c.gx"
    expect_code 0
    expect_out "27,023 nodes"
    # A killed load into an existing database leaves it as it was, or loaded whole.
    rm -rf "$tmp/l.gx"
    run "$tmp/l.gx" --create -c "CREATE (:Before)"
    run_killed "$delay" load "$tmp/l.gx" "$tmp/good.cypher"
    local n
    n=$(query "$tmp/l.gx" "MATCH (n) RETURN count(n)")
    [[ $n == 1 || $n == 27024 ]] || fail "a killed load left $n nodes"
    run verify "$tmp/l.gx"
    expect_code 0
  done
  run verify "$tmp/db"
  expect_code 0
}

case_dump_load_round_trip() {
  make_sample "$tmp/db"
  run dump "$tmp/db" --output "$tmp/one.cypher"
  expect_code 0
  expect_out "^Dumped 4 nodes, 5 relationships and 2 indexes"
  head -1 "$tmp/one.cypher" | grep -q "^// Guanxi dump (format 1): 4 nodes, 5 relationships" ||
    fail "the dump's first line"
  grep -q "王小明" "$tmp/one.cypher" || fail "the dump lost the Chinese name"
  # Standard output gives the same text.
  "$bin" dump "$tmp/db" >"$tmp/stdout.cypher"
  cmp -s "$tmp/one.cypher" "$tmp/stdout.cypher" || fail "dump to stdout differs from --output"

  run load "$tmp/loaded" "$tmp/one.cypher"
  expect_code 0
  expect_out "^Loaded 4 nodes, 5 relationships and 2 indexes into"
  run dump "$tmp/loaded" --output "$tmp/two.cypher"
  expect_code 0
  diff "$tmp/one.cypher" "$tmp/two.cypher" >&2 || fail "dump -> load -> dump changed the text"
  run verify "$tmp/loaded"
  expect_code 0

  # The script runs as plain Cypher too, to the same text.
  run "$tmp/scripted" --create -f "$tmp/one.cypher"
  expect_code 0
  run dump "$tmp/scripted" --output "$tmp/three.cypher"
  diff "$tmp/one.cypher" "$tmp/three.cypher" >&2 || fail "the script run gives another dump"
  [[ $(query "$tmp/scripted" "MATCH (c:Customer {id: 1}) RETURN c.note") == *"multi-line"* ]] ||
    fail "a string with quotes and a newline did not survive"

  # Bad input: a line and a reason, and nothing changes.
  printf '%s\nCREATE (:Oops);\n' "$(head -1 "$tmp/one.cypher")" >"$tmp/bad.cypher"
  run load "$tmp/loaded" "$tmp/bad.cypher"
  expect_code 1
  expect_err "bad.cypher:2: not a statement of a Guanxi dump"
  echo "MATCH (n) RETURN n;" >"$tmp/plain.cypher"
  run load "$tmp/new" "$tmp/plain.cypher"
  expect_code 1
  expect_err "plain.cypher:1: not a Guanxi dump"
  [[ ! -e "$tmp/new" ]] || fail "a failed load created the database"
}

case_dump_load_ldbc() {
  ldbc_import "$tmp/db"
  run dump "$tmp/db" --output "$tmp/one.cypher"
  expect_code 0
  expect_out "^Dumped 27,023 nodes"
  run load "$tmp/loaded" "$tmp/one.cypher"
  expect_code 0
  run dump "$tmp/loaded" --output "$tmp/two.cypher"
  cmp -s "$tmp/one.cypher" "$tmp/two.cypher" || fail "dump -> load -> dump changed the text"
  [[ $(query "$tmp/loaded" "MATCH (:Person)-[k:KNOWS]->(:Person) RETURN count(k)") == 14073 ]] ||
    fail "KNOWS relationships lost"
}

case_upgrade() {
  mkdir "$tmp/f2.gx"
  zstd -q -d "$data/format2/data.mdb.zst" -o "$tmp/f2.gx/data.mdb"
  run "$tmp/f2.gx" -c "MATCH (n) RETURN count(n)"
  expect_code 1
  expect_err "has format version 2, older than this build's format 10: run 'guanxi upgrade"
  run upgrade "$tmp/f2.gx" --backup "$tmp/f2.gxbackup"
  expect_code 0
  expect_out "^Upgraded '.*f2.gx' from format 2 to 10 in .* backed up in '.*f2.gxbackup'"
  expect_out "format 2 -> 3: give the database an id"
  expect_out "format 3 -> 4: add the privacy table"
  expect_out "format 4 -> 5: add the audit table"
  expect_out "format 5 -> 6: seal tagged values at rest"
  expect_out "format 6 -> 7: index datetimes and durations under their new keys"
  expect_out "format 7 -> 8: store adjacency as compressed blocks"
  expect_out "format 8 -> 9: keep records only for relationships with properties"
  expect_out "format 9 -> 10: key the import ID spaces by fingerprint in a database with tags"
  [[ $(query "$tmp/f2.gx" "MATCH (c:Customer {id: 1}) RETURN c.name") == "王小明" ]] ||
    fail "the upgraded database lost a name"
  # Its datetime and duration keep the encodings written before format 7.
  [[ $(query "$tmp/f2.gx" "MATCH (c:Customer {id: 1}) RETURN toString(c.seen) + ' ' + toString(c.wait)") == "2024-01-02T03:04:05Z P1M2DT3S" ]] ||
    fail "the upgraded database misread a datetime or a duration"
  run verify "$tmp/f2.gx"
  expect_code 0
  run upgrade "$tmp/f2.gx"
  expect_code 0
  expect_out "already has format 10"
  # The backup restores the old database, which needs the upgrade again.
  run restore "$tmp/f2.gxbackup" "$tmp/old.gx"
  expect_code 0
  expect_out "run 'guanxi upgrade"
  run upgrade "$tmp/nope"
  expect_code 1
}

# Compaction: the room of deleted customers comes back, and the values
# written before a tag covered them leave the data file; a database open in
# another process, of an older format, or not there is refused untouched.
case_compact() {
  python3 - "$tmp/c.csv" <<'EOF'
import sys
with open(sys.argv[1], 'w', encoding='utf-8') as out:
    out.write('cid:ID(Customer),email,name\n')
    for i in range(3000):
        out.write(f'{i},secret{1000000 + i}@mail.example,客户{i}\n')
EOF
  run import "$tmp/db" --nodes=Customer "$tmp/c.csv"
  expect_code 0
  run "$tmp/db" -c "CREATE TAG pii ON :Customer(email) MASK redact;
    CREATE PURPOSE service BASIS contract; ALLOW service READ pii;
    MATCH (c:Customer) WHERE c.cid >= 1000 DETACH DELETE c"
  expect_code 0
  expect_err "warning: .*\[clear-copies-remain\] tag 'pii' sealed the values of 3000 nodes written before it; .*'guanxi compact'"
  grep -aq '@mail.example' "$tmp/db/data.mdb" ||
    fail "CREATE TAG over written values no longer leaves them in free pages: the case is moot"
  local before
  before=$(stat -c %s "$tmp/db/data.mdb")

  # Held open by a query shell reading from a pipe: refused, untouched.
  mkfifo "$tmp/in"
  "$bin" "$tmp/db" --format csv <"$tmp/in" >"$tmp/held" 2>&1 &
  local holder=$!
  exec 3>"$tmp/in"
  echo "RETURN 'opened' AS state;" >&3
  local i
  for i in $(seq 100); do grep -q opened "$tmp/held" && break; sleep 0.1; done
  grep -q opened "$tmp/held" || fail "the holding shell did not open the database"
  run compact "$tmp/db"
  exec 3>&-
  wait "$holder"
  expect_code 1
  expect_err "^guanxi: error: database '.*db' is open \(in another process"
  [[ $(stat -c %s "$tmp/db/data.mdb") == "$before" ]] || fail "a refused compaction changed the file"

  run compact "$tmp/db"
  expect_code 0
  expect_out "^Compacted '.*db' in .* s: .* before, .* after \(1,000 nodes, 0 relationships\)"
  expect_out "^Compacted its key store: .* before, .* after$"
  ! grep -aq '@mail.example' "$tmp/db/data.mdb" ||
    fail "a value written before its tag is still in the compacted file"
  (($(stat -c %s "$tmp/db/data.mdb") < before)) || fail "the compacted file is no smaller"
  [[ $("$bin" "$tmp/db" --purpose service --format csv -c \
    "MATCH (c:Customer {cid: 7}) RETURN c.email" | tail -n +2 | tr -d '\r') == \
    "secret1000007@mail.example" ]] || fail "the compacted database lost an address"
  [[ $(query "$tmp/db" "MATCH (c:Customer {cid: 999}) RETURN c.name") == "客户999" ]] ||
    fail "the compacted database lost a name"
  run verify "$tmp/db"
  expect_code 0
  expect_out "1,000 nodes"
  if ls -a "$tmp" | grep -q '\.compact-'; then fail "a staging directory was left behind"; fi

  mkdir "$tmp/f2.gx"
  zstd -q -d "$data/format2/data.mdb.zst" -o "$tmp/f2.gx/data.mdb"
  run compact "$tmp/f2.gx"
  expect_code 1
  expect_err "run 'guanxi upgrade"
  run compact "$tmp/nope"
  expect_code 1
  expect_err "does not exist"
  run compact
  expect_code 2
}

"case_$case_name"
echo "PASS [$case_name]"

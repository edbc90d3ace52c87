#!/usr/bin/env bash
# End-to-end tests of the query shell's script mode (-c, -f, piped input,
# output formats, parameters, shell commands, errors).
#
#   query_shell_test.sh GUANXI_BINARY CASE
#
# Each CASE works on a fresh, empty database in a temporary directory;
# registered one by one with CTest (tests/shell/CMakeLists.txt).
set -euo pipefail

bin=$1
case_name=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/guanxi-query-shell-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db=$tmp/db

source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"
if [[ $case_name != missing_database ]]; then
  "$bin" "$db" --create -c 'RETURN 1' >/dev/null || { echo "FAIL: cannot create $db" >&2; exit 1; }
fi

# run_stdin INPUT ARGS...: like run, with INPUT piped to stdin.
run_stdin() {
  local input=$1
  shift
  set +e
  printf '%s' "$input" | "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
  code=$?
  set -e
  echo "+ ... | guanxi $* -> $code"
}
expect_not_out() { ! grep -qE -- "$1" "$tmp/out" || fail "stdout matches /$1/"; }
expect_no_err() { [[ ! -s "$tmp/err" ]] || fail "expected no stderr"; }
# expect_exact_out TEXT: stdout is exactly TEXT (printf escapes allowed).
expect_exact_out() {
  printf "$1" >"$tmp/expected"
  cmp -s "$tmp/expected" "$tmp/out" || { diff "$tmp/expected" "$tmp/out" >&2 || true; fail "stdout differs"; }
}

add_customers() {
  run "$db" -c "CREATE (:Customer {name: 'Ada', age: 36})-[:KNOWS {since: 2020}]->(:Customer {name: 'Bo', age: 41}); CREATE (:Customer {name: 'Chen', age: 29})"
  expect_code 0
}

case_command_option() {
  add_customers
  expect_out "^Created 2 nodes, created 1 relationship, set 5 properties, added 2 labels$"
  expect_out "^Created 1 node, set 2 properties, added 1 label$"
  run "$db" -c "MATCH (c:Customer) RETURN c.name AS name, c.age AS age ORDER BY age"
  expect_code 0
  expect_no_err
  expect_exact_out "+--------+-----+\n| name   | age |\n+--------+-----+\n| 'Chen' | 29  |\n| 'Ada'  | 36  |\n| 'Bo'   | 41  |\n+--------+-----+\n"
  # -c repeats, in order; a statement without ';' at the end is fine.
  run "$db" --format csv -c "CREATE (:Customer {name: 'Dana'})" -c "MATCH (c:Customer) RETURN count(*) AS n"
  expect_code 0
  expect_exact_out "n\r\n4\r\n"
}

case_formats() {
  add_customers
  local q="MATCH (c:Customer) WHERE c.age > 30 RETURN c.name AS name, c.age AS age, [c.age, null] AS l ORDER BY age"
  run "$db" --format csv -c "$q"
  expect_code 0
  # Lists in CSV use the import's array syntax (a null element is empty).
  expect_exact_out "name,age,l\r\nAda,36,36;\r\nBo,41,41;\r\n"
  run "$db" --format jsonl -c "$q"
  expect_code 0
  expect_exact_out '{"name":"Ada","age":36,"l":[36,null]}\n{"name":"Bo","age":41,"l":[41,null]}\n'
  run "$db" --format json -c "$q"
  expect_code 0
  expect_exact_out '[\n  {"name":"Ada","age":36,"l":[36,null]},\n  {"name":"Bo","age":41,"l":[41,null]}\n]\n'
  run "$db" --format markdown -c "$q"
  expect_code 0
  expect_exact_out "| name | age | l |\n| --- | --- | --- |\n| 'Ada' | 36 | [36, null] |\n| 'Bo' | 41 | [41, null] |\n"
  # Nodes and relationships print with labels, type and properties.
  run "$db" -c "MATCH (a {name: 'Ada'})-[k]->(b) RETURN a, k, b"
  expect_code 0
  expect_out "^\| \(:Customer \{age: 36, name: 'Ada'\}\) \| \[:KNOWS \{since: 2020\}\] \| \(:Customer \{age: 41, name: 'Bo'\}\) \|$"
  run "$db" --format jsonl -c "MATCH (a {name: 'Ada'}) RETURN a"
  expect_code 0
  expect_out '^\{"a":\{"id":[0-9]+,"labels":\["Customer"\],"properties":\{"age":36,"name":"Ada"\}\}\}$'
  # Table columns line up by display width: a Chinese character takes two
  # columns, a combining accent none ('é' written as e + U+0301).
  run "$db" -c "RETURN '上海' AS city, 'e\u0301' AS e"
  expect_code 0
  expect_exact_out "+--------+-----+\n| city   | e   |\n+--------+-----+\n| '上海' | 'e\xcc\x81' |\n+--------+-----+\n"
  # An empty result still has its header.
  run "$db" --format csv -c "MATCH (c:Nobody) RETURN c.name AS name"
  expect_exact_out "name\r\n"
  run "$db" --format xml -c "RETURN 1"
  expect_code 2
  # Numbers as people read them: no exponent below 1e15, everywhere a person
  # reads (tables, nested lists and maps, vertical).
  run "$db" -c "RETURN 18179029.0 AS a, 1.5e15 AS b, [0.25, 1234567.5] AS l, {x: 1e7} AS m"
  expect_code 0
  expect_out "^\| 18179029.0 \| 1.5E15 \| \[0.25, 1234567.5\] \| \{x: 10000000.0\} \|$"
  # CSV and TSV as spreadsheets and `guanxi import` read them: ISO dates,
  # plain floats, lists in the array syntax; TSV escapes tabs and newlines.
  local t="RETURN date('2023-01-15') AS d, datetime('2023-01-15T10:00:00Z') AS t,"
  t+=" duration('P1D') AS p, 18179029.5 AS f, ['茶', 'tea'] AS tags, 'a\tb\nc' AS s"
  run "$db" --format csv -c "$t"
  expect_code 0
  expect_exact_out "d,t,p,f,tags,s\r\n2023-01-15,2023-01-15T10:00Z,P1D,18179029.5,茶;tea,\"a\tb\nc\"\r\n"
  run "$db" --format tsv -c "$t"
  expect_code 0
  expect_exact_out "d\tt\tp\tf\ttags\ts\n2023-01-15\t2023-01-15T10:00Z\tP1D\t18179029.5\t茶;tea\ta\\\\tb\\\\nc\n"
  # A CSV export reads back through the import with the same values.
  run "$db" --format csv -c "UNWIND [1, 2] AS i RETURN i AS \`id:ID\`, '客户' + toString(i) AS name,
    ['a', 'b'] AS \`tags:string[]\`, date('1990-01-0' + toString(i)) AS \`born:date\`,
    18179029.5 * i AS \`spend:float\`"
  expect_code 0
  cp "$tmp/out" "$tmp/people.csv"
  run import "$tmp/imported" --nodes=Person "$tmp/people.csv"
  expect_code 0
  run "$tmp/imported" --format csv -c "MATCH (p:Person) RETURN p.id AS id, p.name AS name, p.tags AS tags,
    p.born = date('1990-01-02') AS born, p.spend AS spend ORDER BY id"
  expect_code 0
  expect_exact_out "id,name,tags,born,spend\r\n1,客户1,a;b,false,18179029.5\r\n2,客户2,a;b,true,36358059.0\r\n"
  # Vertical: one line per column, names aligned by display width.
  run "$db" --format vertical -c "RETURN '王芳' AS 名字, 12.0 AS spend"
  expect_code 0
  expect_exact_out "*************************** 1. row ***************************\n 名字: '王芳'\nspend: 12.0\n"
}

# Interactive output stops at --max-rows and counts the rest; scripts print
# everything unless asked.
case_max_rows() {
  run "$db" --max-rows 2 -c "UNWIND range(1, 5) AS x RETURN x"
  expect_code 0
  expect_exact_out "+---+\n| x |\n+---+\n| 1 |\n| 2 |\n+---+\n(3 more rows not shown: :max-rows 0 shows all)\n"
  run "$db" --max-rows 2 --format csv -c "UNWIND range(1, 5) AS x RETURN x"
  expect_code 0
  expect_exact_out "x\r\n1\r\n2\r\n"
  expect_err "^\(3 more rows not shown"
  run "$db" -c ":max-rows 1" -c "UNWIND range(1, 3) AS x RETURN x" -c ":max-rows 0" -c "UNWIND range(1, 3) AS x RETURN x"
  expect_code 0
  expect_out "^\(2 more rows not shown"
  expect_out "^\| 3 \|$"
  run "$db" -c ":max-rows -1"
  expect_code 1
  expect_err "expected ':max-rows N' with N >= 0"
  run "$db" --format csv -c "UNWIND range(1, 3000) AS x RETURN x"
  expect_code 0
  [[ $(wc -l <"$tmp/out") == 3001 ]] || fail "a script did not print every row"
}

case_script_file() {
  cat >"$tmp/script.cypher" <<'CYPHER'
// Customers; a ';' inside strings, names and comments does not end a statement.
CREATE (:Customer {name: 'Semi;colon', note: "a \"quoted\"; text"});
CREATE (:`Odd;Label` {name: 'x'}); /* a comment; with a semicolon */
MATCH (c)
WHERE c.name STARTS WITH 'Semi'
RETURN c.name AS name,
       c.note AS note;
:format csv
MATCH (c) RETURN count(*) AS n
CYPHER
  run "$db" -f "$tmp/script.cypher"
  expect_code 0
  expect_no_err
  expect_out "^\| 'Semi;colon' \| 'a \"quoted\"; text' \|$"
  expect_out $'^n\r$'
  expect_out $'^2\r$'
  run "$db" -f "$tmp/missing.cypher"
  expect_code 1
  expect_err "^guanxi: error: cannot read '.*missing.cypher'"
}

# A script far longer than the splitter's buffer keeps its statements whole
# and its line numbers right, read at once (-f) or in pieces (a pipe).
case_long_script() {
  awk 'BEGIN {
    for (i = 1; i <= 5000; i++) {
      printf "CREATE (:Line {i: %d, text: \x27a;b\x27});\n", i
      if (i % 500 == 0) printf "// comment; %d\nMATCH (l:Line)\nRETURN count(l) AS n;\n", i
    }
    print "RETURN nosuch;"
  }' >"$tmp/long.cypher"
  local bad_line
  bad_line=$(wc -l <"$tmp/long.cypher")
  run "$db" --format csv -f "$tmp/long.cypher"
  expect_code 1
  expect_out $'^5000\r$'
  expect_err "^guanxi: error: .*long.cypher:$bad_line: \\[semantic\\] "
  run "$db" --format csv -c "MATCH (l:Line) WHERE l.text = 'a;b' RETURN count(l) AS n, sum(l.i) AS s"
  expect_exact_out "n,s\r\n5000,12502500\r\n"
  run_stdin "$(cat "$tmp/long.cypher")" "$db" --format csv
  expect_code 1
  expect_err "^guanxi: error: <stdin>:$bad_line: \\[semantic\\] "
  run "$db" --format csv -c "MATCH (l:Line) RETURN count(l) AS n"
  expect_exact_out "n\r\n10000\r\n"
}

case_piped_input() {
  run_stdin $'RETURN 1 AS one;\nRETURN \'a;b\' AS s;\nUNWIND [1, 2, 3] AS x\nRETURN sum(x) AS total' "$db" --format csv
  expect_code 0
  expect_exact_out "one\r\n1\r\ns\r\na;b\r\ntotal\r\n6\r\n"
}

case_first_error_stops() {
  cat >"$tmp/script.cypher" <<'CYPHER'
CREATE (:Customer {name: 'Ada'});

MATCH (c:Customer)
RETURN nosuch;
CREATE (:Customer {name: 'never'});
CYPHER
  run "$db" -f "$tmp/script.cypher"
  expect_code 1
  expect_err "^guanxi: error: .*script.cypher:3: \[semantic\] "
  expect_err "nosuch"
  expect_err "^ +\^$"
  run "$db" --format csv -c "MATCH (c:Customer) RETURN c.name AS name ORDER BY name"
  expect_exact_out "name\r\nAda\r\n"
  # A syntax error in -c, and in piped input.
  run "$db" -c "RETURN 1 AS one; RETRUN 2; RETURN 3"
  expect_code 1
  expect_out "one"
  expect_not_out "3"
  expect_err "^guanxi: error: -c:1: \[syntax\] "
  run_stdin $'RETURN 1;\nRETURN 1 +;\n' "$db"
  expect_code 1
  expect_err "^guanxi: error: <stdin>:2: \[syntax\]"
  # Run-time errors stop the script too.
  run "$db" -c "RETURN 1 / 0" -c "CREATE (:Customer {name: 'never'})"
  expect_code 1
  expect_err "\[arithmetic\]"
  run "$db" --format csv -c "MATCH (c:Customer {name: 'never'}) RETURN count(*) AS n"
  expect_exact_out "n\r\n0\r\n"
}

case_parameters() {
  run "$db" --format csv --param k=2 --param 'name="Ada"' --param 'tags=["a", 1]' \
    -c 'RETURN $k * 2 AS x, $name AS name, $tags AS tags'
  expect_code 0
  expect_exact_out "x,name,tags\r\n4,Ada,a;1\r\n"
  run "$db" --format csv -c ':param k => 40 + 2' -c ':param m={"a": [1, 2]}' -c 'RETURN $k AS k, $m.a AS a'
  expect_code 0
  expect_exact_out "k,a\r\n42,1;2\r\n"
  run "$db" -c ':param k => 1' -c ':params'
  expect_code 0
  expect_out '^\$k = 1$'
  run "$db" --param 'name=Ada' -c 'RETURN $name'
  expect_code 2
  expect_err "not JSON"
  run "$db" -c 'RETURN $missing'
  expect_code 1
}

case_shell_commands() {
  add_customers
  run "$db" -c ":help"
  expect_code 0
  expect_out ":param NAME => EXPR"
  run "$db" -c ":schema"
  expect_code 0
  expect_out "^Labels +Customer$"
  expect_out "^Relationship types +KNOWS$"
  expect_out "^Property keys +.*age"
  # Which keys each label and type has, with their value types.
  expect_out "^  :Customer +age INTEGER, name STRING$"
  expect_out "^  \[:KNOWS\] +since INTEGER$"
  # :source runs a file's statements and commands; an error names file and line.
  printf "RETURN 1 AS one;\n:format csv\nRETURN '王' AS w;\n" >"$tmp/ok.cypher"
  run "$db" -c ":source $tmp/ok.cypher" -c "RETURN 2 AS two"
  expect_code 0
  expect_out "^w"
  expect_out "^王"
  expect_out "^two"
  printf "RETURN 1;\n\nRETURN nosuch;\nRETURN 3 AS three;\n" >"$tmp/bad.cypher"
  run "$db" -c ":source $tmp/bad.cypher" -c "RETURN 4 AS four"
  expect_code 1
  expect_err "bad.cypher:3: \[semantic\] Variable .nosuch. not defined"
  expect_not_out "three|four"
  run "$db" -c ":source $tmp/none.cypher"
  expect_code 1
  expect_err "cannot read '.*none.cypher'"
  run "$db" -c ":explain MATCH (c:Customer) WHERE c.age > 30 RETURN c.name"
  expect_code 0
  [[ -s "$tmp/out" ]] || fail ":explain printed no plan"
  run "$db" -c ":timer on" -c "RETURN 1 AS one"
  expect_code 0
  expect_out "^Time: [0-9.]+ ms$"
  # The time covers reading the rows, where the work happens (here the
  # count over three million rows), not only preparing the statement, which
  # takes well under a millisecond.
  run "$db" --timer -c "UNWIND range(1, 3000000) AS x RETURN count(x) AS n"
  expect_code 0
  expect_out "\| 3000000 \|"
  local ms
  ms=$(sed -n 's/^Time: \([0-9]*\)\..* ms$/\1/p' "$tmp/out")
  [[ -n $ms ]] || fail "no time printed"
  ((ms >= 20)) || fail "the timer stopped before the rows were read: $ms ms"
  run "$db" -c ":format jsonl" -c "RETURN 1 AS one" -c ":quit" -c "RETURN 2 AS two"
  expect_code 0
  expect_exact_out '{"one":1}\n'
  run "$db" -c ":nosuch"
  expect_code 1
  expect_err "unknown command ':nosuch'"
}

case_read_only_and_subcommands() {
  add_customers
  run "$db" --read-only -c "CREATE (:Customer {name: 'Eve'})"
  expect_code 1
  expect_err "\\[read-only\\] database '.*' is open read-only: writing statement refused"
  run "$db" --read-only -c "BEGIN"
  expect_code 1
  expect_err "\\[read-only\\] database '.*' is open read-only: BEGIN refused"
  run "$db" --read-only -c "CREATE INDEX FOR (c:Customer) ON (c.name)"
  expect_code 1
  expect_err "\\[read-only\\] database '.*' is open read-only: CREATE INDEX refused"
  run "$db" --read-only --format csv -c "MATCH (c:Customer) RETURN count(*) AS n"
  expect_code 0
  expect_exact_out "n\r\n3\r\n"
  # The subcommands work on a database the shell wrote.
  run stats "$db"
  expect_code 0
  expect_out "^Nodes +3$"
  run verify "$db"
  expect_code 0
  # Without DB: a temporary database that is gone afterwards.
  run --format csv -c "CREATE (:X) RETURN 5 AS five"
  expect_code 0
  expect_exact_out "five\r\n5\r\n"
}

# A path that does not exist is a new database only when asked for: a script
# on a mistyped path fails instead of answering from an empty database.
case_missing_database() {
  run "$db" -c "MATCH (n) RETURN count(n)"
  expect_code 1
  expect_err "no database at '.*/db' \(run with --create to make a new one there\)"
  [[ ! -e $db ]] || fail "a script on a missing path created a database"
  run "$db" --read-only -c "RETURN 1"
  expect_code 1
  expect_err "no database at"
  [[ ! -e $db ]] || fail "--read-only created a database"
  run "$db" --create --format csv -c "CREATE (:Customer {name: '王芳'})" -c "MATCH (c) RETURN c.name AS n"
  expect_code 0
  expect_out "^王芳"
  run "$db" --create --format csv -c "MATCH (c) RETURN count(c) AS n"
  expect_code 0
  expect_out "^1"
  # A word one edit from a command is a usage error that lists the commands.
  cd "$tmp"
  run bakup
  expect_code 2
  expect_err "'bakup' is not a command \(did you mean 'backup'\?\).*the commands are: import, verify, stats, backup, restore, upgrade, compact, dump, load, export"
  run exprot -c "RETURN 1"
  expect_code 2
  expect_err "did you mean 'export'"
  [[ ! -e bakup && ! -e exprot ]] || fail "a mistyped command became a database"
  # A short name two edits from a command is a name: 'demo' is not 'dump'.
  run demo -c "RETURN 1"
  expect_code 1
  expect_err "no database at 'demo'"
}

case_memory_budget() {
  # A tiny budget stops a large ORDER BY with [limit] naming it; the same
  # statement runs with the default budget.
  run "$db" --memory-budget 4MiB -c "UNWIND range(1, 200000) AS x RETURN x ORDER BY x DESC"
  expect_code 1
  expect_err "\\[limit\\] the statement needs more than 4\\.0 MiB of memory \\(memory budget, --memory-budget\\)"
  run "$db" --format csv -c "UNWIND range(1, 200000) AS x RETURN x ORDER BY x DESC LIMIT 1"
  expect_code 0
  expect_exact_out "x\r\n200000\r\n"
  run "$db" --memory-budget 256MB --format csv \
    -c "UNWIND range(1, 200000) AS x WITH x ORDER BY x DESC RETURN count(*) AS n"
  expect_code 0
  expect_exact_out "n\r\n200000\r\n"
  run "$db" --memory-budget 0.5GiB -c "RETURN 1"
  expect_code 0
  for bad in 0 -1 2XB lots; do
    run "$db" --memory-budget="$bad" -c "RETURN 1"
    expect_code 2
    expect_err "--memory-budget: '$bad'"
  done
}

case_projection_cache() {
  # Two algorithms in one process: the second runs on the first one's
  # projection; with a budget of 0 both project.
  run "$db" -c "UNWIND range(1, 10) AS i CREATE (:Customer {i: i})"
  expect_code 0
  local statements="CALL algo.degree.stats({}) YIELD nodeCount RETURN nodeCount;
    CALL algo.wcc.stats({}) YIELD componentCount RETURN componentCount;
    CALL graph.cache() YIELD entries, budgetBytes, hits RETURN entries, budgetBytes, hits"
  run "$db" --projection-cache 64MiB --format csv -c "$statements"
  expect_code 0
  expect_out "^1,67108864,1"
  run "$db" --projection-cache 0 --format csv -c "$statements"
  expect_code 0
  expect_out "^0,0,0"
  for bad in -1 2XB lots; do
    run "$db" --projection-cache="$bad" -c "RETURN 1"
    expect_code 2
    expect_err "--projection-cache: '$bad'"
  done
}

# run_unprivileged ARGS...: as run, but without root's privileges, which
# pass every permission check (CI runs as root).
run_unprivileged() {
  local wrap=()
  ((EUID != 0)) || wrap=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  set +e
  "${wrap[@]}" "$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  code=$?
  set -e
  echo "+ guanxi $* -> $code (unprivileged)"
}

case_read_only_media() {
  # A copy of the database that this user may not write: directory 555,
  # files 444, as on read-only media.
  add_customers
  local media=$tmp/media
  cp -r "$db" "$media"
  chmod 0444 "$media"/*
  chmod 0555 "$media"
  chmod 0755 "$tmp"
  run_unprivileged "$media" --read-only --format csv -c "MATCH (c:Customer) RETURN count(*) AS n"
  expect_code 0
  expect_exact_out "n\r\n3\r\n"
  run_unprivileged stats "$media"
  expect_code 0
  expect_out "^Nodes +3$"
  run_unprivileged verify "$media"
  expect_code 0
  # Opening it for writing names the file it cannot write.
  run_unprivileged "$media" -c "RETURN 1"
  expect_code 1
  expect_err "cannot open database '$media' for writing: '$media/lock.mdb': Permission denied \\(open it read-only\\)"
  # A data file that cannot be read at all is named too.
  chmod 0000 "$media/data.mdb"
  run_unprivileged "$media" --read-only -c "RETURN 1"
  expect_code 1
  expect_err "$media/data.mdb"
  chmod 0755 "$media"
}

# The demo's privacy rules (examples/demo_privacy.cypher), ten customers
# written under them, and its consent records (examples/demo_consent.cypher):
# a session reads by its purpose; an unknown purpose fails when it opens.
case_privacy_demo() {
  local examples
  examples="$(dirname "${BASH_SOURCE[0]}")/../../examples"
  run "$db" -f "$examples/demo_privacy.cypher"
  expect_code 0
  expect_out "^Changed 1 privacy rule$"
  run "$db" -c "UNWIND range(0, 9) AS i CREATE (:Customer {id: i, name: '客户' + i, phone: '1380013800' + i, email: 'c' + i + '@x.cn', wechat: 'wx' + i, birthday: date('1990-01-01') + duration({days: i})})"
  expect_code 0
  ! grep -aq '13800138001' "$db/data.mdb" || fail "a phone number written under its tag is in the clear"
  run "$db" -f "$examples/demo_consent.cypher"
  expect_code 0
  run "$db" --format csv -c "MATCH (c:Customer {id: 1}) RETURN c.name AS name, c.phone AS phone, c.birthday AS born"
  expect_code 0
  expect_exact_out "name,phone,born\r\n客户1,138***,1990\r\n"
  run "$db" --purpose service --user support --format csv -c "MATCH (c:Customer {id: 1}) RETURN c.phone AS phone, c.birthday AS born"
  expect_code 0
  expect_exact_out "phone,born\r\n13800138001,1990-01-02\r\n"
  # Marketing sees those who consented at sign-up; the campaign's consent expired.
  run "$db" --purpose marketing --format csv -c "MATCH (c:Customer) RETURN count(c) AS n, min(c.phone) AS phone"
  expect_code 0
  expect_exact_out "n,phone\r\n6,13800138000\r\n"
  run "$db" --purpose nosuch -c "RETURN 1"
  expect_code 1
  expect_err "the session's purpose 'nosuch' does not exist"
  run_stdin $':purpose\nMATCH (c:Customer {id: 2}) RETURN c.email AS email;\n:purpose marketing campaign\n:purpose\nMATCH (c:Customer {id: 3}) RETURN count(c) AS n;\n' "$db" --purpose service --format csv
  expect_code 0
  expect_out "^purpose 'service', user 'shell'$"
  expect_out "^c2@x.cn"
  expect_out "^purpose 'marketing', user 'campaign'$"
  expect_out "^0"
  # Who read what: the reads above are in the audit log, with their users.
  run "$db" --format csv -c "CALL privacy.audit() YIELD kind, user, purpose, subjects WHERE kind = 'read' RETURN user, purpose, subjects"
  expect_code 0
  expect_out "^support,service,1[[:space:]]*$"
  expect_out "^shell,marketing,6[[:space:]]*$"
}

# The key file: made beside the database at its first tag, found again
# there; elsewhere with --key-file or GUANXI_KEY_FILE; a missing one is an
# error naming it.
case_key_file() {
  add_customers
  run "$db" -c "CREATE TAG pii ON :Customer(name) MASK hash"
  expect_code 0
  [[ -f "$db.key" ]] || fail "no key file beside the database"
  [[ $(stat -c %a "$db.key") == 600 ]] || fail "the key file is not owner-only"
  run "$db" --format csv -c "MATCH (c:Customer) RETURN count(DISTINCT c.name) > 0 AS ok"
  expect_code 0
  expect_exact_out "ok\r\ntrue\r\n"
  mv "$db.key" "$tmp/vault.key"
  run "$db" -c "MATCH (c:Customer) RETURN c.name"
  expect_code 1
  expect_err "the key file of database '.*' is missing: '.*\.key' \(give its place with --key-file or GUANXI_KEY_FILE\)"
  run "$db" --key-file "$tmp/vault.key" --format csv -c "MATCH (c:Customer) RETURN count(c.name) AS n"
  expect_code 0
  GUANXI_KEY_FILE="$tmp/vault.key" run "$db" --format csv -c "MATCH (c:Customer) RETURN count(c.name) AS n"
  expect_code 0
  GUANXI_KEY_FILE="$tmp/vault.key" run verify "$db"
  expect_code 0
}

# A misspelt name runs (and finds nothing) with a warning on stderr that
# offers the existing name; the rows on stdout stay clean for scripts.
case_unknown_names() {
  add_customers
  run "$db" --format csv -c "MATCH (c:Custmer) RETURN count(c) AS n"
  expect_code 0
  expect_exact_out "n\r\n0\r\n"
  expect_err "^guanxi: warning: -c:1: \[unknown-label\] the label Custmer does not exist in the database; did you mean Customer\? \(line 1, column 7\)$"
  run "$db" --format csv -c "MATCH (a)-[:KNOW]->(b) RETURN a.nmae AS n"
  expect_code 0
  expect_err "\[unknown-relationship-type\] the relationship type KNOW does not exist in the database; did you mean KNOWS\?"
  expect_err "\[unknown-property-key\] the property key nmae does not exist in the database; did you mean name\?"
  run "$db" --format csv -c "MATCH (c:Customer) RETURN count(c) AS n"
  expect_code 0
  expect_no_err
  run_stdin $'MATCH (c:Custmer) RETURN c;\n' "$db"
  expect_code 0
  expect_err "Custmer does not exist"
}

# --encoding writes csv and tsv in GBK, GB18030 or UTF-16 (with a byte-order
# mark), which `guanxi import --encoding` reads back.
case_csv_encoding() {
  run "$db" -c "CREATE (:Customer {id: 1, name: '王芳', city: '上海'}), (:Customer {id: 2, name: '李娜', city: '北京'})"
  expect_code 0
  local q="MATCH (c:Customer) RETURN c.id AS \`id:ID\`, c.name AS name, c.city AS city ORDER BY c.id"
  run "$db" --format csv --encoding gbk -c "$q"
  expect_code 0
  expect_no_err
  # The bytes are GBK: 王 is CD F5, and iconv turns them back into the UTF-8 text.
  head -c 21 "$tmp/out" | tail -c 2 | od -An -tx1 | grep -q "cd f5" || fail "王 is not CD F5 in GBK"
  iconv -f gbk -t utf-8 "$tmp/out" >"$tmp/back.csv" || fail "the output is not GBK"
  printf 'id:ID,name,city\r\n1,王芳,上海\r\n2,李娜,北京\r\n' >"$tmp/expected"
  cmp -s "$tmp/expected" "$tmp/back.csv" || fail "GBK output differs from the UTF-8 text"
  # Round trip: the import reads it back with --encoding gbk.
  cp "$tmp/out" "$tmp/customers.gbk.csv"
  run import "$tmp/imported" --encoding gbk --nodes=Customer "$tmp/customers.gbk.csv"
  expect_code 0
  run "$tmp/imported" --format csv -c "MATCH (c:Customer) RETURN c.id AS id, c.name AS name, c.city AS city ORDER BY id"
  expect_code 0
  expect_exact_out "id,name,city\r\n1,王芳,上海\r\n2,李娜,北京\r\n"
  # A character GBK lacks is an error naming the row and column; GB18030
  # writes every character.
  run "$db" --format csv --encoding GBK -c "UNWIND ['茶', '😀'] AS s RETURN s"
  expect_code 1
  expect_err "row 2, column 's': the character U\+1F600 '😀' cannot be written in GBK \(gb18030 can write every character\)"
  run "$db" --format csv --encoding gb18030 -c "RETURN '😀' AS s"
  expect_code 0
  [[ $(iconv -f gb18030 -t utf-8 "$tmp/out") == $'s\r\n😀\r' ]] || fail "GB18030 output differs"
  # UTF-16: little-endian, one byte-order mark for the whole output; the
  # import recognises the mark by itself.
  run "$db" --format tsv --encoding utf-16 -c "RETURN '王芳' AS name" -c "RETURN 2 AS n"
  expect_code 0
  { printf '\xff\xfe'; printf 'name\n王芳\nn\n2\n' | iconv -f utf-8 -t utf-16le; } >"$tmp/expected"
  cmp -s "$tmp/expected" "$tmp/out" || fail "UTF-16 output differs"
  run "$db" --format csv --encoding utf-16 -c "$q"
  expect_code 0
  cp "$tmp/out" "$tmp/customers.utf16.csv"
  run import "$tmp/imported16" --nodes=Customer "$tmp/customers.utf16.csv"
  expect_code 0
  run "$tmp/imported16" --format csv -c "MATCH (c:Customer) RETURN c.name AS name ORDER BY c.id"
  expect_exact_out "name\r\n王芳\r\n李娜\r\n"
  # UTF-8 output is as it always was: no byte-order mark.
  run "$db" --format csv --encoding utf-8 -c "RETURN '王芳' AS name"
  expect_exact_out "name\r\n王芳\r\n"
  # Only csv and tsv take an encoding.
  run "$db" --encoding gbk -c "RETURN 1"
  expect_code 2
  expect_err "--encoding applies to the csv and tsv formats only, not table"
  run_stdin $':format json\n' "$db" --format csv --encoding gbk
  expect_code 1
  expect_err "the output encoding is GBK, which applies to the csv and tsv formats only, not json"
}

# The progress line is for a person at a terminal: with standard error a
# file, a statement running for longer than the line's two seconds of
# quiet draws nothing there.
case_no_progress_line_off_terminal() {
  set +e
  timeout --preserve-status -s INT 3 "$bin" "$db" --format csv -c "UNWIND range(1, 1000000) AS x UNWIND range(1, 1000000) AS y RETURN count(*) AS n" >"$tmp/out" 2>"$tmp/err" </dev/null
  code=$?
  set -e
  expect_code 1
  expect_err "\[cancelled\]"
  [[ $(wc -l <"$tmp/err") == 1 ]] || fail "expected the one error line on stderr"
  ! grep -q $'\r\|\e' "$tmp/err" || fail "a progress line was drawn on a file"
}

"case_$case_name"
echo "PASS [$case_name]"

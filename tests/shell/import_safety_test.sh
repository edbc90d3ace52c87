#!/usr/bin/env bash
# End-to-end tests of `guanxi import` on exports as a CRM analyst has them:
# byte-order marks, GBK and UTF-16 files, files without ids or without a
# header line, the same files imported twice, and ids and values that are
# personal data.
#
#   import_safety_test.sh GUANXI_BINARY CASE
#
# Each CASE writes its files to a fresh temporary directory (iconv, from
# glibc, produces the GBK and UTF-16 bytes).
set -euo pipefail

bin=$1
case_name=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/guanxi-import-safety-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"

customers() {
  printf 'customer_id:ID(Customer),name,city\nC001,张伟,上海\nC002,李娜,北京\n'
}

case_byte_order_mark() {
  { printf '\xEF\xBB\xBF'; customers; } >"$tmp/customers.csv"
  run import "$tmp/db" --nodes=Customer "$tmp/customers.csv"
  expect_code 0
  [[ $(query "$tmp/db" "MATCH (c:Customer {customer_id: 'C001'}) RETURN c.name") == "张伟" ]] ||
    fail "{customer_id: 'C001'} did not find the node"
}

case_encodings() {
  customers | iconv -f UTF-8 -t GBK >"$tmp/gbk.csv"
  # Read as UTF-8 (the default), the GBK bytes are a located error.
  run import "$tmp/db" --nodes=Customer "$tmp/gbk.csv"
  expect_code 1
  expect_err "^guanxi: error: .*gbk.csv:2: byte 0x.. is not valid UTF-8"
  [[ ! -e "$tmp/db" ]] || fail "a failed import left $tmp/db behind"
  run import "$tmp/db" --encoding gbk --nodes=Customer "$tmp/gbk.csv"
  expect_code 0
  [[ $(query "$tmp/db" "MATCH (c:Customer) RETURN c.name ORDER BY c.customer_id") == \
    $'张伟\n李娜' ]] || fail "GBK names were not stored as UTF-8"

  # UTF-16 with a byte-order mark needs no option; GB18030 one.
  printf 'customer_id:ID(Customer),name,city\r\nC003,王芳,广州\r\n' |
    iconv -f UTF-8 -t UTF-16 >"$tmp/utf16.csv"
  printf 'customer_id:ID(Customer),name,city\nC004,𠀀明,深圳\n' |
    iconv -f UTF-8 -t GB18030 >"$tmp/gb18030.csv"
  run import "$tmp/db" --nodes=Customer "$tmp/utf16.csv"
  expect_code 0
  run import "$tmp/db" --encoding GB18030 --nodes=Customer "$tmp/gb18030.csv"
  expect_code 0
  [[ $(query "$tmp/db" "MATCH (c:Customer) RETURN c.city ORDER BY c.customer_id") == \
    $'上海\n北京\n广州\n深圳' ]] || fail "UTF-16 or GB18030 cities were not stored right"

  run import "$tmp/db" --encoding latin1 --nodes=Customer "$tmp/gbk.csv"
  expect_code 2
}

# A phone number used as the id is personal data: with a tag on the property
# that holds it, the data file keeps no id in the clear, whether imported
# under the tag or before it (then a backup, which leaves out the freed
# pages, restores a file without it), and later imports still find their
# customers by phone.
case_tagged_ids() {
  printf 'phone:ID(Customer),name\n+86 13800138000,张伟\n+86 13900139000,李娜\n' \
    >"$tmp/customers.csv"
  printf ':START_ID(Customer),:END_ID(Customer)\n+86 13800138000,+86 13900139000\n' \
    >"$tmp/referrals.csv"
  referrals() { query "$1" "MATCH (:Customer)-[r:REFERRED]->(:Customer) RETURN count(r)"; }
  run "$tmp/tagged" --create -c "CREATE TAG pii ON :Customer(phone) MASK redact"
  expect_code 0
  run import "$tmp/tagged" --nodes=Customer "$tmp/customers.csv"
  expect_code 0
  run import "$tmp/tagged" --relationships=REFERRED "$tmp/referrals.csv"
  expect_code 0
  [[ $(referrals "$tmp/tagged") == 1 ]] || fail "the referral did not find its customers by phone"
  ! grep -aqE '13800138000|13900139000' "$tmp/tagged/data.mdb" ||
    fail "an id imported under a tag is in the data file"

  run import "$tmp/late" --nodes=Customer "$tmp/customers.csv"
  expect_code 0
  grep -aq '13800138000' "$tmp/late/data.mdb" || fail "without a tag the id should be kept as it is"
  run "$tmp/late" -c "CREATE TAG pii ON :Customer(phone) MASK redact"
  expect_code 0
  run backup "$tmp/late" "$tmp/late.gxbackup"
  expect_code 0
  run restore "$tmp/late.gxbackup" "$tmp/restored"
  expect_code 0
  ! grep -aqE '13800138000|13900139000' "$tmp/restored/data.mdb" ||
    fail "an id imported before the tag is in the restored data file"
  export GUANXI_KEY_FILE="$tmp/late.key"
  run import "$tmp/restored" --relationships=REFERRED "$tmp/referrals.csv"
  expect_code 0
  [[ $(referrals "$tmp/restored") == 1 ]] || fail "the referral did not find its customers by phone"
}

# Values a tag covers are sealed as the import writes them: written in the
# clear and sealed later, they left copies in the file's free space (12 of
# 200 e-mail addresses; over 100 of these 2,000).
case_tagged_values() {
  {
    echo 'cid:ID(Customer),email,name'
    for ((i = 0; i < 2000; i++)); do echo "$i,secret$i@mail.example,客户$i"; done
  } >"$tmp/customers.csv"
  run "$tmp/db" --create -c "CREATE TAG pii ON :Customer(email) MASK redact"
  expect_code 0
  run import "$tmp/db" --nodes=Customer "$tmp/customers.csv"
  expect_code 0
  [[ $(query "$tmp/db" "MATCH (c:Customer {cid: 7}) RETURN c.email") == '***' ]] ||
    fail "the e-mail address is not masked"
  ! grep -aq '@mail.example' "$tmp/db/data.mdb" ||
    fail "an e-mail address imported under a tag is in the data file"
}

case_nodes_without_id() {
  printf 'name,age:int\nAnn,30\nBo,41\n' >"$tmp/people.csv"
  run import "$tmp/db" --nodes=Person "$tmp/people.csv"
  expect_code 1
  expect_err "people.csv:1: a nodes file without an :ID column: importing it again would duplicate every node"
  run import "$tmp/db" --allow-nodes-without-id --nodes=Person "$tmp/people.csv"
  expect_code 0
  expect_out "Imported 2 nodes"

  # A file exported without its header line.
  printf 'C001,Ann,Shanghai,2021-03-04\nC002,Bo,Beijing,2022-05-06\n' >"$tmp/customers.csv"
  run import "$tmp/db" --nodes=Customer "$tmp/customers.csv"
  expect_code 1
  expect_err "customers.csv:1: .*\\(the first row looks like data, not a header\\)"
  run import "$tmp/db" --allow-nodes-without-id --nodes=Customer "$tmp/customers.csv"
  expect_code 0
  expect_err "^guanxi: warning: .*customers.csv:1: the first row looks like data, not a header; its values became property names"
}

case_imported_twice() {
  customers >"$tmp/customers.csv"
  printf ':START_ID(Customer),:END_ID(Customer),since:date\nC001,C002,2024-01-01\nC002,C001,2024-02-01\n' \
    >"$tmp/referred.csv"
  run import "$tmp/db" --nodes=Customer "$tmp/customers.csv" --relationships=REFERRED "$tmp/referred.csv"
  expect_code 0
  [[ ! -s "$tmp/err" ]] || fail "warnings on a clean import"

  # The same nodes again: an error naming the row, or skipped.
  run import "$tmp/db" --nodes=Customer "$tmp/customers.csv"
  expect_code 1
  expect_err "customers.csv:2: id 'C001' already exists in ID space 'Customer' in the database"
  run import "$tmp/db" --skip-duplicate-nodes --nodes=Customer "$tmp/customers.csv"
  expect_code 0
  expect_out "Imported 0 nodes"
  expect_out "Skipped 2 nodes whose id already exists"

  # The same relationships again: imported with a warning, or skipped.
  run import "$tmp/db" --skip-duplicate-relationships --relationships=REFERRED "$tmp/referred.csv"
  expect_code 0
  expect_out "Imported 0 nodes and 0 relationships"
  expect_out "Skipped 2 relationships identical to existing ones"
  [[ $(query "$tmp/db" "MATCH ()-[r:REFERRED]->() RETURN count(r)") == 2 ]] ||
    fail "--skip-duplicate-relationships imported relationships"
  run import "$tmp/db" --relationships=REFERRED "$tmp/referred.csv"
  expect_code 0
  expect_err "^guanxi: warning: 2 relationships duplicate existing ones .*; --skip-duplicate-relationships skips them"
  [[ $(query "$tmp/db" "MATCH ()-[r:REFERRED]->() RETURN count(r)") == 4 ]] ||
    fail "the second import of the relationships did not add them"
  run verify "$tmp/db"
  expect_code 0
}

"case_$case_name"
echo "PASS [$case_name]"

# Helpers shared by the end-to-end scripts of the `guanxi` binary. Source it
# after setting `bin` (the binary), `case_name` and `tmp` (a scratch
# directory the script removes at exit).

fail() {
  echo "FAIL [$case_name]: $*" >&2
  echo "--- stdout" >&2; cat "$tmp/out" >&2 2>/dev/null || true
  echo "--- stderr" >&2; cat "$tmp/err" >&2 2>/dev/null || true
  exit 1
}

# run ARGS...: runs the binary; stdout in $tmp/out, stderr in $tmp/err, status in $code.
run() {
  set +e
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  code=$?
  set -e
  echo "+ guanxi $* -> $code"
}
expect_code() { [[ $code == "$1" ]] || fail "expected exit status $1, got $code"; }
expect_out() { grep -qE -- "$1" "$tmp/out" || fail "stdout does not match /$1/"; }
expect_err() { grep -qE -- "$1" "$tmp/err" || fail "stderr does not match /$1/"; }
# query DB TEXT: what a one-column query prints in CSV, without the header.
# CSV output ends its lines with CRLF (RFC 4180); the comparisons want bare text.
query() { "$bin" "$1" --read-only --format csv -c "$2" </dev/null | tail -n +2 | tr -d '\r'; }

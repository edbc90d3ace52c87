#!/usr/bin/env bash
# Sets up Guanxi on Debian 12 and runs its main jobs.
#
#   ./setup.sh          install the Debian packages the project needs, then
#                       configure and build (Release) into build/
#   ./setup.sh demo     install the packages, build the shell and the demo
#                       generator only, then open the query shell on the demo
#                       customer database build/demo.gx (generated and
#                       imported first when missing)
#   ./setup.sh test     the full build, then run every test (CTest)
#   ./setup.sh asan     build build-asan with AddressSanitizer and
#                       UndefinedBehaviorSanitizer and run every test there
#   ./setup.sh fuzz     build the libFuzzer targets (tests/fuzz) with clang 14,
#                       libFuzzer, ASan and UBSan in build-fuzz, write their
#                       seed corpora into tests/fuzz/corpus, and run each for
#                       GUANXI_FUZZ_SECONDS (default 60) seconds
#   ./setup.sh check    check the tree's rules: formatting (clang-format),
#                       no reference to files outside the checkout, the shell
#                       and include/guanxi using only the public API, and,
#                       when GUANXI_TIDY_FILES is set, clang-tidy
#   ./setup.sh deps     only install the Debian packages
#
# Package installation is idempotent: apt-get runs only when a package is
# missing, through sudo when not root. Builds use ccache when present and all
# cores; with CI=true, warnings are errors. Environment: GUANXI_JOBS
# (parallel jobs, default nproc), GUANXI_DEMO_CUSTOMERS (demo size, default
# 10000), GUANXI_BUILD_DIR, GUANXI_ASAN_BUILD_DIR and GUANXI_FUZZ_BUILD_DIR
# (build trees, default build, build-asan and build-fuzz),
# GUANXI_FUZZ_SECONDS (how long `fuzz` runs each target), GUANXI_TIDY_FILES
# (what `check` runs clang-tidy on: unset, nothing; `changed` for the
# sources changed since the branch left main, or on main the sources of the
# last commit; `all`; or a list of files).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
readonly ROOT=$PWD
readonly JOBS=${GUANXI_JOBS:-$(nproc)}
readonly BUILD=${GUANXI_BUILD_DIR:-build}
readonly ASAN_BUILD=${GUANXI_ASAN_BUILD_DIR:-build-asan}
readonly FUZZ_BUILD=${GUANXI_FUZZ_BUILD_DIR:-build-fuzz}
readonly FUZZ_TARGETS=(fuzz_query fuzz_import fuzz_records)

# Everything the project builds against or with, what its next parts need
# (privacy crypto), clang 14 and libFuzzer for the fuzz targets, and the
# tools the export tests read exports with (networkx for GraphML, headless chromium for the HTML view; chromium adds
# about a minute to a fresh setup).
readonly PACKAGES=(
  build-essential g++ cmake ninja-build pkg-config ccache clang-format clang-tidy zstd python3
  clang-14 libclang-rt-14-dev
  liblmdb-dev lmdb-utils libroaring-dev libxxhash-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev libfmt-dev libutf8proc-dev libre2-dev
  antlr4 libantlr4-runtime-dev libedit-dev libsodium-dev libzstd-dev nlohmann-json3-dev
  tzdata
  libigraph-dev
  python3-networkx chromium
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'setup.sh: error: %s\n' "$*" >&2; exit 1; }

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if ((${#missing[@]} == 0)); then
    log "Debian packages: all ${#PACKAGES[@]} installed"
    return
  fi
  local sudo=()
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || die "installing ${missing[*]} needs root or sudo"
    sudo=(sudo)
  fi
  log "Installing ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# configure DIR [CMAKE OPTIONS...]
configure() {
  local dir=$1
  shift
  local generator=()
  # Keep the generator of an existing build tree; new trees use Ninja.
  [[ -f $dir/CMakeCache.txt ]] || generator=(-G Ninja)
  log "Configuring $dir"
  cmake -S "$ROOT" -B "$dir" "${generator[@]}" "$@"
}

# configure_and_build DIR [CMAKE OPTIONS...]: configures DIR and builds the
# targets in BUILD_TARGETS (all when empty).
BUILD_TARGETS=()
configure_and_build() {
  configure "$@"
  local targets=()
  ((${#BUILD_TARGETS[@]} == 0)) || targets=(--target "${BUILD_TARGETS[@]}")
  log "Building $1${targets:+ (${BUILD_TARGETS[*]})} ($JOBS jobs)"
  cmake --build "$1" -j "$JOBS" "${targets[@]}"
}

# -Werror in CI only: a new compiler's new warning must not stop a user's build.
werror() { [[ ${CI:-} == true ]] && echo ON || echo OFF; }

readonly RELEASE_OPTIONS=(-DCMAKE_BUILD_TYPE=Release)

build_release() {
  install_packages
  configure_and_build "$BUILD" "${RELEASE_OPTIONS[@]}" "-DGUANXI_WERROR=$(werror)"
}

run_demo() {
  # The shell and the generator only: the prompt should not wait for the
  # tests and benchmarks, which `./setup.sh test` builds.
  BUILD_TARGETS=(guanxi_shell guanxi-generate)
  build_release
  local generate=$BUILD/bench/guanxi-generate guanxi=$BUILD/shell/guanxi
  local csv=$BUILD/demo-csv db=$BUILD/demo.gx
  [[ -x $guanxi ]] || die "$guanxi was not built"
  if [[ -f $db/data.mdb ]] && ! "$guanxi" "$db" --read-only -c 'RETURN 1' >/dev/null 2>&1; then
    # Made by an older build (an older format) or damaged: make it again.
    log "The demo database $db does not open with this build: generating it again"
    rm -rf "$db" "$db.key" "$db.key.store" "$db.key.store-lock"
  fi
  if [[ ! -f $db/data.mdb ]]; then
    [[ -x $generate ]] || die "$generate was not built"
    log "Generating the demo customer graph"
    rm -rf "$csv"
    "$generate" customers --customers "${GUANXI_DEMO_CUSTOMERS:-10000}" --seed 42 \
      --out "$csv" --db "$db"
    # The privacy rules come first, so that the import seals the personal
    # data as it writes it: tagged afterwards, the values would stay in the
    # clear in the pages the sealing frees.
    rm -rf "$db" "$db.key" "$db.key.store" "$db.key.store-lock"
    log "Creating $db with the demo's privacy rules (examples/demo_privacy.cypher)"
    "$guanxi" "$db" --create -f "$ROOT/examples/demo_privacy.cypher"
    log "Importing it into $db"
    "$guanxi" import "$db" --nodes=Customer "$csv/customers.csv" --relationships "$csv/relationships.csv"
    log "Adding the demo's consent records (examples/demo_consent.cypher)"
    "$guanxi" "$db" -f "$ROOT/examples/demo_consent.cypher"
  else
    log "Using the demo database $db (delete it to generate a fresh one)"
  fi
  log "Opening the shell on $db (try :help; Ctrl-D leaves)"
  exec "$guanxi" "$db"
}

run_tests() {
  build_release
  log "Running the tests"
  # The long crash test (label crash, registered with GUANXI_LONG_TESTS) is
  # run on its own: `ctest -L crash`.
  ctest --test-dir "$BUILD" --output-on-failure -j "$JOBS" -LE crash
}

run_asan() {
  install_packages
  # -O1 -g1: the sanitizers' recommended optimisation, and a build that fits
  # the CI budget on two cores (the generated parser is large).
  configure_and_build "$ASAN_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGUANXI_SANITIZE=ON \
    "-DGUANXI_WERROR=$(werror)" \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" -DGUANXI_BENCHMARKS=OFF
  log "Running the tests under ASan and UBSan"
  ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    ctest --test-dir "$ASAN_BUILD" --output-on-failure -j "$JOBS"
}

run_fuzz() {
  install_packages
  command -v clang++-14 >/dev/null || die "clang++-14 is missing (Debian package clang-14)"
  # Only the fuzz targets and the libraries they link are built: everything
  # is instrumented, and the tests are run by the other trees.
  BUILD_TARGETS=("${FUZZ_TARGETS[@]}")
  configure_and_build "$FUZZ_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DGUANXI_FUZZ=ON \
    "-DGUANXI_WERROR=$(werror)" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" \
    -DGUANXI_BENCHMARKS=OFF
  local corpus=$ROOT/tests/fuzz/corpus seconds=${GUANXI_FUZZ_SECONDS:-60} target
  log "Writing the seed corpora into $corpus"
  python3 "$ROOT/tests/fuzz/make_corpus.py" "$ROOT" "$corpus"
  for target in "${FUZZ_TARGETS[@]}"; do
    log "Fuzzing $target for $seconds s"
    local dict=()
    [[ $target == fuzz_query ]] && dict=(-dict="$ROOT/tests/fuzz/cypher.dict")
    # A finding stops the run and is written to $FUZZ_BUILD/findings.
    mkdir -p "$FUZZ_BUILD/findings"
    "$FUZZ_BUILD/tests/fuzz/$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 \
      -print_final_stats=1 -artifact_prefix="$FUZZ_BUILD/findings/$target-" "${dict[@]}" \
      "$corpus/$target" </dev/null || die "$target found a problem (see above and $FUZZ_BUILD/findings)"
  done
  log "Fuzzing found nothing"
}

# The files the project tracks (all files when this is not a git checkout).
tracked_files() {
  if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$ROOT" ls-files "$@"
  else
    local patterns=() p
    for p in "$@"; do patterns+=(-o -name "${p#\*}"); done
    find . -path ./.git -prune -o -path "./$BUILD" -prune -o -path "./$ASAN_BUILD" -prune \
      -o -path "./$FUZZ_BUILD" -prune \
      -o -type f \( -false "${patterns[@]}" \) -print | sed 's|^\./||'
  fi
}

run_checks() {
  install_packages
  local failed=0
  log "Checking formatting (clang-format)"
  if ! tracked_files '*.cc' '*.h' | xargs clang-format --dry-run --Werror; then
    echo "setup.sh: run 'clang-format -i' on the files above" >&2
    failed=1
  fi
  log "Checking that nothing refers outside the checkout"
  # The pattern is split so that this file does not match it.
  local outside='\.\./'"shared"
  if tracked_files '*' | grep -v '^\.ci/run$' | xargs grep -n -I -E "$outside" 2>/dev/null; then
    echo "setup.sh: the lines above refer to files beside the checkout; a user has only the project" >&2
    failed=1
  fi
  log "Checking that the public headers and the shell use only the public API"
  if tracked_files 'include/guanxi/*.h' | xargs grep -n -E '^#include "' | grep -v -E ':#include "guanxi/'; then
    echo "setup.sh: a public header includes the lines above; include/guanxi may include only itself" >&2
    failed=1
  fi
  if tracked_files 'shell/*.cc' 'shell/*.h' | xargs grep -n -E '^#include "' |
    grep -v -E ':#include "(guanxi|shell)/'; then
    echo "setup.sh: the shell includes the lines above; it may use only guanxi/ and shell/" >&2
    failed=1
  fi
  # clang-tidy runs on what GUANXI_TIDY_FILES names (CI: `changed`). Not on
  # the whole tree by default: that takes about 15 CPU-minutes, and files
  # written before .clang-tidy existed pass it only once someone changes them.
  if [[ -n ${GUANXI_TIDY_FILES:-} ]]; then
    run_tidy || failed=1
  fi
  ((failed == 0)) || die "checks failed"
  log "Checks passed"
}

# The sources clang-tidy checks (see GUANXI_TIDY_FILES above), one a line. A
# changed header stands for the source file of the same name. Left out: the
# parser files that include the ANTLR runtime, whose headers clang rejects,
# and the fuzz targets, which only the fuzz tree builds (they are not in
# build/'s compilation database).
tidy_files() {
  local selection=${GUANXI_TIDY_FILES:-changed}
  {
    case $selection in
      all) tracked_files '*.cc' ;;
      changed)
        git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1 || return 0
        local base
        base=$(git -C "$ROOT" merge-base HEAD main 2>/dev/null) || base=HEAD
        if [[ $base == "$(git -C "$ROOT" rev-parse HEAD)" ]]; then
          base=$(git -C "$ROOT" rev-parse -q --verify HEAD~1) || return 0
        fi
        {
          git -C "$ROOT" diff --name-only --diff-filter=d "$base" -- '*.cc' '*.h'
          git -C "$ROOT" ls-files --others --exclude-standard -- '*.cc' '*.h'
        } | sed 's/\.h$/.cc/' ;;
      *) printf '%s\n' $selection ;;
    esac
  } | sort -u | while read -r f; do
    [[ -f $f && $f == *.cc ]] || continue
    [[ $f =~ ^query/parser/(ast_builder|parser|syntax_errors) ]] && continue
    [[ $f == tests/fuzz/* ]] && continue
    echo "$f"
  done
}

run_tidy() {
  local files
  mapfile -t files < <(tidy_files)
  if ((${#files[@]} == 0)); then
    log "clang-tidy: no source files to check"
    return 0
  fi
  [[ -f $BUILD/compile_commands.json ]] ||
    configure "$BUILD" "${RELEASE_OPTIONS[@]}" "-DGUANXI_WERROR=$(werror)" >/dev/null
  log "Running clang-tidy on ${#files[@]} files ($JOBS jobs)"
  # clang does not know g++'s -Wno-restrict; CRoaring's iterators declare an
  # operator!= that C++20 may also use reversed, which clang reports and g++
  # accepts.
  if ! printf '%s\n' "${files[@]}" | xargs -P "$JOBS" -n 1 clang-tidy -p "$BUILD" --quiet \
    --extra-arg=-Wno-unknown-warning-option --extra-arg=-Wno-ambiguous-reversed-operator; then
    echo "setup.sh: clang-tidy found the problems above (.clang-tidy lists the checks)" >&2
    return 1
  fi
}

case ${1:-} in
  "") build_release ;;
  demo) run_demo ;;
  test) run_tests ;;
  asan) run_asan ;;
  fuzz) run_fuzz ;;
  check) run_checks ;;
  deps) install_packages ;;
  -h | --help) sed -n '2,32s/^# \{0,1\}//p' "$0" ;;
  *) die "unknown command '$1' (expected: demo, test, asan, fuzz, check, deps, or nothing)" ;;
esac

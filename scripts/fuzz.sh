#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS each (default 60), seeded from testdata/.
#
#   scripts/fuzz.sh          # 60 s per target
#   scripts/fuzz.sh 1800     # 30 minutes per target
#   TARGETS="lint_python config" scripts/fuzz.sh 600
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). The corpus grows in
# fuzz/corpus/<target> (not committed); a crash is saved in fuzz/artifacts/<target> and this
# script exits 1. Copy the crash input to fuzz/regressions/<target>/ (tests/fuzz_regressions.rs
# lints every file there) once it is fixed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_TARGET=${1:-60}
ALL="lint_python lint_typescript lint_tsx lint_javascript notebook config suppressions"
TARGETS=${TARGETS:-$ALL}

command -v cargo-fuzz >/dev/null || { echo "fuzz: cargo-fuzz is required (cargo install cargo-fuzz)" >&2; exit 2; }

# Seeds: the fixtures of each kind, as they are (placeholders included).
seed() {
  local target=$1 pattern=$2
  local dir="$ROOT/fuzz/seeds/$target"
  mkdir -p "$dir"
  find "$ROOT/testdata" -type f -name "$pattern" -size -64k -exec cp {} "$dir/" \; 2>/dev/null || true
}
seed lint_python '*.py'
seed lint_typescript '*.ts'
seed lint_tsx '*.tsx'
seed lint_javascript '*.js'
seed lint_javascript '*.mjs'
seed notebook '*.ipynb'
seed config '*.toml'
seed suppressions '*.py'
cp -r "$ROOT/fuzz/regressions/." "$ROOT/fuzz/seeds/" 2>/dev/null || true

cd "$ROOT/fuzz"
status=0
for target in $TARGETS; do
  mkdir -p "corpus/$target" "seeds/$target"
  echo "== $target: ${SECONDS_PER_TARGET}s"
  # -rss_limit_mb: a file orlint lints must never need more; -max_len: files up to 64 KiB.
  log="$ROOT/fuzz/$target.log"
  if ! cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
      -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -max_len=65536 -timeout=20 \
      -print_final_stats=1 >"$log" 2>&1; then
    echo "fuzz: $target failed; the end of $log:" >&2
    tail -40 "$log" >&2
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::new_units_added" "$log" | sed "s/^/  /" || true
  # crash-, leak-, timeout- and oom- inputs fail the run. A slow-unit input (over 10 s) is
  # only noted: the clock is the wall's, and on a busy machine an ordinary input can take
  # that long under the sanitizer; run it alone to see (target/…/release/<target> <input>).
  if compgen -G "artifacts/$target/[clto]*" >/dev/null; then
    echo "fuzz: $target found a failing input: fuzz/artifacts/$target/" >&2
    status=1
  fi
  if compgen -G "artifacts/$target/slow-unit-*" >/dev/null; then
    echo "fuzz: $target noted slow inputs (not a failure): fuzz/artifacts/$target/slow-unit-*" >&2
  fi
done
exit $status

#!/usr/bin/env bash
# Installs orlint the ways users will, from packages built here, and runs it on the demo:
#   1. the Python wheel (built with maturin from PyPI) into a fresh virtual environment:
#      `orlint --version`, `python -m orlint --version`, `orlint check testdata/demo`;
#   2. the npm packages for this platform (scripts/npm-packages.sh, `npm pack`), installed
#      from the tarballs into a temporary project: `npx orlint check` on the demo.
# Prints how long each install took. Needs python3, npm and cargo.
#
#   scripts/e2e-install.sh              # venvs and packages under target/e2e-install
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${E2E_INSTALL_DIR:-$ROOT/target/e2e-install}
MATURIN=maturin==1.16.0
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -1)
DEMO=$ROOT/testdata/demo
rm -rf "$WORK/wheels" "$WORK/npm" "$WORK/venv" "$WORK/project"
mkdir -p "$WORK"

elapsed() { echo "$(( $(date +%s%N) / 1000000 - $1 )) ms"; }
now() { echo $(( $(date +%s%N) / 1000000 )); }

# The demo exits 1 (it has findings) with its usual summary; anything else is a failure.
check_demo() {
  local name=$1; shift
  local out status=0
  out=$("$@" check "$DEMO" --format concise 2>&1) || status=$?
  if [ "$status" -ne 1 ] || [ "$(printf '%s\n' "$out" | grep -c ': OR[0-9]')" -lt 10 ]; then
    echo "e2e-install: $name: expected the demo's findings and exit 1, got exit $status:" >&2
    printf '%s\n' "$out" >&2
    exit 1
  fi
}

echo "--- Python wheel"
if [ ! -x "$WORK/build-venv/bin/maturin" ]; then
  python3 -m venv "$WORK/build-venv"
  "$WORK/build-venv/bin/pip" install --quiet --disable-pip-version-check "$MATURIN"
fi
# `--compatibility linux`: a wheel for this machine only (the release builds manylinux wheels in
# their containers); enough to prove what the wheel installs and runs.
(cd "$ROOT" && "$WORK/build-venv/bin/maturin" build --release --locked --quiet \
  --compatibility linux --out "$WORK/wheels" >/dev/null)
wheel=$(ls "$WORK"/wheels/orlint-*.whl)
python3 -m venv "$WORK/venv"
started=$(now)
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
echo "pip install (wheel, no network): $(elapsed "$started")"
version=$("$WORK/venv/bin/orlint" --version)
case "$version" in
  "orlint $VERSION ("*")") ;;
  *) echo "e2e-install: unexpected --version: $version" >&2; exit 1 ;;
esac
echo "$version"
[ "$("$WORK/venv/bin/python" -m orlint --version)" = "$version" ] || {
  echo "e2e-install: python -m orlint --version differs" >&2; exit 1; }
check_demo wheel "$WORK/venv/bin/orlint"
check_demo "python -m orlint" "$WORK/venv/bin/python" -m orlint

echo "--- the GitHub Action's install step (install: pip), run as a runner would"
# The step's script, taken from action.yml, with the wheel offered through find-links.
python3 - "$ROOT/action.yml" > "$WORK/install-step.sh" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
step = text.split("- name: Install orlint", 1)[1]
block = step.split("run: |\n", 1)[1]
lines = []
for line in block.splitlines():
    if line.strip() and not line.startswith(" " * 8):
        break
    lines.append(line[8:])
print("\n".join(lines))
PY
runner=$WORK/runner
rm -rf "$runner"
mkdir -p "$runner"
started=$(now)
RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP=$runner GITHUB_ACTION_PATH=$ROOT \
  ORLINT_VERSION="" ORLINT_INSTALL=pip PIP_NO_INDEX=1 PIP_FIND_LINKS=$WORK/wheels \
  bash "$WORK/install-step.sh" > "$WORK/install-step.out"
echo "action install: pip (wheel, no network): $(elapsed "$started")"
grep -qx "$version" "$WORK/install-step.out" || { echo "e2e-install: the action's step printed:" >&2; cat "$WORK/install-step.out" >&2; exit 1; }
check_demo "action (pip)" "$runner/orlint/bin/orlint"

echo "--- npm packages"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x64 ;;
  Linux-aarch64) platform=linux-arm64 ;;
  Darwin-x86_64) platform=darwin-x64 ;;
  Darwin-arm64) platform=darwin-arm64 ;;
  *) echo "e2e-install: no npm platform package for $(uname -sm)" >&2; exit 1 ;;
esac
if [ "$(uname -s)" = Linux ]; then
  if ldd --version 2>&1 | grep -qi musl; then platform=$platform-musl; else platform=$platform-gnu; fi
fi
binary=$(find "$WORK/venv" -path '*/bin/orlint' -type f | head -1)
"$ROOT/scripts/npm-packages.sh" "$binary" "$platform" "$WORK/npm" >/dev/null
mkdir -p "$WORK/project"
cd "$WORK/project"
npm init -y >/dev/null
started=$(now)
# The platform package is installed from its tarball as a direct dependency; `--omit=optional`
# keeps npm from fetching the launcher's optional dependencies from the registry, where they
# appear only once a release is published.
npm install --silent --no-audit --no-fund --omit=optional "$WORK/npm/orlint-cli-$platform-$VERSION.tgz" >/dev/null
npm install --silent --no-audit --no-fund --omit=optional "$WORK/npm/orlint-$VERSION.tgz" >/dev/null
echo "npm install (tarballs, no network): $(elapsed "$started")"
[ "$(npx --no-install orlint --version)" = "$version" ] || {
  echo "e2e-install: npx orlint --version differs" >&2; exit 1; }
check_demo npx npx --no-install orlint
# Without the platform package, the launcher says why in one line and exits 2.
rm -rf "node_modules/@orlint"
status=0
message=$(npx --no-install orlint --version 2>&1) || status=$?
if [ "$status" -ne 2 ] || ! printf '%s' "$message" | grep -q "no prebuilt binary for this platform"; then
  echo "e2e-install: missing platform package: exit $status: $message" >&2
  exit 1
fi
echo "e2e-install: ok"

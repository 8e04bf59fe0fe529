#!/usr/bin/env bash
# End-to-end test of the pre-commit hooks with the real pre-commit (installed from PyPI into a
# virtualenv): a temporary git repository whose .pre-commit-config.yaml points at this
# repository (`repo: <path>`, `rev: <HEAD>`).
#
#   1. a staged file with a hardcoded key: the commit is refused and the output names OR001;
#   2. a clean file: the commit succeeds;
#   3. the same with the `orlint-system` hook and the binary on PATH;
#   4. the same with the `language: python` hook of hooks/python (published as its own
#      repository), which installs the orlint wheel: the wheel scripts/e2e-install.sh built
#      (E2E_WHEELS, default target/e2e-install/wheels), offered to pip through find-links.
#
# The `orlint` hook is `language: rust`: pre-commit runs `cargo install --path .` on a clone of
# this repository. CARGO_TARGET_DIR points that build at target/pre-commit-e2e so later runs
# reuse it. Run from .ci/run; `cargo test` stays free of Python.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
VENV=${E2E_VENV:-$ROOT/target/e2e-venv}
case $VENV in /*) ;; *) VENV=$PWD/$VENV ;; esac
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target/pre-commit-e2e}
export PRE_COMMIT_HOME=$WORK/pre-commit-cache

if [ ! -x "$VENV/bin/pre-commit" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check pre-commit==4.7.0
fi
PRE_COMMIT=$VENV/bin/pre-commit
REV=$(git -C "$ROOT" rev-parse HEAD)
echo "pre-commit $("$PRE_COMMIT" --version | cut -d' ' -f2), hooks from $ROOT at $REV"

fail() { echo "FAIL: $*" >&2; exit 1; }

# A key is assembled at run time: none is ever committed to this repository.
KEY=$(python3 -c "import secrets; print('sk-or-v1-' + secrets.token_hex(32))")

run_case() {
  local hook=$1 hook_repo=${2:-$ROOT} hook_rev=${3:-$REV} name=${4:-$1}
  local repo=$WORK/$name
  mkdir -p "$repo"
  cd "$repo"
  git init --quiet
  git config user.email e2e@example.com
  git config user.name "orlint e2e"
  cat > .pre-commit-config.yaml <<EOF
repos:
  - repo: $hook_repo
    rev: $hook_rev
    hooks:
      - id: $hook
EOF
  git add .pre-commit-config.yaml
  git commit --quiet --no-verify -m "config"
  "$PRE_COMMIT" install --install-hooks >/dev/null

  # 1. A staged violation blocks the commit, and the output says why.
  printf 'import os\n\nAPI_KEY = "%s"\n' "$KEY" > leak.py
  git add leak.py
  if output=$(git commit -m "add a key" 2>&1); then
    echo "$output"
    fail "[$name] the commit with a hardcoded key went through"
  fi
  echo "$output" | grep -q "OR001" || { echo "$output"; fail "[$name] the output does not name OR001"; }
  echo "$output" | grep -qF "${KEY:9:60}" && fail "[$name] the key appeared in the hook output"
  echo "--- [$name] commit refused (excerpt):"
  echo "$output" | grep -E "orlint|OR001|Found" | head -5

  # 1b. So does a key in a shell script or Terraform: every staged text file is passed.
  git rm --cached --quiet leak.py
  rm leak.py
  for file in deploy.sh main.tf; do
    printf 'export OPENROUTER_API_KEY=%s\n' "$KEY" > "$file"
    git add "$file"
    if output=$(git commit -m "add $file" 2>&1); then
      echo "$output"
      fail "[$name] the commit with a key in $file went through"
    fi
    echo "$output" | grep -q "$file.*OR001\|OR001.*$file" || echo "$output" | grep -q "$file" \
      || { echo "$output"; fail "[$name] the output does not name $file"; }
    echo "$output" | grep -qF "${KEY:9:60}" && fail "[$name] the key appeared in the hook output"
    git rm --cached --quiet "$file"
    rm "$file"
  done
  echo "--- [$name] commits with a key in deploy.sh and main.tf refused"

  # 2. A clean file commits.
  printf 'import os\n\nAPI_KEY = os.environ["OPENROUTER_API_KEY"]\n' > clean.py
  git add clean.py
  output=$(git commit -m "read the key from the environment" 2>&1) || { echo "$output"; fail "[$name] the clean commit was refused"; }
  echo "--- [$name] clean commit accepted:"
  echo "$output" | grep -E "orlint" | head -2
  cd "$ROOT"
}

run_case orlint

# The system hook uses whatever `orlint` is on PATH: the binary the rust hook just built.
BIN=$(dirname "$(find "$PRE_COMMIT_HOME" -path '*/bin/orlint' -type f | head -1)")
[ -x "$BIN/orlint" ] || fail "the rust hook did not install an orlint binary"
PATH=$BIN:$PATH run_case orlint-system

# The Python hook: its repository is hooks/python, committed on its own. pip finds the wheel
# (and setuptools, to build the hook package) in a local directory only: nothing from PyPI.
WHEELS=${E2E_WHEELS:-$ROOT/target/e2e-install/wheels}
case $WHEELS in /*) ;; *) WHEELS=$PWD/$WHEELS ;; esac
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -1)
grep -q "\"orlint==$version\"" "$ROOT/hooks/python/pyproject.toml" \
  || fail "hooks/python/pyproject.toml does not pin orlint==$version (Cargo.toml's version)"
ls "$WHEELS"/orlint-"$version"-*.whl >/dev/null 2>&1 || fail "no orlint $version wheel in $WHEELS (run scripts/e2e-install.sh)"
LINKS=$WORK/links
mkdir -p "$LINKS"
cp "$WHEELS"/orlint-"$version"-*.whl "$LINKS/"
"$VENV/bin/pip" download --quiet --disable-pip-version-check --dest "$LINKS" "setuptools>=61" wheel
HOOKS=$WORK/orlint-pre-commit
cp -r "$ROOT/hooks/python" "$HOOKS"
git -C "$HOOKS" init --quiet
git -C "$HOOKS" add -A
git -C "$HOOKS" -c user.email=e2e@example.com -c user.name=e2e commit --quiet -m "hooks"
started=$(date +%s%N)
PIP_NO_INDEX=1 PIP_FIND_LINKS=$LINKS run_case orlint "$HOOKS" "$(git -C "$HOOKS" rev-parse HEAD)" orlint-python
echo "[orlint-python] two repositories set up, hook installed from the wheel: $(( ($(date +%s%N) - started) / 1000000 )) ms in all"

echo "pre-commit end-to-end: OK"

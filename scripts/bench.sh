#!/usr/bin/env bash
# Reproducible benchmark for orlint.
#
# Builds a real corpus from the package registries (pinned versions, so every machine lints the
# same files), then times `orlint check` against ripgrep searching the same key regex and
# against peer tools, all with hyperfine in one run on the same machine. Reports medians,
# ratios against ripgrep, and orlint's peak memory.
#
#   scripts/bench.sh            # everything (first run downloads ~250 MB)
#   RUNS=20 scripts/bench.sh    # more runs per command
#   PEERS=0 scripts/bench.sh    # orlint and ripgrep only
#
# Needs: cargo, python3 with pip, npm, hyperfine and rg (Debian: apt-get install hyperfine ripgrep).
# Machines here have 2 noisy cores: compare the ratios, not the absolute times.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-$ROOT/scripts/.bench}
CORPUS=$WORK/corpus
RUNS=${RUNS:-10}
PEERS=${PEERS:-1}
KEY_REGEX='\bsk-or-v1-[0-9a-f]{64}\b'

PY_PACKAGES=(openai==3.57.0 litellm==1.110.2 langchain-core==1.8.4 langchain-openai==1.7.4
  pydantic-ai-slim==2.68.0 anthropic==2.14.0 httpx==0.28.1 requests==2.34.2)
JS_PACKAGES=(openai@7.59.0 ai@7.0.173 @openrouter/ai-sdk-provider@3.1.0 @openrouter/sdk@1.3.19
  @langchain/openai@1.6.0 typescript@7.0.2 axios@1.21.1)
PEER_PACKAGES=(kingfisher-bin==2.14.0 detect-secrets==1.5.0 semgrep==1.185.0 ruff==0.17.6)

for tool in cargo python3 npm hyperfine rg; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }
done
mkdir -p "$WORK"

if [ ! -f "$CORPUS/.complete" ]; then
  echo "Building the corpus in $CORPUS ..."
  rm -rf "$CORPUS"
  mkdir -p "$CORPUS/python" "$CORPUS/js"
  python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$CORPUS/python" "${PY_PACKAGES[@]}"
  (cd "$CORPUS/js" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund --ignore-scripts "${JS_PACKAGES[@]}")
  touch "$CORPUS/.complete"
fi
files=$(find "$CORPUS" -type f | wc -l)
size=$(du -sm "$CORPUS" | cut -f1)
linted=$(find "$CORPUS" -type f \( -name '*.py' -o -name '*.pyi' -o -name '*.js' -o -name '*.mjs' \
  -o -name '*.cjs' -o -name '*.jsx' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.tsx' \) | wc -l)
echo "Corpus: $files files ($linted Python/JS/TS), $size MB"

(cd "$ROOT" && cargo build --release --quiet)
ORLINT=$ROOT/target/release/orlint

# ripgrep twice: over every file, and over exactly the file kinds orlint reads (the fair one).
RG_KINDS="-g '*.{py,pyi,js,mjs,cjs,jsx,ts,mts,cts,tsx,ipynb,json,yaml,yml,toml,ini,cfg,md,txt,dockerfile}' -g '.env' -g '.env.*' -g 'Dockerfile' -g 'Dockerfile.*'"
commands=(
  -n "orlint" "$ORLINT check --isolated --exit-zero --format concise $CORPUS"
  -n "rg (same files)" "rg --hidden --count-matches $RG_KINDS '$KEY_REGEX' $CORPUS"
  -n "rg (all files)" "rg --hidden --count-matches '$KEY_REGEX' $CORPUS"
)
if [ "$PEERS" = 1 ]; then
  if [ ! -x "$WORK/venv/bin/kingfisher" ]; then
    echo "Installing peers into $WORK/venv ..."
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install --quiet --disable-pip-version-check "${PEER_PACKAGES[@]}"
  fi
  # What a team would otherwise hand-write in semgrep for OR001.
  cat > "$WORK/openrouter-key.yml" <<EOF
rules:
  - id: openrouter-key
    languages: [regex]
    severity: ERROR
    message: hardcoded OpenRouter key
    pattern-regex: '$KEY_REGEX'
EOF
  commands+=(
    -n "kingfisher" "$WORK/venv/bin/kingfisher scan --no-validate --no-update-check --quiet --format json $CORPUS"
    -n "ruff (parse all Python)" "$WORK/venv/bin/ruff check --isolated --no-cache --select F821 --exit-zero --quiet $CORPUS/python"
  )
fi

hyperfine --warmup 2 --runs "$RUNS" --ignore-failure --export-json "$WORK/results.json" "${commands[@]}" >/dev/null

if [ "$PEERS" = 1 ]; then
  # Slow peers get few runs so the benchmark finishes (detect-secrets takes minutes: one run).
  # semgrep skips node_modules and files over 1 MB by default; an empty .semgrepignore and a
  # 10 MB limit make it scan what orlint scans.
  : > "$CORPUS/.semgrepignore"
  hyperfine --warmup 0 --runs 3 --ignore-failure --export-json "$WORK/results-semgrep.json" \
    -n "semgrep (regex rule)" "cd $CORPUS && $WORK/venv/bin/semgrep scan --metrics=off --quiet --disable-version-check --max-target-bytes 10000000 --config $WORK/openrouter-key.yml ." \
    >/dev/null
  hyperfine --warmup 0 --runs 1 --ignore-failure --export-json "$WORK/results-detect-secrets.json" \
    -n "detect-secrets" "$WORK/venv/bin/detect-secrets scan --all-files $CORPUS" \
    >/dev/null
fi

# The pre-commit case: orlint on ten staged files inside a project of the corpus's size.
# Typical files, and the ten largest that talk to OpenRouter (all parsed and modelled).
TYPICAL=(python/openai/_client.py python/httpx/_api.py python/requests/sessions.py
  python/anthropic/_client.py python/langchain_core/messages/base.py python/pydantic_ai/settings.py
  js/node_modules/axios/lib/core/Axios.js js/node_modules/openai/resources/chat/completions/completions.js
  js/node_modules/ai/package.json python/litellm/router.py)
LARGEST=(python/litellm/main.py python/litellm/utils.py python/langchain_openai/chat_models/base.py
  js/node_modules/openai/client.js python/openai/_client.py python/httpx/_client.py
  python/pydantic_ai/models/openrouter.py js/node_modules/axios/lib/axios.js python/requests/api.py
  js/node_modules/@openrouter/sdk/esm/funcs/chatSend.js)
(cd "$CORPUS" && hyperfine -N --warmup 3 --runs "$((RUNS * 3))" --ignore-failure --export-json "$WORK/results-staged.json" \
  -n "10 staged files (typical)" "$ORLINT check --exit-zero --format concise ${TYPICAL[*]}" \
  -n "10 staged files (largest)" "$ORLINT check --exit-zero --format concise ${LARGEST[*]}" >/dev/null)

# Peak resident memory of orlint, the largest of three runs.
peak=0
for _ in 1 2 3; do
  kb=$( { /usr/bin/time -f '%M' "$ORLINT" check --isolated --exit-zero --format concise "$CORPUS" >/dev/null; } 2>&1 | tail -1)
  [ "$kb" -gt "$peak" ] && peak=$kb
done

python3 - "$WORK" "$peak" "$RUNS" <<'EOF'
import json, os, sys
work, peak_kb, runs = sys.argv[1], int(sys.argv[2]), sys.argv[3]
results = []
for name in ("results.json", "results-semgrep.json", "results-detect-secrets.json"):
    path = os.path.join(work, name)
    if os.path.exists(path):
        results += json.load(open(path))["results"]
base = next(r["median"] for r in results if r["command"] == "rg (same files)")
print(f"\n{'command':<28}{'median':>10}{'min':>10}{'max':>10}{'vs rg':>9}  runs")
for r in results:
    n = len(r["times"])
    print(f"{r['command']:<28}{r['median']*1000:>8.0f}ms{r['min']*1000:>8.0f}ms{r['max']*1000:>8.0f}ms{r['median']/base:>8.2f}x  {n}")
orlint = next(r["median"] for r in results if r["command"] == "orlint")
print(f"\norlint / rg (same files) = {orlint/base:.2f}x   peak memory (orlint): {peak_kb/1024:.1f} MB")
staged = os.path.join(work, "results-staged.json")
if os.path.exists(staged):
    print("\npre-commit case (orlint only):")
    for r in json.load(open(staged))["results"]:
        print(f"  {r['command']:<28}{r['median']*1000:>8.1f}ms (min {r['min']*1000:.1f}, max {r['max']*1000:.1f}, {len(r['times'])} runs)")
EOF

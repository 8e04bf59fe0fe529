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
#   DETECT_SECRETS=1 scripts/bench.sh   # also detect-secrets (about nine minutes)
#   ORLINT_BIN=/path/to/orlint scripts/bench.sh   # time another build (before/after a change)
#
# Besides the registry corpus (installed packages: orlint judges each of their files on its
# own), it times a project-shaped corpus: the fixture projects of testdata/projects copied
# until there are about 50,000 files, where imports, helpers and instances are followed across
# files; and single files through --stdin-filename, as an editor runs it.
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
PEER_PACKAGES=(kingfisher-bin==2.14.0 detect-secrets==1.5.0 semgrep==1.185.0 ruff==0.17.6
  ast-grep-cli==0.51.1)

for tool in cargo python3 npm hyperfine rg; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }
done
mkdir -p "$WORK"
# Results of an earlier run (say, one with the peers) must not be mistaken for this one's.
rm -f "$WORK"/results*.json "$WORK"/results*.jsonl

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

if [ -n "${ORLINT_BIN:-}" ]; then
  ORLINT=$ORLINT_BIN
else
  (cd "$ROOT" && cargo build --release --quiet)
  ORLINT=$ROOT/target/release/orlint
fi

# The project-shaped corpus: testdata/projects copied COPIES times (each copy a project with
# its own orlint.toml).
PROJECT=$WORK/project
COPIES=${COPIES:-750}
if [ ! -f "$PROJECT/.complete" ] || [ "$(cat "$PROJECT/.complete")" != "$COPIES" ]; then
  rm -rf "$PROJECT"
  mkdir -p "$PROJECT"
  for i in $(seq 1 "$COPIES"); do cp -r "$ROOT/testdata/projects" "$PROJECT/copy-$i"; done
  echo "$COPIES" > "$PROJECT/.complete"
fi
echo "Project-shaped corpus: $(find "$PROJECT" -type f | wc -l) files"

# ripgrep over the same files orlint reads: every text file, hidden ones included (both skip
# binary content and what .gitignore says).
commands=(
  -n "orlint" "$ORLINT check --isolated --exit-zero --format concise $CORPUS"
  -n "rg (same files)" "rg --hidden --count-matches '$KEY_REGEX' $CORPUS"
)
if [ "$PEERS" = 1 ]; then
  if [ ! -x "$WORK/venv/bin/kingfisher" ] || [ ! -x "$WORK/venv/bin/ast-grep" ]; then
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
  # What a team would otherwise hand-write in ast-grep: the key literal and the request call,
  # in each language orlint parses.
  : > "$WORK/ast-grep-rules.yml"
  for language in python javascript typescript; do
    kind=string_fragment
    [ "$language" = python ] && kind=string_content
    cat >> "$WORK/ast-grep-rules.yml" <<EOF
id: openrouter-key-$language
language: $language
severity: error
message: hardcoded OpenRouter key
rule:
  kind: $kind
  regex: '^sk-or-v1-[0-9a-f]{64}\$'
---
id: chat-completion-$language
language: $language
severity: warning
message: chat completion request
rule:
  pattern: \$CLIENT.chat.completions.create(\$\$\$ARGS)
---
EOF
  done
  commands+=(
    -n "kingfisher" "$WORK/venv/bin/kingfisher scan --no-validate --no-update-check --quiet --format json $CORPUS"
    -n "ruff (parse all Python)" "$WORK/venv/bin/ruff check --isolated --no-cache --select F821 --exit-zero --quiet $CORPUS/python"
  )
fi

commands+=(
  -n "orlint (project corpus)" "$ORLINT check --exit-zero --format concise $PROJECT"
  -n "rg (project corpus)" "rg --hidden --count-matches '$KEY_REGEX' $PROJECT"
)
hyperfine --warmup 2 --runs "$RUNS" --ignore-failure --export-json "$WORK/results.json" "${commands[@]}" >/dev/null

if [ "$PEERS" = 1 ]; then
  # Slow peers get few runs so the benchmark finishes (detect-secrets takes minutes: one run).
  # semgrep skips node_modules and files over 1 MB by default; an empty .semgrepignore and a
  # 10 MB limit make it scan what orlint scans.
  : > "$CORPUS/.semgrepignore"
  hyperfine --warmup 0 --runs 3 --ignore-failure --export-json "$WORK/results-semgrep.json" \
    -n "ast-grep (6 rules)" "$WORK/venv/bin/ast-grep scan --json=stream -r $WORK/ast-grep-rules.yml $CORPUS" \
    -n "semgrep (regex rule)" "cd $CORPUS && $WORK/venv/bin/semgrep scan --metrics=off --quiet --disable-version-check --max-target-bytes 10000000 --config $WORK/openrouter-key.yml ." \
    >/dev/null
  # detect-secrets takes about nine minutes: only with DETECT_SECRETS=1.
  if [ "${DETECT_SECRETS:-0}" = 1 ]; then
    hyperfine --warmup 0 --runs 1 --ignore-failure --export-json "$WORK/results-detect-secrets.json" \
      -n "detect-secrets" "$WORK/venv/bin/detect-secrets scan --all-files $CORPUS" \
      >/dev/null
  fi
fi

# Files of about 300 lines with requests in each language: the rule fixtures of that language,
# joined.
INPUTS=$WORK/stdin
mkdir -p "$INPUTS"
three_hundred_lines() {  # extensions of the fixtures to join, in order of preference
  local files=()
  for ext in "$@"; do
    while IFS= read -r f; do files+=("$f"); done < <(find "$ROOT/testdata/rules" -name "*.$ext" | sort)
  done
  # Short of 300 lines, the same fixtures again. (`head` closing the pipe early is expected.)
  for _ in $(seq 10); do cat "${files[@]}"; done | head -300 || true
}
three_hundred_lines py > "$INPUTS/requests.py"
three_hundred_lines ts > "$INPUTS/requests.ts"
three_hundred_lines tsx ts > "$INPUTS/requests.tsx"
three_hundred_lines js mjs > "$INPUTS/requests.js"

# The pre-commit case: orlint on ten staged files inside a project of the corpus's size.
# Typical files (none talks to OpenRouter), the same with three of them swapped for the
# 300-line files with requests, and the ten largest that talk to OpenRouter (all parsed and
# modelled).
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
  -n "10 staged files (3 with requests)" "$ORLINT check --exit-zero --format concise ${TYPICAL[*]:0:7} $INPUTS/requests.py $INPUTS/requests.ts $INPUTS/requests.js" \
  -n "10 staged files (largest)" "$ORLINT check --exit-zero --format concise ${LARGEST[*]}" >/dev/null)

# One file through --stdin-filename, as an editor lints a buffer on save: a 300-line file with
# requests in each language, a large Python file and a large JavaScript bundle of the registry
# corpus, and a route of the project corpus whose request goes through a helper in another file
# (orlint reads what it imports, not the tree).
STDIN_PY=python/pydantic_ai/models/openrouter.py
STDIN_JS=js/node_modules/@openrouter/ai-sdk-provider/dist/index.js
STDIN_PROJECT=copy-1/helpers/routes/composed.ts
# Each FILE of DIR through --stdin-filename, into WORK/JSON. (Through a shell for the
# redirection; hyperfine subtracts the shell's own start-up.)
time_stdin() {  # DIR JSON FILE...
  local dir=$1 json=$2 runs=()
  shift 2
  for file in "$@"; do
    runs+=(-n "stdin: $file" "$ORLINT check --exit-zero --format concise --stdin-filename $file < $file")
  done
  (cd "$dir" && hyperfine --warmup 3 --runs "$((RUNS * 3))" --ignore-failure \
    --export-json "$WORK/$json" "${runs[@]}" >/dev/null)
}
time_stdin "$INPUTS" results-stdin-lines.json requests.py requests.ts requests.tsx requests.js
(cd "$CORPUS" && hyperfine --warmup 3 --runs "$((RUNS * 3))" --ignore-failure --export-json "$WORK/results-stdin.json" \
  -n "stdin: Python ($(wc -c < $STDIN_PY) bytes)" "$ORLINT check --exit-zero --format concise --stdin-filename $STDIN_PY < $STDIN_PY" \
  -n "stdin: JavaScript ($(wc -c < $STDIN_JS) bytes)" "$ORLINT check --exit-zero --format concise --stdin-filename $STDIN_JS < $STDIN_JS" >/dev/null)
(cd "$PROJECT" && hyperfine --warmup 3 --runs "$((RUNS * 3))" --ignore-failure --export-json "$WORK/results-stdin-project.json" \
  -n "stdin: project route (imports)" "$ORLINT check --exit-zero --format concise --stdin-filename $STDIN_PROJECT < $STDIN_PROJECT" >/dev/null)

# The language server: from a `didChange` to the `publishDiagnostics` of that version, on
# 1,000-line files: typical ones (the 300-line file with requests, then 700 lines of ordinary
# code from the corpus) and dense ones (request fixtures only, every few lines a finding); and
# the same typical files through --stdin-filename, for comparison.
SERVER=$WORK/server
mkdir -p "$SERVER"
ordinary() {  # ext file: 700 lines of ordinary code after the 300-line file with requests
  (cat "$INPUTS/requests.$1"; head -700 "$CORPUS/$2") > "$SERVER/typical.$1"
}
ordinary py python/httpx/_models.py
ordinary ts js/node_modules/openai/src/client.ts
ordinary tsx js/node_modules/openai/src/client.ts
ordinary js js/node_modules/axios/lib/utils.js
for ext in py ts tsx js; do
  for _ in $(seq 4); do cat "$INPUTS/requests.$ext"; done | head -1000 > "$SERVER/dense.$ext" || true
done
# (A build from before the server, timed for comparison, has no `server` command.)
if "$ORLINT" server --help >/dev/null 2>&1; then
  (cd "$SERVER" && RUNS=$((RUNS * 5)) python3 "$ROOT/scripts/bench-server.py" "$ORLINT" \
    typical.py typical.ts typical.tsx typical.js dense.py dense.ts dense.tsx dense.js > "$WORK/results-server.jsonl")
fi
time_stdin "$SERVER" results-server-stdin.json typical.py typical.ts typical.tsx typical.js

# Peak resident memory of orlint, the largest of three runs.
peak=0
for _ in 1 2 3; do
  kb=$( { /usr/bin/time -f '%M' "$ORLINT" check --isolated --exit-zero --format concise "$CORPUS" >/dev/null; } 2>&1 | tail -1)
  [ "$kb" -gt "$peak" ] && peak=$kb
done
# And of the peers that parse code, one run each.
: > "$WORK/peaks.txt"
if [ "$PEERS" = 1 ]; then
  peak_of() {
    local name=$1; shift
    /usr/bin/time -f '%M' -o "$WORK/peak.kb" "$@" >/dev/null 2>&1 || true
    echo "$name $(tail -1 "$WORK/peak.kb")" >> "$WORK/peaks.txt"
  }
  peak_of ast-grep "$WORK/venv/bin/ast-grep" scan --json=stream -r "$WORK/ast-grep-rules.yml" "$CORPUS"
  (cd "$CORPUS" && peak_of semgrep "$WORK/venv/bin/semgrep" scan --metrics=off --quiet --disable-version-check \
    --max-target-bytes 10000000 --config "$WORK/openrouter-key.yml" .)
fi

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
for line in open(os.path.join(work, "peaks.txt")):
    name, kb = line.split()
    print(f"peak memory ({name}): {int(kb)/1024:.1f} MB")
project = next((r["median"] for r in results if r["command"] == "orlint (project corpus)"), None)
project_rg = next((r["median"] for r in results if r["command"] == "rg (project corpus)"), None)
if project and project_rg:
    print(f"orlint / rg (project corpus) = {project/project_rg:.2f}x")
server = os.path.join(work, "results-server.jsonl")
if os.path.exists(server):
    print("\nlanguage server, didChange -> publishDiagnostics (1,000-line files):")
    for line in open(server):
        r = json.loads(line)
        print(f"  {r['file']:<34}{r['median_ms']:>8.1f}ms (min {r['min_ms']:.1f}, max {r['max_ms']:.1f}, {r['runs']} edits, {r['findings']} findings)")
for title, name in (("pre-commit case (orlint only):", "results-staged.json"),
                    ("one file through --stdin-filename (orlint only):", "results-stdin-lines.json"),
                    (None, "results-stdin.json"),
                    (None, "results-server-stdin.json"),
                    (None, "results-stdin-project.json")):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        continue
    if title:
        print("\n" + title)
    for r in json.load(open(path))["results"]:
        print(f"  {r['command']:<34}{r['median']*1000:>8.1f}ms (min {r['min']*1000:.1f}, max {r['max']*1000:.1f}, {len(r['times'])} runs)")
EOF

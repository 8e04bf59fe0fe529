#!/usr/bin/env bash
# Scale check: a generated tree of 200,000 files (Python, TypeScript, JavaScript, JSON and
# Markdown; 1% of them talk to OpenRouter, through imports and helpers as real projects do)
# linted in one run. Prints the findings count, the wall time and the peak RSS.
#
#   scripts/scale.sh                 # 200,000 files
#   FILES=50000 scripts/scale.sh
#   ORLINT_BIN=/path/to/orlint scripts/scale.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FILES=${FILES:-200000}
TREE=${SCALE_DIR:-$ROOT/target/scale-tree}

if [ -z "${ORLINT_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release --quiet)
  ORLINT_BIN=$ROOT/target/release/orlint
fi

if [ ! -f "$TREE/.complete-$FILES" ]; then
  rm -rf "$TREE"
  python3 - "$TREE" "$FILES" <<'PY'
import os, sys
root, total = sys.argv[1], int(sys.argv[2])
plain = {
    "py": "import os\n\ndef handler(event):\n    values = [x * 2 for x in range(10)]\n    return {'ok': True, 'values': values}\n",
    "ts": "export interface Item { id: string; count: number }\nexport function total(items: Item[]): number {\n  return items.reduce((sum, i) => sum + i.count, 0);\n}\n",
    "js": "const path = require('path');\nmodule.exports = function join(a, b) { return path.join(a, b); };\n",
    "json": '{"name": "pkg", "version": "1.0.0", "scripts": {"test": "jest"}}\n',
    "md": "# Notes\n\nNothing to see here.\n",
}
client_py = "from openai import OpenAI\nimport os\nclient = OpenAI(base_url='https://openrouter.ai/api/v1', api_key=os.environ['OPENROUTER_API_KEY'])\n"
user_py = "from .client{n} import client\n\ndef summarise(t):\n    return client.chat.completions.create(model='anthropic/claude-sonnet-4', messages=[{{'role': 'user', 'content': t}}])\n"
user_ts = "const key = process.env.OPENROUTER_API_KEY;\nexport async function ask(q: string) {{\n  return fetch('https://openrouter.ai/api/v1/chat/completions', {{ method: 'POST', headers: {{ Authorization: `Bearer ${{key}}` }}, body: JSON.stringify({{ model: 'openai/gpt-4o', messages: [{{ role: 'user', content: q }}], provider: {{ order: ['openai'] }} }}) }});\n}}\n"
kinds = list(plain)
for i in range(total):
    d = os.path.join(root, f"pkg{i // 1000:03d}", f"mod{(i // 100) % 10}")
    os.makedirs(d, exist_ok=True)
    if i % 100 == 0:
        n = i
        open(os.path.join(d, f"client{n}.py"), "w").write(client_py)
        open(os.path.join(d, "__init__.py"), "w").write("")
        continue
    if i % 100 == 1:
        open(os.path.join(d, f"user{i}.py"), "w").write(user_py.format(n=i - 1))
        continue
    if i % 100 == 2:
        open(os.path.join(d, f"ask{i}.ts"), "w").write(user_ts.format())
        continue
    ext = kinds[i % len(kinds)]
    open(os.path.join(d, f"f{i}.{ext}"), "w").write(plain[ext])
PY
  touch "$TREE/.complete-$FILES"
fi
count=$(find "$TREE" -type f ! -name '.complete-*' | wc -l)
echo "Tree: $count files in $TREE"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$ORLINT_BIN" check --isolated --exit-zero --format concise "$TREE" \
  > "$TREE.out" 2> "$TREE.err" || true
echo "findings: $(wc -l < "$TREE.out")"
tail -1 "$TREE.err"

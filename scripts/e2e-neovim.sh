#!/usr/bin/env bash
# End to end with a real editor: headless Neovim (Debian's package; its built-in LSP client)
# opens a file, attaches `orlint server`, and the diagnostics Neovim holds are checked.
#
#   scripts/e2e-neovim.sh            # builds orlint; needs nvim (apt-get install neovim)
#   ORLINT_BIN=/path/to/orlint scripts/e2e-neovim.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
command -v nvim >/dev/null || { echo "e2e-neovim: nvim is required (apt-get install neovim)" >&2; exit 2; }
if [ -z "${ORLINT_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --quiet)
  ORLINT_BIN=$ROOT/target/debug/orlint
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/app.py" <<'PY'
from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1")

def audited(question):
    return client.chat.completions.create(model="openai/gpt-4o", messages=[{"role": "user", "content": question}])

def summarise(text):
    return client.chat.completions.create(model="openai/gpt-4o", messages=[], extra_body={"provider": {"order": ["openai"]}})
PY

cat > "$WORK/check.lua" <<'LUA'
-- Runs inside `nvim --headless`: attach orlint to the buffer, wait for its diagnostics, and
-- write them (one per line: line:col code severity) to the file named by ORLINT_OUT.
local bin, out = os.getenv("ORLINT_BIN"), os.getenv("ORLINT_OUT")
local buf = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({
  name = "orlint",
  cmd = { bin, "server" },
  root_dir = vim.fn.getcwd(),
})
assert(client, "orlint server did not start")
vim.lsp.buf_attach_client(buf, client)
local ok = vim.wait(20000, function() return #vim.diagnostic.get(buf) >= 2 end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(lines, string.format("%d:%d %s %d %s", d.lnum + 1, d.col + 1, d.code or "-", d.severity, d.source or "-"))
end
table.sort(lines)
if not ok then table.insert(lines, "timeout") end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(client)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client) == nil end, 50)
vim.cmd("qa!")
LUA

(cd "$WORK" && ORLINT_BIN=$ORLINT_BIN ORLINT_OUT=$WORK/diagnostics.txt \
  timeout 60 nvim --headless --clean -n app.py -c "luafile $WORK/check.lua")

# OR003 on the unpinned request; on the one outside the audited function, OR005 at the call
# and OR002 at the provider order that leaves fallbacks on. (Sorted as text.)
expected='6:12 OR003 2 orlint
9:104 OR002 1 orlint
9:12 OR005 2 orlint'
actual=$(cat "$WORK/diagnostics.txt")
if [ "$actual" != "$expected" ]; then
  echo "e2e-neovim: Neovim holds other diagnostics than expected" >&2
  echo "expected:" >&2; echo "$expected" >&2
  echo "actual:" >&2; echo "$actual" >&2
  exit 1
fi
echo "e2e-neovim: ok ($(nvim --version | head -1); $(echo "$actual" | wc -l) diagnostics)"

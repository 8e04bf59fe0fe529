#!/usr/bin/env bash
# Fixes checked with the real tools: every fix fixture (testdata/fixes), as written and in
# CRLF, byte-order-marked and no-final-newline variants, is fixed with
# `orlint check --fix --unsafe-fixes`; then every changed file must
#   - still parse: Python with `ast.parse` (CPython), JavaScript with `node --check`;
#   - still type-check: TypeScript with `tsc --strict` against the real `openai`, `ai`,
#     `@openrouter/ai-sdk-provider` and `@openrouter/sdk` types, with no error it did not
#     have before (the fixtures' own errors, such as an unresolved local import, stay);
#   - keep its byte order mark, its final line break, and each line's ending (inserted lines
#     end as the line before them);
#   - change no more when fixed again.
#
#   scripts/e2e-fixes.sh [DIR...]   # also fix copies of these trees (public projects), with
#                                   # a policy that gives every fix something to do
#
# The npm packages are installed once into target/e2e-fixes/node (cached).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${ORLINT_BIN:-$ROOT/target/release/orlint}
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
[ -x "$BIN" ] || (cd "$ROOT" && cargo build --release --quiet)
NODE_DIR=$ROOT/target/e2e-fixes/node
if [ ! -x "$NODE_DIR/node_modules/.bin/tsc" ]; then
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && npm init -y >/dev/null &&
    npm install --silent --no-audit --no-fund typescript@5.9.3 openai@5.23.2 ai@5.0.277 @openrouter/ai-sdk-provider@1.5.4 @openrouter/sdk@1.3.19 @types/node@22.20.7 >/dev/null)
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 - "$ROOT" "$WORK" "$BIN" "$NODE_DIR" "$@" <<'PY'
import difflib, json, os, secrets, shutil, subprocess, sys

root, work, binary, node_dir, *extra = sys.argv[1:]
key = lambda: "sk-or-v1-" + secrets.token_hex(32)
hexes = [secrets.token_hex(32) for _ in range(3)]
def literal(seed):
    raw = secrets.token_hex(20)
    return "".join(c.upper() if i % 3 == 0 else c for i, c in enumerate(raw))

def expand(text):
    for n in range(8, 0, -1):
        text = text.replace("{{LITKEY%s}}" % ("" if n == 1 else n), literal(n))
    hx = hexes[0]
    return (text.replace("{{KEY}}", "sk-or-v1-" + hx).replace("{{KEY2}}", "sk-or-v1-" + hexes[1])
            .replace("{{HEX}}", hx).replace("{{HEX1}}", hx[:32]).replace("{{HEX2}}", hx[32:])
            .replace("{{HEX63}}", hx[:63]).replace("{{HEXUPPER}}", hx.upper()))

CODE = (".py", ".js", ".mjs", ".ts", ".tsx")
def variants(name, data):
    """The fixture, and copies in other line-ending and byte-order-mark styles."""
    yield name, data
    stem, ext = os.path.splitext(name)
    yield f"{stem}_crlf{ext}", data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if data.endswith(b"\n"):
        yield f"{stem}_no_eol{ext}", data.rstrip(b"\n")
    if ext == ".py":
        yield f"{stem}_bom{ext}", b"\xef\xbb\xbf" + data
    # Every other line CRLF: inserted lines must take their neighbour's ending.
    lines = data.split(b"\n")
    mixed = b"".join(l + (b"\r\n" if i % 2 else b"\n") for i, l in enumerate(lines[:-1])) + lines[-1]
    yield f"{stem}_mixed{ext}", mixed

# The packages' types, found from every file under the work directory.
os.symlink(os.path.join(node_dir, "node_modules"), os.path.join(work, "node_modules"))
trees = []
fixtures = os.path.join(work, "fixtures")
for dirpath, _, files in os.walk(os.path.join(root, "testdata", "fixes")):
    rel = os.path.relpath(dirpath, os.path.join(root, "testdata", "fixes"))
    out = os.path.join(fixtures, rel)
    os.makedirs(out, exist_ok=True)
    for f in files:
        data = expand(open(os.path.join(dirpath, f), encoding="utf-8").read()).encode()
        if not f.endswith(CODE):
            open(os.path.join(out, f), "wb").write(data)
            continue
        for name, variant in variants(f, data):
            open(os.path.join(out, name), "wb").write(variant)
trees.append(fixtures)
for i, tree in enumerate(extra):
    copy = os.path.join(work, f"project{i}")
    shutil.copytree(tree, copy, symlinks=True, ignore=shutil.ignore_patterns(".git", "node_modules"))
    config = os.path.join(copy, "orlint.toml")
    if not os.path.exists(config):
        open(config, "w").write('[policy]\nregulated = ["**"]\napproved-providers = ["anthropic", "openai", "google-vertex"]\n')
    trees.append(copy)

def snapshot(tree):
    out = {}
    for dirpath, dirs, files in os.walk(tree):
        dirs[:] = [d for d in dirs if d not in ("node_modules", ".git")]
        for f in files:
            if f.endswith(CODE):
                path = os.path.join(dirpath, f)
                if not os.path.islink(path):
                    out[path] = open(path, "rb").read()
    return out

def python_ok(data):
    try:
        compile(data, "<fixed>", "exec", dont_inherit=True)
        return True
    except (SyntaxError, ValueError):
        return False

def node_ok(path):
    return subprocess.run(["node", "--check", path], capture_output=True).returncode == 0

def tsc_errors(paths):
    """(file -> the error codes tsc gives, with repeats) for the TypeScript files, checked
    together. Codes, not messages: a message quotes the types involved, and those change with
    any edit of the object (a fixture's own error stays the same error)."""
    if not paths:
        return {}
    config = os.path.join(work, "tsconfig.check.json")
    json.dump({"compilerOptions": {"strict": True, "noEmit": True, "skipLibCheck": True,
               "target": "es2022", "module": "esnext", "moduleResolution": "bundler",
               "jsx": "react-jsx", "types": ["node"]},
               "files": sorted(paths)}, open(config, "w"))
    run = subprocess.run([os.path.join(node_dir, "node_modules/.bin/tsc"), "-p", config, "--pretty", "false"],
                         capture_output=True, text=True, cwd=work)
    errors = {}
    for line in run.stdout.splitlines():
        if "): error TS" not in line:
            continue
        path, rest = line.split("(", 1)
        code = rest.split("): error ", 1)[1].split(":", 1)[0]
        errors.setdefault(os.path.abspath(os.path.join(work, path)), []).append(code)
    return errors

def endings(data):
    """Each line's ending: b'\\r\\n', b'\\n', b'\\r' or b'' for the last line."""
    out, i, start = [], 0, 0
    lines = []
    while i < len(data):
        if data[i:i+2] == b"\r\n":
            lines.append((data[start:i], b"\r\n")); i += 2; start = i
        elif data[i:i+1] in (b"\n", b"\r"):
            lines.append((data[start:i], data[i:i+1])); i += 1; start = i
        else:
            i += 1
    lines.append((data[start:], b""))
    return lines

failures, checked, changed_total = [], 0, 0
for tree in trees:
    before = snapshot(tree)
    ts_before = tsc_errors([p for p in before if p.endswith((".ts", ".tsx"))])
    # Each fixture directory holds its own orlint.toml; fix them one by one.
    targets = [tree] if tree != fixtures else [os.path.join(tree, d) for d in sorted(os.listdir(tree)) if os.path.isdir(os.path.join(tree, d))]
    for target in targets:
        subprocess.run([binary, "check", "--fix", "--unsafe-fixes", "--exit-zero", "."],
                       cwd=target, capture_output=True)
    after = snapshot(tree)
    changed = [p for p in after if after[p] != before.get(p)]
    changed_total += len(changed)
    ts_after = tsc_errors([p for p in changed if p.endswith((".ts", ".tsx"))])
    for path in changed:
        old, new = before[path], after[path]
        rel = os.path.relpath(path, work)
        checked += 1
        if path.endswith(".py") and python_ok(old) and not python_ok(new):
            failures.append(f"{rel}: no longer parses (CPython)")
        if path.endswith((".js", ".mjs")) and not node_ok(path):
            failures.append(f"{rel}: node --check fails")
        if path.endswith((".ts", ".tsx")):
            new_errors = list(ts_after.get(path, []))
            for error in ts_before.get(path, []):
                if error in new_errors:
                    new_errors.remove(error)
            if new_errors:
                failures.append(f"{rel}: new TypeScript errors: {new_errors}")
        if old.startswith(b"\xef\xbb\xbf") != new.startswith(b"\xef\xbb\xbf") or new.count(b"\xef\xbb\xbf") > old.count(b"\xef\xbb\xbf"):
            failures.append(f"{rel}: byte order mark moved")
        if endings(old)[-1][0] == b"" and endings(new)[-1][0] != b"" or (old.endswith((b"\n", b"\r")) != new.endswith((b"\n", b"\r"))):
            failures.append(f"{rel}: final line break changed")
        old_lines, new_lines = endings(old), endings(new)
        matcher = difflib.SequenceMatcher(a=[l for l, _ in old_lines], b=[l for l, _ in new_lines], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for a, b in zip(old_lines[i1:i2], new_lines[j1:j2]):
                    if a[1] != b[1] and a[1] and b[1]:
                        failures.append(f"{rel}: the ending of an unchanged line changed")
            else:
                previous = new_lines[j1 - 1][1] if j1 > 0 else None
                for text, ending in new_lines[j1:j2]:
                    if ending and previous and ending != previous and tag == "insert":
                        failures.append(f"{rel}: an inserted line ends {ending!r}, the line before it {previous!r}")
    # Fixing again changes nothing.
    for target in targets:
        subprocess.run([binary, "check", "--fix", "--unsafe-fixes", "--exit-zero", "."], cwd=target, capture_output=True)
    again = snapshot(tree)
    for path in again:
        if again[path] != after.get(path):
            failures.append(f"{os.path.relpath(path, work)}: changed again on a second --fix")

print(f"e2e-fixes: {changed_total} files changed by fixes across {len(trees)} trees; {checked} checked")
for failure in failures:
    print("FAIL", failure)
sys.exit(1 if failures else 0)
PY

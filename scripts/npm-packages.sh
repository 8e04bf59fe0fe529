#!/usr/bin/env bash
# Assembles the npm packages from a built binary, the way biome and oxlint ship theirs:
#   orlint                       the `orlint` command: a small launcher (npm/orlint/bin/orlint.js)
#                                that runs the binary of the platform package npm installed
#   @orlint/cli-<os>-<cpu>[-libc] one per platform: the binary alone, with `os`/`cpu`/`libc`
#                                fields so npm installs only the matching one
#
#   scripts/npm-packages.sh BINARY PLATFORM OUT   # e.g. target/release/orlint linux-x64-gnu dist/npm
#
# The version is Cargo.toml's. Run once per platform; the `orlint` package lists every platform
# in `optionalDependencies` and is the same whichever platform assembles it.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BINARY=$1 PLATFORM=$2 OUT=$3
PLATFORMS=(linux-x64-gnu linux-arm64-gnu linux-x64-musl linux-arm64-musl darwin-x64 darwin-arm64 win32-x64)
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -1)
[ -n "$VERSION" ] || { echo "npm-packages: no version in Cargo.toml" >&2; exit 2; }
[[ " ${PLATFORMS[*]} " == *" $PLATFORM "* ]] || { echo "npm-packages: unknown platform $PLATFORM (one of: ${PLATFORMS[*]})" >&2; exit 2; }

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The platform package.
IFS=- read -r os cpu libc <<< "$PLATFORM"
exe=orlint; [ "$os" = win32 ] && exe=orlint.exe
pkg="$work/cli-$PLATFORM"
mkdir -p "$pkg/bin"
cp "$BINARY" "$pkg/bin/$exe"
chmod +x "$pkg/bin/$exe"
libc_field=""
[ -n "${libc:-}" ] && libc_field=$(printf ',\n  "libc": ["%s"]' "$([ "$libc" = gnu ] && echo glibc || echo musl)")
cat > "$pkg/package.json" <<JSON
{
  "name": "@orlint/cli-$PLATFORM",
  "version": "$VERSION",
  "description": "The orlint binary for $PLATFORM (installed by the orlint package).",
  "license": "MIT OR Apache-2.0",
  "repository": { "type": "git", "url": "git+https://github.com/orlint/orlint.git" },
  "os": ["$os"],
  "cpu": ["$cpu"]$libc_field,
  "files": ["bin/$exe"],
  "preferUnplugged": true
}
JSON
(cd "$pkg" && npm pack --silent --pack-destination "$OUT" >/dev/null)

# The launcher package.
launcher="$work/orlint"
cp -r "$ROOT/npm/orlint" "$launcher"
cp "$ROOT/README.md" "$launcher/README.md"
optional=$(for p in "${PLATFORMS[@]}"; do printf '    "@orlint/cli-%s": "%s",\n' "$p" "$VERSION"; done | sed '$ s/,$//')
cat > "$launcher/package.json" <<JSON
{
  "name": "orlint",
  "version": "$VERSION",
  "description": "A fast linter for how a codebase talks to OpenRouter: leaked keys, provider routing, free models, audit wrappers.",
  "license": "MIT OR Apache-2.0",
  "repository": { "type": "git", "url": "git+https://github.com/orlint/orlint.git" },
  "homepage": "https://github.com/orlint/orlint#readme",
  "keywords": ["linter", "openrouter", "llm", "security", "sarif"],
  "bin": { "orlint": "bin/orlint.js" },
  "files": ["bin/orlint.js", "README.md"],
  "engines": { "node": ">=18" },
  "optionalDependencies": {
$optional
  }
}
JSON
(cd "$launcher" && npm pack --silent --pack-destination "$OUT" >/dev/null)
ls "$OUT"

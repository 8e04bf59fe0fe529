#!/usr/bin/env node
// Runs the orlint binary from the platform package npm installed beside this one (through
// `optionalDependencies`, as biome and oxlint ship theirs), with the same arguments and exit code.
"use strict";

const { spawnSync } = require("node:child_process");

function libc() {
  if (process.platform !== "linux") return "";
  // glibc reports its version; musl (Alpine) does not.
  const report = process.report && process.report.getReport ? process.report.getReport() : null;
  const glibc = report && report.header && report.header.glibcVersionRuntime;
  return glibc ? "-gnu" : "-musl";
}

const platform = `${process.platform}-${process.arch}${libc()}`;
const packageName = `@orlint/cli-${platform}`;
const binaryName = process.platform === "win32" ? "orlint.exe" : "orlint";

let binary;
try {
  binary = require.resolve(`${packageName}/bin/${binaryName}`);
} catch {
  console.error(
    `orlint: no prebuilt binary for this platform (${platform}): the package ${packageName} is ` +
      "not installed. It may not exist for this platform, or optional dependencies were " +
      "skipped (npm --omit=optional, --no-optional). Other ways to install orlint: " +
      "`pip install orlint`, or `cargo install orlint`."
  );
  process.exit(2);
}

const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  console.error(`orlint: cannot run ${binary}: ${result.error.message}`);
  process.exit(2);
}
if (result.signal) {
  process.kill(process.pid, result.signal);
}
process.exit(result.status === null ? 2 : result.status);

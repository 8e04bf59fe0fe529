// Cargo reads its directives from a build script's standard output.
#![allow(clippy::disallowed_macros)]

//! Records the commit orlint is built from, for `orlint --version`: `ORLINT_COMMIT` when the
//! release build sets it (a source package has no `.git`), else `git rev-parse`, else
//! "unknown".

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}

fn main() {
    println!("cargo:rerun-if-env-changed=ORLINT_COMMIT");
    let commit = std::env::var("ORLINT_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| git(&["rev-parse", "--short=12", "HEAD"]))
        .unwrap_or_else(|| "unknown".to_string());
    // A new commit changes HEAD (or the branch it points to): rebuild the version string then.
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        println!("cargo:rerun-if-changed={dir}/HEAD");
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            println!("cargo:rerun-if-changed={dir}/{branch}");
        }
    }
    println!("cargo:rustc-env=ORLINT_COMMIT={commit}");
}

//! `orlint init`: a commented `orlint.toml` with every key, its default and what it is for.

/// The template. `orlint check` accepts it as written (a test checks it).
pub const TEMPLATE: &str = r#"# orlint configuration. Every key is shown with its default; `orlint explain <CODE>` documents
# each rule.
#
# Data classification: map your paths to classes with `regulated` and `[[policy.zone]]` below.
#
#   class           providers                                   free models   request settings
#   --------------  ------------------------------------------  ------------  ------------------------------------------
#   public          any provider                                allowed       -
#   internal        tier-1 providers (approved-providers)       allowed       provider order or only
#   confidential    pinned providers (only, or order with       not allowed   data_collection = "deny"
#                   allow_fallbacks = false)
#   restricted/PHI  BYOK or self-hosted models only             not allowed   data_collection = "deny", zdr = true
#
# Confidential and restricted paths go in `regulated` (OR004, OR009); their provider and model
# lists go in a zone (OR006, OR007).

[lint]
# Rules to run: codes (OR001), code prefixes (OR00), rule names, or "ALL".
select = ["ALL"]
# Rules to turn off, on top of the selection.
ignore = []
# Paths never linted (gitignore syntax, relative to this file), e.g. ["vendor/", "**/*.min.js"].
exclude = []
# Rules whose fixes `orlint check --fix` may apply, and rules never fixed.
fixable = ["ALL"]
unfixable = []

[policy]
# OR005: function, method or class names of your audit-logging wrapper (globs, case-insensitive).
wrappers = ["*audit*"]
# OR005: files that implement the wrapper, whose calls are the audited ones (gitignore syntax).
wrapper-paths = []
# OR004, OR009: paths that handle regulated data (gitignore syntax). Empty: both rules off.
regulated = []
# OR006: providers requests may be routed to, as slugs or display names ("anthropic",
# "Google AI Studio"); a base slug covers its regions ("google-vertex"). Empty: rule off.
approved-providers = []
# OR007: model ids requests may use, as globs ("anthropic/*", "openai/gpt-4o*"). Empty: rule off.
allowed-models = []

# Per-path overrides: the first zone matching a file replaces the keys it sets; keys it leaves
# out keep the values above. Uncomment and adapt:
#
# [[policy.zone]]
# paths = ["services/phi/**"]
# regulated = true
# approved-providers = ["anthropic"]
# allowed-models = ["anthropic/claude-*"]
"#;

/// Writes the template to `path`; refuses to overwrite unless `force`.
pub fn write(path: &std::path::Path, force: bool) -> Result<(), String> {
    if let Ok(metadata) = std::fs::symlink_metadata(path) {
        if !metadata.is_file() {
            return Err(format!(
                "{} exists and is not a regular file; not overwritten",
                path.display()
            ));
        }
    }
    if path.exists() && !force {
        return Err(format!(
            "{} already exists; use --force to overwrite it",
            path.display()
        ));
    }
    std::fs::write(path, TEMPLATE).map_err(|e| {
        format!(
            "cannot write {}: {}",
            path.display(),
            crate::discover::io_reason(&e)
        )
    })
}

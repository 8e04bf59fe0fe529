//! `docs/rules/<CODE>.md`, the pages editors link a diagnostic's code to, are each rule's
//! `orlint explain` text. `ORLINT_UPDATE_DOCS=1 cargo test --test docs` rewrites them.

use std::path::Path;

#[test]
fn rule_pages_match_the_rules() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let update = std::env::var_os("ORLINT_UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    for rule in orlint::rules::ALL_RULES {
        let path = dir.join(format!("{}.md", rule.code));
        let expected = rule.explanation();
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &expected).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(expected.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    let pages = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
    assert!(
        stale.is_empty(),
        "out of date (run `ORLINT_UPDATE_DOCS=1 cargo test --test docs`): {stale:?}"
    );
    assert_eq!(
        pages,
        orlint::rules::ALL_RULES.len(),
        "one page per rule, no others"
    );
}

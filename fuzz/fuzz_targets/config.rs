#![no_main]
//! Any bytes as `orlint.toml` and as `pyproject.toml`: an error or settings, never a panic.

use std::path::Path;

use orlint::config::{self, Overrides, Settings};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    for (name, pyproject) in [("orlint.toml", false), ("pyproject.toml", true)] {
        let path = Path::new("/nonexistent-orlint-fuzz").join(name);
        if let Ok(Some(config)) = config::parse(&path, text.clone(), pyproject) {
            let _ = Settings::resolve(Some(&config), &Overrides::default(), config.dir());
        }
    }
});

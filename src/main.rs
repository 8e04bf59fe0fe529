use std::process::ExitCode;

fn main() -> ExitCode {
    // A panic message must never carry a key, and must stay one line: redact whatever the
    // payload holds and point at the location. Per-file panics are caught and reported by the
    // linter itself; this hook covers everything else.
    std::panic::set_hook(Box::new(|info| {
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        orlint::redact::eprint_line(&format!(
            "error: internal error{location}: {}; please report it",
            payload.replace('\n', " ")
        ));
    }));
    orlint::cli::run()
}

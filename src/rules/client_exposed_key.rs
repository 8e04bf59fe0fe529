use crate::diagnostic::Diagnostic;
use crate::facts::Exposure;
use crate::rules::{Requirement, RuleContext, Severity, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds OpenRouter API keys that a bundler ships to the browser: a key read from an
    /// environment variable with a public prefix (`NEXT_PUBLIC_`, `VITE_` and
    /// `import.meta.env.VITE_`, `REACT_APP_`, `EXPO_PUBLIC_`, `PUBLIC_` (SvelteKit's
    /// `$env/static/public`), `NUXT_PUBLIC_`, `GATSBY_`, `STORYBOOK_`), anywhere in
    /// JavaScript or TypeScript code or set in a `.env*` file; any public variable passed to
    /// an OpenRouter client as its key; and `dangerouslyAllowBrowser: true` on an OpenAI
    /// client pointed at OpenRouter.
    ///
    /// A public variable that does not hold a key (`NEXT_PUBLIC_OPENROUTER_MODEL`,
    /// `VITE_APP_TITLE`) is fine, and so is its name in a message
    /// (`throw new Error("VITE_OPENROUTER_API_KEY is missing")`) or a placeholder value in an
    /// example file (`.env.example`, `.env.sample`, `.env.template`: empty, `<…>`,
    /// `your_openrouter_api_key`, `xxx`). A read in a file that only runs on the server by its
    /// framework's convention (SvelteKit's `+server.ts`, `*.server.ts`, `$lib/server/`;
    /// Next.js `pages/api/` and `app/**/route.ts`) ships nothing by itself (the `.env` entry
    /// is still reported). The `<script>` blocks of `.vue`, `.svelte`, `.astro` and `.html`
    /// files are code like any other.
    ///
    /// ## Why it matters
    /// Bundlers replace `process.env.NEXT_PUBLIC_X` and `import.meta.env.VITE_X` with the
    /// variable's value at build time, in code every visitor downloads. Anyone can open the
    /// browser's developer tools, copy the key, and spend the account's credits or read what
    /// it can reach. `dangerouslyAllowBrowser` exists because the OpenAI SDK refuses to run
    /// with a secret key in a browser for the same reason.
    ///
    /// ## Example
    /// ```ts
    /// const client = new OpenAI({
    ///   baseURL: "https://openrouter.ai/api/v1",
    ///   apiKey: process.env.NEXT_PUBLIC_OPENROUTER_API_KEY,
    ///   dangerouslyAllowBrowser: true,
    /// });
    /// ```
    /// ```sh
    /// # .env.local
    /// VITE_OPENROUTER_API_KEY=...
    /// ```
    ///
    /// ## How to fix
    /// Keep the key on the server: call OpenRouter from an API route, server action or edge
    /// function that reads a variable without the public prefix, and have the browser call
    /// that route.
    /// ```ts
    /// // app/api/chat/route.ts (runs on the server)
    /// const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1", apiKey: process.env.OPENROUTER_API_KEY });
    /// ```
    /// Rotate a key that has been deployed in a public bundle. For apps where each user
    /// brings their own key, use OpenRouter's OAuth PKCE flow instead of a shared key.
    ///
    /// ## Configuration
    /// None.
    pub static CLIENT_EXPOSED_KEY = Rule {
        code: "OR011",
        name: "client-exposed-key",
        severity: Severity::Error,
        summary: "OpenRouter API key exposed to browser code",
        tokens: crate::model::keys::KEY_NAME_TOKENS,
        needs_sites: false,
        needs_model_choices: false,
        needs_keys: true,
        requires: Requirement::Nothing,
        tags: &["security", "secrets", "browser", "external/cwe/cwe-200"],
        precision: "high",
        security_severity: "8.0",
        check: check,
    };
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for exposed in &ctx.facts.keys.exposed {
        let diagnostic = match &exposed.exposure {
            Exposure::PublicEnv { name } => Diagnostic::new(
                &CLIENT_EXPOSED_KEY,
                ctx.path,
                exposed.range.clone(),
                format!(
                    "OpenRouter API key in public environment variable `{name}`: the bundler \
                     inlines it into browser code"
                ),
            )
            .with_label("shipped to every visitor")
            .with_help(
                "Read the key on the server from a variable without the public prefix (e.g. \
                 OPENROUTER_API_KEY) and call OpenRouter from an API route; rotate the key if it \
                 has been deployed.",
            ),
            Exposure::BrowserClient => Diagnostic::new(
                &CLIENT_EXPOSED_KEY,
                ctx.path,
                exposed.range.clone(),
                "OpenRouter client allowed to run in the browser (`dangerouslyAllowBrowser`): its \
                 key is shipped to every visitor",
            )
            .with_label("key reaches the browser")
            .with_help(
                "Make OpenRouter requests on the server and remove `dangerouslyAllowBrowser`; for \
                 per-user keys use OpenRouter's OAuth PKCE flow.",
            ),
        };
        out.push(diagnostic);
    }
}

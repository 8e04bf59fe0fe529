//! Language-neutral facts extracted from a syntax tree. Rules see only these.

use std::ops::Range;

use crate::line_index::{LineIndex, Position};

/// Everything extraction found in one unit of code.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    pub comments: Vec<Comment>,
    /// String literals that name an `*_OPENROUTER*` variable in prose (`"VITE_OPENROUTER_API_KEY
    /// is missing"`): not reads of it.
    pub prose_strings: Vec<Range<usize>>,
    pub concatenations: Vec<Concatenation>,
    pub sites: Vec<RequestSite>,
    /// Model ids the code chooses outside request sites: values of model-named variables,
    /// constants, attributes, keys, keyword arguments, parameters and environment reads (and
    /// config file entries), including list elements and what flows into them.
    pub model_choices: Vec<ModelRef>,
    /// The file mentions OpenRouter or imports what does: a `vendor/model` id outside a
    /// request is only an OpenRouter model choice in such a file (elsewhere it may name a
    /// Hugging Face model).
    pub mentions_openrouter: bool,
    /// What the code does with its OpenRouter key (see [`crate::model::keys`]).
    pub keys: KeyFacts,
    /// Why part of the unit could not be analysed (a limit was hit), for a warning.
    pub unanalysed: Vec<String>,
}

/// Where the code gives away its OpenRouter key.
#[derive(Debug, Default, Clone)]
pub struct KeyFacts {
    /// Literal strings given as the key of an OpenRouter client or request (other than
    /// `sk-or-v1-` keys, which the text scan finds anywhere).
    pub literals: Vec<LiteralKey>,
    /// Keys the bundler ships to browsers, and OpenRouter clients allowed to run there.
    pub exposed: Vec<ExposedKey>,
    /// Log calls that write the key, whole or in part.
    pub logged: Vec<LoggedKey>,
    /// Other literal strings stored under a name that says it is a key (`API_KEY = "…"`,
    /// `api_key="…"`, `{"apiKey": "…"}`): not findings, but masked in every snippet, since
    /// another file may give them to an OpenRouter client. `(content range, length)`.
    pub key_like: Vec<(Range<usize>, usize)>,
    /// `sk-or-v1-` keys assembled at run time from pieces written in this file
    /// (`PREFIX + "3f9a…"`, `"".join([...])`, `.format`, `%`): where each is assembled, and
    /// the literals its characters are written in.
    pub built: Vec<crate::secrets::FoundKey>,
}

/// A literal key given to an OpenRouter client or request.
#[derive(Debug, Clone, PartialEq)]
pub struct LiteralKey {
    /// Where the literal is written (or, for one brought in from another file, where it is
    /// used).
    pub range: Range<usize>,
    /// Its first and last four characters.
    pub redacted: String,
    /// What it is given as: ``the `api_key` of `OpenAI` ``, `an Authorization header`.
    pub given_as: String,
    /// Every place in the file the literal is written, for masking.
    pub occurrences: Vec<Range<usize>>,
    /// The literal's length in characters (masking shows the first and last four).
    pub len: usize,
}

/// A key exposed to browsers.
#[derive(Debug, Clone, PartialEq)]
pub struct ExposedKey {
    pub range: Range<usize>,
    pub exposure: Exposure,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Exposure {
    /// An environment variable the bundler inlines into browser code (`NEXT_PUBLIC_…`).
    PublicEnv { name: String },
    /// `dangerouslyAllowBrowser: true` on an OpenRouter-bound OpenAI client.
    BrowserClient,
}

/// A log call that writes the key.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedKey {
    /// The log call's callee (`print`, `logger.info`, `console.log`).
    pub sink: Range<usize>,
    /// The callee as written, for messages.
    pub sink_name: String,
    /// Where the key comes from, for messages: ``from `OPENROUTER_API_KEY` ``,
    /// ``in `settings.openrouter_api_key` ``, ``the client's `api_key` ``.
    pub key: String,
    /// Only a part of the key is logged (a slice, a prefix).
    pub partial: bool,
    /// Where the key is read, when that is outside the log call.
    pub read_at: Option<Location>,
}

/// A comment, for inline suppressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub range: Range<usize>,
    /// Nothing but whitespace precedes the comment on its line, so it may govern the next line.
    pub own_line: bool,
}

/// Two or more string literals joined at compile time or by `+` (adjacent literals in Python,
/// `"a" + "b"`, template literals without substitutions), in source order. Each piece is the
/// byte range of a literal's contents, without quotes or prefixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concatenation {
    pub pieces: Vec<Range<usize>>,
}

/// A call that sends an inference request to OpenRouter.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestSite {
    /// The call's callee (`client.chat.completions.create`, `ChatOpenAI`, `fetch`): where
    /// findings about the call as a whole point.
    pub callee: Range<usize>,
    /// The whole call, arguments included: a fix about this one call edits only what is
    /// written inside it.
    pub call: Range<usize>,
    pub shape: Shape,
    /// The routing preferences as they really reach OpenRouter.
    pub prefs: Prefs,
    /// Routing keys placed where OpenRouter or the SDK ignores or rejects them.
    pub misplaced: Vec<MisplacedKey>,
    /// Model ids as written (`model`, each `models` entry, `openrouter("…")`), where literal.
    pub models: Vec<ModelRef>,
    /// Names of the enclosing functions, methods and classes, and of the calls that anonymous
    /// functions around the call are passed to (`withAudit(() => …)`), innermost first.
    pub enclosing: Vec<String>,
    /// Where the call is, for messages (see [`crate::model::Candidate::place`]).
    pub place: String,
    /// The request uses a preset (`@preset/…` model or a `preset` field): its routing lives
    /// in OpenRouter's settings, not in the code.
    pub uses_preset: bool,
    /// For a call of one of the project's request helpers: where the request itself is made.
    pub request: Option<Location>,
    /// The helpers the request goes through, outermost first (for audit-wrapper names).
    pub via: Vec<String>,
    /// The helper's request is a site on its own, judged (and reported) where it is; this
    /// call only adds what its arguments supply.
    pub judged_at_helper: bool,
    /// Its routing preferences are unknown because evaluation ran out of depth or steps:
    /// reported as a partial analysis, since no routing rule judged it.
    pub routing_cut_short: bool,
    /// For a request that sends no `provider`: where one would go, when that is an object
    /// literal in this file (fixes add it there).
    pub provider_slot: Option<ProviderSlot>,
    /// When the call goes to OpenRouter in only some of the alternatives its values allow
    /// (a factory returning one of several clients): in how many.
    pub alternatives: Option<Alternatives>,
}

/// In how many of a call's alternatives it is an OpenRouter request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alternatives {
    pub openrouter: usize,
    pub total: usize,
}

/// Where a request's `provider` object would go.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderSlot {
    pub object: ObjectLiteral,
    /// The entries to create around it, outermost first (`extra_body` among openai-python's
    /// keyword arguments; `providerOptions`, `openrouter` in an AI SDK call).
    pub wrap: &'static [&'static str],
}

/// A place in a file of the project, possibly another file than the finding's.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    /// The path shown in reports.
    pub path: std::sync::Arc<str>,
    /// The absolute path, for path-based policy (`wrapper-paths`).
    pub file: std::path::PathBuf,
    pub range: Range<usize>,
    /// 1-based lines and columns in Unicode code points.
    pub start: Position,
    pub end: Position,
    /// The same in UTF-16 code units (SARIF, LSP).
    pub start_utf16: Position,
    pub end_utf16: Position,
}

impl Location {
    pub fn new(
        path: &std::sync::Arc<str>,
        file: &std::path::Path,
        text: &str,
        index: &LineIndex,
        range: Range<usize>,
    ) -> Self {
        Location {
            path: std::sync::Arc::clone(path),
            file: file.to_path_buf(),
            start: index.position(text, range.start),
            end: index.position(text, range.end),
            start_utf16: index.position_utf16(text, range.start),
            end_utf16: index.position_utf16(text, range.end),
            range,
        }
    }
}

/// Which client library (and so which request format) a site uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// openai-python pointed at OpenRouter: OpenRouter fields go in `extra_body`.
    OpenAiPython,
    /// openai-python before 1.0 (`openai.api_base = …`, `openai.ChatCompletion.create`):
    /// extra keyword arguments are sent in the body.
    OpenAiLegacyPython,
    /// openai-node pointed at OpenRouter: OpenRouter fields go in the body object.
    OpenAiNode,
    /// The Anthropic SDK pointed at `https://openrouter.ai/api`.
    Anthropic,
    /// `@openrouter/sdk`: camelCase keys, converted by the SDK.
    OpenRouterSdkTs,
    /// The `openrouter` Python SDK: snake_case keyword arguments.
    OpenRouterSdkPython,
    /// The Vercel AI SDK with `@openrouter/ai-sdk-provider` (or `createOpenAI` pointed at OpenRouter).
    AiSdk,
    LangChainPython,
    LangChainJs,
    LiteLlm,
    PydanticAi,
    LlamaIndex,
    /// instructor's `from_provider("openrouter/…")` client.
    Instructor,
    /// `requests`, `httpx`, `aiohttp`.
    HttpPython,
    /// `fetch`, `axios`.
    HttpJs,
}

/// Routing preferences of a site.
#[derive(Debug, Clone, PartialEq)]
pub enum Prefs {
    /// No `provider` object is sent: OpenRouter's defaults apply.
    Absent,
    /// The preferences come from something orlint cannot see (a parameter, a function
    /// result, an import): rules about them stay silent.
    Unknown,
    Known(ProviderPrefs),
}

/// A `provider` object whose keys are known.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderPrefs {
    /// Keys that reach OpenRouter, under their wire names (`allow_fallbacks`).
    pub entries: Vec<PrefEntry>,
    /// True when a spread or computed key hides further entries; a key missing from an
    /// incomplete object is unknown rather than absent.
    pub complete: bool,
    /// The object as written in this file, when it is one object literal here: fixes edit it.
    pub written: Option<ObjectLiteral>,
}

/// An object literal (`{…}`, a Python dict display) written in the linted file, as fixes
/// need it.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectLiteral {
    /// From `{` to `}` (for keyword arguments: the call, ending at its `)`).
    pub span: Range<usize>,
    /// A call's keyword arguments (`name=value`) rather than an object.
    pub keywords: bool,
    /// Every entry, in order, misplaced keys included.
    pub entries: Vec<WrittenEntry>,
}

/// One `key: value` entry of an [`ObjectLiteral`].
#[derive(Debug, Clone, PartialEq)]
pub struct WrittenEntry {
    /// As written (`allowFallbacks`), unquoted.
    pub key: String,
    /// The key as written, quotes included.
    pub key_span: Range<usize>,
    pub value_span: Range<usize>,
}

impl ProviderPrefs {
    pub fn get(&self, key: &str) -> Option<&PrefEntry> {
        self.entries.iter().rev().find(|e| e.key == key)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrefEntry {
    /// The wire name (`allow_fallbacks` even when the code wrote `allowFallbacks` for an SDK
    /// that converts it).
    pub key: &'static str,
    pub key_span: Range<usize>,
    pub value: PrefValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PrefValue {
    Bool(bool),
    Str(String),
    /// A list of strings; `complete` is false when some entries are not literal.
    List {
        items: Vec<(String, Range<usize>)>,
        complete: bool,
    },
    /// A literal of another kind (a number, an object).
    Other,
    /// Not resolvable from this file.
    Unknown,
}

/// A routing key that does not do what it seems to.
#[derive(Debug, Clone, PartialEq)]
pub struct MisplacedKey {
    /// As written.
    pub key: String,
    pub span: Range<usize>,
    pub problem: Misplacement,
    /// For fixes: the object literal (or keyword arguments) holding the key, as written in
    /// this file.
    pub within: Option<ObjectLiteral>,
    /// For fixes: the object literal the key belongs in, when it exists as one here (the
    /// `provider` object beside a stray key; openai-python's `extra_body`).
    pub destination: Option<ObjectLiteral>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Misplacement {
    /// `provider=` passed to openai-python: `TypeError: unexpected keyword argument 'provider'`.
    ProviderKeyword,
    /// A routing key directly under `providerOptions.openrouter` (the AI SDK provider sends it
    /// at the top level of the body, where OpenRouter ignores it).
    OutsideProvider { wire: &'static str },
    /// A camelCase key in a body that is sent as is (`allowFallbacks` for `allow_fallbacks`).
    CamelCase { wire: &'static str },
    /// A key OpenRouter does not know inside `provider` (`allow_fallback`, `fallbacks`).
    UnknownKey { suggestion: Option<&'static str> },
}

/// A model id written in the code.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelRef {
    pub id: String,
    pub span: Range<usize>,
    /// For an id written in another file (`span` is then where this file refers to it):
    /// where it is written.
    pub written_at: Option<Location>,
}

//! Linting one file's text: prefilter → parse → extract → rules → suppress.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::extract;
use crate::facts::Facts;
use crate::language::{FileKind, Language};
use crate::line_index::LineIndex;
use crate::model::{self, Module};
use crate::notebook;
use crate::project::Project;
use crate::rules::{RuleContext, unused_suppression};
use crate::secrets::{self, SecretPart};
use crate::suppress;

/// The findings of one file, with what rendering them needs.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: Arc<str>,
    /// The file's text (lossily decoded), kept only for files with diagnostics.
    pub text: Arc<str>,
    pub index: LineIndex,
    /// Where key material sits, so snippets can mask it.
    pub secrets: Vec<SecretPart>,
    /// Sorted by position, suppressed ones included.
    pub diagnostics: Vec<Diagnostic>,
    /// With `--fix`/`--diff`: how many fixes were applied (`text` is then the fixed text,
    /// and `diagnostics` what is left), and the text before them with its key material
    /// masked, for `--diff`.
    pub fixed: usize,
    pub original: Option<Arc<str>>,
    /// Fixes that were not applied because applying them would have broken the file (a
    /// syntax error, a lost byte order mark or final newline): counted in the summary.
    pub dropped: usize,
}

impl FileReport {
    pub fn visible(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.suppression.is_none())
    }
}

/// The result of linting one file's text.
#[derive(Debug, Default)]
pub struct LintOutcome {
    pub diagnostics: Vec<Diagnostic>,
    pub secrets: Vec<SecretPart>,
    /// Problems worth a warning that did not stop linting (e.g. a malformed notebook).
    pub warnings: Vec<String>,
    /// Why part of the file could not be analysed (a limit was hit): one warning per file.
    pub unanalysed: Vec<String>,
}

/// Where a file is: the path shown in reports and the absolute path policies match.
#[derive(Debug, Clone)]
pub struct FilePath {
    pub shown: Arc<str>,
    pub absolute: PathBuf,
}

/// Lints `text` as a file of `kind`, in `project` (where its imports lead).
pub fn lint(
    file: &FilePath,
    kind: FileKind,
    text: &str,
    settings: &Settings,
    project: &Project,
) -> LintOutcome {
    let prefiltered = settings.prefilter.matches(text.as_bytes());
    let wants_sites = settings.rules.iter().any(|r| r.needs_sites);
    // Request sites need OpenRouter evidence in the file, or in a project file it imports
    // (a client, URL or helper defined elsewhere).
    // A markup file's code: its script blocks, in place.
    let scripts = match kind {
        FileKind::Markup => crate::markup::scripts(text, file.shown.ends_with(".astro")),
        _ => None,
    };
    let code = match (kind, &scripts) {
        (FileKind::Code(language), _) => Some((language, text)),
        (FileKind::Markup, Some((language, blanked))) => Some((*language, blanked.as_str())),
        _ => None,
    };
    let model = match (kind, code) {
        (FileKind::Code(_) | FileKind::Markup, Some((language, code))) if wants_sites => {
            // The prefilter's tokens include the evidence tokens when a site rule is on.
            let evidence = prefiltered && model::mentions_openrouter(code);
            if evidence || project.imports_openrouter(&file.absolute, language, code) {
                Modelled::Yes
            } else {
                Modelled::No
            }
        }
        (FileKind::Notebook, _) => Modelled::IfEvidence,
        _ => Modelled::No,
    };
    if !prefiltered && model != Modelled::Yes {
        return LintOutcome::default();
    }
    let context = Context {
        file,
        settings,
        project,
    };
    let mut outcome = match kind {
        FileKind::Code(language) => {
            context.unit(Some(language), text, None, model == Modelled::Yes)
        }
        FileKind::Markup => match code {
            Some((language, code)) => {
                context.unit(Some(language), text, Some(code), model == Modelled::Yes)
            }
            None => context.unit(None, text, None, false),
        },
        FileKind::Text => context.unit(None, text, None, false),
        FileKind::Notebook => context.notebook(text),
    };
    outcome.diagnostics.sort_by(|a, b| {
        (a.range.start, a.code(), a.range.end).cmp(&(b.range.start, b.code(), b.range.end))
    });
    outcome
        .diagnostics
        .dedup_by(|a, b| a.code() == b.code() && a.range == b.range);
    outcome
}

/// Whether a file's request sites are worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Modelled {
    Yes,
    No,
    /// A notebook: when its code cells mention OpenRouter.
    IfEvidence,
}

/// What every unit of one file is linted with.
struct Context<'a> {
    file: &'a FilePath,
    settings: &'a Settings,
    project: &'a Project,
}

impl Context<'_> {
    /// One unit of code (a file, or a notebook cell) in its own coordinates. `language` is `None`
    /// for text files, which are scanned but never parsed; request sites are found when
    /// `modelled`.
    /// `code` is the text the code is parsed from when it is not all of `text` (a markup
    /// file's script blocks, with the rest blanked).
    fn unit(
        &self,
        language: Option<Language>,
        text: &str,
        code: Option<&str>,
        modelled: bool,
    ) -> LintOutcome {
        let (file, settings) = (self.file, self.settings);
        let markup = code.is_some();
        // Overlong lines are blanked and a minified file is not parsed, but said so: never
        // silently blind.
        let code = language.map(|_| Analysable::of(code.unwrap_or(text)));
        let mut unanalysed = code.as_ref().map(Analysable::reasons).unwrap_or_default();
        let language = language.filter(|_| code.as_ref().is_some_and(|c| !c.minified));
        let parsed_text: &str = code.as_ref().map_or(text, |c| &c.text);
        let policy = settings.policy.for_file(&file.absolute);
        // OR004 and OR007 read the models the code chooses, where their policy applies.
        let choices = settings
            .rules
            .iter()
            .any(|r| r.needs_model_choices && r.requires.met_for_file(&policy));
        // OR001, OR008 and OR011 follow the key where the file names OpenRouter or a public
        // environment prefix.
        // Literal keys are found whenever the file is modelled, whichever rules run: every
        // snippet of the file must mask them.
        let keys = (modelled || choices || settings.rules.iter().any(|r| r.needs_keys))
            && model::keys::mentions_key_source(text);
        // A key assembled at run time from pieces (`PREFIX + "3f9a…"`) is only seen by
        // evaluating the file: whenever the prefix is written in it.
        let builds_keys = memchr::memmem::find(text.as_bytes(), b"sk-or-").is_some();
        let mut facts = match language {
            Some(language) => {
                let programmed = modelled || choices || keys || builds_keys;
                // A file another file imports may already be modelled: reuse that model.
                let loaded = programmed
                    .then(|| self.project.loaded(&file.absolute, text))
                    .flatten();
                let local =
                    |specifier: &str| self.project.is_project_import(&file.absolute, specifier);
                let wants = extract::Wants {
                    sites: (programmed && loaded.is_none())
                        .then_some(&local as &dyn Fn(&str) -> bool),
                    helpers: !self.project.is_dependency(&file.absolute),
                };
                // Parsed already when a file that imports it loaded it: not again.
                let (mut facts, program) = match loaded.as_ref().and_then(|m| m.facts.clone()) {
                    Some(facts) => (facts, None),
                    None => extract::extract(language, parsed_text, wants),
                };
                unanalysed.append(&mut facts.unanalysed);
                let module = match (loaded, program) {
                    (Some(module), _) => Some(module),
                    (None, Some(program)) => Some(self.project.adopt(Module::new(
                        file.absolute.clone(),
                        Arc::clone(&file.shown),
                        program,
                        Arc::from(text),
                    ))),
                    (None, None) => None,
                };
                if let Some(module) = module {
                    if modelled {
                        let (sites, unfollowed) =
                            model::sites::request_sites(&module, self.project);
                        facts.sites = sites;
                        if unfollowed > 0 {
                            unanalysed.push(format!(
                                "{unfollowed} call{} of request helpers nested more than {} \
                                 deep {} not followed: the requests {} were not judged",
                                if unfollowed == 1 { "" } else { "s" },
                                model::sites::MAX_HELPER_DEPTH,
                                if unfollowed == 1 { "was" } else { "were" },
                                if unfollowed == 1 {
                                    "it makes"
                                } else {
                                    "they make"
                                },
                            ));
                        }
                        let cut = facts.sites.iter().filter(|s| s.routing_cut_short).count();
                        if cut > 0 {
                            unanalysed.push(format!(
                                "the routing of {cut} request{} could not be worked out within \
                                 the evaluation limits: no routing rule judged {}",
                                if cut == 1 { "" } else { "s" },
                                if cut == 1 { "it" } else { "them" }
                            ));
                        }
                    }
                    if choices {
                        facts.model_choices = model::choices::model_choices(&module, self.project);
                    }
                    if keys {
                        facts.keys = model::keys::key_facts(&module, self.project, &facts.sites);
                    }
                    if builds_keys {
                        facts.keys.built = model::keys::built_keys(&module, self.project);
                    }
                }
                if keys
                    && language != Language::Python
                    && !file.shown.ends_with(".d.ts")
                    && !model::keys::is_server_only(&file.shown)
                {
                    let read = model::keys::public_keys_in_code(
                        text,
                        &facts.comments,
                        &facts.prose_strings,
                    );
                    facts.keys.exposed.extend(read);
                    facts
                        .keys
                        .exposed
                        .sort_by_key(|e| (e.range.start, e.range.end));
                    facts.keys.exposed.dedup_by(|a, b| a.range == b.range);
                }
                facts
            }
            None => {
                let mut facts = Facts::default();
                if choices {
                    facts.model_choices = extract::config_file::model_choices(&file.shown, text);
                }
                if keys && model::keys::is_env_file(&file.shown) {
                    facts.keys.exposed = model::keys::public_keys_in_env_file(&file.shown, text);
                }
                facts
            }
        };
        facts.mentions_openrouter = modelled || model::mentions_openrouter(text);
        // Literal keys of any format the model knows of are key material for the whole run:
        // wherever else they turn up (a comment copy, another file, a path), they are masked.
        for literal in &facts.keys.literals {
            let parts: Vec<SecretPart> = literal
                .occurrences
                .iter()
                .map(|r| SecretPart::literal(r.clone(), literal.len))
                .collect();
            secrets::remember_parts(text, &parts);
        }
        for (range, len) in &facts.keys.key_like {
            secrets::remember_parts(text, &[SecretPart::literal(range.clone(), *len)]);
        }
        let kind = match language {
            Some(_) if markup => FileKind::Markup,
            Some(language) => FileKind::Code(language),
            None => FileKind::Text,
        };
        let ctx = RuleContext {
            path: &file.shown,
            absolute_path: &file.absolute,
            kind,
            text,
            facts: &facts,
            settings,
            policy,
        };
        let mut diagnostics = Vec::new();
        for rule in &settings.rules {
            (rule.check)(&ctx, &mut diagnostics);
        }
        let hygiene = settings
            .rules
            .iter()
            .any(|r| r.code == unused_suppression::UNUSED_SUPPRESSION.code);
        if diagnostics.is_empty() && !(hygiene && text.contains("orlint:")) {
            return LintOutcome {
                unanalysed,
                ..LintOutcome::default()
            };
        }
        let index = LineIndex::new(text);
        let directives = match language {
            Some(_) => suppress::directives_from_comments(text, &index, &facts.comments),
            None => suppress::directives_from_hash_comments(text),
        };
        let used = suppress::apply(&mut diagnostics, &directives, &index);
        if hygiene {
            unused_suppression::check_directives(&ctx, &directives, &used, &mut diagnostics);
        }
        if diagnostics.is_empty() {
            return LintOutcome {
                unanalysed,
                ..LintOutcome::default()
            };
        }
        let mut secrets: Vec<SecretPart> = secrets::find_keys(text, &facts.concatenations)
            .into_iter()
            .flat_map(|k| k.parts)
            .collect();
        secrets.extend(
            facts
                .keys
                .built
                .iter()
                .flat_map(|k| k.parts.iter().copied()),
        );
        // Values of key-named entries in a text file (`OPENROUTER_API_KEY=…`,
        // `"api_key": "…"`) are masked as in code: looked for only when there is something
        // to show.
        if language.is_none() {
            facts.keys.key_like = model::keys::key_like_in_text(text);
        }
        for (range, len) in &facts.keys.key_like {
            secrets.push(SecretPart::literal(range.clone(), *len));
        }
        for literal in &facts.keys.literals {
            secrets.extend(
                literal
                    .occurrences
                    .iter()
                    .map(|r| SecretPart::literal(r.clone(), literal.len)),
            );
        }
        // A suppression's reason is the file's own text: it is shown masked like the rest.
        for diagnostic in &mut diagnostics {
            if let Some(reason) = diagnostic
                .suppression
                .as_mut()
                .and_then(|s| s.reason.as_mut())
            {
                *reason = secrets::mask_in(reason, text, &secrets);
            }
        }
        LintOutcome {
            diagnostics,
            secrets,
            warnings: Vec::new(),
            unanalysed,
        }
    }

    /// The code cells are linted as one Python unit and mapped back to the notebook's bytes; the
    /// rest of the file (outputs, markdown, metadata) is scanned as text, because a key printed in
    /// an output cell has leaked just the same.
    fn notebook(&self, text: &str) -> LintOutcome {
        let (file, settings) = (self.file, self.settings);
        let parsed = match notebook::parse(text) {
            Ok(parsed) => parsed,
            Err(reason) => {
                let mut outcome = self.unit(None, text, None, false);
                outcome
                    .warnings
                    .push(format!("{}: {reason}; scanned as text", file.shown));
                return outcome;
            }
        };
        let mut outcome = self.unit(None, text, None, false);
        let Some(code) = parsed.python else {
            return outcome;
        };
        let in_code = |offset: usize| code.json_ranges.iter().any(|r| r.contains(&offset));
        outcome.diagnostics.retain(|d| !in_code(d.range.start));
        outcome.secrets.retain(|s| !in_code(s.start));
        if settings.prefilter.matches(code.text.as_bytes()) {
            let modelled = model::mentions_openrouter(&code.text);
            let code_outcome = self.unit(Some(Language::Python), &code.text, None, modelled);
            for mut diagnostic in code_outcome.diagnostics {
                diagnostic.range = code.map.range_to_file(diagnostic.range);
                // Edits in cell coordinates would land in the notebook's JSON: no fixes.
                diagnostic.fix = None;
                outcome.diagnostics.push(diagnostic);
            }
            outcome.unanalysed.extend(code_outcome.unanalysed);
            for part in code_outcome.secrets {
                let range = code.map.range_to_file(part.range());
                outcome.secrets.push(part.moved(range));
            }
        }
        outcome
    }
}

/// Lines longer than this are generated or minified code (a 10,000-term expression, a bundle
/// on one line): they are blanked before parsing, so that they neither cost minutes nor hide
/// the code after them, and reported.
pub(crate) const MAX_ANALYSED_LINE: usize = 10_000;

/// A code file's text as orlint analyses it.
pub(crate) struct Analysable<'t> {
    /// The text with overlong lines blanked (spaces, so every offset stays valid).
    pub text: std::borrow::Cow<'t, str>,
    pub long_lines: usize,
    /// What is left is minified or bundled code: long lines on average. Such files are
    /// generated, not reviewed, and cost the parser far more than they are worth; they are
    /// still scanned for keys (a key in a browser bundle has leaked), but not parsed.
    pub minified: bool,
}

impl Analysable<'_> {
    pub fn of(text: &str) -> Analysable<'_> {
        const MIN_SIZE: usize = 32 * 1024;
        const MAX_AVERAGE_LINE: usize = 500;
        let bytes = text.as_bytes();
        let mut long: Vec<Range<usize>> = Vec::new();
        let mut lines = 0;
        let mut start = 0;
        // `\r` ends a line too: a file with old Mac line endings is not one long line.
        for end in memchr::memchr2_iter(b'\n', b'\r', bytes).chain([bytes.len()]) {
            lines += 1;
            if end - start > MAX_ANALYSED_LINE {
                long.push(start..end);
            }
            start = end + 1;
        }
        let blanked: usize = long.iter().map(Range::len).sum();
        let kept = text.len() - blanked;
        let minified = kept >= MIN_SIZE && kept / (lines - long.len()).max(1) > MAX_AVERAGE_LINE;
        // The grammars end lines at `\n` only: a lone `\r` (old Mac files) becomes one, byte
        // for byte, so that the parser sees the lines the file has.
        let lone_cr = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
        let text = if long.is_empty() && !lone_cr {
            std::borrow::Cow::Borrowed(text)
        } else {
            let mut bytes = bytes.to_vec();
            for range in &long {
                bytes[range.clone()].fill(b' ');
            }
            if lone_cr {
                for i in 0..bytes.len() {
                    if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
                        bytes[i] = b'\n';
                    }
                }
            }
            // Whole lines and single ASCII bytes are replaced, so no character is cut in two.
            std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_default())
        };
        Analysable {
            text,
            long_lines: long.len(),
            minified,
        }
    }

    /// What was left out, for the warning.
    pub fn reasons(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.minified {
            out.push(
                "it looks minified (lines average over 500 characters): only scanned for keys"
                    .to_string(),
            );
        }
        if self.long_lines > 0 {
            let (lines, were) = if self.long_lines == 1 {
                ("line", "was")
            } else {
                ("lines", "were")
            };
            out.push(format!(
                "{} {lines} over {MAX_ANALYSED_LINE} characters (generated or minified code) \
                 {were} only scanned for keys",
                self.long_lines
            ));
        }
        out
    }
}

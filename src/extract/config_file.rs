//! Model choices in configuration files: `.env`, JSON, YAML, TOML, INI/CFG and Dockerfile
//! `ENV`/`ARG` lines.
//!
//! A model id counts where the configuration chooses a model: the value of a key whose name
//! says so (`model`, `OPENROUTER_MODEL`, `fallback_models`, …, the words of
//! [`names_a_model`]), at any depth, including list elements, comma-separated parts, and the
//! string values of a table or mapping under such a key (`[models]` / `default = "…"`).
//! It does not count:
//! - in files that are data rather than configuration: any file larger than
//!   [`MAX_CONFIG_BYTES`], and lockfiles (a name containing `lock`);
//! - under a key whose name says the model is excluded ([`names_an_exclusion`]);
//! - in a record (a mapping with an `id`, `slug` or `canonical_slug` key, as in a dump of
//!   OpenRouter's model catalogue) unless under the record's own model-named key;
//! - in a mapping that is a recorded response (`choices`, `usage`, `created`, …).
//!
//! JSON, YAML and TOML are parsed with their crates and read as one small tree; a file that
//! does not parse (a templated Helm chart, JSON with a syntax error) is read line by line as
//! `key: value` / `key = value`, so it is never silently skipped.

use std::ops::Range;

use jsonc_parser::ast::Value as JsonValue;
use saphyr_parser::{Event, Parser as YamlParser};

use crate::facts::ModelRef;
use crate::model::choices::{
    RECORD_KEYS, looks_like_a_response, names_a_model, names_an_exclusion,
};
use crate::policy::looks_like_model_id;

/// Configuration is written by hand; a larger file is data (a model catalogue, a recorded
/// API response, a fixture dump) that no request reads as its choice.
pub const MAX_CONFIG_BYTES: usize = 256 * 1024;

/// The model ids `text` (the file at `path`) chooses.
pub fn model_choices(path: &str, text: &str) -> Vec<ModelRef> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let lower = name.to_ascii_lowercase();
    if text.len() > MAX_CONFIG_BYTES || lower.contains("lock") {
        return Vec::new();
    }
    let ext = lower.rsplit_once('.').map_or("", |(_, ext)| ext);
    let tree = if lower == ".env" || lower.starts_with(".env.") {
        None
    } else if lower == "dockerfile" || lower.starts_with("dockerfile.") || ext == "dockerfile" {
        return lines(text, LineSyntax::Dockerfile);
    } else {
        match ext {
            "json" => json_tree(text),
            "yaml" | "yml" => yaml_tree(text),
            "toml" => toml_tree(text),
            "ini" | "cfg" | "env" => None,
            // Prose (`.md`, `.txt`) names models without choosing them.
            _ => return Vec::new(),
        }
    };
    let mut out = Vec::new();
    match tree {
        Some(tree) => walk(&tree, false, text, &mut out),
        None => out = lines(text, LineSyntax::KeyValue),
    }
    out.sort_by_key(|m| m.span.start);
    out.dedup_by(|a, b| a.span == b.span);
    out
}

/// A configuration file as a tree: what the three formats have in common.
#[derive(Debug)]
enum Node {
    /// A string value and the byte range of its source (quotes included).
    Str(String, Range<usize>),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
    /// Numbers, booleans, nulls, aliases: never a model id.
    Other,
}

fn walk(node: &Node, chosen: bool, text: &str, out: &mut Vec<ModelRef>) {
    match node {
        Node::Str(value, range) => {
            if chosen {
                push_pieces(value, range.clone(), text, out);
            } else if let Some((key, rest)) = value.split_once('=') {
                // `- OPENROUTER_MODEL=…` in a compose file's `environment` list.
                let key = key.trim();
                if !key.is_empty()
                    && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && names_a_model(key)
                    && !names_an_exclusion(key)
                {
                    push_pieces(rest, range.clone(), text, out);
                }
            }
        }
        Node::List(items) => items.iter().for_each(|i| walk(i, chosen, text, out)),
        Node::Map(entries) => {
            let has = |k: &str| entries.iter().any(|(key, _)| key == k);
            let object = entries.iter().find_map(|(k, v)| match v {
                Node::Str(s, _) if k == "object" => Some(s.as_str()),
                _ => None,
            });
            if looks_like_a_response(&has, object) {
                return;
            }
            // A record's own fields (`id`, `name`, …) are not choices even in a list of models.
            let chosen = chosen && !RECORD_KEYS.iter().any(|k| has(k));
            for (key, value) in entries {
                if names_an_exclusion(key) {
                    continue;
                }
                walk(value, chosen || names_a_model(key), text, out);
            }
        }
        Node::Other => {}
    }
}

/// Records each model-id-shaped, comma-separated part of `value`, written at `range`.
fn push_pieces(value: &str, range: Range<usize>, text: &str, out: &mut Vec<ModelRef>) {
    let written = text.get(range.clone()).unwrap_or("");
    for piece in value.split(',').map(str::trim) {
        if !looks_like_model_id(piece) {
            continue;
        }
        // Point at the id itself when it is written as is (no escapes), else at the value.
        let span = match written.find(piece) {
            Some(at) => range.start + at..range.start + at + piece.len(),
            None => range.clone(),
        };
        out.push(ModelRef {
            id: piece.to_string(),
            span,
            written_at: None,
        });
    }
}

fn json_tree(text: &str) -> Option<Node> {
    let parsed = jsonc_parser::parse_to_ast(
        text,
        &jsonc_parser::CollectOptions::default(),
        &jsonc_parser::ParseOptions::default(),
    )
    .ok()?;
    Some(parsed.value.as_ref().map_or(Node::Other, json_node))
}

fn json_node(value: &JsonValue<'_>) -> Node {
    match value {
        JsonValue::StringLit(s) => Node::Str(s.value.to_string(), s.range.start..s.range.end),
        JsonValue::Array(a) => Node::List(a.elements.iter().map(json_node).collect()),
        JsonValue::Object(o) => Node::Map(
            o.properties
                .iter()
                .map(|p| (p.name.as_str().to_string(), json_node(&p.value)))
                .collect(),
        ),
        _ => Node::Other,
    }
}

fn toml_tree(text: &str) -> Option<Node> {
    let table = toml::de::DeTable::parse(text).ok()?;
    Some(toml_table(table.get_ref()))
}

fn toml_table(table: &toml::de::DeTable<'_>) -> Node {
    Node::Map(
        table
            .iter()
            .map(|(key, value)| (key.get_ref().to_string(), toml_value(value)))
            .collect(),
    )
}

fn toml_value(value: &toml::Spanned<toml::de::DeValue<'_>>) -> Node {
    match value.get_ref() {
        toml::de::DeValue::String(s) => Node::Str(s.to_string(), value.span()),
        toml::de::DeValue::Array(items) => Node::List(items.iter().map(toml_value).collect()),
        toml::de::DeValue::Table(table) => toml_table(table),
        _ => Node::Other,
    }
}

/// Reads YAML events into a tree (all documents of a stream, as a list).
fn yaml_tree(text: &str) -> Option<Node> {
    // The parser counts characters; spans are byte offsets.
    let bytes_at: Option<Vec<usize>> =
        (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i).collect());
    let byte = |chars: usize| match &bytes_at {
        Some(map) => map.get(chars).copied().unwrap_or(text.len()),
        None => chars.min(text.len()),
    };
    // Containers being built: a list, or a map with the key awaiting its value.
    enum Open {
        List(Vec<Node>),
        Map(Vec<(String, Node)>, Option<String>),
    }
    let mut stack: Vec<Open> = vec![Open::List(Vec::new())];
    fn add(stack: &mut [Open], node: Node) {
        match stack.last_mut() {
            Some(Open::List(items)) => items.push(node),
            Some(Open::Map(entries, key)) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => {
                    // A key: only scalar keys name anything.
                    *key = Some(match node {
                        Node::Str(s, _) => s,
                        _ => String::new(),
                    });
                }
            },
            None => {}
        }
    }
    for event in YamlParser::new_from_str(text) {
        let (event, span) = event.ok()?;
        match event {
            Event::Scalar(value, ..) => {
                let range = byte(span.start.index())..byte(span.end.index());
                add(&mut stack, Node::Str(value.into_owned(), range));
            }
            Event::Alias(_) => add(&mut stack, Node::Other),
            Event::SequenceStart(..) => stack.push(Open::List(Vec::new())),
            Event::MappingStart(..) => stack.push(Open::Map(Vec::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match stack.pop()? {
                    Open::List(items) => Node::List(items),
                    Open::Map(entries, _) => Node::Map(entries),
                };
                add(&mut stack, node);
            }
            _ => {}
        }
    }
    match stack.pop()? {
        Open::List(documents) if stack.is_empty() => Some(Node::List(documents)),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LineSyntax {
    /// `.env`, INI/CFG, and any file that did not parse: `[section]`, `key = value`,
    /// `key: value`, `export KEY=value`.
    KeyValue,
    /// `ENV KEY=value`, `ENV KEY value`, `ARG KEY=value`.
    Dockerfile,
}

/// Reads `key = value` lines. A `[section]` whose name says it holds models makes its values
/// choices, as a TOML table would.
fn lines(text: &str, syntax: LineSyntax) -> Vec<ModelRef> {
    let mut out = Vec::new();
    let mut section_chooses = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.starts_with('[') && trimmed.ends_with(']') && syntax == LineSyntax::KeyValue {
            let name = trimmed.trim_matches(['[', ']']);
            section_chooses = names_a_model(name) && !names_an_exclusion(name);
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let mut body = &line[indent..];
        if syntax == LineSyntax::Dockerfile {
            let Some(rest) = body
                .strip_prefix("ENV ")
                .or_else(|| body.strip_prefix("ARG "))
            else {
                continue;
            };
            body = rest;
        }
        body = body.strip_prefix("export ").unwrap_or(body);
        body = body.strip_prefix("- ").unwrap_or(body);
        let Some(mut split) = body.find(['=', ':']) else {
            continue;
        };
        if syntax == LineSyntax::Dockerfile {
            // `ENV KEY value`: the value may hold `:` or `=`.
            split = body
                .find(' ')
                .filter(|&space| space < split)
                .unwrap_or(split);
        }
        let key = body[..split].trim().trim_matches(['"', '\'']);
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
            || names_an_exclusion(key)
            || !(section_chooses || names_a_model(key))
        {
            continue;
        }
        let value_start = start + (line.len() - body.len()) + split + 1;
        let value = strip_comment(&text[value_start..start + line.trim_end().len()]);
        let lead = value.len() - value.trim_start().len();
        let value = value.trim();
        let range = value_start + lead..value_start + lead + value.len();
        let unquoted = value
            .trim_end_matches(',')
            .trim_matches(['"', '\'', '[', ']', ' ']);
        for piece in unquoted.split(',') {
            let piece = piece.trim().trim_matches(['"', '\'']);
            push_pieces(piece, range.clone(), text, &mut out);
        }
    }
    out
}

/// A value without a trailing ` # comment` or ` ; comment`.
fn strip_comment(value: &str) -> &str {
    match value.find(" #").or_else(|| value.find(" ;")) {
        Some(at) => &value[..at],
        None => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids found in `text`, checking that each span points at the id as written.
    fn ids(path: &str, text: &str) -> Vec<String> {
        model_choices(path, text)
            .into_iter()
            .map(|m| {
                let written = &text[m.span.clone()];
                assert_eq!(written, m.id, "span points at the id in {path}");
                m.id
            })
            .collect()
    }

    #[test]
    fn env_files() {
        let text = "OPENROUTER_MODEL=meta/a:free\nexport FALLBACK_MODELS=\"b/c:free, d/e\"\nBLOCKED_MODELS=x/y:free\nOTHER=f/g:free # model\n";
        assert_eq!(ids(".env", text), ["meta/a:free", "b/c:free", "d/e"]);
    }

    #[test]
    fn json_keys_at_any_depth_but_not_records_or_responses() {
        let text = r#"{
  "agents": {"summary": {"model": "a/b:free", "models": ["c/d", "e/f:free"]}},
  "denylist_models": ["g/h:free"],
  "models": {"default": "i/j:free"},
  "catalogue": {"models": [{"id": "k/l:free", "canonical_slug": "k/l", "name": "m/n"}]},
  "recorded": {"id": "gen-1", "model": "o/p:free", "choices": []},
  "note": "q/r:free"
}"#;
        assert_eq!(
            ids("config.json", text),
            ["a/b:free", "c/d", "e/f:free", "i/j:free"]
        );
    }

    #[test]
    fn yaml_block_flow_and_compose_environment() {
        let text = "llm:\n  model: a/b:free\n  fallback_models:\n    - c/d:free\n    - \"e/f\"\n  excluded_models: [g/h:free]\nservices:\n  app:\n    environment:\n      - OPENROUTER_MODEL=i/j:free\n      - OTHER=k/l:free\n# é\n";
        assert_eq!(
            ids("settings.yaml", text),
            ["a/b:free", "c/d:free", "e/f", "i/j:free"]
        );
    }

    #[test]
    fn toml_tables_and_ini_sections() {
        let text = "[models]\ndefault = \"a/b:free\"\nlist = [\"c/d\", \"e/f:free\"]\n[server]\nname = \"g/h:free\"\n";
        assert_eq!(
            ids("orlint-app.toml", text),
            ["a/b:free", "c/d", "e/f:free"]
        );
        let ini =
            "[models]\ndefault = a/b:free\n[server]\nname = g/h:free\nmodel: c/d:free ; cheap\n";
        assert_eq!(ids("setup.cfg", ini), ["a/b:free", "c/d:free"]);
    }

    #[test]
    fn data_files_and_unparsable_files() {
        let big = format!(
            r#"{{"model": "a/b:free", "pad": "{}"}}"#,
            "x".repeat(MAX_CONFIG_BYTES)
        );
        assert!(ids("config.json", &big).is_empty());
        assert!(ids("package-lock.json", r#"{"model": "a/b:free"}"#).is_empty());
        assert!(ids("README.md", "model: a/b:free").is_empty());
        // A templated chart does not parse as YAML: its lines are still read.
        let helm = "model: {{ .Values.x }\nfallback_model: \"c/d:free\"\n";
        assert_eq!(ids("values.yaml", helm), ["c/d:free"]);
        let docker = "FROM python\nENV OPENROUTER_MODEL=a/b:free\nARG DEFAULT_MODEL c/d:free\nRUN echo e/f:free\n";
        assert_eq!(ids("Dockerfile", docker), ["a/b:free", "c/d:free"]);
    }
}

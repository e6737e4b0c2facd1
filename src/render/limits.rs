//! What one template may cost. A blueprint from a folder is data, so whatever it holds, rendering
//! it must end soon, in bounded memory, with an error naming the file and the limit:
//! - blocks nest at most [`MAX_BLOCK_DEPTH`] deep, counted on the text before the parser sees it
//!   (its time grows with the square of the depth, and its stack runs out);
//! - partials never include themselves and nest at most [`MAX_PARTIAL_DEPTH`] deep, and one
//!   render takes at most [`MAX_STEPS`] steps (partials and loops multiply them), both worked out
//!   from the compiled template before it renders;
//! - a file renders to at most [`MAX_FILE_BYTES`] and a project to at most [`MAX_PROJECT_BYTES`],
//!   counted as the text is written ([`CappedOutput`]).
//!
//! Partial blocks (`{{#> name}}`, `{{> @partial-block}}`) are refused: Handlebars renders their
//! contents into a buffer of its own, outside any output limit.

use handlebars::Output;
use handlebars::template::{DecoratorTemplate, Parameter, Template, TemplateElement};
use std::collections::BTreeMap;

/// Deepest nesting of blocks (`{{#if}}`, `{{#each}}`, ...) in one template.
pub(super) const MAX_BLOCK_DEPTH: usize = 64;
/// Deepest chain of partials including partials.
pub(super) const MAX_PARTIAL_DEPTH: usize = 32;
/// Most rendering steps (a piece of text, a statement, a block, a partial) of one render, with
/// each loop counted as many times as the longest list it could walk.
pub(super) const MAX_STEPS: u64 = 1_000_000;
/// Most bytes one rendered file may hold.
pub(super) const MAX_FILE_BYTES: usize = 8 << 20;
/// Most bytes all the rendered texts of one project may hold.
pub(super) const MAX_PROJECT_BYTES: usize = 64 << 20;

/// Refuses a template whose blocks nest deeper than [`MAX_BLOCK_DEPTH`]. Comments, raw blocks,
/// escaped statements and quoted strings are skipped as Handlebars skips them, so none of them can
/// hide a block's end from the count.
pub(super) fn check_block_depth(text: &str) -> Result<(), String> {
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(found) = text[at..].find("{{") {
        let start = at + found;
        let rest = &text[start..];
        if text[..start].ends_with('\\') {
            at = start + 2;
            continue;
        }
        let end = if rest.starts_with("{{!--") {
            rest.find("--}}").map(|e| e + 4)
        } else if rest.starts_with("{{!") {
            rest.find("}}").map(|e| e + 2)
        } else if rest.starts_with("{{{{") {
            raw_block_end(rest)
        } else {
            let end = statement_end(rest);
            let opener = rest[2..].trim_start_matches(['{', '~', ' ']);
            if opener.starts_with('/') {
                depth = depth.saturating_sub(1);
            } else if opener.starts_with('#') || (opener.starts_with('^') && !is_else(opener)) {
                depth += 1;
                if depth > MAX_BLOCK_DEPTH {
                    let line = text[..start].matches('\n').count() + 1;
                    return Err(format!(
                        "its blocks nest more than {MAX_BLOCK_DEPTH} deep (line {line}); the limit is {MAX_BLOCK_DEPTH}"
                    ));
                }
            }
            end
        };
        // A statement, comment or raw block without its end hides nothing: the scan goes on
        // inside it (the parser reports it).
        at = start + end.unwrap_or(2);
    }
    Ok(())
}

/// `{{^}}` or `{{~^~}}`: an `else`, not a block.
fn is_else(opener: &str) -> bool {
    opener[1..].trim_start_matches(['~', ' ']).starts_with("}}")
}

/// The length of the statement at the start of `text` up to its `}}`, skipping quoted strings.
fn statement_end(text: &str) -> Option<usize> {
    let mut quote = None;
    let bytes = text.as_bytes();
    let mut i = 2;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (Some(q), b) if b == q => quote = None,
            (None, b'"' | b'\'') => quote = Some(bytes[i]),
            (None, b'}') if bytes.get(i + 1) == Some(&b'}') => {
                let mut end = i + 2;
                while bytes.get(end) == Some(&b'}') {
                    end += 1;
                }
                return Some(end);
            }
            // Any other byte, inside a quoted string or not.
            _ => {}
        }
        i += 1;
    }
    None
}

/// The length of the raw block `{{{{name}}}} ... {{{{/name}}}}` at the start of `text`.
fn raw_block_end(text: &str) -> Option<usize> {
    let open_end = text.find("}}}}")? + 4;
    let close = text[open_end..].find("{{{{/")? + open_end;
    Some(close + text[close..].find("}}}}")? + 4)
}

/// What rendering a compiled template costs, worked out before it renders: refuses partials that
/// include themselves, chains of partials deeper than [`MAX_PARTIAL_DEPTH`], partial blocks, and
/// more than [`MAX_STEPS`] steps. `longest_list` is the longest list (or map) a loop could walk.
pub(super) fn check_partials(template: &Template, longest_list: u64) -> Result<(), String> {
    let mut inline = BTreeMap::new();
    collect_inline(template, &mut inline);
    let mut cost = Costing {
        inline,
        known: BTreeMap::new(),
        longest_list: longest_list.max(1),
    };
    let steps = cost.of_template(template, &mut Vec::new())?.steps;
    if steps > MAX_STEPS {
        return Err(format!(
            "it would take more than {MAX_STEPS} rendering steps (its partials and loops multiply them); the limit is {MAX_STEPS}"
        ));
    }
    Ok(())
}

/// Every `{{#*inline "name"}}` in the template, wherever it stands, by name.
fn collect_inline<'t>(template: &'t Template, found: &mut BTreeMap<String, Vec<&'t Template>>) {
    for element in &template.elements {
        match element {
            TemplateElement::DecoratorBlock(d) => {
                if let (Some(name), Some(body)) = (inline_name(d), &d.template) {
                    found.entry(name).or_default().push(body);
                }
                if let Some(body) = &d.template {
                    collect_inline(body, found);
                }
            }
            TemplateElement::HelperBlock(h) => {
                for part in [&h.template, &h.inverse].into_iter().flatten() {
                    collect_inline(part, found);
                }
            }
            TemplateElement::PartialBlock(d) => {
                if let Some(body) = &d.template {
                    collect_inline(body, found);
                }
            }
            _ => {}
        }
    }
}

fn inline_name(decorator: &DecoratorTemplate) -> Option<String> {
    if decorator.name.as_name() != Some("inline") {
        return None;
    }
    match decorator.params.first()? {
        Parameter::Literal(serde_json::Value::String(name)) => Some(name.clone()),
        other => other.as_name().map(str::to_string),
    }
}

struct Costing<'t> {
    inline: BTreeMap<String, Vec<&'t Template>>,
    /// Each partial already worked out.
    known: BTreeMap<String, Cost>,
    longest_list: u64,
}

#[derive(Debug, Clone, Copy, Default)]
struct Cost {
    steps: u64,
    /// The longest chain of partials it expands, one inside the other (a partial counts itself).
    height: usize,
}

impl Cost {
    fn then(self, other: Cost) -> Cost {
        Cost {
            steps: self.steps.saturating_add(other.steps),
            height: self.height.max(other.height),
        }
    }
}

impl<'t> Costing<'t> {
    /// `chain` holds the partials being expanded, outermost first.
    fn of_template(
        &mut self,
        template: &'t Template,
        chain: &mut Vec<String>,
    ) -> Result<Cost, String> {
        let mut total = Cost::default();
        for element in &template.elements {
            let cost = match element {
                TemplateElement::HelperBlock(h) => {
                    let mut inner = Cost::default();
                    for part in [&h.template, &h.inverse].into_iter().flatten() {
                        inner = inner.then(self.of_template(part, chain)?);
                    }
                    let times = match h.name.as_name() {
                        Some("each") => self.longest_list,
                        _ => 1,
                    };
                    Cost {
                        steps: inner.steps.saturating_mul(times).saturating_add(1),
                        height: inner.height,
                    }
                }
                TemplateElement::PartialBlock(_) => {
                    return Err("it uses a partial block (`{{#> name}}`), which groundwork does not support; include the partial with `{{> name}}`".into());
                }
                TemplateElement::PartialExpression(d) => {
                    let name = partial_name(d)?;
                    let called = self.of_partial(&name, chain)?;
                    Cost {
                        steps: called.steps.saturating_add(1),
                        height: called.height,
                    }
                }
                _ => Cost {
                    steps: 1,
                    height: 0,
                },
            };
            total = total.then(cost);
        }
        Ok(total)
    }

    /// One expansion of partial `name` inside the partials of `chain`.
    fn of_partial(&mut self, name: &str, chain: &mut Vec<String>) -> Result<Cost, String> {
        let too_deep = || {
            format!(
                "its partials include each other more than {MAX_PARTIAL_DEPTH} deep (through `{name}`); the limit is {MAX_PARTIAL_DEPTH}"
            )
        };
        if let Some(&cost) = self.known.get(name) {
            // Worked out once, it still counts in full when reached from deeper down.
            if chain.len() + cost.height > MAX_PARTIAL_DEPTH {
                return Err(too_deep());
            }
            return Ok(cost);
        }
        if chain.iter().any(|outer| outer == name) {
            let mut path: Vec<&str> = chain.iter().map(String::as_str).collect();
            path.push(name);
            return Err(format!(
                "partial `{name}` includes itself ({}); partials may not recurse",
                path.join(" → ")
            ));
        }
        if chain.len() >= MAX_PARTIAL_DEPTH {
            return Err(too_deep());
        }
        // A partial not defined inline fails to render with its own message.
        let bodies = self.inline.get(name).cloned().unwrap_or_default();
        chain.push(name.to_string());
        let mut below = Cost::default();
        for body in bodies {
            let cost = self.of_template(body, chain)?;
            below = Cost {
                steps: below.steps.max(cost.steps),
                height: below.height.max(cost.height),
            };
        }
        chain.pop();
        let cost = Cost {
            steps: below.steps,
            height: below.height + 1,
        };
        if chain.len() + cost.height > MAX_PARTIAL_DEPTH {
            return Err(too_deep());
        }
        self.known.insert(name.to_string(), cost);
        Ok(cost)
    }
}

fn partial_name(decorator: &DecoratorTemplate) -> Result<String, String> {
    let name = match &decorator.name {
        Parameter::Literal(serde_json::Value::String(name)) => Some(name.as_str()),
        Parameter::Subexpression(_) => None,
        other => other.as_name(),
    };
    match name {
        Some("@partial-block") => Err(
            "it includes `@partial-block`, which groundwork does not support; include a partial by its name".into(),
        ),
        Some(name) => Ok(name.to_string()),
        None => Err(
            "it includes a partial whose name is computed (`{{> (...)}}`); write the partial's name out".into(),
        ),
    }
}

/// The longest list or map in the variables: the most times one loop can run.
pub(super) fn longest_list(value: &serde_json::Value) -> u64 {
    let own = match value {
        serde_json::Value::Array(items) => items.len(),
        serde_json::Value::Object(map) => map.len(),
        _ => 0,
    };
    let inner = match value {
        serde_json::Value::Array(items) => items.iter().map(longest_list).max(),
        serde_json::Value::Object(map) => map.values().map(longest_list).max(),
        _ => None,
    };
    (own as u64).max(inner.unwrap_or(0))
}

/// Rendered text, refused once it would pass `limit` bytes.
pub(super) struct CappedOutput {
    text: String,
    limit: usize,
    exceeded: bool,
}

impl CappedOutput {
    pub(super) fn new(limit: usize) -> Self {
        CappedOutput {
            text: String::new(),
            limit,
            exceeded: false,
        }
    }

    /// Whether a write was refused for passing the limit.
    pub(super) fn exceeded(&self) -> bool {
        self.exceeded
    }

    pub(super) fn into_string(self) -> String {
        self.text
    }
}

impl Output for CappedOutput {
    fn write(&mut self, seg: &str) -> std::io::Result<()> {
        if seg.len() > self.limit - self.text.len() {
            self.exceeded = true;
            return Err(std::io::Error::other("the rendered text is too long"));
        }
        self.text.push_str(seg);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, depth: usize) -> String {
        format!("{}x{}", open.repeat(depth), close.repeat(depth))
    }

    #[test]
    fn blocks_nest_up_to_the_limit() {
        assert_eq!(
            check_block_depth(&nested("{{#if a}}", "{{/if}}", MAX_BLOCK_DEPTH)),
            Ok(())
        );
        let deep = nested("{{#if a}}\n", "{{/if}}", MAX_BLOCK_DEPTH + 1);
        assert_eq!(
            check_block_depth(&deep),
            Err("its blocks nest more than 64 deep (line 65); the limit is 64".into())
        );
        let inverse = nested("{{^if a}}", "{{/if}}", MAX_BLOCK_DEPTH + 1);
        assert!(check_block_depth(&inverse).is_err());
    }

    #[test]
    fn nothing_hides_the_end_of_a_block_from_the_count() {
        for hiding in [
            "{{!-- {{/if}} --}}",
            "{{! {{/if}}",
            "{{{{raw}}}}{{/if}}{{{{/raw}}}}",
            "{{v \"{{/if}}\"}}",
            "{{v '}}{{/if}}'}}",
        ] {
            let template = format!("{{{{#if a}}}}{hiding}").repeat(MAX_BLOCK_DEPTH + 1);
            assert!(check_block_depth(&template).is_err(), "{hiding}");
        }
        // An escaped statement and an `else` are no blocks.
        let flat = "\\{{#if a}} {{^}} {{~^~}} {{else}}".repeat(MAX_BLOCK_DEPTH + 1);
        assert_eq!(check_block_depth(&flat), Ok(()));
    }

    fn partials(text: &str) -> Result<(), String> {
        check_partials(&Template::compile(text).unwrap(), 10)
    }

    #[test]
    fn recursive_partials_are_refused_with_their_chain() {
        assert_eq!(
            partials(
                r#"{{#*inline "a"}}{{> b}}{{/inline}}{{#*inline "b"}}{{#if x}}{{> a}}{{/if}}{{/inline}}{{> a}}"#
            ),
            Err("partial `a` includes itself (a → b → a); partials may not recurse".into())
        );
        assert_eq!(
            partials(r#"{{#*inline "a"}}x{{/inline}}{{> a}}{{> a}}"#),
            Ok(())
        );
    }

    #[test]
    fn partial_chains_deeper_than_the_limit_are_refused() {
        let chain = |length: usize| {
            let mut text = String::new();
            for i in 0..length {
                text.push_str(&format!(
                    "{{{{#*inline \"p{i}\"}}}}{{{{> p{}}}}}{{{{/inline}}}}",
                    i + 1
                ));
            }
            text.push_str(&format!(
                "{{{{#*inline \"p{length}\"}}}}x{{{{/inline}}}}{{{{> p0}}}}"
            ));
            text
        };
        assert_eq!(partials(&chain(MAX_PARTIAL_DEPTH - 1)), Ok(()));
        assert!(
            partials(&chain(MAX_PARTIAL_DEPTH))
                .unwrap_err()
                .starts_with("its partials include each other more than 32 deep (through `p")
        );
        // A chain worked out once still counts in full when reached from deeper down.
        let mut reached_again = chain(20);
        for i in 0..15 {
            reached_again.push_str(&format!(
                "{{{{#*inline \"q{i}\"}}}}{{{{> q{}}}}}{{{{/inline}}}}",
                i + 1
            ));
        }
        reached_again.push_str("{{#*inline \"q15\"}}{{> p0}}{{/inline}}{{> q0}}");
        assert_eq!(
            partials(&reached_again),
            Err(
                "its partials include each other more than 32 deep (through `p0`); the limit is 32"
                    .into()
            )
        );
    }

    #[test]
    fn an_unclosed_statement_hides_nothing_from_the_count() {
        let template = format!("{{{{v \"}}}}{}", "{{#if a}}".repeat(MAX_BLOCK_DEPTH + 1));
        assert!(check_block_depth(&template).is_err());
    }

    #[test]
    fn partials_and_loops_that_multiply_past_the_step_limit_are_refused() {
        // Ten partials each including the one below ten times: 10^10 expansions, none of them
        // writing a byte.
        let mut text = String::from("{{#*inline \"p0\"}}{{/inline}}");
        for i in 1..10 {
            text.push_str(&format!(
                "{{{{#*inline \"p{i}\"}}}}{}{{{{/inline}}}}",
                format!("{{{{> p{}}}}}", i - 1).repeat(10)
            ));
        }
        text.push_str("{{> p9}}");
        assert!(
            partials(&text)
                .unwrap_err()
                .contains("more than 1000000 rendering steps")
        );
        let loops = nested("{{#each items}}", "{{/each}}", 7);
        assert!(partials(&loops).is_err());
        assert_eq!(partials(&nested("{{#each items}}", "{{/each}}", 5)), Ok(()));
    }

    #[test]
    fn partial_blocks_and_computed_names_are_refused() {
        for text in [
            r#"{{#*inline "a"}}x{{/inline}}{{#> a}}y{{/a}}"#,
            "{{> @partial-block}}",
            "{{> (which)}}",
        ] {
            assert!(partials(text).is_err(), "{text}");
        }
    }

    #[test]
    fn the_output_stops_at_its_limit() {
        let mut out = CappedOutput::new(5);
        assert!(out.write("abc").is_ok());
        assert!(out.write("de").is_ok());
        assert!(!out.exceeded());
        assert!(out.write("f").is_err());
        assert!(out.exceeded());
        assert_eq!(out.into_string(), "abcde");
    }
}

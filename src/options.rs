//! A blueprint's options: their declared types and rules, and the validation every value goes
//! through, whether it came from `--set`, an answers file, a prompt or the default.

use regex::Regex;
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
    pub default: toml::Value,
    pub help: String,
    pub min: Option<i64>,
    pub max: Option<i64>,
    #[serde(default)]
    pub choices: Vec<String>,
    pub pattern: Option<String>,
    pub max_length: Option<usize>,
    /// A check beyond what a regular expression can say (string options only).
    pub format: Option<StringFormat>,
}

/// Named checks for string options, for rules that the `regex` crate (which has no lookaround)
/// cannot express, such as "no segment is a keyword".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StringFormat {
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
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Int(i) => serde_json::Value::from(*i),
        }
    }

    pub fn to_toml(&self) -> toml::Value {
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
pub const MAX_STRING_CHARS: usize = 500;

impl OptionSpec {
    /// Validates text typed by a user (`--set`, a prompt).
    pub fn parse_text(&self, text: &str) -> Result<Value, String> {
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
    pub fn parse_toml(&self, value: &toml::Value) -> Result<Value, String> {
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
    pub fn rule(&self) -> String {
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

pub fn parse_bool(text: &str) -> Option<bool> {
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
}

//! Blueprints: the manifest format (`blueprint.toml`), its validation, and the catalogue of
//! blueprints embedded in the binary. A blueprint is data: nothing in it can run during generation.

use crate::error::{Error, Result};
use crate::options::{OptionKind, OptionSpec, Value};
use include_dir::{Dir, include_dir};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/blueprints");

/// Template paths (relative to `blueprints/`) whose executable bit was set at build time:
/// `include_dir` keeps contents only, so `build.rs` records the modes.
const EMBEDDED_EXECUTABLES: &[&str] = include!(concat!(env!("OUT_DIR"), "/executables.rs"));

/// Variables every template gets; an option may not take one of these names.
pub const BUILT_IN_VARIABLES: &[&str] = &[
    "project_name",
    "project_slug",
    "package_name",
    "class_name",
    "java_segment",
    "author_name",
    "author_email",
    "year",
    "groundwork_version",
    "blueprint_id",
    "blueprint_version",
    "goal_choices",
    "recommendation",
];

/// Answer keys that are not options but are recorded and replayed like them.
pub const PROJECT_KEYS: &[&str] = &["name", "author_name", "author_email"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub id: String,
    pub name: String,
    pub language: String,
    pub description: String,
    pub version: String,
    pub proof: Proof,
    #[serde(default)]
    pub proof_note: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub commands: Commands,
    #[serde(default, rename = "toolchain")]
    pub toolchains: Vec<Toolchain>,
    #[serde(default)]
    pub options: Vec<OptionSpec>,
    #[serde(default)]
    pub files: Vec<FileRule>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Proof {
    EndToEnd,
    Syntax,
}

impl fmt::Display for Proof {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Proof::EndToEnd => "end-to-end",
            Proof::Syntax => "syntax only",
        })
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Commands {
    pub install: String,
    pub test: String,
    pub run: String,
    /// Applies the database migrations, for a blueprint that has a database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migrate: Option<String>,
    /// Runs the ecosystem's linter over the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lint: Option<String>,
}

impl Commands {
    /// Every command the blueprint has, labelled, in the order a newcomer runs them.
    pub fn labelled(&self) -> Vec<(&'static str, &str)> {
        let mut all = vec![("install", self.install.as_str())];
        if let Some(migrate) = &self.migrate {
            all.push(("migrate", migrate));
        }
        all.push(("test", &self.test));
        if let Some(lint) = &self.lint {
            all.push(("lint", lint));
        }
        all.push(("run", &self.run));
        all
    }

    /// The same commands with each one passed through `f` (rendering, say). An optional command
    /// that comes out blank does not apply to these answers (`migrate` without a database) and
    /// is dropped, so no empty step is shown or run.
    pub fn try_map<E>(
        &self,
        mut f: impl FnMut(&str, &str) -> Result<String, E>,
    ) -> Result<Self, E> {
        let mut optional = |label: &str, command: &Option<String>| -> Result<Option<String>, E> {
            match command {
                Some(command) => Ok(Some(f(label, command)?).filter(|c| !c.trim().is_empty())),
                None => Ok(None),
            }
        };
        let migrate = optional("migrate", &self.migrate)?;
        let lint = optional("lint", &self.lint)?;
        Ok(Commands {
            install: f("install", &self.install)?,
            test: f("test", &self.test)?,
            run: f("run", &self.run)?,
            migrate,
            lint,
        })
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Toolchain {
    pub command: String,
    #[serde(default)]
    pub version_args: Vec<String>,
    pub min_version: Option<String>,
}

/// A file or folder of the template that is written only when a condition holds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileRule {
    pub path: String,
    pub when: String,
}

/// A parsed `when` expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    IsTrue(String),
    IsFalse(String),
    Equals(String, String),
    NotEquals(String, String),
}

impl Condition {
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        for (operator, equal) in [("==", true), ("!=", false)] {
            if let Some((key, value)) = text.split_once(operator) {
                let value = value.trim().trim_matches('"').to_string();
                let key = key.trim().to_string();
                return Ok(if equal {
                    Condition::Equals(key, value)
                } else {
                    Condition::NotEquals(key, value)
                });
            }
        }
        match text.strip_prefix('!') {
            Some(key) => Ok(Condition::IsFalse(key.trim().to_string())),
            None if !text.is_empty() => Ok(Condition::IsTrue(text.to_string())),
            None => Err("an empty `when`".into()),
        }
    }

    pub fn key(&self) -> &str {
        match self {
            Condition::IsTrue(k)
            | Condition::IsFalse(k)
            | Condition::Equals(k, _)
            | Condition::NotEquals(k, _) => k,
        }
    }

    pub fn holds(&self, answers: &BTreeMap<String, Value>) -> bool {
        let value = answers.get(self.key());
        match self {
            Condition::IsTrue(_) => value.and_then(Value::as_bool) == Some(true),
            Condition::IsFalse(_) => value.and_then(Value::as_bool) == Some(false),
            Condition::Equals(_, expected) => value.is_some_and(|v| v.to_string() == *expected),
            Condition::NotEquals(_, expected) => value.is_some_and(|v| v.to_string() != *expected),
        }
    }
}

/// Where a blueprint was loaded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Embedded,
    Folder(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Embedded => f.write_str("embedded"),
            Source::Folder(path) => write!(f, "{}", path.display()),
        }
    }
}

/// One file of a template, relative to `template/`, with `/` separators.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    pub path: String,
    pub contents: Cow<'static, [u8]>,
    pub executable: bool,
}

#[derive(Debug, Clone)]
pub struct Blueprint {
    pub manifest: Manifest,
    pub files: Vec<TemplateFile>,
    /// The text of `profile.toml`, which the recommendation reads.
    pub profile: Option<String>,
    pub source: Source,
    /// Conditions of `[[files]]`, parsed once, in manifest order.
    pub rules: Vec<(String, Condition)>,
}

impl Blueprint {
    /// Parses and validates a manifest and pairs it with its files.
    pub fn new(
        folder_name: &str,
        manifest_text: &str,
        files: Vec<TemplateFile>,
        profile: Option<String>,
        source: Source,
    ) -> Result<Self> {
        let invalid = |message: String| Error::Manifest {
            blueprint: folder_name.to_string(),
            message,
        };
        let manifest: Manifest = toml::from_str(manifest_text)
            .map_err(|e| invalid(format!("blueprint.toml: {}", e.to_string().trim_end())))?;
        let (rules, problems) = validate(folder_name, &manifest);
        if let Some(first) = problems.into_iter().next() {
            return Err(invalid(first.message));
        }
        let mut files = files;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Blueprint {
            manifest,
            files,
            profile,
            source,
            rules,
        })
    }

    pub fn id(&self) -> &str {
        &self.manifest.id
    }

    pub fn option(&self, key: &str) -> Option<&OptionSpec> {
        self.manifest.options.iter().find(|o| o.key == key)
    }

    /// Whether a template file (path with `.hbs` dropped) is written for these answers.
    pub fn includes(&self, path: &str, answers: &BTreeMap<String, Value>) -> bool {
        self.rules.iter().all(|(rule_path, condition)| {
            let covered = path == rule_path
                || path
                    .strip_prefix(rule_path.as_str())
                    .is_some_and(|rest| rest.starts_with('/'));
            !covered || condition.holds(answers)
        })
    }
}

/// What kind of fault a manifest problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// Not TOML, or not the manifest's shape (a missing field, a wrong type, an unknown key).
    Syntax,
    /// A required text is empty.
    Empty,
    /// An id or key breaks its naming rule, or differs from the folder's name.
    Name,
    /// Two declarations clash: a key declared twice or taking a built-in variable's name.
    Clash,
    /// Fields that contradict each other: a default failing its rule, a `when` naming no option.
    Inconsistent,
}

/// One thing wrong with a manifest: the field (a path such as `options.2.default`, empty for the
/// whole document), the kind of fault, its line and column when known, and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestProblem {
    pub field: String,
    pub kind: ProblemKind,
    /// 1-based line and column in `blueprint.toml`.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ManifestProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(
                f,
                "blueprint.toml, line {line}, column {column}: {}",
                self.message
            ),
            None => write!(f, "blueprint.toml: {}", self.message),
        }
    }
}

/// Every problem of a manifest, each with its position; empty when it is valid.
pub fn manifest_problems(folder_name: &str, text: &str) -> Vec<ManifestProblem> {
    let manifest: Manifest = match toml::from_str(text) {
        Ok(manifest) => manifest,
        Err(e) => {
            return vec![ManifestProblem {
                field: String::new(),
                kind: ProblemKind::Syntax,
                position: e.span().map(|span| line_and_column(text, span.start)),
                message: e.message().trim_end().replace('\n', "; "),
            }];
        }
    };
    let (_, mut problems) = validate(folder_name, &manifest);
    if !problems.is_empty()
        && let Ok(document) = toml::de::DeTable::parse(text)
    {
        for problem in &mut problems {
            problem.position =
                span_of(&document, &problem.field).map(|start| line_and_column(text, start));
        }
    }
    problems
}

/// Where the value of `field` (a `.`-separated path of keys and array indexes) starts.
fn span_of(document: &toml::Spanned<toml::de::DeTable<'_>>, field: &str) -> Option<usize> {
    let mut table = document.get_ref();
    let mut found: Option<&toml::Spanned<toml::de::DeValue<'_>>> = None;
    for segment in field.split('.') {
        let value = match found.map(toml::Spanned::get_ref) {
            Some(toml::de::DeValue::Array(items)) => items.get(segment.parse::<usize>().ok()?)?,
            Some(toml::de::DeValue::Table(inner)) => {
                table = inner;
                table.iter().find(|(key, _)| key.get_ref() == segment)?.1
            }
            Some(_) => return None,
            None => table.iter().find(|(key, _)| key.get_ref() == segment)?.1,
        };
        found = Some(value);
    }
    found.map(|value| value.span().start)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// Checks a parsed manifest, returning the parsed `[[files]]` conditions that are valid and every
/// problem found (positions are added by [`manifest_problems`]).
fn validate(folder_name: &str, m: &Manifest) -> (Vec<(String, Condition)>, Vec<ManifestProblem>) {
    let mut problems = Problems::default();
    validate_texts(folder_name, m, &mut problems);
    validate_options(m, &mut problems);
    let rules = validate_file_rules(m, &mut problems);
    (rules, problems.0)
}

/// Problems in the order found.
#[derive(Default)]
struct Problems(Vec<ManifestProblem>);

impl Problems {
    fn add(&mut self, field: String, kind: ProblemKind, message: String) {
        self.0.push(ManifestProblem {
            field,
            kind,
            position: None,
            message,
        });
    }
}

/// The id and the texts and commands that may not be empty.
fn validate_texts(folder_name: &str, m: &Manifest, problems: &mut Problems) {
    let id_ok = !m.id.is_empty()
        && m.id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !id_ok {
        problems.add(
            "id".into(),
            ProblemKind::Name,
            format!("id `{}` must use only a-z, 0-9 and -", m.id),
        );
    } else if m.id != folder_name {
        problems.add(
            "id".into(),
            ProblemKind::Name,
            format!("id `{}` differs from its folder name `{folder_name}`", m.id),
        );
    }
    for (field, value) in [
        ("name", &m.name),
        ("language", &m.language),
        ("description", &m.description),
        ("version", &m.version),
    ] {
        if value.trim().is_empty() {
            problems.add(
                field.into(),
                ProblemKind::Empty,
                format!("`{field}` is empty"),
            );
        }
    }
    for (label, command) in m.commands.labelled() {
        if command.trim().is_empty() {
            problems.add(
                format!("commands.{label}"),
                ProblemKind::Empty,
                format!("`commands.{label}` is empty"),
            );
        }
    }
}

/// Each option's key, and its fields against each other.
fn validate_options(m: &Manifest, problems: &mut Problems) {
    let mut seen = Vec::new();
    for (index, option) in m.options.iter().enumerate() {
        let key = &option.key;
        let field = |name: &str| format!("options.{index}.{name}");
        let key_ok = key.starts_with(|c: char| c.is_ascii_lowercase())
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !key_ok {
            problems.add(
                field("key"),
                ProblemKind::Name,
                format!("option key `{key}` must match [a-z][a-z0-9_]*"),
            );
        }
        if BUILT_IN_VARIABLES.contains(&key.as_str()) || PROJECT_KEYS.contains(&key.as_str()) {
            problems.add(
                field("key"),
                ProblemKind::Clash,
                format!("option `{key}` clashes with a built-in variable"),
            );
        }
        if seen.contains(&key) {
            problems.add(
                field("key"),
                ProblemKind::Clash,
                format!("option `{key}` is declared twice"),
            );
        }
        seen.push(key);
        if option.format.is_some() && option.kind != OptionKind::String {
            problems.add(
                field("format"),
                ProblemKind::Inconsistent,
                format!("option `{key}`: `format` applies to string options only"),
            );
        }
        if option.kind == OptionKind::Choice && option.choices.is_empty() {
            problems.add(
                field("type"),
                ProblemKind::Inconsistent,
                format!("choice option `{key}` lists no choices"),
            );
        } else if let Err(rule) = option.default_value() {
            problems.add(
                field("default"),
                ProblemKind::Inconsistent,
                format!("the default of option `{key}` fails its own rule: {rule}"),
            );
        }
    }
}

/// The `[[files]]` conditions, each naming an option that fits it.
fn validate_file_rules(m: &Manifest, problems: &mut Problems) -> Vec<(String, Condition)> {
    let mut rules = Vec::new();
    for (index, rule) in m.files.iter().enumerate() {
        let condition = match Condition::parse(&rule.when) {
            Ok(condition) => condition,
            Err(e) => {
                problems.add(
                    format!("files.{index}.when"),
                    ProblemKind::Inconsistent,
                    format!("[[files]] `{}`: {e}", rule.path),
                );
                continue;
            }
        };
        let option = m.options.iter().find(|o| o.key == condition.key());
        let fits = matches!(
            (&condition, option.map(|o| o.kind)),
            (
                Condition::IsTrue(_) | Condition::IsFalse(_),
                Some(OptionKind::Bool)
            ) | (Condition::Equals(..) | Condition::NotEquals(..), Some(_))
        );
        if !fits {
            problems.add(
                format!("files.{index}.when"),
                ProblemKind::Inconsistent,
                format!(
                    "[[files]] `{}`: `when = \"{}\"` must name a bool option (or compare an option with ==/!=)",
                    rule.path, rule.when
                ),
            );
            continue;
        }
        rules.push((rule.path.trim_end_matches('/').to_string(), condition));
    }
    rules
}

/// All blueprints groundwork knows, in a stable order.
#[derive(Debug)]
pub struct Catalogue {
    pub blueprints: Vec<Blueprint>,
}

impl Catalogue {
    /// The blueprints embedded in this binary.
    pub fn embedded() -> Result<Self> {
        let mut blueprints = Vec::new();
        for folder in EMBEDDED.dirs() {
            let Some(name) = folder.path().file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let Some(manifest) = folder.get_file(folder.path().join("blueprint.toml")) else {
                continue;
            };
            let manifest_text = manifest.contents_utf8().ok_or_else(|| Error::Manifest {
                blueprint: name.to_string(),
                message: "blueprint.toml is not UTF-8".into(),
            })?;
            let profile = folder
                .get_file(folder.path().join("profile.toml"))
                .and_then(|f| f.contents_utf8())
                .map(str::to_string);
            let template_root = folder.path().join("template");
            let mut files = Vec::new();
            if let Some(template) = folder.get_dir(&template_root) {
                collect_embedded(template, &template_root, &mut files);
            }
            blueprints.push(Blueprint::new(
                name,
                manifest_text,
                files,
                profile,
                Source::Embedded,
            )?);
        }
        blueprints.sort_by(|a, b| a.manifest.id.cmp(&b.manifest.id));
        Ok(Catalogue { blueprints })
    }

    pub fn ids(&self) -> Vec<String> {
        self.blueprints
            .iter()
            .map(|b| b.manifest.id.clone())
            .collect()
    }

    /// Finds a blueprint by id, alias or display name, ignoring case and punctuation.
    /// An id wins over another blueprint's name or alias, so a folder blueprint's alias can never
    /// hide an embedded id.
    pub fn find(&self, given: &str) -> Result<&Blueprint> {
        let wanted = normalize(given);
        let by_id = |b: &&Blueprint| normalize(&b.manifest.id) == wanted;
        let by_other_name = |b: &&Blueprint| {
            let m = &b.manifest;
            std::iter::once(&m.name)
                .chain(m.aliases.iter())
                .any(|name| normalize(name) == wanted)
        };
        let found = self.blueprints.iter().find(by_id);
        if let Some(found) = found.or_else(|| self.blueprints.iter().find(by_other_name)) {
            return Ok(found);
        }
        Err(Error::UnknownFramework {
            given: given.to_string(),
            valid: self.ids(),
            closest: self.closest(&wanted),
        })
    }

    fn closest(&self, wanted: &str) -> Option<String> {
        let mut best: Option<(f64, &str)> = None;
        for b in &self.blueprints {
            let m = &b.manifest;
            for name in std::iter::once(&m.id).chain(m.aliases.iter()) {
                let score = strsim::jaro_winkler(wanted, &normalize(name));
                if score > best.map_or(0.0, |(s, _)| s) {
                    best = Some((score, &m.id));
                }
            }
        }
        best.filter(|(score, _)| *score >= 0.75)
            .map(|(_, id)| id.to_string())
    }
}

/// Whether this binary embeds a blueprint with this id (without loading it).
pub fn is_embedded(id: &str) -> bool {
    EMBEDDED
        .get_dir(id)
        .is_some_and(|dir| dir.get_file(dir.path().join("blueprint.toml")).is_some())
}

fn collect_embedded(dir: &Dir<'static>, root: &std::path::Path, out: &mut Vec<TemplateFile>) {
    for file in dir.files() {
        let full = file.path();
        let relative = full.strip_prefix(root).unwrap_or(full);
        let path = relative.to_string_lossy().replace('\\', "/");
        let executable = EMBEDDED_EXECUTABLES.contains(&full.to_string_lossy().as_ref());
        out.push(TemplateFile {
            path,
            contents: Cow::Borrowed(file.contents()),
            executable,
        });
    }
    for sub in dir.dirs() {
        collect_embedded(sub, root, out);
    }
}

/// Lowercase with spaces and punctuation removed: `ASP.NET Core` and `aspnet-core` are one name.
fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric() || *c == '#' || *c == '+')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The closest of `candidates` to `given`, if any is close enough to suggest.
pub fn closest_of<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(given, c), c))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_parse() {
        assert_eq!(
            Condition::parse("docker"),
            Ok(Condition::IsTrue("docker".into()))
        );
        assert_eq!(Condition::parse("!ci"), Ok(Condition::IsFalse("ci".into())));
        assert_eq!(
            Condition::parse("pm == \"pnpm\""),
            Ok(Condition::Equals("pm".into(), "pnpm".into()))
        );
    }

    #[test]
    fn every_embedded_blueprint_is_valid() {
        let catalogue = Catalogue::embedded().unwrap();
        assert!(!catalogue.blueprints.is_empty());
    }

    #[test]
    fn normalized_names_match() {
        assert_eq!(normalize("ASP.NET Core"), "aspnetcore");
        assert_eq!(normalize("spring-boot"), "springboot");
    }
    #[test]
    fn manifest_validation_returns_every_problem_with_its_position() {
        let text = "id = \"Bad\"\nname = \" \"\nlanguage = \"python\"\ndescription = \"d\"\nversion = \"1.0.0\"\nproof = \"syntax\"\n\n[commands]\ninstall = \"i\"\ntest = \"\"\nrun = \"r\"\n\n[[options]]\nkey = \"port\"\ntype = \"int\"\ndefault = 70000\nmin = 1\nmax = 65535\nhelp = \"p\"\n\n[[options]]\nkey = \"year\"\ntype = \"bool\"\ndefault = true\nhelp = \"y\"\n";
        let problems = manifest_problems("bad", text);
        let summary: Vec<_> = problems
            .iter()
            .map(|p| (p.field.as_str(), p.kind, p.position))
            .collect();
        assert_eq!(
            summary,
            [
                ("id", ProblemKind::Name, Some((1, 6))),
                ("name", ProblemKind::Empty, Some((2, 8))),
                ("commands.test", ProblemKind::Empty, Some((10, 8))),
                (
                    "options.0.default",
                    ProblemKind::Inconsistent,
                    Some((16, 11))
                ),
                ("options.1.key", ProblemKind::Clash, Some((22, 7))),
            ]
        );
        assert_eq!(
            problems[1].to_string(),
            "blueprint.toml, line 2, column 8: `name` is empty"
        );
        let syntax = manifest_problems("bad", "id = bad\n");
        assert_eq!(syntax.len(), 1);
        assert_eq!(syntax[0].kind, ProblemKind::Syntax);
        assert_eq!(syntax[0].position, Some((1, 6)));
    }
}

//! Blueprints: the manifest format (`blueprint.toml`), its validation, and the catalogue of
//! blueprints embedded in the binary. A blueprint is data: nothing in it can run during generation.

use crate::error::{Error, Result};
use crate::options::{OptionKind, OptionSpec, Value};
use include_dir::{Dir, include_dir};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/blueprints");

/// Template paths (relative to `blueprints/`) whose executable bit was set at build time:
/// `include_dir` keeps contents only, so `build.rs` records the modes.
const EMBEDDED_EXECUTABLES: &[&str] = include!(concat!(env!("OUT_DIR"), "/executables.rs"));

/// Variables every template gets; an option may not take one of these names.
pub(crate) const BUILT_IN_VARIABLES: &[&str] = &[
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
pub(crate) const PROJECT_KEYS: &[&str] = &["name", "author_name", "author_email"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub(crate) id: String,
    pub(crate) name: String,
    pub language: String,
    pub(crate) description: String,
    pub(crate) version: String,
    pub proof: Proof,
    #[serde(default)]
    pub(crate) proof_note: String,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    pub(crate) commands: Commands,
    #[serde(default, rename = "toolchain")]
    pub toolchains: Vec<Toolchain>,
    #[serde(default)]
    pub options: Vec<OptionSpec>,
    #[serde(default)]
    pub(crate) files: Vec<FileRule>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Proof {
    EndToEnd,
    /// End to end on the framework as Debian packages it, in a Debian chroot: not the
    /// registry's install of the generated manifest (the note says what differs).
    DebianPackages,
    Syntax,
}

impl Proof {
    /// The level in a few characters, for `list`'s column.
    pub(crate) fn short(self) -> &'static str {
        match self {
            Proof::EndToEnd => "end-to-end",
            Proof::DebianPackages => "e2e (Debian)",
            Proof::Syntax => "syntax only",
        }
    }
}

impl fmt::Display for Proof {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Proof::EndToEnd => "end-to-end",
            Proof::DebianPackages => "end-to-end on Debian's packages",
            Proof::Syntax => "syntax only",
        })
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Commands {
    pub(crate) install: String,
    pub(crate) test: String,
    pub(crate) run: String,
    /// Applies the database migrations, for a blueprint that has a database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) migrate: Option<String>,
    /// Runs the ecosystem's linter over the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) lint: Option<String>,
}

impl Commands {
    /// Every command the blueprint has, labelled, in the order a newcomer runs them.
    pub(crate) fn labelled(&self) -> Vec<(&'static str, &str)> {
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
    pub(crate) fn try_map<E>(
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
    pub(crate) min_version: Option<String>,
}

/// A file or folder of the template that is written only when a condition holds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileRule {
    pub(crate) path: String,
    pub(crate) when: String,
}

/// A parsed `when` expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Condition {
    IsTrue(String),
    IsFalse(String),
    Equals(String, String),
    NotEquals(String, String),
}

impl Condition {
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
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

    pub(crate) fn key(&self) -> &str {
        match self {
            Condition::IsTrue(k)
            | Condition::IsFalse(k)
            | Condition::Equals(k, _)
            | Condition::NotEquals(k, _) => k,
        }
    }

    pub(crate) fn holds(&self, answers: &BTreeMap<String, Value>) -> bool {
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
    /// The template's files, read when first asked for (see [`Blueprint::files`]).
    files: OnceLock<Vec<TemplateFile>>,
    /// The text of `profile.toml`, which the recommendation reads.
    pub(crate) profile: Option<String>,
    pub(crate) source: Source,
    /// Conditions of `[[files]]`, parsed once, in manifest order.
    pub(crate) rules: Vec<(String, Condition)>,
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
        let mut files = files;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let parsed = Self::parse(folder_name, manifest_text, profile, source)?;
        Ok(Self {
            files: OnceLock::from(files),
            ..parsed
        })
    }

    /// Parses and validates a manifest; the template's files are read from `source` when first
    /// asked for, so that listing blueprints never reads a template.
    pub(crate) fn parse(
        folder_name: &str,
        manifest_text: &str,
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
        Ok(Blueprint {
            manifest,
            files: OnceLock::new(),
            profile,
            source,
            rules,
        })
    }

    /// The template's files, sorted by path; read on the first call.
    pub(crate) fn files(&self) -> Result<&[TemplateFile]> {
        if let Some(files) = self.files.get() {
            return Ok(files);
        }
        let mut files = match &self.source {
            Source::Embedded => embedded_template(self.id()),
            Source::Folder(dir) => crate::folder::template(dir)?,
        };
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(self.files.get_or_init(|| files))
    }

    pub fn id(&self) -> &str {
        &self.manifest.id
    }

    pub fn option(&self, key: &str) -> Option<&OptionSpec> {
        self.manifest.options.iter().find(|o| o.key == key)
    }

    /// Whether a template file (path with `.hbs` dropped) is written for these answers.
    pub(crate) fn includes(&self, path: &str, answers: &BTreeMap<String, Value>) -> bool {
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
pub(crate) enum ProblemKind {
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
    /// A text breaks its format: a `version` that is not a semantic version, a `language` that
    /// is not a lowercase identifier.
    Format,
}

/// One thing wrong with a manifest: the field (a path such as `options.2.default`, empty for the
/// whole document), the kind of fault, its line and column when known, and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ManifestProblem {
    pub(crate) field: String,
    pub(crate) kind: ProblemKind,
    /// 1-based line and column in `blueprint.toml`.
    pub(crate) position: Option<(usize, usize)>,
    pub(crate) message: String,
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
pub(crate) fn manifest_problems(folder_name: &str, text: &str) -> Vec<ManifestProblem> {
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
pub(crate) fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
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
    if !m.language.trim().is_empty() && !is_language(&m.language) {
        problems.add(
            "language".into(),
            ProblemKind::Format,
            format!(
                "language `{}` must be a lowercase identifier such as `python` or `csharp` (a-z first, then a-z, 0-9 or -; at most {MAX_LANGUAGE_CHARS} characters)",
                m.language
            ),
        );
    }
    if !m.version.trim().is_empty() && !is_semver(&m.version) {
        problems.add(
            "version".into(),
            ProblemKind::Format,
            format!(
                "version `{}` is not a semantic version (MAJOR.MINOR.PATCH such as `1.0.0`, optionally with `-pre.release` and `+build`)",
                m.version
            ),
        );
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

/// The longest `language` a manifest may name.
const MAX_LANGUAGE_CHARS: usize = 32;

/// Whether `text` is a semantic version (semver.org 2.0.0): MAJOR.MINOR.PATCH as numbers without
/// leading zeros, then optionally `-` and a pre-release, then optionally `+` and build metadata,
/// each a `.`-separated list of identifiers of ASCII letters, digits and `-` (a numeric
/// pre-release identifier without leading zeros).
pub(crate) fn is_semver(text: &str) -> bool {
    let (rest, build) = match text.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (text, None),
    };
    let (core, pre_release) = match rest.split_once('-') {
        Some((core, pre_release)) => (core, Some(pre_release)),
        None => (rest, None),
    };
    let identifier =
        |id: &str| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let number = |n: &str| {
        !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && (n == "0" || !n.starts_with('0'))
    };
    let numbers: Vec<&str> = core.split('.').collect();
    numbers.len() == 3
        && numbers.iter().all(|n| number(n))
        && pre_release.is_none_or(|p| {
            p.split('.')
                .all(|id| identifier(id) && (number(id) || !id.chars().all(|c| c.is_ascii_digit())))
        })
        && build.is_none_or(|b| b.split('.').all(identifier))
}

/// Whether `text` names a language the way the catalogue does (`python`, `csharp`, ...): a
/// lowercase identifier, so that it prints as it is and matches `--language` words.
fn is_language(text: &str) -> bool {
    text.len() <= MAX_LANGUAGE_CHARS
        && text.starts_with(|c: char| c.is_ascii_lowercase())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
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

/// All blueprints groundwork knows, in a stable order (by id). Only their ids are known up front:
/// a manifest is parsed when a command first needs that blueprint, so `new --framework ID` parses
/// one manifest and reads one template, while `list` and a recommendation parse every manifest
/// and read no template.
#[derive(Debug, Default)]
pub struct Catalogue {
    entries: Vec<Entry>,
}

/// A blueprint known by its id (its folder's name, which a valid manifest repeats), parsed once.
#[derive(Debug)]
struct Entry {
    id: String,
    origin: Origin,
    loaded: OnceLock<Blueprint>,
}

#[derive(Debug)]
enum Origin {
    Embedded(&'static Dir<'static>),
    Folder(PathBuf),
}

impl Entry {
    fn blueprint(&self) -> Result<&Blueprint> {
        if let Some(blueprint) = self.loaded.get() {
            return Ok(blueprint);
        }
        let blueprint = match &self.origin {
            Origin::Embedded(folder) => parse_embedded(&self.id, folder)?,
            Origin::Folder(dir) => crate::folder::load(dir)?,
        };
        Ok(self.loaded.get_or_init(|| blueprint))
    }
}

impl Catalogue {
    /// The blueprints embedded in this binary.
    pub fn embedded() -> Result<Self> {
        let mut catalogue = Catalogue::default();
        for folder in EMBEDDED.dirs() {
            let Some(name) = folder.path().file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if folder
                .get_file(folder.path().join("blueprint.toml"))
                .is_some()
            {
                catalogue.entries.push(Entry {
                    id: name.to_string(),
                    origin: Origin::Embedded(folder),
                    loaded: OnceLock::new(),
                });
            }
        }
        catalogue.entries.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(catalogue)
    }

    /// Adds the blueprint in folder `dir` under `id` (the folder's name), in place of one of the
    /// same id.
    pub(crate) fn insert_folder(&mut self, id: String, dir: &Path) {
        self.entries.retain(|e| e.id != id);
        let at = self.entries.partition_point(|e| e.id < id);
        self.entries.insert(
            at,
            Entry {
                id,
                origin: Origin::Folder(dir.to_path_buf()),
                loaded: OnceLock::new(),
            },
        );
    }

    pub fn ids(&self) -> Vec<String> {
        self.entries.iter().map(|e| e.id.clone()).collect()
    }

    /// Every blueprint, each manifest parsed (templates are not read). The first blueprint that
    /// does not load is the error.
    pub fn blueprints(&self) -> Result<Vec<&Blueprint>> {
        self.entries.iter().map(Entry::blueprint).collect()
    }

    /// Finds a blueprint by id, alias or display name, ignoring case and punctuation, with its
    /// template read. An id wins over another blueprint's name or alias, so a folder blueprint's
    /// alias can never hide an embedded id. Only a miss on the ids parses every manifest.
    pub fn find(&self, given: &str) -> Result<&Blueprint> {
        let wanted = normalize(given);
        let found = match self.entries.iter().find(|e| normalize(&e.id) == wanted) {
            Some(entry) => entry.blueprint()?,
            None => self.find_by_other_name(given, &wanted)?,
        };
        found.files()?;
        Ok(found)
    }

    fn find_by_other_name(&self, given: &str, wanted: &str) -> Result<&Blueprint> {
        let all = self.blueprints()?;
        let by_other_name = |b: &&&Blueprint| {
            let m = &b.manifest;
            std::iter::once(&m.name)
                .chain(m.aliases.iter())
                .any(|name| normalize(name) == wanted)
        };
        if let Some(found) = all.iter().find(by_other_name) {
            return Ok(found);
        }
        Err(Error::UnknownFramework {
            given: given.to_string(),
            valid: self.ids(),
            closest: closest_blueprint(&all, wanted),
        })
    }
}

/// The id of the blueprint whose id or alias is nearest to `wanted`, if near enough.
fn closest_blueprint(blueprints: &[&Blueprint], wanted: &str) -> Option<String> {
    let mut best: Option<(f64, &str)> = None;
    for b in blueprints {
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

/// Parses the manifest (and keeps the profile) of the embedded blueprint in `folder`.
fn parse_embedded(name: &str, folder: &'static Dir<'static>) -> Result<Blueprint> {
    let text = |file: &str| {
        folder
            .get_file(folder.path().join(file))
            .map(|f| f.contents_utf8())
    };
    let manifest_text = text("blueprint.toml")
        .flatten()
        .ok_or_else(|| Error::Manifest {
            blueprint: name.to_string(),
            message: "blueprint.toml is not UTF-8".into(),
        })?;
    let profile = text("profile.toml").flatten().map(str::to_string);
    Blueprint::parse(name, manifest_text, profile, Source::Embedded)
}

/// The template files of the embedded blueprint `id`, borrowed from the binary.
fn embedded_template(id: &str) -> Vec<TemplateFile> {
    let mut files = Vec::new();
    let template_root = Path::new(id).join("template");
    if let Some(template) = EMBEDDED.get_dir(&template_root) {
        collect_embedded(template, &template_root, &mut files);
    }
    files
}

/// Whether this binary embeds a blueprint with this id (without loading it).
pub(crate) fn is_embedded(id: &str) -> bool {
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
pub(crate) fn closest_of<'a>(
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
        let blueprints = catalogue.blueprints().unwrap();
        assert!(!blueprints.is_empty());
        for blueprint in blueprints {
            assert!(!blueprint.files().unwrap().is_empty(), "{}", blueprint.id());
        }
    }

    #[test]
    fn semantic_versions_follow_semver() {
        for good in [
            "0.0.0",
            "1.0.0",
            "10.20.30",
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-0.3.7",
            "1.0.0-x-y-z.--",
            "1.0.0+20130313144700",
            "1.0.0-beta+exp.sha.5114f85",
            "1.0.0+21AF26D3----117B344092BD",
        ] {
            assert!(is_semver(good), "{good}");
        }
        for bad in [
            "",
            "1",
            "1.0",
            "1.0.0.0",
            "01.0.0",
            "1.02.0",
            "1.0.0-",
            "1.0.0+",
            "1.0.0-01",
            "1.0.0-a..b",
            "1.0.0+a..b",
            "v1.0.0",
            "1.0.0 ",
            "1.0.0-α",
            "a.b.c",
            "1.0.0-a_b",
        ] {
            assert!(!is_semver(bad), "{bad}");
        }
    }

    #[test]
    fn bad_semver_and_language_are_manifest_problems_with_positions() {
        let text = "id = \"ok\"\nname = \"Ok\"\nlanguage = \"Py thon\"\ndescription = \"d\"\nversion = \"1.0\"\nproof = \"syntax\"\n\n[commands]\ninstall = \"i\"\ntest = \"t\"\nrun = \"r\"\n";
        let problems = manifest_problems("ok", text);
        let summary: Vec<_> = problems
            .iter()
            .map(|p| (p.field.as_str(), p.kind, p.position))
            .collect();
        assert_eq!(
            summary,
            [
                ("language", ProblemKind::Format, Some((3, 12))),
                ("version", ProblemKind::Format, Some((5, 11))),
            ]
        );
        assert_eq!(
            problems[1].to_string(),
            "blueprint.toml, line 5, column 11: version `1.0` is not a semantic version (MAJOR.MINOR.PATCH such as `1.0.0`, optionally with `-pre.release` and `+build`)"
        );
        assert!(is_language("javascript") && is_language("objective-c2"));
        assert!(!is_language("C#") && !is_language("9lang") && !is_language(&"a".repeat(33)));
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

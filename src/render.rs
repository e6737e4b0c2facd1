//! Rendering: a blueprint and its answers in, an in-memory plan of files out. Pure: nothing here
//! touches the disk, so the same plan serves `--dry-run`, the tests and the real write.

mod escape;

use crate::answers::{
    Answers, PLACEHOLDER_AUTHOR_EMAIL, PLACEHOLDER_AUTHOR_NAME, RECORD_FILE, record,
};
use crate::blueprint::{Blueprint, Commands, TemplateFile};
use crate::error::{Error, Result};
use crate::names::{self, DerivedNames};
use crate::options::Value;
use crate::recommendation_record::RecommendationRecord;
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, JsonTruthy, Output, RenderContext,
    RenderError, RenderErrorReason, Renderable, Template,
};
use std::collections::{BTreeMap, BTreeSet};

mod limits;
mod settle;

/// One file to write, relative to the project folder, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFile {
    pub path: String,
    pub contents: Vec<u8>,
    /// Mode 755 when true, else 644.
    pub executable: bool,
    /// The template file it came from, relative to the blueprint's `template/` folder (with its
    /// `.hbs`); `None` for a file groundwork writes itself.
    pub(crate) template: Option<String>,
    /// Whether its contents were rendered (a `.hbs` template) rather than copied.
    pub(crate) rendered: bool,
}

impl PlannedFile {
    /// A file that no template made: copied as given.
    pub fn plain(path: impl Into<String>, contents: Vec<u8>) -> Self {
        PlannedFile {
            path: path.into(),
            contents,
            executable: false,
            template: None,
            rendered: false,
        }
    }
}

/// Everything a generation writes, sorted by path.
#[derive(Debug, Clone)]
pub struct Plan {
    pub files: Vec<PlannedFile>,
    /// The blueprint's commands, rendered once with the files.
    pub commands: Commands,
}

/// Facts from outside the answers that templates may use.
#[derive(Debug, Clone)]
pub struct Environment {
    pub year: i64,
    /// The answers the team's goals chose, each as "key = value (why)", for the generated README.
    pub goal_choices: Vec<String>,
    /// The recommendation the project was made through; `None` when `--framework` chose it.
    pub recommendation: Option<RecommendationRecord>,
}

impl Environment {
    /// The environment of a render now, for these answers.
    pub(crate) fn now(
        answers: &crate::answers::SourcedAnswers,
        recommendation: Option<RecommendationRecord>,
    ) -> Self {
        Environment {
            year: crate::clock::current_year(),
            goal_choices: crate::answers::goal_choices(answers),
            recommendation,
        }
    }
}

/// Suffix of the files that are rendered; every other file is copied as it is.
pub(crate) const TEMPLATE_SUFFIX: &str = ".hbs";

/// Longest rendered path segment and whole path accepted, in bytes: below every common
/// file system's limits, so a write never fails half-way with "file name too long".
const MAX_SEGMENT_BYTES: usize = 200;
const MAX_PATH_BYTES: usize = 1000;

/// Renders every included file of `blueprint` with `answers`, and adds the project's record.
pub fn plan(blueprint: &Blueprint, answers: &Answers, environment: &Environment) -> Result<Plan> {
    let mut renderer = Renderer::new(blueprint, answers, environment)?;
    let mut files = Vec::new();
    let mut seen = BTreeSet::new();
    let mut spellings = BTreeMap::new();
    for file in blueprint.files()? {
        let (source_path, is_template) = match file.path.strip_suffix(TEMPLATE_SUFFIX) {
            Some(stripped) => (stripped, true),
            None => (file.path.as_str(), false),
        };
        if !blueprint.includes(source_path, answers) {
            continue;
        }
        let path = renderer.path(file, source_path)?;
        if path == RECORD_FILE && source_path != RECORD_FILE {
            return Err(Error::value_makes_record_path(&file.path, answers));
        }
        if !seen.insert(path.clone()) {
            return Err(unsafe_path(
                blueprint,
                file,
                &path,
                "is also the path of another file",
            ));
        }
        check_case(&path, &mut spellings)
            .map_err(|rule| unsafe_path(blueprint, file, &path, &rule))?;
        let contents = if is_template {
            let text = std::str::from_utf8(&file.contents).map_err(|_| Error::Render {
                blueprint: blueprint.id().to_string(),
                file: file.path.clone(),
                message: "a .hbs template must be UTF-8 text".into(),
            })?;
            renderer.text(&file.path, text)?.into_bytes()
        } else {
            file.contents.to_vec()
        };
        files.push(PlannedFile {
            path,
            contents,
            executable: file.executable,
            template: Some(file.path.clone()),
            rendered: is_template,
        });
    }
    if !seen.insert(RECORD_FILE.to_string()) {
        return Err(Error::Manifest {
            blueprint: blueprint.id().to_string(),
            message: format!("the template may not contain {RECORD_FILE}: groundwork writes it"),
        });
    }
    let commands = blueprint.manifest.commands.try_map(|label, command| {
        renderer.text(&format!("blueprint.toml (commands.{label})"), command)
    })?;
    let mut record = record(blueprint, answers, &commands);
    if let Some(recommendation) = &environment.recommendation {
        record.push_str(&recommendation.record_table());
    }
    files.push(PlannedFile::plain(RECORD_FILE, record.into_bytes()));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Plan { files, commands })
}

/// One Handlebars registry and one wrapped context for every text of a plan.
struct Renderer<'b> {
    engine: Handlebars<'static>,
    context: serde_json::Value,
    wrapped: Context,
    blueprint: &'b Blueprint,
    /// The most times one loop can run: the longest list or map among the variables.
    longest_list: u64,
    /// Bytes the rest of the project may render to (see [`limits::MAX_PROJECT_BYTES`]).
    project_left: usize,
}

/// Why a template did not render.
enum Failure {
    /// It passed one of [`limits`]' limits; the message says which.
    Limit(String),
    Render(RenderError),
}

impl<'b> Renderer<'b> {
    fn new(blueprint: &'b Blueprint, answers: &Answers, environment: &Environment) -> Result<Self> {
        let context = context(blueprint, answers, environment)?;
        let wrapped = Context::wraps(&context).map_err(|e| Error::Render {
            blueprint: blueprint.id().to_string(),
            file: "(answers)".into(),
            message: describe_render_error(&e),
        })?;
        Ok(Renderer {
            engine: engine(),
            longest_list: limits::longest_list(&context),
            context,
            wrapped,
            blueprint,
            project_left: limits::MAX_PROJECT_BYTES,
        })
    }

    fn path(&mut self, file: &TemplateFile, source_path: &str) -> Result<String> {
        let rendered = if source_path.contains("{{") {
            self.text(&file.path, source_path)?
        } else {
            source_path.to_string()
        };
        check_path(&rendered).map_err(|rule| unsafe_path(self.blueprint, file, &rendered, rule))?;
        Ok(rendered)
    }

    /// Renders `text`, within the project's byte limit. One without `{{` is its own rendering.
    fn text(&mut self, file: &str, text: &str) -> Result<String> {
        let out = if text.contains("{{") {
            self.render(file, text)?
        } else {
            text.to_string()
        };
        if out.len() > self.project_left {
            return Err(self.limit(file, project_limit_message()));
        }
        self.project_left -= out.len();
        Ok(out)
    }

    /// Renders a template within [`limits`]. One with long stretches of plain lines is compiled
    /// without them (see [`condense`]): compiling costs about a thousand instructions per byte of
    /// template.
    fn render(&mut self, file: &str, text: &str) -> Result<String> {
        limits::check_block_depth(text).map_err(|message| self.limit(file, message))?;
        let context = &self.context;
        let resolve = |name: &str| simple_value(context, name);
        // The blocks the answers decide are settled first (see [`settle`]).
        let settled = settle::settle(text, context);
        let shortened = match condense(settled.as_deref().unwrap_or(text), &resolve) {
            Some((condensed, chunks)) => {
                self.engine
                    .register_helper(RAW_CHUNK_HELPER, Box::new(RawChunks(chunks)));
                Some(condensed)
            }
            None => settled,
        };
        if let Some(shortened) = shortened {
            match self.render_capped(&shortened) {
                Ok(out) => return Ok(out),
                Err(Failure::Limit(message)) => return Err(self.limit(file, message)),
                // Rendered again as written, so that the error names the template's own lines.
                Err(Failure::Render(_)) => {}
            }
        }
        self.render_capped(text).map_err(|failure| match failure {
            Failure::Limit(message) => self.limit(file, message),
            Failure::Render(e) => Error::Render {
                blueprint: self.blueprint.id().to_string(),
                file: file.to_string(),
                message: describe_render_error(&e),
            },
        })
    }

    /// Compiles `text`, checks what rendering it would cost, and renders it into an output that
    /// stops at the file's (or the rest of the project's) byte limit.
    fn render_capped(&self, text: &str) -> Result<String, Failure> {
        let template = Template::compile(text).map_err(|e| Failure::Render(e.into()))?;
        limits::check_partials(&template, self.longest_list).map_err(Failure::Limit)?;
        let limit = limits::MAX_FILE_BYTES.min(self.project_left);
        let mut out = limits::CappedOutput::new(limit);
        let mut rc = RenderContext::new(None);
        match template.render(&self.engine, &self.wrapped, &mut rc, &mut out) {
            Ok(()) => Ok(out.into_string()),
            Err(_) if out.exceeded() && limit == limits::MAX_FILE_BYTES => {
                Err(Failure::Limit(format!(
                    "it renders to more than {} MiB; the limit for one file is {} MiB",
                    limits::MAX_FILE_BYTES >> 20,
                    limits::MAX_FILE_BYTES >> 20
                )))
            }
            Err(_) if out.exceeded() => Err(Failure::Limit(project_limit_message())),
            Err(e) => Err(Failure::Render(e)),
        }
    }

    fn limit(&self, file: &str, message: String) -> Error {
        Error::TemplateLimit {
            blueprint: self.blueprint.id().to_string(),
            file: file.to_string(),
            message,
        }
    }
}

fn project_limit_message() -> String {
    format!(
        "with it the project renders to more than {} MiB; the limit for one project is {} MiB",
        limits::MAX_PROJECT_BYTES >> 20,
        limits::MAX_PROJECT_BYTES >> 20
    )
}

/// The helper that writes back a stretch of plain text taken out by [`condense`]. Its name
/// cannot be an option key or a built-in variable (those start with a letter).
const RAW_CHUNK_HELPER: &str = "__raw";

/// Stretches of plain text shorter than this stay in the template: a call is about as long.
const MIN_CHUNK_BYTES: usize = 32;

/// The plain text of a template, in the order [`condense`] took them out.
struct RawChunks(Vec<String>);

impl HelperDef for RawChunks {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let chunk = h
            .param(0)
            .and_then(|p| p.value().as_u64())
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| self.0.get(i))
            .ok_or(RenderErrorReason::ParamNotFoundForIndex(
                RAW_CHUNK_HELPER,
                0,
            ))?;
        out.write(chunk)?;
        Ok(())
    }
}

/// The template with long stretches of plain text replaced by calls of [`RAW_CHUNK_HELPER`], and
/// the stretches; `None` when nothing is worth taking out or the template uses a feature whose
/// meaning reaches across lines.
///
/// The output is the same because Handlebars treats a statement differently only by whether the
/// rest of its line is blank (a "standalone" line), and that never changes: a stretch is either
/// whole lines, replaced by a call on a line of its own (the newline after it stays), or the part
/// of one line beside a statement that holds more than white space, replaced by a call (still more
/// than white space). Plain text is copied verbatim by the helper. Whitespace control (`~`) trims
/// across lines, raw blocks (`{{{{`) print statements literally and partials (`{{>`, `{{#>`,
/// `{{#*`) indent each line, so templates using them are compiled as written; so is text holding
/// a `}}`, which may close a comment.
fn condense(text: &str, resolve: &dyn Fn(&str) -> Option<String>) -> Option<(String, Vec<String>)> {
    const ACROSS_LINES: [&str; 6] = ["{{{{", "{{~", "~}}", "{{>", "{{#>", "{{#*"];
    if ACROSS_LINES.iter().any(|marker| text.contains(marker)) {
        return None;
    }
    let spans = statement_spans(text);
    // Blocks other than `if` and `unless` change what a name means inside them, so names are
    // filled in only outside those (and nowhere after a `{{/` that closes nothing).
    let mut open_blocks: Vec<bool> = Vec::new();
    let mut balanced = true;
    let mut condensed = String::with_capacity(text.len() / 2);
    let mut chunks = Vec::new();
    let mut run = Run::default();
    let mut cursor = 0;
    let end = (text.len(), text.len());
    for (start, stop) in spans.into_iter().chain([end]) {
        run.push(&text[cursor..start], &text[cursor..start]);
        let statement = &text[start..stop];
        let escaped = text[..start].ends_with('\\');
        let context_kept = balanced && !open_blocks.contains(&true);
        let rest = statement.get(2..).unwrap_or("");
        if escaped {
            // Printed as text: it opens or closes nothing.
        } else if rest.starts_with('#') {
            open_blocks.push(!rest.starts_with("#if ") && !rest.starts_with("#unless "));
        } else if rest.starts_with('/') {
            balanced &= open_blocks.pop().is_some();
        }
        let value = simple_name(statement)
            .filter(|_| context_kept && !escaped)
            .and_then(resolve)
            .filter(|value| !value.contains('\n'));
        if let Some(value) = value {
            run.push(statement, &value);
        } else {
            condense_plain(&run, &mut condensed, &mut chunks);
            run = Run::default();
            condensed.push_str(statement);
        }
        cursor = stop;
    }
    condense_plain(&run, &mut condensed, &mut chunks);
    (!chunks.is_empty()).then_some((condensed, chunks))
}

/// Plain text and the simple statements in it: as written (`source`) and as rendered. Newlines
/// are only in the plain text, so both split into the same lines.
#[derive(Default)]
struct Run {
    source: String,
    rendered: String,
}

impl Run {
    fn push(&mut self, source: &str, rendered: &str) {
        self.source.push_str(source);
        self.rendered.push_str(rendered);
    }
}

/// The name in a statement that is only a name, such as `{{ port }}`.
fn simple_name(statement: &str) -> Option<&str> {
    let name = statement.strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let mut chars = name.chars();
    let starts_well = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let simple = starts_well
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !HELPER_OR_KEYWORD.contains(&name);
    simple.then_some(name)
}

/// Names Handlebars reads as a helper or a keyword rather than a variable.
const HELPER_OR_KEYWORD: &[&str] = &[
    "if",
    "unless",
    "each",
    "with",
    "lookup",
    "log",
    "eq",
    "ne",
    "gt",
    "gte",
    "lt",
    "lte",
    "and",
    "or",
    "not",
    "len",
    "raw",
    "else",
    "this",
    "json",
    "xml",
    "snake_case",
    "kebab_case",
    "pascal_case",
    "camel_case",
    "lower_alnum",
    "package_path",
    "maven",
    "msbuild",
    "markdown",
];

/// A variable's text as Handlebars prints it, for the kinds of value it prints plainly.
fn simple_value(context: &serde_json::Value, name: &str) -> Option<String> {
    match context.get(name)? {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        serde_json::Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// Appends a run with its long stretches taken out.
fn condense_plain(run: &Run, condensed: &mut String, chunks: &mut Vec<String>) {
    let mut take = |source: &str, rendered: &str, condensed: &mut String, whole_lines: bool| {
        let blank = source.trim().is_empty();
        // A `\` just before a statement escapes it, so it must stay where Handlebars sees it.
        let escapes = source.ends_with('\\');
        if source.len() < MIN_CHUNK_BYTES
            || (blank && !whole_lines)
            || escapes
            || rendered.contains("}}")
        {
            condensed.push_str(source);
        } else {
            condensed.push_str(&format!("{{{{{RAW_CHUNK_HELPER} {}}}}}", chunks.len()));
            chunks.push(rendered.to_string());
        }
    };
    let (source, rendered) = (run.source.as_str(), run.rendered.as_str());
    let lines =
        |text: &str| -> Option<(usize, usize)> { Some((text.find('\n')?, text.rfind('\n')?)) };
    let (Some((first, last)), Some((r_first, r_last))) = (lines(source), lines(rendered)) else {
        take(source, rendered, condensed, false);
        return;
    };
    take(&source[..first], &rendered[..r_first], condensed, false);
    condensed.push('\n');
    if last > first {
        take(
            &source[first + 1..last],
            &rendered[r_first + 1..r_last],
            condensed,
            true,
        );
        condensed.push('\n');
    }
    take(
        &source[last + 1..],
        &rendered[r_last + 1..],
        condensed,
        false,
    );
}

/// Byte ranges from each `{{` to the end of the `}}` after it (or of the text).
fn statement_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("{{") {
        let start = from + found;
        let end = text[start + 2..]
            .find("}}")
            .map_or(text.len(), |close| start + 2 + close + 2);
        spans.push((start, end));
        from = end;
    }
    spans
}

/// The variables templates see: every answer by key, plus the built-ins.
pub(crate) fn context(
    blueprint: &Blueprint,
    answers: &Answers,
    environment: &Environment,
) -> Result<serde_json::Value> {
    let name = match answers.get("name") {
        Some(Value::String(name)) => name.clone(),
        _ => {
            return Err(Error::Render {
                blueprint: blueprint.id().to_string(),
                file: "(answers)".into(),
                message: "no project name".into(),
            });
        }
    };
    let derived: DerivedNames = names::derive(&name).map_err(|rule| Error::InvalidName {
        name: name.clone(),
        rule,
    })?;
    let text = |key: &str, fallback: &str| match answers.get(key) {
        Some(value) => value.to_string(),
        None => fallback.to_string(),
    };
    let mut map = serde_json::Map::new();
    for (key, value) in answers {
        if key != "name" {
            map.insert(key.clone(), value.to_json());
        }
    }
    // The list of built-ins is `BUILT_IN_VARIABLES`; this says only how each gets its value, so a
    // name added there without a value here fails every render test.
    for &key in crate::blueprint::BUILT_IN_VARIABLES {
        let value: serde_json::Value = match key {
            "project_name" => name.clone().into(),
            "project_slug" => derived.project_slug.clone().into(),
            "package_name" => derived.package_name.clone().into(),
            "class_name" => derived.class_name.clone().into(),
            "java_segment" => derived.java_segment.clone().into(),
            "author_name" => text("author_name", PLACEHOLDER_AUTHOR_NAME).into(),
            "author_email" => text("author_email", PLACEHOLDER_AUTHOR_EMAIL).into(),
            "year" => environment.year.into(),
            "groundwork_version" => env!("CARGO_PKG_VERSION").into(),
            "blueprint_id" => blueprint.id().into(),
            "blueprint_version" => blueprint.manifest.version.clone().into(),
            "goal_choices" => environment.goal_choices.clone().into(),
            "recommendation" => environment.recommendation.as_ref().map_or(
                serde_json::Value::Null,
                RecommendationRecord::template_value,
            ),
            other => unreachable!("the built-in variable `{other}` has no value"),
        };
        map.insert(key.to_string(), value);
    }
    Ok(serde_json::Value::Object(map))
}

/// Refuses any rendered path that could leave the project folder or that a file system rejects.
pub fn check_path(path: &str) -> Result<(), &'static str> {
    if path.is_empty() {
        return Err("is empty");
    }
    if path.starts_with('/') || path.contains('\\') || path.contains(':') {
        return Err("is absolute or uses a separator other than `/`");
    }
    if path.len() > MAX_PATH_BYTES {
        return Err("is longer than 1000 bytes");
    }
    for segment in path.split('/') {
        match segment {
            "" => return Err("has an empty segment"),
            "." | ".." => return Err("has a `.` or `..` segment"),
            ".git" => return Err("would write inside .git"),
            _ => {}
        }
        if names_dot_git(segment) {
            return Err(
                "would write inside .git (git and some file systems read this name as `.git`)",
            );
        }
        if is_windows_device(segment) {
            return Err("is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9)");
        }
        if segment.chars().any(char::is_control) {
            return Err("contains a control character");
        }
        if segment.len() > MAX_SEGMENT_BYTES {
            return Err("has a segment longer than 200 bytes");
        }
    }
    Ok(())
}

/// Whether a file system that ignores case, trailing dots and spaces (NTFS), or some invisible
/// characters (HFS+) could take `segment` for `.git`, or it is NTFS's short name `git~1`: the
/// segments git's `core.protectNTFS` and `core.protectHFS` refuse.
fn names_dot_git(segment: &str) -> bool {
    // Characters HFS+ ignores when it compares names.
    let ignored_by_hfs = |c: char| matches!(c, '\u{200c}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{206a}'..='\u{206f}' | '\u{feff}');
    let visible: String = segment.chars().filter(|c| !ignored_by_hfs(*c)).collect();
    let trimmed = visible.trim_end_matches(['.', ' ']);
    trimmed.eq_ignore_ascii_case(".git") || trimmed.eq_ignore_ascii_case("git~1")
}

/// Whether Windows takes `segment` for a device, with or without an extension.
fn is_windows_device(segment: &str) -> bool {
    let stem = segment
        .split('.')
        .next()
        .unwrap_or(segment)
        .trim_end_matches(' ')
        .to_ascii_uppercase();
    match stem.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$" => true,
        _ => {
            let numbered = |prefix: &str| {
                stem.strip_prefix(prefix).is_some_and(|digit| {
                    digit.len() == 1 && ('1'..='9').contains(&digit.chars().next().unwrap_or('0'))
                })
            };
            numbered("COM") || numbered("LPT")
        }
    }
}

/// Refuses a path that differs from an earlier one (or has a folder that differs from an earlier
/// one's) only by case: on a case-insensitive file system one would overwrite or merge with the
/// other. `seen` maps each lower-cased path and folder to its spelling.
fn check_case(path: &str, seen: &mut BTreeMap<String, String>) -> Result<(), String> {
    let mut end = 0;
    for segment in path.split('/') {
        end += segment.len();
        let spelled = &path[..end];
        let lowered = spelled.to_lowercase();
        match seen.get(&lowered) {
            Some(other) if other != spelled => {
                return Err(format!(
                    "differs only by case from `{}`, and case-insensitive file systems (macOS, Windows) take them for one",
                    other.escape_debug()
                ));
            }
            Some(_) => {}
            None => {
                seen.insert(lowered, spelled.to_string());
            }
        }
        end += 1;
    }
    Ok(())
}

fn unsafe_path(blueprint: &Blueprint, file: &TemplateFile, rendered: &str, rule: &str) -> Error {
    Error::UnsafePath {
        blueprint: blueprint.id().to_string(),
        file: file.path.clone(),
        rendered: rendered.escape_debug().to_string(),
        rule: rule.to_string(),
    }
}

fn describe_render_error(error: &handlebars::RenderError) -> String {
    let mut message = match error.reason() {
        RenderErrorReason::MissingVariable(Some(name)) => format!("no variable `{name}`"),
        other => other.to_string(),
    };
    if let (Some(line), Some(column)) = (error.line_no, error.column_no) {
        message.push_str(&format!(" (line {line}, column {column})"));
    }
    message
}

/// A Handlebars engine in strict mode (a missing variable is an error), with HTML escaping off
/// (the output is source code, not HTML) and the case and escaping helpers.
pub(crate) fn engine() -> Handlebars<'static> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(handlebars::no_escape);
    hb.register_helper("if", Box::new(StrictIf { positive: true }));
    hb.register_helper("unless", Box::new(StrictIf { positive: false }));
    hb.register_helper("json", Box::new(json_helper));
    hb.register_helper("xml", Box::new(xml_helper));
    hb.register_helper("snake_case", Box::new(text_helper(names::snake)));
    hb.register_helper("kebab_case", Box::new(text_helper(names::kebab)));
    hb.register_helper("pascal_case", Box::new(text_helper(names::pascal)));
    hb.register_helper("camel_case", Box::new(text_helper(names::camel)));
    hb.register_helper("lower_alnum", Box::new(text_helper(<[String]>::concat)));
    hb.register_helper("package_path", Box::new(package_path_helper));
    escape::register(&mut hb);
    hb
}

/// `if` and `unless` that, unlike Handlebars' own, treat a missing variable as an error even in
/// strict mode, so a misspelt option in `{{#if dockre}}` fails a test instead of dropping a file's
/// contents silently.
struct StrictIf {
    positive: bool,
}

impl HelperDef for StrictIf {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        registry: &'reg Handlebars<'reg>,
        context: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let name = if self.positive { "if" } else { "unless" };
        let param = h
            .param(0)
            .ok_or(RenderErrorReason::ParamNotFoundForIndex(name, 0))?;
        if param.is_value_missing() {
            return Err(missing(param).into());
        }
        let truthy = param.value().is_truthy(false) == self.positive;
        match if truthy { h.template() } else { h.inverse() } {
            Some(template) => template.render(registry, context, rc, out),
            None => Ok(()),
        }
    }
}

fn first_param<'a>(
    h: &'a Helper<'_>,
    name: &'static str,
) -> Result<&'a serde_json::Value, RenderErrorReason> {
    let param = h
        .param(0)
        .ok_or(RenderErrorReason::ParamNotFoundForIndex(name, 0))?;
    if param.is_value_missing() {
        return Err(missing(param));
    }
    Ok(param.value())
}

fn missing(param: &handlebars::PathAndJson<'_>) -> RenderErrorReason {
    RenderErrorReason::MissingVariable(Some(param.relative_path().cloned().unwrap_or_default()))
}

fn json_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let value = first_param(h, "json")?;
    out.write(&serde_json::to_string(value).map_err(RenderErrorReason::SerdeError)?)?;
    Ok(())
}

fn xml_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let value = first_param(h, "xml")?;
    let text = plain_text(value);
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
    out.write(&escaped)?;
    Ok(())
}

fn package_path_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let text = plain_text(first_param(h, "package_path")?);
    out.write(&text.replace('.', "/"))?;
    Ok(())
}

type WordsFn = fn(&[String]) -> String;

fn text_helper(
    convert: WordsFn,
) -> impl Fn(&Helper, &Handlebars, &Context, &mut RenderContext, &mut dyn Output) -> HelperResult
+ Send
+ Sync {
    move |h, _, _, _, out| {
        let text = plain_text(first_param(h, "case helper")?);
        out.write(&convert(&names::words(&text)))?;
        Ok(())
    }
}

fn plain_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, context: &serde_json::Value) -> Result<String, String> {
        engine()
            .render_template(template, context)
            .map_err(|e| describe_render_error(&e))
    }

    #[test]
    fn missing_variables_are_errors_naming_the_variable() {
        let err = render("port {{prot}}", &serde_json::json!({"port": 1})).unwrap_err();
        assert!(err.contains("prot"), "{err}");
    }

    #[test]
    fn missing_variables_in_conditions_are_errors() {
        let err = render(
            "{{#if dockre}}x{{/if}}",
            &serde_json::json!({"docker": true}),
        );
        assert!(err.is_err());
    }

    #[test]
    fn missing_variables_in_helper_arguments_are_errors() {
        for template in [
            "{{json nope}}",
            "{{#if (eq nope \"a\")}}x{{/if}}",
            "{{#unless nope}}x{{/unless}}",
            "{{#each nope}}x{{/each}}",
        ] {
            assert!(
                render(template, &serde_json::json!({})).is_err(),
                "{template}"
            );
        }
        assert_eq!(
            render(
                "{{#if d}}yes{{else}}no{{/if}}",
                &serde_json::json!({"d": false})
            )
            .unwrap(),
            "no"
        );
    }

    #[test]
    fn values_are_not_html_escaped() {
        let out = render("{{d}}", &serde_json::json!({"d": "a <b> & \"c\""})).unwrap();
        assert_eq!(out, "a <b> & \"c\"");
    }

    #[test]
    fn helpers() {
        let ctx = serde_json::json!({"d": "say \"hi\"", "g": "com.example", "n": "My API"});
        assert_eq!(render("{{json d}}", &ctx).unwrap(), r#""say \"hi\"""#);
        assert_eq!(render("{{xml d}}", &ctx).unwrap(), "say &quot;hi&quot;");
        assert_eq!(render("{{package_path g}}", &ctx).unwrap(), "com/example");
        assert_eq!(render("{{snake_case n}}", &ctx).unwrap(), "my_api");
        assert_eq!(render("{{pascal_case n}}", &ctx).unwrap(), "MyApi");
        assert_eq!(render("{{lower_alnum n}}", &ctx).unwrap(), "myapi");
    }

    #[test]
    fn escaped_braces_stay_literal() {
        let out = render("$\\{{ matrix.node }} {{v}}", &serde_json::json!({"v": 1})).unwrap();
        assert_eq!(out, "${{ matrix.node }} 1");
    }

    #[test]
    fn unsafe_paths_are_refused() {
        for bad in [
            "../x",
            "/etc/passwd",
            "a/../b",
            "a//b",
            "a\\b",
            "C:x",
            ".git/config",
            "a\u{0}b",
        ] {
            assert!(check_path(bad).is_err(), "{bad:?}");
        }
        assert!(check_path("src/app/main.py").is_ok());
        assert!(check_path(&"a".repeat(201)).is_err());
    }
    /// Renders `template` condensed, as `plan` does, and as written; both must agree.
    fn both_ways(
        template: &str,
        context: &serde_json::Value,
    ) -> (Result<String, ()>, Result<String, ()>) {
        let plain = engine().render_template(template, context).map_err(|_| ());
        let condensed = match condense(template, &|name| simple_value(context, name)) {
            Some((text, chunks)) => {
                let mut hb = engine();
                hb.register_helper(RAW_CHUNK_HELPER, Box::new(RawChunks(chunks)));
                hb.render_template(&text, context).map_err(|_| ())
            }
            None => plain.clone(),
        };
        (condensed, plain)
    }

    #[test]
    fn condensed_templates_render_like_the_templates_as_written() {
        let filler = "plain text line that is long enough to be taken out of the template\n";
        let long = filler.repeat(3);
        let templates = [
            format!("{long}{{{{#if d}}}}\n{long}{{{{else}}}}\n  {long}{{{{/if}}}}\n{long}"),
            format!("  {{{{#if d}}}}  \n{long}  {{{{/if}}}}\n{long}"),
            format!("{{{{#if d}}}}\n{long}{{{{/if}}}}"),
            format!("{long}{{{{v}}}}{long}{{{{#unless d}}}}x{{{{/unless}}}}{long}"),
            format!("{long}{{{{!-- a }}}} comment\n{long}--}}}}\n{long}"),
            format!("{long}\\{{{{ not a statement }}}}\n{long}{{{{v}}}}"),
            format!("{long}{{{{#each items}}}}\n{long}{{{{this}}}}\n{{{{/each}}}}\n{long}"),
            format!("{long}{{{{#if d}}}}\n{{{{v}}}}\n{long}"),
            format!("{long}{{{{ v\n}}}}\n{long}"),
            format!(
                "{long}a line long enough to be taken out, then \\{{{{v}}}} and more text after it\n"
            ),
            format!(
                "{long}a line long enough to be taken out, then \\\\{{{{v}}}} and more text after it\n"
            ),
            format!(
                "{long}  {{{{#if d}}}} text beside a block that is long enough\n{long}{{{{/if}}}}   \n"
            ),
            format!(
                "{long}{{{{#if d}}}}{{{{empty}}}}\n{long}{{{{/if}}}}\n{{{{empty}}}}\n{{{{#if d}}}}\n{long}\\{{{{v}}}} {{{{v}}}} then {{{{ v }}}} more\n{{{{/if}}}}"
            ),
            format!(
                "{long}{{{{#each items}}}}{{{{v}}}} plain text long enough to be taken out {{{{this}}}}\n{{{{/each}}}}{{{{v}}}}"
            ),
            "{{v}}{{v}}{{v}}{{v}}{{v}}{{v}}{{v}}{{v}}{{v}}{{v}}\n  {{#unless d}}  \n{{n}} {{empty}} {{n}}{{n}}{{n}}{{n}}{{n}}{{n}}{{n}}\n{{/unless}}\n".to_string(),
            format!(
                "{long}{{{{#if d}}}}\n{{{{empty}}}}{{{{empty}}}}{{{{empty}}}}{{{{empty}}}}{{{{empty}}}}{{{{empty}}}}{{{{empty}}}}\n{{{{/if}}}} {{{{empty}}}}{{{{empty}}}}{{{{empty}}}}{{{{empty}}}}{{{{empty}}}}\n{long}"
            ),
        ];
        for d in [true, false] {
            let context =
                serde_json::json!({"d": d, "v": "value", "items": [1, 2], "empty": "", "n": 8000});
            for template in &templates {
                let (condensed, plain) = both_ways(template, &context);
                assert_eq!(condensed, plain, "{template}");
            }
        }
        assert!(condense(&templates[0], &|_| None).is_some());
    }

    #[test]
    fn names_inside_each_are_not_filled_in_even_after_an_escaped_close() {
        let context = serde_json::json!({"name": "outer", "items": [{"name": "inner"}]});
        let template = format!(
            "{{{{name}}}} {}\n{{{{#each items}}}}\\{{{{/each}}}} {{{{name}}}} {}\n{{{{/each}}}}\n",
            "a".repeat(40),
            "b".repeat(40)
        );
        let (condensed, plain) = both_ways(&template, &context);
        assert_eq!(condensed, plain);
        let plain = plain.unwrap();
        assert!(plain.contains("{{/each}} inner"), "{plain}");
    }

    #[test]
    fn every_embedded_template_renders_the_same_condensed() {
        let catalogue = crate::blueprint::Catalogue::embedded().unwrap();
        let environment = Environment {
            year: 2026,
            goal_choices: Vec::new(),
            recommendation: Some(RecommendationRecord::example()),
        };
        let mut condensed_files = 0;
        for blueprint in catalogue.blueprints().unwrap() {
            let mut answers = Answers::new();
            answers.insert("name".into(), Value::String("my-service".into()));
            let answers = crate::answers::with_defaults(blueprint, answers);
            let context = context(blueprint, &answers, &environment).unwrap();
            for file in blueprint
                .files()
                .unwrap()
                .iter()
                .filter(|f| f.path.ends_with(TEMPLATE_SUFFIX))
            {
                let text = std::str::from_utf8(&file.contents).unwrap();
                condensed_files += usize::from(condense(text, &|_| None).is_some());
                let (condensed, plain) = both_ways(text, &context);
                assert_eq!(condensed, plain, "{} {}", blueprint.id(), file.path);
            }
        }
        assert!(condensed_files > 10, "{condensed_files}");
    }
    #[test]
    fn a_dot_git_spelt_another_way_is_refused() {
        for bad in [
            ".GIT/hooks/post-commit",
            ".git./config",
            ".git /config",
            ".Git. . /x",
            "GIT~1/config",
            "a/.g\u{200c}it/x",
            ".git\u{feff}/hooks/x",
        ] {
            assert_eq!(
                check_path(bad),
                Err("would write inside .git (git and some file systems read this name as `.git`)"),
                "{bad:?}"
            );
        }
        for fine in [
            ".github/workflows/ci.yml",
            ".gitignore",
            ".gitkeep",
            "git/x",
        ] {
            assert_eq!(check_path(fine), Ok(()), "{fine}");
        }
    }

    #[test]
    fn a_windows_device_name_is_refused() {
        for bad in ["CON", "nul", "src/aux.py", "Com1.txt", "lpt9", "con .txt"] {
            assert!(check_path(bad).is_err(), "{bad}");
        }
        for fine in [
            "console.py",
            "com10",
            "lpt",
            "auxiliary/x",
            "com0",
            "nullable.rs",
        ] {
            assert_eq!(check_path(fine), Ok(()), "{fine}");
        }
    }

    #[test]
    fn paths_differing_only_by_case_are_refused() {
        let mut seen = BTreeMap::new();
        assert_eq!(check_case("src/App.py", &mut seen), Ok(()));
        assert_eq!(check_case("src/other.py", &mut seen), Ok(()));
        assert!(
            check_case("src/app.py", &mut seen)
                .unwrap_err()
                .contains("differs only by case from `src/App.py`")
        );
        assert!(
            check_case("SRC/x.py", &mut seen)
                .unwrap_err()
                .contains("from `src`")
        );
    }
}

#[cfg(test)]
mod rules_tests;

//! What makes a blueprint valid, defined once: `groundwork blueprint check DIR` and groundwork's
//! own tests of its embedded blueprints both ask [`check`].
//!
//! A blueprint is valid when its manifest parses and is complete, every option's default passes
//! its own rule, and it renders in strict mode with its defaults and with every combination of its
//! bool and choice options (up to `MAX_COMBINATIONS`): no missing variable, no path that leaves
//! the project, no `{{` or `}}` left in a rendered file. The blueprint standard's basics (README,
//! `.gitignore` ignoring `.env`, `.editorconfig`, `.env.example`, a Dockerfile that does not run as
//! root) are problems too; the rest of the standard gives warnings.

use crate::answers::{self, Answers};
use crate::blueprint::{self, Blueprint, Source};
use crate::combinations;
use crate::error::{Error, Result};
use crate::folder::{self, MANIFEST};
use crate::options::Value;
use crate::render::{self, Environment, Plan, PlannedFile};
use crate::text::is_terminal_control;
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::Path;

/// The most option combinations one check renders.
pub(crate) const MAX_COMBINATIONS: usize = 256;

/// The project name a check renders with.
pub(crate) const PROJECT_NAME: &str = "my-service";

/// The outcome of a check; `--json` prints it as it is.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub(crate) blueprint: String,
    /// No problems (warnings allowed).
    pub(crate) ok: bool,
    pub problems: Vec<String>,
    pub warnings: Vec<String>,
    /// How many option combinations were rendered.
    pub combinations: usize,
    /// How many combinations its bool and choice options have; more than `combinations` when the
    /// check was capped at `MAX_COMBINATIONS`.
    pub total_combinations: u64,
}

/// Checks the blueprint in folder `dir`. Only a folder that is missing or cannot be read is an
/// error; everything wrong inside it is a problem of the report.
pub(crate) fn check_folder(dir: &Path) -> Result<Report> {
    let (parts, read_problems) = folder::read(dir)?;
    let mut findings = Findings::default();
    for problem in read_problems {
        findings.problem(problem);
    }
    let loaded = parts.manifest.as_deref().and_then(|text| {
        let problems = blueprint::manifest_problems(&parts.folder_name, text);
        if !problems.is_empty() {
            for problem in problems {
                findings.problem(problem.to_string());
            }
            return None;
        }
        match Blueprint::new(
            &parts.folder_name,
            text,
            parts.files,
            parts.profile,
            Source::Folder(dir.to_path_buf()),
        ) {
            Ok(blueprint) => Some(blueprint),
            Err(other) => {
                findings.problem(other.to_string());
                None
            }
        }
    });
    let Some(blueprint) = loaded else {
        return Ok(findings.report(parts.folder_name, 0, 0));
    };
    let checked = check(&blueprint);
    for problem in checked.problems {
        findings.problem(problem);
    }
    for warning in checked.warnings {
        findings.warning(warning);
    }
    Ok(findings.report(
        checked.blueprint,
        checked.combinations,
        checked.total_combinations,
    ))
}

/// Checks a loaded blueprint: its manifest's texts, its profile, then every option combination
/// rendered strictly.
pub fn check(blueprint: &Blueprint) -> Report {
    let mut findings = Findings::default();
    for (field, text) in manifest_texts(&blueprint.manifest) {
        if text.chars().any(is_terminal_control) {
            findings.problem(format!(
                "{MANIFEST}: `{field}` holds a control character ({}); a terminal acts on those instead of showing them, and could hide what the text says",
                text.escape_debug()
            ));
        }
    }
    if let Some(profile) = &blueprint.profile
        && let Err(e) = crate::recommend::parse_profile(profile)
    {
        findings.problem(format!("profile.toml, {e}"));
    }
    for key in ["port", "docker", "ci"] {
        if blueprint.option(key).is_none() {
            findings.warning(format!(
                "{MANIFEST}: no `{key}` option (the blueprint standard has port, docker and ci)"
            ));
        }
    }
    let axes = combinations::axes(blueprint);
    let total = combinations::total(&axes);
    let combinations = combinations::spread(&axes, MAX_COMBINATIONS);
    // A goal choice, so that what a template writes for one is rendered strictly too.
    let environment = Environment {
        year: crate::clock::current_year(),
        goal_choices: vec!["database = postgres (chosen for --scale large)".into()],
        recommendation: Some(crate::recommendation_record::RecommendationRecord::example()),
    };
    let defaults = base_answers(blueprint);
    for picks in &combinations {
        let answers = combinations::answers(&axes, &defaults, picks);
        let with = describe(&axes, &answers);
        match render::plan(blueprint, &answers, &environment) {
            Ok(plan) => {
                leftovers(&plan, &with, &mut findings);
                standard(blueprint, &answers, &plan, &with, &mut findings);
            }
            Err(e) => findings.problem_with(render_problem(&e), &with),
        }
    }
    findings.report(blueprint.id().to_string(), combinations.len(), total.max(1))
}

/// Every text of a manifest that groundwork prints, with the field it comes from.
fn manifest_texts(m: &blueprint::Manifest) -> Vec<(String, &str)> {
    let mut texts: Vec<(String, &str)> = vec![
        ("name".into(), &m.name),
        ("language".into(), &m.language),
        ("description".into(), &m.description),
        ("version".into(), &m.version),
        ("proof_note".into(), &m.proof_note),
    ];
    texts.extend(m.aliases.iter().map(|a| ("aliases".into(), a.as_str())));
    for (label, command) in m.commands.labelled() {
        texts.push((format!("commands.{label}"), command));
    }
    for tool in &m.toolchains {
        texts.push(("toolchains.command".into(), &tool.command));
        texts.extend(
            tool.min_version
                .iter()
                .map(|v| ("toolchains.min_version".into(), v.as_str())),
        );
        texts.extend(
            tool.version_args
                .iter()
                .map(|a| ("toolchains.version_args".into(), a.as_str())),
        );
    }
    for option in &m.options {
        let field = |name: &str| format!("options.{}.{name}", option.key.escape_debug());
        texts.push((field("key"), &option.key));
        texts.push((field("help"), &option.help));
        texts.extend(
            option
                .choices
                .iter()
                .map(|c| (field("choices"), c.as_str())),
        );
        if let Some(default) = option.default.as_str() {
            texts.push((field("default"), default));
        }
    }
    for rule in &m.files {
        texts.push(("files.path".into(), &rule.path));
        texts.push(("files.when".into(), &rule.when));
    }
    texts
}

/// Problems and warnings in the order found, each reported once (with the first combination
/// that showed it).
#[derive(Default)]
struct Findings {
    problems: Vec<String>,
    warnings: Vec<String>,
    seen: BTreeSet<String>,
}

impl Findings {
    fn problem(&mut self, text: String) {
        self.problem_with(text, "");
    }

    fn problem_with(&mut self, mut text: String, with: &str) {
        if self.seen.insert(format!("p{text}")) {
            text.push_str(with);
            self.problems.push(text);
        }
    }

    fn warning(&mut self, text: String) {
        self.warning_with(text, "");
    }

    fn warning_with(&mut self, mut text: String, with: &str) {
        if self.seen.insert(format!("w{text}")) {
            text.push_str(with);
            self.warnings.push(text);
        }
    }

    fn report(self, blueprint: String, combinations: usize, total: u64) -> Report {
        Report {
            blueprint,
            ok: self.problems.is_empty(),
            problems: self.problems,
            warnings: self.warnings,
            combinations,
            total_combinations: total,
        }
    }
}

/// A rendering error without the blueprint's name (the report is about one blueprint), with
/// template files named by their path in the blueprint folder.
fn render_problem(error: &Error) -> String {
    let shown = |file: &str| {
        if file.starts_with(MANIFEST) || file.starts_with('(') {
            file.to_string()
        } else {
            format!("template/{file}")
        }
    };
    match error {
        Error::Render { file, message, .. } | Error::TemplateLimit { file, message, .. } => {
            format!("{}: {message}", shown(file))
        }
        Error::UnsafePath {
            file,
            rendered,
            rule,
            ..
        } => format!(
            "{}: would be written as `{rendered}`, which {rule}",
            shown(file)
        ),
        Error::Manifest { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

/// ` (with docker=false, ci=false)`: the options that differ from their defaults.
fn describe(axes: &[combinations::Axis], answers: &Answers) -> String {
    let changed = combinations::changes(axes, answers);
    if changed.is_empty() {
        String::new()
    } else {
        format!(" (with {})", changed.join(", "))
    }
}

fn base_answers(blueprint: &Blueprint) -> Answers {
    let mut answers = Answers::new();
    answers.insert("name".into(), Value::String(PROJECT_NAME.into()));
    answers.insert("author_name".into(), Value::String("Ada Lovelace".into()));
    answers.insert(
        "author_email".into(),
        Value::String("ada@example.com".into()),
    );
    answers::with_defaults(blueprint, answers)
}

/// No rendered (`.hbs`) file may keep a `{{` or `}}` outside a GitHub Actions `${{ ... }}`.
fn leftovers(plan: &Plan, with: &str, findings: &mut Findings) {
    for planned in plan.files.iter().filter(|f| f.rendered) {
        let template = planned.template.as_deref().unwrap_or(&planned.path);
        let text = String::from_utf8_lossy(&planned.contents);
        let leftover = text.lines().position(|l| {
            let l = without_actions_expressions(l);
            l.contains("{{") || l.contains("}}")
        });
        if let Some(index) = leftover {
            let advice =
                r"write a literal one as `\{{`, and a GitHub Actions expression as `$\{{ ... }}`";
            findings.problem_with(
                format!(
                    "template/{template}: the rendered {} keeps a `{}` or `{}` at line {}; {advice}",
                    planned.path,
                    "{{",
                    "}}",
                    index + 1
                ),
                with,
            );
        }
    }
}

/// Rendered text with GitHub Actions expressions (`${{ ... }}`) taken out.
pub(crate) fn without_actions_expressions(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        if let Some(end) = rest[start..].find("}}") {
            rest = &rest[start + end + 2..];
        } else {
            rest = &rest[start..];
            break;
        }
    }
    out.push_str(rest);
    out
}

/// The blueprint standard's basics, for one rendered combination.
fn standard(
    blueprint: &Blueprint,
    answers: &Answers,
    plan: &Plan,
    with: &str,
    findings: &mut Findings,
) {
    required_files(plan, with, findings);
    no_secrets(plan, with, findings);
    container_user(plan, with, findings);
    let flag = |key: &str| answers.get(key).and_then(Value::as_bool);
    docker_files(flag("docker"), plan, with, findings);
    ci_files(flag("ci"), plan, with, findings);
    readme_commands(blueprint, plan, with, findings);
}

fn planned<'p>(plan: &'p Plan, path: &str) -> Option<&'p PlannedFile> {
    plan.files.iter().find(|f| f.path == path)
}

fn planned_text(plan: &Plan, path: &str) -> Option<String> {
    planned(plan, path).map(|f| String::from_utf8_lossy(&f.contents).into_owned())
}

/// The files every generated project has.
fn required_files(plan: &Plan, with: &str, findings: &mut Findings) {
    for required in ["README.md", ".gitignore", ".editorconfig", ".env.example"] {
        if planned(plan, required).is_none() {
            findings.problem_with(
                format!(
                    "the generated project has no {required} (the blueprint standard asks for one)"
                ),
                with,
            );
        }
    }
}

/// `.env` is ignored, and none is shipped.
fn no_secrets(plan: &Plan, with: &str, findings: &mut Findings) {
    if let Some(gitignore) = planned_text(plan, ".gitignore")
        && !gitignore
            .lines()
            .any(|l| matches!(l.trim(), ".env" | "/.env"))
    {
        findings.problem_with(
            "the generated .gitignore does not ignore .env (add a line `.env`)".into(),
            with,
        );
    }
    if planned(plan, ".env").is_some() {
        findings.problem_with(
            "the generated project has a .env file; ship .env.example, and never a secret".into(),
            with,
        );
    }
}

/// A generated Dockerfile does not run as root.
fn container_user(plan: &Plan, with: &str, findings: &mut Findings) {
    let Some(dockerfile) = planned_text(plan, "Dockerfile") else {
        return;
    };
    // The last USER instruction (instructions are case-insensitive), without its group.
    let user = dockerfile.lines().rev().find_map(|line| {
        let mut words = line.split_whitespace();
        let instruction = words.next()?;
        let user = words.next()?;
        instruction
            .eq_ignore_ascii_case("USER")
            .then(|| user.split(':').next().unwrap_or("").to_string())
    });
    match user.as_deref() {
        None => findings.problem_with(
            "the generated Dockerfile never sets USER, so it runs as root".into(),
            with,
        ),
        Some("root" | "0") => {
            findings.problem_with("the generated Dockerfile's last USER is root".into(), with);
        }
        Some(_) => {}
    }
}

/// The Docker files follow the `docker` option, when the blueprint has one.
fn docker_files(docker: Option<bool>, plan: &Plan, with: &str, findings: &mut Findings) {
    match docker {
        Some(true) => {
            if planned(plan, "Dockerfile").is_none() {
                findings.warning_with("docker is true but no Dockerfile is generated".into(), with);
            }
            if planned(plan, ".dockerignore").is_none() {
                findings.warning_with(
                    "docker is true but no .dockerignore is generated".into(),
                    with,
                );
            }
        }
        Some(false) => {
            for path in ["Dockerfile", ".dockerignore"] {
                if planned(plan, path).is_some() {
                    findings.warning_with(
                        format!("docker is false but {path} is generated (add a [[files]] rule with when = \"docker\")"),
                        with,
                    );
                }
            }
        }
        None => {}
    }
}

/// The workflow files follow the `ci` option, when the blueprint has one.
fn ci_files(ci: Option<bool>, plan: &Plan, with: &str, findings: &mut Findings) {
    let workflows = plan
        .files
        .iter()
        .any(|f| f.path.starts_with(".github/workflows/"));
    match ci {
        Some(true) if !workflows => findings.warning_with(
            "ci is true but no .github/workflows/ file is generated".into(),
            with,
        ),
        Some(false) if plan.files.iter().any(|f| f.path.starts_with(".github/")) => findings
            .warning_with(
                "ci is false but .github/ is generated (add a [[files]] rule with when = \"ci\")"
                    .into(),
                with,
            ),
        _ => {}
    }
}

/// The README shows the blueprint's commands (those that do not depend on the answers).
fn readme_commands(blueprint: &Blueprint, plan: &Plan, with: &str, findings: &mut Findings) {
    let Some(readme) = planned_text(plan, "README.md") else {
        return;
    };
    for (label, command) in blueprint.manifest.commands.labelled() {
        if !command.contains("{{") && !readme.contains(command) {
            findings.warning_with(
                format!("the generated README.md does not show the {label} command `{command}`"),
                with,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_expressions_are_not_leftovers() {
        assert_eq!(
            without_actions_expressions("a ${{ matrix.os }} b {{c}}"),
            "a  b {{c}}"
        );
    }
}

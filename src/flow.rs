//! The questions of `groundwork new`, in order: goals and the framework (when the flags do not
//! name one), the options the goals shape (the database), the folder, the project name, the other
//! options, then a summary to confirm. Every question goes to the one [`Prompter`] the mode chose,
//! so a terminal, `--yes` and a pipe run the same steps; values given as flags or in an answers
//! file are never asked. The answers themselves are merged by [`answers::Merge`].

use crate::answers::{self, Answer, AnswerSource, Merge, Raw, SourcedAnswers};
use crate::blueprint::{Blueprint, Catalogue};
use crate::error::{Error, Result};
use crate::goal_defaults;
use crate::goals;
use crate::new_options::{NewOptions, refuse_install_from_folder};
use crate::options::{OptionKind, OptionSpec, Value};
use crate::prompt::{Prompter, Question, Unattended};
use crate::recommend::{Criterion, Goals, Language, Recommendation, Scale, UseCase};
use crate::recommendation_record::RecommendationRecord;
use crate::write;
use std::path::{Path, PathBuf};

/// Everything `new` needs to generate, once every question is answered.
#[derive(Debug)]
pub struct Request<'c> {
    pub blueprint: &'c Blueprint,
    pub target: PathBuf,
    pub target_state: write::Target,
    pub answers: SourcedAnswers,
    /// Notes for the person, such as a default taken without asking.
    pub notes: Vec<String>,
    /// The recommendation the blueprint was picked from (or that the answers file recorded).
    pub recommendation: Option<RecommendationRecord>,
}

/// Formats a ranking for a person choosing from it (the caller owns the presentation).
pub type RankingTable = fn(&[Recommendation]) -> String;

/// The folder offered when none was given.
const DEFAULT_FOLDER: &str = "my-service";

pub fn gather<'c>(
    options: &NewOptions<'c>,
    catalogue: &'c Catalogue,
    prompter: &mut dyn Prompter,
    ranking_table: RankingTable,
) -> Result<Request<'c>> {
    let mut notes = Vec::new();
    let (blueprint, goals, recommendation) = match options.blueprint {
        Some(blueprint) => {
            let recorded = RecommendationRecord::carried(options.answers_file.as_ref(), blueprint);
            (blueprint, options.goals.clone(), recorded)
        }
        None => {
            let (blueprint, goals, recommendation) =
                recommend_blueprint(options, catalogue, prompter, ranking_table)?;
            if options.install {
                refuse_install_from_folder(blueprint)?;
            }
            (blueprint, Some(goals), Some(recommendation))
        }
    };
    let shaped = goals
        .as_ref()
        .map(|goals| goal_defaults::for_goals(goals, &blueprint.manifest.options))
        .unwrap_or_default();
    if options.blueprint.is_some() && options.goals.is_some() && shaped.is_empty() {
        notes.push("note: --framework chose the blueprint, so the goal flags are not used".into());
    }
    let mut merge = Merge::new(blueprint);
    apply_layers(&mut merge, options, shaped)?;
    let (goal_shaped, others): (Vec<&OptionSpec>, Vec<&OptionSpec>) = blueprint
        .manifest
        .options
        .iter()
        .partition(|option| goal_defaults::offers_database_choice(option));
    ask_options(&mut merge, &goal_shaped, prompter)?;
    let (target, target_state) = choose_target(options, prompter)?;
    ask_name(&mut merge, &target, prompter)?;
    ask_options(&mut merge, &others, prompter)?;
    let answers = merge.finish();
    prompter.show(&summary(blueprint, &target, &answers));
    if !prompter.confirm(&Question::new("Create it?", "--yes"), true)? {
        return Err(Error::Cancelled);
    }
    notes.extend(prompter.take_notes());
    Ok(Request {
        blueprint,
        target,
        target_state,
        answers,
        notes,
        recommendation,
    })
}

fn ask_options(
    merge: &mut Merge<'_>,
    options: &[&OptionSpec],
    prompter: &mut dyn Prompter,
) -> Result<()> {
    let blueprint = merge.blueprint();
    for option in options {
        merge.ask(&option.key, |offered| {
            ask_option(blueprint, option, offered, prompter)
        })?;
    }
    Ok(())
}

/// The project name, offering the folder's; kept as the folder's when unchanged, so an error
/// about it says so.
fn ask_name(merge: &mut Merge<'_>, target: &Path, prompter: &mut dyn Prompter) -> Result<()> {
    if merge.is_given("name") {
        return Ok(());
    }
    let folder = folder_name(target);
    let validate = |text: &str| crate::names::derive(text).map(|_| ());
    let typed = prompter.input(
        &Question::new("Project name", "--name <NAME>"),
        &folder,
        &validate,
    )?;
    let source = if typed == folder {
        AnswerSource::Folder
    } else {
        AnswerSource::Prompt
    };
    merge.apply(&source, [("name".to_string(), Raw::Text(typed))])
}

/// Every layer known before the first question: the answers file, `--set`/`--name`, the goals,
/// the defaults file and git's identity. Each value is checked here, so a bad one is refused
/// before anything is asked.
fn apply_layers(
    merge: &mut Merge<'_>,
    options: &NewOptions<'_>,
    shaped: Vec<(String, Value, AnswerSource)>,
) -> Result<()> {
    if let Some(file) = &options.answers_file {
        let values = file
            .values
            .iter()
            .map(|(k, v)| (k.clone(), Raw::Toml(v.clone())));
        merge.apply(&AnswerSource::AnswersFile(file.path.clone()), values)?;
    }
    let sets = options
        .sets
        .iter()
        .map(|(k, v)| (k.clone(), Raw::Text(v.clone())));
    merge.apply(&AnswerSource::Flag, sets)?;
    let config = &options.config;
    let defaults_file = AnswerSource::DefaultsFile(crate::config::path());
    let option_defaults = config
        .defaults
        .iter()
        .filter(|(key, _)| merge.blueprint().option(key).is_some())
        .map(|(k, v)| (k.clone(), Raw::Toml(v.clone())))
        .collect::<Vec<_>>();
    merge.apply(&defaults_file, option_defaults)?;
    let author = [
        ("author_name", &config.author.name),
        ("author_email", &config.author.email),
    ];
    let from_file = author
        .iter()
        .filter_map(|(key, value)| Some((key.to_string(), Raw::Text((*value).clone()?))))
        .collect::<Vec<_>>();
    let needs_git = author
        .iter()
        .any(|(key, value)| value.is_none() && !merge.is_given(key));
    merge.apply(&defaults_file, from_file)?;
    if needs_git {
        let (name, email) = crate::git::configured_identity();
        let from_git = [("author_name", name), ("author_email", email)]
            .into_iter()
            .filter_map(|(key, value)| Some((key.to_string(), Raw::Text(value?))));
        merge.apply(&AnswerSource::GitConfig, from_git)?;
    }
    for (key, value, source) in shaped {
        merge.apply(&source, [(key, Raw::Checked(value))])?;
    }
    Ok(())
}

/// Without a framework: goals (from flags, or asked), the ranking, then the pick.
fn recommend_blueprint<'c>(
    options: &NewOptions<'c>,
    catalogue: &'c Catalogue,
    prompter: &mut dyn Prompter,
    ranking_table: RankingTable,
) -> Result<(&'c Blueprint, Goals, RecommendationRecord)> {
    let goals = match options.goals {
        Some(_) => options.goals_with_defaults.clone(),
        None => ask_goals(prompter, &options.goals_with_defaults)?,
    };
    let ranking = goals::rank(catalogue, &goals)?;
    let top = ranking.first().ok_or_else(|| Error::MissingAnswer {
        question: "the framework".into(),
        flag: "--framework <id>".into(),
    })?;
    let shown = &ranking[..ranking.len().min(3)];
    let mut intro = String::from("\nRecommended for your goals:\n");
    intro.push_str(&ranking_table(shown));
    if let Some(note) = crate::recommend::general_note(&goals) {
        intro.push_str(&format!("{note}\n"));
    }
    prompter.show(&intro);
    let items: Vec<String> = ranking
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mark = if i == 0 { ", recommended" } else { "" };
            format!("{} ({}, score {}{mark})", r.name, r.language, r.score)
        })
        .collect();
    let taken = format!(
        "Chose {} ({}), the top recommendation for {}: score {}. See `groundwork recommend` for the reasons.",
        top.name,
        top.id,
        if goals.is_empty() {
            "no particular goals"
        } else {
            "your goals"
        },
        top.score
    );
    let question = Question::new(
        "Framework",
        "--framework <id> (see `groundwork list`), or --yes to take the top recommendation",
    )
    .about("the framework")
    .unattended(Unattended::TakeDefaultWithYes { note: taken });
    let picked = prompter.select(&question, &items, 0)?;
    let recommendation = RecommendationRecord::new(&goals, &ranking, picked);
    Ok((catalogue.find(&ranking[picked].id)?, goals, recommendation))
}

/// The goal menus, starting from `defaults` (the defaults file's languages).
fn ask_goals(prompter: &mut dyn Prompter, defaults: &Goals) -> Result<Goals> {
    let use_cases = pick_many(
        prompter,
        "What are you building?",
        "--use-case",
        UseCase::all(),
        UseCase::label,
        &defaults.use_cases,
    )?;
    let priorities = pick_many(
        prompter,
        "What matters most?",
        "--priority",
        Criterion::all(),
        Criterion::label,
        &defaults.priorities,
    )?;
    let languages = pick_many(
        prompter,
        "Which languages does the team know?",
        "--language",
        Language::all(),
        Language::label,
        &defaults.languages,
    )?;
    let mut scales: Vec<String> = vec!["Not sure".into()];
    scales.extend(Scale::all().iter().map(|s| s.label().to_string()));
    let default_scale = defaults
        .scale
        .and_then(|s| Scale::all().iter().position(|v| *v == s))
        .map_or(0, |i| i + 1);
    let scale = prompter.select(
        &Question::new("Expected scale", "--scale"),
        &scales,
        default_scale,
    )?;
    Ok(Goals {
        realtime: defaults.realtime || use_cases.contains(&UseCase::Realtime),
        use_cases,
        priorities,
        languages,
        scale: scale.checked_sub(1).map(|i| Scale::all()[i]),
    })
}

fn pick_many<T: Copy + PartialEq>(
    prompter: &mut dyn Prompter,
    prompt: &str,
    flag: &str,
    all: &[T],
    label: fn(&T) -> &'static str,
    picked_before: &[T],
) -> Result<Vec<T>> {
    let items: Vec<String> = all.iter().map(|v| label(v).to_string()).collect();
    let defaults: Vec<bool> = all.iter().map(|v| picked_before.contains(v)).collect();
    let picked = prompter.multi_select(&Question::new(prompt, flag), &items, &defaults)?;
    Ok(picked.into_iter().map(|i| all[i]).collect())
}

fn choose_target(
    options: &NewOptions<'_>,
    prompter: &mut dyn Prompter,
) -> Result<(PathBuf, write::Target)> {
    if let Some((dir, state)) = &options.folder {
        return Ok((dir.clone(), *state));
    }
    let force = options.force;
    let validate = |text: &str| -> Result<(), String> {
        if text.trim().is_empty() {
            return Err("type a folder name".into());
        }
        write::inspect(Path::new(text), force)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    let question = Question::new("Project folder", "a folder: groundwork new <DIR>")
        .about("the project folder")
        .unattended(Unattended::Refuse);
    let typed = prompter.input(&question, DEFAULT_FOLDER, &validate)?;
    let dir = PathBuf::from(typed);
    let state = write::inspect(&dir, force)?;
    Ok((dir, state))
}

/// Asks for one option, offering the best value so far; an unchanged value keeps its source.
fn ask_option(
    blueprint: &Blueprint,
    option: &OptionSpec,
    offered: &Answer,
    prompter: &mut dyn Prompter,
) -> Result<Answer> {
    let prompt = match offered.source.reason() {
        Some(reason) => format!("{} ({}: {reason})", option.help, offered.value),
        None => option.help.clone(),
    };
    let question = Question::new(prompt, format!("--set {}=<value>", option.key));
    let default = &offered.value;
    let value = match option.kind {
        OptionKind::Bool => {
            Value::Bool(prompter.confirm(&question, default.as_bool().unwrap_or(false))?)
        }
        OptionKind::Choice => {
            let current = default.to_string();
            let at = option
                .choices
                .iter()
                .position(|c| *c == current)
                .unwrap_or(0);
            let picked = prompter.select(&question, &option.choices, at)?;
            Value::String(option.choices[picked].clone())
        }
        OptionKind::Int | OptionKind::String => {
            let validate = |text: &str| option.parse_text(text).map(|_| ());
            let typed = prompter.input(&question, &default.to_string(), &validate)?;
            answers::check_text(blueprint, &option.key, &typed)?
        }
    };
    if value == *default {
        return Ok(offered.clone());
    }
    Ok(Answer {
        value,
        source: AnswerSource::Prompt,
    })
}

fn folder_name(target: &Path) -> String {
    let absolute = std::path::absolute(target).unwrap_or_else(|_| target.to_path_buf());
    absolute
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn summary(blueprint: &Blueprint, target: &Path, answers: &SourcedAnswers) -> String {
    let mut out = format!(
        "\nAbout to create {} from {} {}:\n",
        target.display(),
        blueprint.manifest.name,
        blueprint.manifest.version
    );
    for (key, answer) in answers {
        out.push_str(&format!("  {key} = {}", answer.value));
        if let Some(reason) = answer.source.reason() {
            out.push_str(&format!(" ({reason})"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command, NewArgs};
    use crate::goals::GoalText;
    use crate::prompt::{NoPerson, Reply, Scripted};
    use clap::Parser;

    fn new_args(args: &[&str]) -> NewArgs {
        let mut argv = vec!["groundwork", "new"];
        argv.extend_from_slice(args);
        match Cli::try_parse_from(argv).unwrap().command {
            Command::New(args) => *args,
            _ => unreachable!(),
        }
    }

    fn plain_table(ranking: &[Recommendation]) -> String {
        ranking.iter().map(|r| format!("{}\n", r.id)).collect()
    }

    /// Validates `args` as a terminal run would, then gathers with `prompter`.
    fn gather_with<'c>(
        args: &NewArgs,
        catalogue: &'c Catalogue,
        prompter: &mut dyn Prompter,
    ) -> Result<Request<'c>> {
        let options = NewOptions::from_args(args, catalogue, true)?;
        gather(&options, catalogue, prompter, plain_table)
    }

    /// Replies that take the default of every option of `id`, in manifest order.
    fn default_option_replies(catalogue: &Catalogue, id: &str) -> Vec<Reply> {
        let blueprint = catalogue.find(id).unwrap();
        blueprint
            .manifest
            .options
            .iter()
            .filter(|o| o.key != "database")
            .map(|o| match o.kind {
                OptionKind::Bool => Reply::Yes(o.default_value().unwrap().as_bool().unwrap()),
                OptionKind::Choice => {
                    let default = o.default_value().unwrap().to_string();
                    Reply::Pick(o.choices.iter().position(|c| *c == default).unwrap())
                }
                _ => Reply::Type(String::new()),
            })
            .collect()
    }

    fn index_of<T: PartialEq>(all: &[T], wanted: T) -> usize {
        all.iter().position(|v| *v == wanted).unwrap()
    }

    /// Goals "a high-performance API in Python", picked from the menus.
    fn python_api_goal_replies() -> Vec<Reply> {
        vec![
            Reply::PickMany(vec![index_of(UseCase::all(), UseCase::Api)]),
            Reply::PickMany(vec![index_of(Criterion::all(), Criterion::Performance)]),
            Reply::PickMany(vec![index_of(Language::all(), Language::Python)]),
            Reply::Pick(0),
        ]
    }

    #[test]
    fn enter_at_every_question_accepts_the_recommendation_and_the_defaults() {
        let catalogue = Catalogue::embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("svc");
        let args = new_args(&[target.to_str().unwrap()]);
        let mut replies = python_api_goal_replies();
        replies.push(Reply::Pick(0)); // the recommended framework
        replies.push(Reply::Pick(0)); // the database, asked next: embedded
        replies.push(Reply::Type(String::new())); // project name: the folder's
        replies.extend(default_option_replies(&catalogue, "fastapi"));
        replies.push(Reply::Yes(true));
        let mut prompter = Scripted::new(replies);
        let request = gather_with(&args, &catalogue, &mut prompter).unwrap();
        assert_eq!(request.blueprint.id(), "fastapi");
        assert_eq!(request.answers["name"].value, Value::String("svc".into()));
        assert_eq!(request.answers["port"].value, Value::Int(8000));
        let transcript = prompter.finish();
        assert!(
            transcript
                .iter()
                .any(|l| l.starts_with("shown: \nRecommended for your goals:"))
        );
        assert!(!dir.path().join("svc").exists(), "the flow writes nothing");
    }

    #[test]
    fn the_recommendation_can_be_overridden() {
        let catalogue = Catalogue::embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("svc");
        let args = new_args(&[
            target.to_str().unwrap(),
            "--use-case",
            "api",
            "--language",
            "python",
        ]);
        let goals = goals::parse(&GoalText::from(&args.goals)).unwrap();
        let ranking = goals::rank(&catalogue, &goals).unwrap();
        let last = ranking.len() - 1;
        let chosen = ranking[last].id.clone();
        let mut replies = vec![Reply::Pick(last)];
        if catalogue
            .find(&chosen)
            .unwrap()
            .option("database")
            .is_some()
        {
            replies.push(Reply::Pick(0));
        }
        replies.push(Reply::Type("Billing".into()));
        replies.extend(default_option_replies(&catalogue, &chosen));
        replies.push(Reply::Yes(true));
        let mut prompter = Scripted::new(replies);
        let request = gather_with(&args, &catalogue, &mut prompter).unwrap();
        assert_eq!(request.blueprint.id(), chosen);
        let recorded = request
            .recommendation
            .as_ref()
            .expect("picked from the ranking");
        assert_eq!(
            (recorded.pick.as_str(), recorded.rank),
            (chosen.as_str(), last + 1)
        );
        assert_eq!(
            request.answers["name"].value,
            Value::String("Billing".into())
        );
        let transcript = prompter.finish();
        assert!(
            !transcript.iter().any(|l| l == "What are you building?"),
            "goal flags were given, so goals are not asked: {transcript:#?}"
        );
    }

    #[test]
    fn an_invalid_port_is_asked_again_with_the_reason() {
        let catalogue = Catalogue::embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("svc");
        let args = new_args(&[target.to_str().unwrap(), "-f", "fastapi"]);
        let mut replies = vec![Reply::Pick(0), Reply::Type(String::new())];
        let mut options = default_option_replies(&catalogue, "fastapi");
        let port_at = catalogue
            .find("fastapi")
            .unwrap()
            .manifest
            .options
            .iter()
            .filter(|o| o.key != "database")
            .position(|o| o.key == "port")
            .unwrap();
        options.splice(
            port_at..=port_at,
            [
                Reply::Type("70000".into()),
                Reply::Type("http".into()),
                Reply::Type("9000".into()),
            ],
        );
        replies.extend(options);
        replies.push(Reply::Yes(true));
        let mut prompter = Scripted::new(replies);
        let request = gather_with(&args, &catalogue, &mut prompter).unwrap();
        assert_eq!(request.answers["port"].value, Value::Int(9000));
        let transcript = prompter.finish();
        let invalid: Vec<&String> = transcript
            .iter()
            .filter(|l| l.starts_with("invalid:"))
            .collect();
        assert_eq!(
            invalid,
            vec![
                "invalid: expected a whole number from 1 to 65535",
                "invalid: expected a whole number from 1 to 65535"
            ]
        );
    }

    #[test]
    fn given_values_are_not_asked_again() {
        let catalogue = Catalogue::embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("svc");
        let args = new_args(&[
            target.to_str().unwrap(),
            "-f",
            "fastapi",
            "--name",
            "x",
            "--set",
            "port=1234",
            "--set",
            "description=d",
            "--set",
            "python_version=3.11",
            "--set",
            "docker=false",
            "--set",
            "ci=false",
            "--set",
            "database=embedded",
        ]);
        let mut prompter = Scripted::new([Reply::Yes(true)]);
        let request = gather_with(&args, &catalogue, &mut prompter).unwrap();
        assert_eq!(request.answers["port"].value, Value::Int(1234));
        assert_eq!(
            prompter.finish().last().map(String::as_str),
            Some("Create it?")
        );
    }

    #[test]
    fn cancelling_at_any_question_cancels_the_run() {
        let catalogue = Catalogue::embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let args = new_args(&[]);
        let mut full = python_api_goal_replies();
        full.push(Reply::Pick(0));
        full.push(Reply::Pick(0)); // the database
        full.push(Reply::Type(
            dir.path().join("svc").to_string_lossy().into_owned(),
        ));
        full.push(Reply::Type(String::new()));
        full.extend(default_option_replies(&catalogue, "fastapi"));
        full.push(Reply::Yes(true));
        for step in 0..full.len() {
            let mut replies = full[..step].to_vec();
            replies.push(Reply::Cancel);
            let mut prompter = Scripted::new(replies);
            let outcome = gather_with(&args, &catalogue, &mut prompter);
            assert!(
                matches!(outcome, Err(Error::Cancelled)),
                "step {step}: {outcome:?}"
            );
            prompter.finish();
        }
        let mut declined = full.clone();
        *declined.last_mut().unwrap() = Reply::Yes(false);
        let outcome = gather_with(&args, &catalogue, &mut Scripted::new(declined));
        assert!(matches!(outcome, Err(Error::Cancelled)));
        assert!(!dir.path().join("svc").exists());
    }

    #[test]
    fn without_a_terminal_nothing_is_asked_and_the_flag_is_named() {
        let catalogue = Catalogue::embedded().unwrap();
        let options = NewOptions::from_args(&new_args(&["svc"]), &catalogue, false).unwrap();
        let outcome = gather(
            &options,
            &catalogue,
            &mut NoPerson::without_yes(),
            plain_table,
        );
        let Err(Error::MissingAnswer { flag, .. }) = outcome else {
            panic!("{outcome:?}");
        };
        assert!(flag.starts_with("--framework <id>"), "{flag}");
    }

    /// A folder blueprint `house` with a `database` option (embedded by default), in `dir`.
    fn catalogue_with_database_option(dir: &Path) -> Catalogue {
        let house = dir.join("house");
        std::fs::create_dir_all(house.join("template")).unwrap();
        std::fs::write(
            house.join("blueprint.toml"),
            r#"id = "house"
name = "House"
language = "python"
description = "A fixture with a database option"
version = "0.1.0"
proof = "syntax"
proof_note = "A test fixture."

[commands]
install = "true"
test = "true"
run = "true"

[[options]]
key = "database"
type = "choice"
default = "embedded"
choices = ["embedded", "postgres", "none"]
help = "Where the items are stored"

[[options]]
key = "port"
type = "int"
default = 8000
min = 1
max = 65535
help = "Port"
"#,
        )
        .unwrap();
        std::fs::write(house.join("template/README.md.hbs"), "{{database}}\n").unwrap();
        crate::folder::catalogue(&[dir.to_path_buf()]).unwrap()
    }

    #[test]
    fn the_goals_preselect_the_database_asked_right_after_the_framework() {
        let dir = tempfile::tempdir().unwrap();
        let catalogue = catalogue_with_database_option(dir.path());
        let target = dir.path().join("svc");
        let args = new_args(&[target.to_str().unwrap(), "-f", "house", "--scale", "large"]);
        let mut prompter = Scripted::new([
            Reply::Pick(1), // the database: Enter on the preselected postgres
            Reply::Type(String::new()),
            Reply::Type(String::new()),
            Reply::Yes(true),
        ]);
        let request = gather_with(&args, &catalogue, &mut prompter).unwrap();
        let database = &request.answers["database"];
        assert_eq!(database.value, Value::String("postgres".into()));
        assert_eq!(
            database.source,
            AnswerSource::Goal {
                reason: "chosen for --scale large".into()
            }
        );
        assert!(request.notes.is_empty(), "{:?}", request.notes);
        let transcript = prompter.finish();
        assert_eq!(
            transcript[0],
            "Where the items are stored (postgres: chosen for --scale large)"
        );
        assert_eq!(transcript[1], "Project name");
        assert!(
            transcript
                .iter()
                .any(|l| l.contains("database = postgres (chosen for --scale large)")),
            "the summary gives the reason: {transcript:#?}"
        );
    }

    #[test]
    fn a_flag_beats_the_goals_and_a_changed_pick_is_the_prompts() {
        let dir = tempfile::tempdir().unwrap();
        let catalogue = catalogue_with_database_option(dir.path());
        let target = dir.path().join("svc");
        let target = target.to_str().unwrap();
        let args = new_args(&[
            target,
            "-f",
            "house",
            "--use-case",
            "enterprise",
            "--set",
            "database=none",
            "-y",
        ]);
        let options = NewOptions::from_args(&args, &catalogue, false).unwrap();
        let request = gather(&options, &catalogue, &mut NoPerson::with_yes(), plain_table).unwrap();
        assert_eq!(
            request.answers["database"].value,
            Value::String("none".into())
        );
        assert_eq!(request.answers["database"].source, AnswerSource::Flag);
        assert_eq!(
            request.answers["port"].source,
            AnswerSource::BlueprintDefault
        );
        assert_eq!(request.answers["name"].source, AnswerSource::Folder);

        let args = new_args(&[target, "-f", "house", "--use-case", "enterprise"]);
        let mut prompter = Scripted::new([
            Reply::Pick(0),
            Reply::Type("Billing".into()),
            Reply::Type(String::new()),
            Reply::Yes(true),
        ]);
        let request = gather_with(&args, &catalogue, &mut prompter).unwrap();
        assert_eq!(
            request.answers["database"].value,
            Value::String("embedded".into())
        );
        assert_eq!(request.answers["database"].source, AnswerSource::Prompt);
        assert_eq!(request.answers["name"].source, AnswerSource::Prompt);
        prompter.finish();
    }

    #[test]
    fn without_goals_the_database_is_the_blueprints_default() {
        let dir = tempfile::tempdir().unwrap();
        let catalogue = catalogue_with_database_option(dir.path());
        let target = dir.path().join("svc");
        let args = new_args(&[target.to_str().unwrap(), "-f", "house", "-y"]);
        let options = NewOptions::from_args(&args, &catalogue, false).unwrap();
        let request = gather(&options, &catalogue, &mut NoPerson::with_yes(), plain_table).unwrap();
        assert_eq!(
            request.answers["database"].value,
            Value::String("embedded".into())
        );
        assert_eq!(
            request.answers["database"].source,
            AnswerSource::BlueprintDefault
        );
    }

    #[test]
    fn install_with_a_folder_blueprint_is_refused_before_any_question() {
        let dir = tempfile::tempdir().unwrap();
        let catalogue = catalogue_with_database_option(dir.path());
        let target = dir.path().join("svc");
        let args = new_args(&[target.to_str().unwrap(), "-f", "house", "--install"]);
        let mut prompter = Scripted::new([]);
        let outcome = gather_with(&args, &catalogue, &mut prompter);
        assert!(
            matches!(outcome, Err(Error::BlueprintFolder { .. })),
            "{outcome:?}"
        );
        assert!(prompter.finish().is_empty(), "nothing was asked");
    }

    #[test]
    fn yes_takes_the_top_recommendation_and_says_so() {
        let catalogue = Catalogue::embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("svc");
        let args = new_args(&[target.to_str().unwrap(), "--language", "python", "-y"]);
        let options = NewOptions::from_args(&args, &catalogue, false).unwrap();
        let request = gather(&options, &catalogue, &mut NoPerson::with_yes(), plain_table).unwrap();
        assert_eq!(request.notes.len(), 1, "{:?}", request.notes);
        assert!(
            request.notes[0].starts_with("Chose ")
                && request.notes[0].contains(&format!("({})", request.blueprint.id())),
            "{:?}",
            request.notes
        );
    }

    #[test]
    fn what_the_flags_alone_can_refuse_is_refused_before_any_question() {
        let dir = tempfile::tempdir().unwrap();
        let catalogue = catalogue_with_database_option(dir.path());
        let occupied = dir.path().join("occupied");
        std::fs::create_dir(&occupied).unwrap();
        std::fs::write(occupied.join("notes.txt"), "mine").unwrap();
        let target = dir.path().join("svc");
        let target = target.to_str().unwrap();
        let cases: [&[&str]; 6] = [
            &[target, "-f", "house", "--install"],
            &[target, "-f", "house", "--set", "port=0"],
            &[target, "-f", "house", "--set", "database=sqlite"],
            &[target, "-f", "house", "--set", "port"],
            &[target, "--use-case", "spaceships"],
            &[occupied.to_str().unwrap(), "-f", "house"],
        ];
        for case in cases {
            let mut prompter = Scripted::new([]);
            let outcome = gather_with(&new_args(case), &catalogue, &mut prompter);
            assert!(outcome.is_err(), "{case:?} was accepted");
            assert!(prompter.finish().is_empty(), "{case:?} asked a question");
        }
    }
}

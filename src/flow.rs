//! The questions of `groundwork new`: which framework (from goals and a recommendation), which
//! folder, which options, then a summary to confirm. Flags and answers-file values are never
//! asked again; with no terminal (or `--yes`) nothing is asked and defaults are taken, and an
//! answer that has no default is an error naming the flag to pass.

use crate::answers::{self, Answers, AnswersFile};
use crate::blueprint::{Blueprint, Catalogue};
use crate::cli::NewArgs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::goals::{self, GoalText};
use crate::options::{OptionKind, Value};
use crate::prompt::{Prompter, Question};
use crate::recommend::{Criterion, Goals, Language, Scale, UseCase};
use crate::write;
use std::path::{Path, PathBuf};

/// Everything `new` needs to generate, once every question is answered.
#[derive(Debug)]
pub struct Request<'c> {
    pub blueprint: &'c Blueprint,
    pub target: PathBuf,
    pub target_state: write::Target,
    pub answers: Answers,
}

/// The folder offered when none was given.
const DEFAULT_FOLDER: &str = "my-service";

pub fn gather<'c>(
    args: &NewArgs,
    catalogue: &'c Catalogue,
    prompter: &mut dyn Prompter,
) -> Result<Request<'c>> {
    let config = crate::config::load()?;
    let file = match &args.answers {
        Some(path) => Some(answers::read_answers_file(path)?),
        None => None,
    };
    let blueprint = choose_blueprint(args, file.as_ref(), &config, catalogue, prompter)?;
    let (target, target_state) = choose_target(args, prompter)?;

    let mut sets = args
        .set
        .iter()
        .map(|raw| answers::parse_set(raw))
        .collect::<Result<Vec<_>>>()?;
    if let Some(name) = &args.name {
        sets.push(("name".into(), name.clone()));
    }
    let mut given = answers::given_answers(blueprint, file.as_ref(), &sets)?;
    let ask = prompter.interactive() && !args.yes;
    if !given.contains_key("name") {
        let folder = folder_name(&target);
        let name = if ask {
            let validate = |text: &str| crate::names::derive(text).map(|_| ());
            prompter.input(
                &Question::new("Project name", "--name <NAME>"),
                &folder,
                &validate,
            )?
        } else {
            crate::names::derive(&folder).map_err(|rule| Error::InvalidName {
                name: folder.clone(),
                rule: format!(
                    "{rule} (the name comes from the folder; pass --name to choose another)"
                ),
            })?;
            folder
        };
        given.insert("name".into(), Value::String(name));
    }
    add_author(blueprint, &config, &mut given)?;
    let preferred = preferred_defaults(blueprint, &config)?;
    if ask {
        for option in &blueprint.manifest.options {
            if !given.contains_key(&option.key) {
                let value = ask_option(blueprint, option, preferred.get(&option.key), prompter)?;
                given.insert(option.key.clone(), value);
            }
        }
    }
    for (key, value) in preferred {
        given.entry(key).or_insert(value);
    }
    let answers = answers::with_defaults(blueprint, given);
    if ask {
        prompter.show(&summary(blueprint, &target, &answers));
        let go = prompter.confirm(&Question::new("Create it?", "--yes"), true)?;
        if !go {
            return Err(Error::Cancelled);
        }
    }
    Ok(Request {
        blueprint,
        target,
        target_state,
        answers,
    })
}

fn choose_blueprint<'c>(
    args: &NewArgs,
    file: Option<&AnswersFile>,
    config: &Config,
    catalogue: &'c Catalogue,
    prompter: &mut dyn Prompter,
) -> Result<&'c Blueprint> {
    let from_file = file.and_then(|f| f.blueprint.as_deref());
    match (&args.framework, from_file) {
        (Some(flag), Some(recorded)) => {
            let chosen = catalogue.find(flag)?;
            if catalogue.find(recorded)?.id() != chosen.id() {
                return Err(Error::BlueprintMismatch {
                    from_file: recorded.to_string(),
                    from_flag: flag.clone(),
                });
            }
            Ok(chosen)
        }
        (Some(id), None) => {
            let goals = GoalText::from(&args.goals);
            if !goals.is_empty() {
                // Still checked, so that a mistyped goal is never silently dropped.
                goals::parse(&goals)?;
                crate::commands::say(
                    "note: --framework chose the blueprint, so the goal flags are not used\n",
                );
            }
            catalogue.find(id)
        }
        (None, Some(id)) => catalogue.find(id),
        (None, None) => recommend_blueprint(args, config, catalogue, prompter),
    }
}

/// Without a framework: goals (from flags, or asked), the ranking, then the pick.
fn recommend_blueprint<'c>(
    args: &NewArgs,
    config: &Config,
    catalogue: &'c Catalogue,
    prompter: &mut dyn Prompter,
) -> Result<&'c Blueprint> {
    let text = GoalText::from(&args.goals);
    let from_flags = !text.is_empty();
    let text = goals::with_config_languages(text, config)?;
    let ask = prompter.interactive() && !args.yes;
    if !ask && !args.yes {
        return Err(Error::MissingAnswer {
            question: "the framework".into(),
            flag:
                "--framework <id> (see `groundwork list`), or --yes to take the top recommendation"
                    .into(),
        });
    }
    let goals = if !from_flags && ask {
        ask_goals(prompter)?
    } else {
        goals::parse(&text)?
    };
    let ranking = goals::rank(catalogue, &goals)?;
    let top = ranking.first().ok_or_else(|| Error::MissingAnswer {
        question: "the framework".into(),
        flag: "--framework <id>".into(),
    })?;
    if !ask {
        crate::commands::say(&format!(
            "Chose {} ({}), the top recommendation for {}: score {}. See `groundwork recommend` for the reasons.\n",
            top.name,
            top.id,
            if goals.is_empty() {
                "no particular goals"
            } else {
                "your goals"
            },
            top.score
        ));
        return catalogue.find(&top.id);
    }
    let shown = &ranking[..ranking.len().min(3)];
    let mut intro = String::from("\nRecommended for your goals:\n");
    intro.push_str(&crate::commands::recommend::table(shown, false));
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
    let picked = prompter.select(&Question::new("Framework", "--framework <id>"), &items, 0)?;
    catalogue.find(&ranking[picked].id)
}

fn ask_goals(prompter: &mut dyn Prompter) -> Result<Goals> {
    let use_cases = pick_many(
        prompter,
        "What are you building?",
        "--use-case",
        UseCase::all(),
        UseCase::label,
    )?;
    let priorities = pick_many(
        prompter,
        "What matters most?",
        "--priority",
        Criterion::all(),
        Criterion::label,
    )?;
    let languages = pick_many(
        prompter,
        "Which languages does the team know?",
        "--language",
        Language::all(),
        Language::label,
    )?;
    let mut scales: Vec<String> = vec!["Not sure".into()];
    scales.extend(Scale::all().iter().map(|s| s.label().to_string()));
    let scale = prompter.select(&Question::new("Expected scale", "--scale"), &scales, 0)?;
    Ok(Goals {
        realtime: use_cases.contains(&UseCase::Realtime),
        use_cases,
        priorities,
        languages,
        scale: scale.checked_sub(1).map(|i| Scale::all()[i]),
    })
}

fn pick_many<T: Copy>(
    prompter: &mut dyn Prompter,
    prompt: &str,
    flag: &str,
    all: &[T],
    label: fn(&T) -> &'static str,
) -> Result<Vec<T>> {
    let items: Vec<String> = all.iter().map(|v| label(v).to_string()).collect();
    let picked = prompter.multi_select(&Question::new(prompt, flag), &items)?;
    Ok(picked.into_iter().map(|i| all[i]).collect())
}

fn choose_target(args: &NewArgs, prompter: &mut dyn Prompter) -> Result<(PathBuf, write::Target)> {
    if let Some(dir) = &args.dir {
        let state = write::inspect(dir, args.force)?;
        return Ok((dir.clone(), state));
    }
    if args.yes {
        return Err(Error::NoDefault {
            question: "the project folder".into(),
            flag: "a folder: groundwork new <DIR>".into(),
        });
    }
    if !prompter.interactive() {
        return Err(Error::MissingAnswer {
            question: "the project folder".into(),
            flag: "a folder: groundwork new <DIR>".into(),
        });
    }
    let force = args.force;
    let validate = |text: &str| -> Result<(), String> {
        if text.trim().is_empty() {
            return Err("type a folder name".into());
        }
        write::inspect(Path::new(text), force)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    let typed = prompter.input(
        &Question::new("Project folder", "a folder: groundwork new <DIR>"),
        DEFAULT_FOLDER,
        &validate,
    )?;
    let dir = PathBuf::from(typed);
    let state = write::inspect(&dir, force)?;
    Ok((dir, state))
}

fn ask_option(
    blueprint: &Blueprint,
    option: &crate::options::OptionSpec,
    preferred: Option<&Value>,
    prompter: &mut dyn Prompter,
) -> Result<Value> {
    let default = match preferred {
        Some(value) => value.clone(),
        None => option
            .default_value()
            .expect("defaults are validated when the manifest is loaded"),
    };
    let question = Question::new(option.help.clone(), format!("--set {}=<value>", option.key));
    match option.kind {
        OptionKind::Bool => Ok(Value::Bool(
            prompter.confirm(&question, default.as_bool().unwrap_or(false))?,
        )),
        OptionKind::Choice => {
            let current = default.to_string();
            let at = option
                .choices
                .iter()
                .position(|c| *c == current)
                .unwrap_or(0);
            let picked = prompter.select(&question, &option.choices, at)?;
            Ok(Value::String(option.choices[picked].clone()))
        }
        OptionKind::Int | OptionKind::String => {
            let validate = |text: &str| option.parse_text(text).map(|_| ());
            let typed = prompter.input(&question, &default.to_string(), &validate)?;
            answers::check_text(blueprint, &option.key, &typed)
        }
    }
}

/// The defaults file's values for this blueprint's options, each checked by the option's rule.
fn preferred_defaults(blueprint: &Blueprint, config: &Config) -> Result<Answers> {
    let mut preferred = Answers::new();
    for (key, value) in &config.defaults {
        let Some(option) = blueprint.option(key) else {
            continue;
        };
        let checked = option.parse_toml(value).map_err(|rule| Error::ConfigFile {
            path: crate::config::path(),
            message: format!("[defaults] {key} = {value}: {rule}"),
        })?;
        preferred.insert(key.clone(), checked);
    }
    Ok(preferred)
}

/// Adds the author, unless given: from the defaults file, else git config, else a placeholder.
fn add_author(blueprint: &Blueprint, config: &Config, given: &mut Answers) -> Result<()> {
    let (git_name, git_email) = crate::git::configured_identity();
    for (key, found, fallback) in [
        (
            "author_name",
            config.author.name.clone().or(git_name),
            "Your Name",
        ),
        (
            "author_email",
            config.author.email.clone().or(git_email),
            "you@example.com",
        ),
    ] {
        if !given.contains_key(key) {
            let value = found.unwrap_or_else(|| fallback.to_string());
            // The value was not typed by the user: say where it came from and how to override it.
            let checked = answers::check_text(blueprint, key, &value).map_err(|e| match e {
                Error::InvalidValue { key, value, rule } => Error::InvalidValue {
                    rule: format!(
                        "{rule} (it comes from your git configuration or defaults file; pass --set {key}=<value> to choose another)"
                    ),
                    key,
                    value,
                },
                other => other,
            })?;
            given.insert(key.into(), checked);
        }
    }
    Ok(())
}

fn folder_name(target: &Path) -> String {
    let absolute = std::path::absolute(target).unwrap_or_else(|_| target.to_path_buf());
    absolute
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn summary(blueprint: &Blueprint, target: &Path, answers: &Answers) -> String {
    let mut out = format!(
        "\nAbout to create {} from {} {}:\n",
        target.display(),
        blueprint.manifest.name,
        blueprint.manifest.version
    );
    for (key, value) in answers {
        out.push_str(&format!("  {key} = {value}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use crate::prompt::{Reply, Scripted};
    use clap::Parser;

    fn new_args(args: &[&str]) -> NewArgs {
        let mut argv = vec!["groundwork", "new"];
        argv.extend_from_slice(args);
        match Cli::try_parse_from(argv).unwrap().command {
            Command::New(args) => *args,
            _ => unreachable!(),
        }
    }

    /// Replies that take the default of every option of `id`, in manifest order.
    fn default_option_replies(catalogue: &Catalogue, id: &str) -> Vec<Reply> {
        let blueprint = catalogue.find(id).unwrap();
        blueprint
            .manifest
            .options
            .iter()
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
        replies.push(Reply::Type(String::new())); // project name: the folder's
        replies.extend(default_option_replies(&catalogue, "fastapi"));
        replies.push(Reply::Yes(true));
        let mut prompter = Scripted::new(replies);
        let request = gather(&args, &catalogue, &mut prompter).unwrap();
        assert_eq!(request.blueprint.id(), "fastapi");
        assert_eq!(request.answers["name"], Value::String("svc".into()));
        assert_eq!(request.answers["port"], Value::Int(8000));
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
        let mut replies = vec![Reply::Pick(last), Reply::Type("Billing".into())];
        replies.extend(default_option_replies(&catalogue, &chosen));
        replies.push(Reply::Yes(true));
        let mut prompter = Scripted::new(replies);
        let request = gather(&args, &catalogue, &mut prompter).unwrap();
        assert_eq!(request.blueprint.id(), chosen);
        assert_eq!(request.answers["name"], Value::String("Billing".into()));
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
        let mut replies = vec![Reply::Type(String::new())];
        let mut options = default_option_replies(&catalogue, "fastapi");
        let port_at = catalogue
            .find("fastapi")
            .unwrap()
            .manifest
            .options
            .iter()
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
        let request = gather(&args, &catalogue, &mut prompter).unwrap();
        assert_eq!(request.answers["port"], Value::Int(9000));
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
        ]);
        let mut prompter = Scripted::new([Reply::Yes(true)]);
        let request = gather(&args, &catalogue, &mut prompter).unwrap();
        assert_eq!(request.answers["port"], Value::Int(1234));
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
            let outcome = gather(&args, &catalogue, &mut prompter);
            assert!(
                matches!(outcome, Err(Error::Cancelled)),
                "step {step}: {outcome:?}"
            );
            prompter.finish();
        }
        let mut declined = full.clone();
        *declined.last_mut().unwrap() = Reply::Yes(false);
        let outcome = gather(&args, &catalogue, &mut Scripted::new(declined));
        assert!(matches!(outcome, Err(Error::Cancelled)));
        assert!(!dir.path().join("svc").exists());
    }

    #[test]
    fn without_a_terminal_nothing_is_asked_and_the_flag_is_named() {
        let catalogue = Catalogue::embedded().unwrap();
        let outcome = gather(
            &new_args(&["svc"]),
            &catalogue,
            &mut crate::prompt::NonInteractive,
        );
        let Err(Error::MissingAnswer { flag, .. }) = outcome else {
            panic!("{outcome:?}");
        };
        assert!(flag.starts_with("--framework <id>"), "{flag}");
    }
}

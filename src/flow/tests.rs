//! The flow driven by scripted replies: every path a person can take through the questions.

use super::*;
use crate::cli::{Cli, Command, NewArgs};
use crate::goals::GoalText;
use crate::prompt::{NoPerson, Reply, Scripted};
use clap::Parser;

fn new_args(args: &[&str]) -> NewArgs {
    let mut command_line = vec!["groundwork", "new"];
    command_line.extend_from_slice(args);
    match Cli::try_parse_from(command_line).unwrap().command {
        Command::New(args) => *args,
        _ => unreachable!(),
    }
}

fn plain_table(ranking: &[Recommendation]) -> String {
    let mut table = String::new();
    for recommendation in ranking {
        table.push_str(&format!("{}\n", recommendation.id));
    }
    table
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

fn index_of<T: PartialEq>(all: &[T], wanted: &T) -> usize {
    all.iter().position(|v| v == wanted).unwrap()
}

/// Goals "a high-performance API in Python", picked from the menus.
fn python_api_goal_replies() -> Vec<Reply> {
    vec![
        Reply::PickMany(vec![index_of(UseCase::all(), &UseCase::Api)]),
        Reply::PickMany(vec![index_of(Criterion::all(), &Criterion::Performance)]),
        Reply::PickMany(vec![index_of(Language::all(), &Language::Python)]),
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
fn the_plan_a_person_confirmed_is_handed_on_so_new_renders_once() {
    let catalogue = Catalogue::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("svc");
    let args = new_args(&[target.to_str().unwrap(), "-f", "fastapi"]);
    let mut replies = vec![Reply::Pick(0), Reply::Type(String::new())];
    replies.extend(default_option_replies(&catalogue, "fastapi"));
    replies.push(Reply::Yes(true));
    let mut prompter = Scripted::new(replies);
    let request = gather_with(&args, &catalogue, &mut prompter).unwrap();
    let plan = request.plan.expect("the summary's plan");
    let again = crate::generate::plan(
        request.blueprint,
        &request.answers,
        request.recommendation.clone(),
    )
    .unwrap();
    assert_eq!(plan.files, again.files);
    let counted = format!("  {} files; ", plan.files.len());
    assert!(
        prompter.finish().iter().any(|l| l.contains(&counted)),
        "the summary counts the plan handed on"
    );
}

#[test]
fn an_unattended_run_leaves_the_plan_to_the_pipeline() {
    let catalogue = Catalogue::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("svc");
    let args = new_args(&[target.to_str().unwrap(), "-f", "fastapi", "--yes"]);
    let options = NewOptions::from_args(&args, &catalogue, false).unwrap();
    let request = gather(&options, &catalogue, &mut NoPerson::with_yes(), plain_table).unwrap();
    assert!(request.plan.is_none());
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
    let ranking = goals::menu(&catalogue, &goals).unwrap();
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
fn ctrl_c_at_any_question_cancels_the_run() {
    let catalogue = Catalogue::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let args = new_args(&[]);
    let full = full_fastapi_replies(&catalogue, dir.path());
    for step in 0..full.len() {
        let mut replies = full[..step].to_vec();
        replies.push(Reply::Cancel);
        if step > 0 {
            // Something was answered: the offer to save it, declined.
            replies.push(Reply::Yes(false));
        }
        let mut prompter = Scripted::new(replies);
        let outcome = gather_with(&args, &catalogue, &mut prompter);
        assert!(
            matches!(outcome, Err(Error::Cancelled)),
            "step {step}: {outcome:?}"
        );
        prompter.finish();
    }
    assert!(!dir.path().join("svc").exists());
}

/// Every reply of a whole run without flags, ending with yes to "Create it?": goals, `FastAPI` (the
/// recommendation), the database, the folder `svc` in `dir`, the name, every option's default.
fn full_fastapi_replies(catalogue: &Catalogue, dir: &Path) -> Vec<Reply> {
    let mut full = python_api_goal_replies();
    full.push(Reply::Pick(0));
    full.push(Reply::Pick(0)); // the database
    full.push(Reply::Type(dir.join("svc").to_string_lossy().into_owned()));
    full.push(Reply::Type(String::new()));
    full.extend(default_option_replies(catalogue, "fastapi"));
    full.push(Reply::Yes(true));
    full
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
            .any(|l| l.contains("database = postgres (goal: chosen for --scale large)")),
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

/// A run with the goals given as flags (so only the framework and the rest are asked), into
/// `svc` in `dir`, up to and including the summary's "Create it?" answered with `create`.
fn fastapi_run_up_to_the_summary(catalogue: &Catalogue, create: Reply) -> Vec<Reply> {
    let mut replies = vec![Reply::Pick(0), Reply::Pick(0), Reply::Type(String::new())];
    replies.extend(default_option_replies(catalogue, "fastapi"));
    replies.push(create);
    replies
}

fn python_api_args(target: &Path) -> NewArgs {
    new_args(&[
        target.to_str().unwrap(),
        "--use-case",
        "api",
        "--language",
        "python",
    ])
}

/// The summaries shown, in order.
fn summaries(transcript: &[String]) -> Vec<&String> {
    transcript
        .iter()
        .filter(|l| l.starts_with("shown: \nAbout to create"))
        .collect()
}

#[test]
fn the_framework_list_is_ordered_by_score_with_the_language_on_every_line() {
    let catalogue = Catalogue::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("svc");
    // "FastAPI is particularly useful for data-heavy applications"; Ruby is named, so Rails is
    // the recommendation although others score higher.
    let args = new_args(&[
        target.to_str().unwrap(),
        "--language",
        "ruby",
        "--use-case",
        "realtime",
    ]);
    let mut prompter = Scripted::new([Reply::Cancel]);
    let _ = gather_with(&args, &catalogue, &mut prompter);
    let menu = &prompter.menus[0];
    assert_eq!(menu.len(), 10);
    assert!(
        menu[0].starts_with("Ruby on Rails (ruby, score ")
            && menu[0].ends_with(", recommended: the top in a language you named)"),
        "{menu:#?}"
    );
    let scores: Vec<u8> = menu[1..]
        .iter()
        .map(|line| {
            let score = line.split("score ").nth(1).unwrap();
            score
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{menu:#?}");
    assert!(
        scores[0] > 56,
        "a framework outscores the recommendation: {menu:#?}"
    );
    for line in menu {
        let language = line.split(" (").nth(1).unwrap().split(',').next().unwrap();
        assert!(Language::parse(language).is_ok(), "{line}");
    }
    prompter.finish();
}

#[test]
fn a_tie_is_announced_in_the_framework_list_and_the_first_is_preselected() {
    let catalogue = Catalogue::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("svc");
    let args = new_args(&[
        target.to_str().unwrap(),
        "--language",
        "php",
        "--use-case",
        "api",
        "--priority",
        "performance",
    ]);
    let mut prompter = Scripted::new([Reply::Cancel]);
    let _ = gather_with(&args, &catalogue, &mut prompter);
    let menu = &prompter.menus[0];
    assert!(
        menu[0].starts_with("Laravel (php, score ") && menu[0].contains("recommended"),
        "{menu:#?}"
    );
    assert_eq!(
        menu[1..3],
        [
            "Express (javascript, score 79) = tied with FastAPI at 79; ordered by the unrounded score",
            "FastAPI (python, score 79) = tied with Express at 79; ordered by the unrounded score",
        ]
    );
    prompter.finish();

    // --yes takes the first line, the recommendation.
    let yes = new_args(&[target.to_str().unwrap(), "--language", "php", "-y"]);
    let options = NewOptions::from_args(&yes, &catalogue, false).unwrap();
    let request = gather(&options, &catalogue, &mut NoPerson::with_yes(), plain_table).unwrap();
    assert_eq!(request.blueprint.id(), "laravel");
}

#[test]
fn priorities_keep_the_order_they_were_picked_in() {
    let catalogue = Catalogue::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("svc");
    let args = new_args(&[target.to_str().unwrap()]);
    let mut replies = python_api_goal_replies();
    // Security first, then performance: the reverse of the menu's order.
    replies[1] = Reply::PickMany(vec![
        index_of(Criterion::all(), &Criterion::Security),
        index_of(Criterion::all(), &Criterion::Performance),
    ]);
    replies.extend(fastapi_run_up_to_the_summary(&catalogue, Reply::Yes(true)));
    let mut prompter = Scripted::new(replies);
    let request = gather_with(&args, &catalogue, &mut prompter).unwrap();
    let transcript = prompter.finish();
    let shown = summaries(&transcript);
    assert!(
        shown[0].contains(
            "  goals: --use-case api --priority security,performance --language python\n"
        ),
        "{shown:#?}"
    );
    let goals = Goals {
        use_cases: vec![UseCase::Api],
        priorities: vec![Criterion::Security, Criterion::Performance],
        languages: vec![Language::Python],
        scale: None,
        realtime: false,
    };
    assert_eq!(
        request.blueprint.id(),
        goals::menu(&catalogue, &goals).unwrap()[0].id
    );
}

#[test]
fn the_summary_names_the_folder_the_blueprint_every_answer_its_source_files_and_git() {
    let catalogue = Catalogue::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("svc");
    let mut args = python_api_args(&target);
    args.set = vec!["port=9000".into()];
    let mut replies = vec![
        Reply::Pick(0),
        Reply::Pick(1),
        Reply::Type("Billing".into()),
    ];
    replies.extend(
        default_option_replies(&catalogue, "fastapi")
            .into_iter()
            .skip(1), // the port, given by --set
    );
    replies.push(Reply::Yes(true));
    let mut prompter = Scripted::new(replies);
    let request = gather_with(&args, &catalogue, &mut prompter).unwrap();
    let transcript = prompter.finish();
    let shown = summaries(&transcript)[0];
    let fastapi = catalogue.find("fastapi").unwrap();
    assert!(
        shown.starts_with(&format!(
            "shown: \nAbout to create {} from FastAPI {} (fastapi):\n  goals: --use-case api --language python\n",
            target.display(),
            fastapi.manifest.version
        )),
        "{shown}"
    );
    for (key, answer) in &request.answers {
        let line = format!("\n  {key} = {} (", answer.value);
        assert!(shown.contains(&line), "{line} in {shown}");
    }
    assert!(shown.contains("\n  port = 9000 (flag)\n"), "{shown}");
    assert!(shown.contains("\n  name = Billing (prompt)\n"), "{shown}");
    assert!(
        shown.contains("\n  database = postgres (prompt)\n"),
        "{shown}"
    );
    assert!(
        shown.contains("\n  docker = true (blueprint default)\n"),
        "{shown}"
    );
    let environment = crate::render::Environment {
        year: crate::clock::current_year(),
        goal_choices: Vec::new(),
        recommendation: None,
    };
    let plan =
        crate::render::plan(fastapi, &answers::values(&request.answers), &environment).unwrap();
    let last = shown.lines().last().unwrap();
    let git = match crate::git::enclosing_work_tree(dir.path()) {
        Some(root) => format!("no new git repository: the folder is inside the one at {root}"),
        None => "git: a new repository with one first commit".into(),
    };
    assert_eq!(last, format!("  {} files; {git}", plan.files.len()));

    let mut quiet = python_api_args(&target);
    quiet.no_git = true;
    let mut prompter = Scripted::new(fastapi_run_up_to_the_summary(&catalogue, Reply::Yes(true)));
    gather_with(&quiet, &catalogue, &mut prompter).unwrap();
    let transcript = prompter.finish();
    assert!(
        summaries(&transcript)[0].ends_with(" files; no git repository (--no-git)"),
        "{transcript:#?}"
    );
}

#[test]
fn no_at_the_summary_edits_an_answer_which_is_checked_then_shows_the_summary_again() {
    let catalogue = Catalogue::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("svc");
    let args = python_api_args(&target);
    let mut replies = fastapi_run_up_to_the_summary(&catalogue, Reply::Yes(false));
    replies.push(Reply::Pick(0)); // edit an answer
    // Esc at "Which answer?" shows the summary again.
    let mut looked = replies.clone();
    looked.extend([Reply::Back, Reply::Yes(true)]);
    let mut prompter = Scripted::new(looked);
    gather_with(&args, &catalogue, &mut prompter).unwrap();
    let editable = prompter.menus.last().unwrap().clone();
    assert_eq!(summaries(&prompter.finish()).len(), 2);
    let port_at = editable.iter().position(|l| l == "port = 8000").unwrap();
    assert_eq!(editable[0], "framework: FastAPI");
    assert!(
        !editable.iter().any(|l| l.starts_with("folder")),
        "the folder was given: {editable:#?}"
    );
    replies.push(Reply::Pick(port_at));
    replies.push(Reply::Type("0".into()));
    replies.push(Reply::Type("9100".into()));
    replies.push(Reply::Yes(true));
    let mut prompter = Scripted::new(replies);
    let request = gather_with(&args, &catalogue, &mut prompter).unwrap();
    assert_eq!(request.answers["port"].value, Value::Int(9100));
    assert_eq!(request.answers["port"].source, AnswerSource::Prompt);
    let transcript = prompter.finish();
    let tail: Vec<&str> = transcript[transcript.len() - 7..]
        .iter()
        .map(|l| l.lines().next().unwrap_or(""))
        .collect();
    assert_eq!(
        tail,
        [
            "What now?",
            "Which answer?",
            "Port the development server listens on",
            "invalid: expected a whole number from 1 to 65535",
            "Port the development server listens on",
            "shown: ",
            "Create it?"
        ]
    );
    let shown = summaries(&transcript);
    assert_eq!(shown.len(), 2);
    assert!(
        shown[1].contains("\n  port = 9100 (prompt)\n"),
        "{}",
        shown[1]
    );
}

#[test]
fn editing_the_framework_asks_the_new_blueprints_questions() {
    let catalogue = Catalogue::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("svc");
    let args = python_api_args(&target);
    let goals = goals::parse(&GoalText::from(&args.goals)).unwrap();
    let menu = goals::menu(&catalogue, &goals).unwrap();
    let django = menu.iter().position(|r| r.id == "django").unwrap();
    let mut replies = fastapi_run_up_to_the_summary(&catalogue, Reply::Yes(false));
    replies.extend([Reply::Pick(0), Reply::Pick(0), Reply::Pick(django)]);
    // Every question after the framework, each offering the answer so far.
    replies.extend([Reply::Pick(0), Reply::Type(String::new())]);
    replies.extend(default_option_replies(&catalogue, "django"));
    replies.push(Reply::Yes(true));
    let mut prompter = Scripted::new(replies);
    let request = gather_with(&args, &catalogue, &mut prompter).unwrap();
    assert_eq!(request.blueprint.id(), "django");
    assert_eq!(request.answers["name"].value, Value::String("svc".into()));
    let transcript = prompter.finish();
    assert_eq!(summaries(&transcript).len(), 2);
}

#[test]
fn start_over_asks_everything_again_and_cancel_cancels() {
    let catalogue = Catalogue::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("svc");
    let args = python_api_args(&target);
    let mut replies = fastapi_run_up_to_the_summary(&catalogue, Reply::Yes(false));
    replies.push(Reply::Pick(1)); // start over
    let mut again = fastapi_run_up_to_the_summary(&catalogue, Reply::Yes(false));
    again[2] = Reply::Type("Second".into());
    replies.extend(again);
    replies.push(Reply::Pick(2)); // cancel
    replies.push(Reply::Yes(false)); // not saved
    let mut prompter = Scripted::new(replies);
    let outcome = gather_with(&args, &catalogue, &mut prompter);
    assert!(matches!(outcome, Err(Error::Cancelled)), "{outcome:?}");
    let transcript = prompter.finish();
    assert_eq!(transcript.iter().filter(|l| *l == "Framework").count(), 2);
    assert!(summaries(&transcript)[1].contains("\n  name = Second (prompt)\n"));
    assert!(!target.exists());
}

#[test]
fn esc_goes_back_one_question_and_the_answer_given_again_counts() {
    let catalogue = Catalogue::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("svc");
    let args = new_args(&[target.to_str().unwrap()]);
    let mut replies = python_api_goal_replies();
    // Back from the framework to the scale, and from there to the languages: now JavaScript.
    replies.extend([Reply::Back, Reply::Back]);
    replies.push(Reply::PickMany(vec![index_of(
        Language::all(),
        &Language::JavaScript,
    )]));
    replies.push(Reply::Pick(0)); // the scale again
    replies.push(Reply::Pick(0)); // the framework: the new recommendation
    let goals = Goals {
        use_cases: vec![UseCase::Api],
        priorities: vec![Criterion::Performance],
        languages: vec![Language::JavaScript],
        scale: None,
        realtime: false,
    };
    let top = goals::menu(&catalogue, &goals).unwrap()[0].id.clone();
    let blueprint = catalogue.find(&top).unwrap();
    if blueprint.option("database").is_some() {
        replies.push(Reply::Pick(0));
    }
    replies.push(Reply::Type("First".into()));
    replies.push(Reply::Back); // at the first option: back to the name
    replies.push(Reply::Type(String::new())); // offered again: "First"
    replies.extend(default_option_replies(&catalogue, &top));
    replies.push(Reply::Back); // at "Create it?": back to the last option
    replies.extend(default_option_replies(&catalogue, &top).into_iter().last());
    replies.push(Reply::Yes(true));
    let mut prompter = Scripted::new(replies);
    let request = gather_with(&args, &catalogue, &mut prompter).unwrap();
    assert_eq!(request.blueprint.id(), top);
    assert_eq!(request.blueprint.manifest.language, "javascript");
    assert_eq!(request.answers["name"].value, Value::String("First".into()));
    let transcript = prompter.finish();
    let asked: Vec<&str> = transcript
        .iter()
        .filter(|l| !l.starts_with("shown:"))
        .map(String::as_str)
        .take(8)
        .collect();
    assert_eq!(
        asked,
        [
            "What are you building?",
            "What matters most? Pick in order of importance",
            "Which languages does the team know?",
            "Expected scale",
            "Framework",
            "Expected scale",
            "Which languages does the team know?",
            "Expected scale",
        ]
    );
}

#[test]
fn esc_at_the_first_question_stays_there() {
    let catalogue = Catalogue::embedded().unwrap();
    let args = new_args(&["svc", "-f", "fastapi"]);
    let mut prompter = Scripted::new([Reply::Back, Reply::Cancel]);
    let outcome = gather_with(&args, &catalogue, &mut prompter);
    assert!(matches!(outcome, Err(Error::Cancelled)));
    let transcript = prompter.finish();
    assert_eq!(
        transcript[1],
        "shown: This is the first question; Ctrl-C cancels."
    );
    assert_eq!(transcript[0], transcript[2]);
}

#[test]
fn a_cancelled_run_saves_its_answers_to_a_file_that_resumes_it() {
    let catalogue = Catalogue::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("svc");
    let file = dir.path().join("answers.toml");
    let args = python_api_args(&target);
    let mut replies = vec![
        Reply::Pick(0),
        Reply::Pick(1),
        Reply::Type("Billing".into()),
    ];
    replies.push(Reply::Type("9000".into())); // the port
    replies.push(Reply::Cancel);
    replies.push(Reply::Yes(true));
    replies.push(Reply::Type(file.to_string_lossy().into_owned()));
    let mut prompter = Scripted::new(replies);
    let outcome = gather_with(&args, &catalogue, &mut prompter);
    assert!(matches!(outcome, Err(Error::Cancelled)), "{outcome:?}");
    let transcript = prompter.finish();
    let saved = answers::read_answers_file(&file).unwrap();
    assert_eq!(saved.blueprint.as_deref(), Some("fastapi"));
    let values: Vec<(&str, String)> = saved
        .values
        .iter()
        .map(|(k, v)| (k.as_str(), v.to_string()))
        .collect();
    assert_eq!(
        values,
        [
            ("database", "\"postgres\"".to_string()),
            ("name", "\"Billing\"".to_string()),
            ("port", "9000".to_string()),
        ]
    );
    let command = format!(
        "groundwork new {} --answers {}",
        target.display(),
        file.display()
    );
    assert_eq!(
        transcript.last().unwrap(),
        &format!(
            "shown: Saved your answers to {}. Resume with:\n  {command}",
            file.display()
        )
    );
    assert!(std::fs::read_to_string(&file).unwrap().contains(&command));

    // Resuming asks only what was not answered.
    let mut resume = new_args(&[target.to_str().unwrap()]);
    resume.answers = Some(file.clone());
    let mut replies: Vec<Reply> = default_option_replies(&catalogue, "fastapi")
        .into_iter()
        .skip(1)
        .collect();
    replies.push(Reply::Yes(true));
    let mut prompter = Scripted::new(replies);
    let request = gather_with(&resume, &catalogue, &mut prompter).unwrap();
    assert_eq!(request.answers["port"].value, Value::Int(9000));
    assert_eq!(
        request.answers["database"].value,
        Value::String("postgres".into())
    );
    prompter.finish();
}

#[test]
fn saving_never_replaces_a_file_without_asking() {
    let catalogue = Catalogue::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("svc");
    let taken = dir.path().join("taken.toml");
    std::fs::write(&taken, "mine").unwrap();
    let other = dir.path().join("other.toml");
    let args = python_api_args(&target);
    let replies = [
        Reply::Pick(0),
        Reply::Cancel,
        Reply::Yes(true),
        Reply::Type(taken.to_string_lossy().into_owned()),
        Reply::Yes(false), // do not replace it
        Reply::Type(other.to_string_lossy().into_owned()),
    ];
    let mut prompter = Scripted::new(replies);
    let _ = gather_with(&args, &catalogue, &mut prompter);
    let transcript = prompter.finish();
    assert!(transcript.contains(&format!("{} exists. Replace it?", taken.display())));
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "mine");
    let saved = answers::read_answers_file(&other).unwrap();
    assert_eq!(saved.blueprint.as_deref(), Some("fastapi"));
}

#[test]
fn goals_alone_are_saved_as_flags_of_the_resume_command() {
    let catalogue = Catalogue::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("goals.toml");
    let args = new_args(&[]);
    let mut replies = python_api_goal_replies();
    replies.push(Reply::Cancel); // at the framework
    replies.push(Reply::Yes(true));
    replies.push(Reply::Type(file.to_string_lossy().into_owned()));
    let mut prompter = Scripted::new(replies);
    let _ = gather_with(&args, &catalogue, &mut prompter);
    let transcript = prompter.finish();
    assert!(
        transcript.last().unwrap().ends_with(&format!(
            "groundwork new --answers {} --use-case api --priority performance --language python",
            file.display()
        )),
        "{transcript:#?}"
    );
    let saved = answers::read_answers_file(&file).unwrap();
    assert!(saved.blueprint.is_none() && saved.values.is_empty());
}

#[test]
fn nothing_answered_or_nobody_to_ask_means_nothing_to_offer() {
    let catalogue = Catalogue::embedded().unwrap();
    let args = new_args(&[]);
    let mut prompter = Scripted::new([Reply::Cancel]);
    let outcome = gather_with(&args, &catalogue, &mut prompter);
    assert!(matches!(outcome, Err(Error::Cancelled)));
    assert_eq!(prompter.finish(), ["What are you building?"]);
    assert!(!NoPerson::with_yes().is_person());
    assert!(!NoPerson::without_yes().is_person());
}

#[test]
fn an_edited_folder_carries_the_name_taken_from_it_and_the_author_can_be_edited() {
    let catalogue = Catalogue::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let args = new_args(&["-f", "fastapi"]);
    let first = dir.path().join("svc");
    let second = dir.path().join("other");
    let mut replies = vec![
        Reply::Pick(0),
        Reply::Type(first.to_string_lossy().into_owned()),
        Reply::Type(String::new()), // the name: the folder's
    ];
    replies.extend(default_option_replies(&catalogue, "fastapi"));
    replies.extend([Reply::Yes(false), Reply::Pick(0)]);
    let mut looked = replies.clone();
    looked.extend([Reply::Back, Reply::Yes(true)]);
    let mut prompter = Scripted::new(looked);
    gather_with(&args, &catalogue, &mut prompter).unwrap();
    let editable = prompter.menus.last().unwrap().clone();
    prompter.finish();
    let at = |line: &str| editable.iter().position(|l| l.starts_with(line)).unwrap();
    assert_eq!(editable[0], format!("folder: {}", first.display()));
    replies.extend([
        Reply::Pick(at("folder:")),
        Reply::Type(second.to_string_lossy().into_owned()),
        Reply::Yes(false),
        Reply::Pick(0),
        Reply::Pick(at("author_name = ")),
        Reply::Type("Ann Example".into()),
        Reply::Yes(true),
    ]);
    let mut prompter = Scripted::new(replies);
    let request = gather_with(&args, &catalogue, &mut prompter).unwrap();
    assert_eq!(request.target, second);
    assert_eq!(request.answers["name"].value, Value::String("other".into()));
    assert_eq!(request.answers["name"].source, AnswerSource::Folder);
    let author = &request.answers["author_name"];
    assert_eq!(author.value, Value::String("Ann Example".into()));
    assert_eq!(author.source, AnswerSource::Prompt);
    let transcript = prompter.finish();
    assert!(transcript.contains(&"Author name".to_string()));
    assert!(
        summaries(&transcript)[2].contains("\n  name = other (folder name)\n"),
        "{transcript:#?}"
    );
}

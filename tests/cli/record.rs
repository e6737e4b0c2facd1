//! What a project keeps of the recommendation it was made through, the warnings `new` gives about
//! a blueprint's proof level and this machine's toolchain, and `list` within its terminal.

use crate::support::Test;

const PROOF_HEADING: &str = "ID           FRAMEWORK      LANGUAGE    PROOF         DESCRIPTION";

fn list_with_columns(columns: &str) -> String {
    let run = Test::new().args(["list"]).env("COLUMNS", columns).run();
    run.status(0);
    run.stdout.clone()
}

#[test]
fn list_uses_a_120_column_terminal_and_cuts_no_description() {
    let out = list_with_columns("120");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], PROOF_HEADING);
    for line in &lines {
        assert!(line.chars().count() <= 120, "{line:?}");
    }
    assert!(!out.contains('…'), "nothing is cut:\n{out}");
    assert_eq!(
        lines[1],
        "aspnet-core  ASP.NET Core   csharp      syntax only   ASP.NET Core 10 minimal API: EF Core 10 with migrations (SQLite or"
    );
    assert_eq!(
        lines[2],
        "                                                      PostgreSQL), health checks, problem-details errors, xUnit with"
    );
    assert!(
        out.contains("\nfastapi      FastAPI        python      end-to-end    Async Python API with pydantic models, uvicorn and pytest\n"),
        "{out}"
    );
}

#[test]
fn list_on_60_columns_puts_each_description_under_its_row() {
    let out = list_with_columns("60");
    for line in out.lines() {
        assert!(line.chars().count() <= 60, "{line:?}");
    }
    assert!(!out.contains('…'), "nothing is cut:\n{out}");
    assert!(
        out.starts_with(
            "ID           FRAMEWORK      LANGUAGE    PROOF\n\
             aspnet-core  ASP.NET Core   csharp      syntax only\n    \
             ASP.NET Core 10 minimal API: EF Core 10 with migrations\n    \
             (SQLite or PostgreSQL), health checks, problem-details\n    \
             errors, xUnit with WebApplicationFactory\n"
        ),
        "{out}"
    );
    assert!(out.contains("\nrails        Ruby on Rails  ruby        e2e (Debian)\n"));
}

#[test]
fn list_into_a_pipe_gives_every_description_whole_on_its_line() {
    let run = Test::new().args(["list"]).run();
    run.status(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], PROOF_HEADING);
    assert_eq!(
        lines.len(),
        11,
        "a heading and ten blueprints:\n{}",
        run.stdout
    );
    assert_eq!(
        lines[10],
        "spring-boot  Spring Boot    java        end-to-end    Spring Boot 4 JSON API: Spring MVC, Spring Data JPA with Flyway (H2 or PostgreSQL), Bean Validation, Actuator health, JUnit and MockMvc, Maven wrapper"
    );
}

#[test]
fn a_columns_value_that_is_not_a_width_is_ignored() {
    let run = Test::new().args(["list"]).env("COLUMNS", "wide").run();
    run.status(0);
    assert_eq!(run.stdout.lines().count(), 11, "{}", run.stdout);
}

/// A folder of stand-in tools, each printing the version given, to be the whole PATH of a run.
fn tools_on_path(t: Test, tools: &[(&str, &str)]) -> Test {
    let bin = t.dir.path().join("tools");
    std::fs::create_dir_all(&bin).unwrap();
    for (name, version_line) in tools {
        let script = bin.join(name);
        std::fs::write(&script, format!("#!/bin/sh\necho '{version_line}'\n")).unwrap();
        let mut permissions = std::fs::metadata(&script).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
        std::fs::set_permissions(&script, permissions).unwrap();
    }
    let path = bin.to_str().unwrap().to_string();
    t.env("PATH", &path)
}

const RAILS_PROOF: &str = "warning: rails: proven here on Debian's packages of its framework, not on the versions its own files pin (see `groundwork show rails`)\n";

#[test]
fn new_warns_once_about_a_ruby_older_than_rails_needs_and_about_the_proof_level() {
    let t = Test::new().args(["new", "svc", "-f", "rails", "-y", "--dry-run"]);
    let run = tools_on_path(
        t,
        &[("ruby", "ruby 3.1.2p20 (2022-04-12 revision 4491bb740a)")],
    )
    .run();
    run.status(0);
    let too_old = "warning: ruby 3.1.2 is too old: the project's commands need it, version 3.2 or newer (see `groundwork doctor rails`)\n";
    assert_eq!(run.stderr.matches(too_old).count(), 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches(RAILS_PROOF).count(), 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("warning:").count(), 2, "{}", run.stderr);
}

#[test]
fn with_a_ruby_that_fits_only_the_proof_level_is_said() {
    let t = Test::new().args(["new", "svc", "-f", "rails", "-y", "--dry-run"]);
    let run = tools_on_path(
        t,
        &[("ruby", "ruby 3.3.6 (2024-11-05 revision 75015d4c1f)")],
    )
    .run();
    run.status(0);
    assert_eq!(run.stderr.matches("warning:").count(), 1, "{}", run.stderr);
    run.stderr_has(RAILS_PROOF);
}

#[test]
fn an_end_to_end_blueprint_with_its_tools_gets_no_warning() {
    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y", "--no-git"]);
    let run = tools_on_path(t, &[("python3", "Python 3.12.1")]).run();
    run.status(0);
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
}

#[test]
fn new_json_lists_the_same_warnings() {
    let t = Test::new().args(["new", "svc", "-f", "laravel", "-y", "--dry-run", "--json"]);
    let run = tools_on_path(t, &[("php", "PHP 8.2.36 (cli) (NTS)")]).run();
    run.status(0);
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        summary["warnings"],
        serde_json::json!([
            "laravel: proven here on Debian's packages of its framework, not on the versions its own files pin (see `groundwork show laravel`)",
            "php 8.2.36 is too old: the project's commands need it, version 8.3 or newer (see `groundwork doctor laravel`)",
            "composer not found: the project's commands need it, version 2.0 or newer (see `groundwork doctor laravel`)"
        ])
    );
}

#[test]
fn a_dry_run_says_the_warnings_too() {
    let t = Test::new().args(["new", "svc", "-f", "rails", "-y", "--dry-run"]);
    let run = tools_on_path(t, &[("ruby", "ruby 3.1.2p20")]).run();
    run.status(0).stderr_has(RAILS_PROOF).stderr_has(
        "warning: ruby 3.1.2 is too old: the project's commands need it, version 3.2 or newer",
    );
    assert!(!run.stdout.contains("warning"), "{}", run.stdout);
}

#[test]
fn an_unattended_run_looks_for_its_tools_without_running_them() {
    let t = Test::new().args(["new", "svc", "-f", "rails", "-y", "--no-git"]);
    let marker = t.dir.path().join("ruby-was-run");
    let t = tools_on_path(t, &[("ruby", "ruby 3.1.2p20")]);
    let script = t.dir.path().join("tools/ruby");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ntouch '{}'\necho 'ruby 3.1.2p20'\n",
            marker.display()
        ),
    )
    .unwrap();
    let run = t.run();
    run.status(0);
    assert!(!marker.exists(), "`new --yes` ran ruby --version");
    assert_eq!(run.stderr.matches("warning:").count(), 1, "{}", run.stderr);
    run.stderr_has(RAILS_PROOF);
    // A tool missing from PATH is still said.
    let t = Test::new().args(["new", "svc", "-f", "laravel", "-y", "--no-git"]);
    let run = tools_on_path(t, &[("php", "PHP 8.4.1 (cli)")]).run();
    run.status(0).stderr_has(
        "warning: composer not found: the project's commands need it, version 2.0 or newer (see `groundwork doctor laravel`)\n",
    );
}

#[test]
fn doctor_and_new_agree_on_what_fails() {
    let t = Test::new().args(["doctor", "rails"]);
    let t = tools_on_path(t, &[("ruby", "ruby 3.1.2p20")]);
    t.run()
        .status(1)
        .stdout_has("3.1.2 is older than the 3.2 it needs");
}

/// What `groundwork recommend --json` ranks first for these goal flags.
fn top_recommendation(flags: &[&str]) -> serde_json::Value {
    let run = Test::new()
        .args(["recommend", "--json"].iter().chain(flags))
        .run();
    run.status(0);
    let ranking: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    ranking[0].clone()
}

/// The reasons as the record and the README write them: each marked as `recommend` marks it.
fn marked_reasons(recommendation: &serde_json::Value) -> Vec<String> {
    let notes = recommendation["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| format!("! {}", n.as_str().unwrap()));
    let reasons = recommendation["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mark = match r["kind"].as_str().unwrap() {
                "match" => '+',
                "caveat" => '-',
                "trade_off" => '~',
                "general" => '·',
                other => panic!("unknown reason kind {other}"),
            };
            format!("{mark} {}", r["text"].as_str().unwrap())
        });
    notes.chain(reasons).collect()
}

fn recorded_recommendation(t: &Test, dir: &str) -> Option<toml::Value> {
    let text = std::fs::read_to_string(t.path(dir).join(".groundwork.toml")).unwrap();
    let record: toml::Table = toml::from_str(&text).unwrap();
    record.get("recommendation").cloned()
}

fn readme(t: &Test, dir: &str) -> String {
    std::fs::read_to_string(t.path(dir).join("README.md")).unwrap()
}

const SECTION: &str = "### Chosen for this team";

#[test]
fn a_project_made_from_goal_flags_records_the_goals_pick_score_and_reasons() {
    for priorities in ["security,performance", "performance,security"] {
        let goals = ["--use-case", "api", "--priority", priorities, "--realtime"];
        let top = top_recommendation(&goals);
        let t = Test::new().args(["new", "svc", "-y", "--no-git"].iter().chain(&goals));
        t.run().status(0);
        let id = top["id"].as_str().unwrap();
        let score = top["score"].as_u64().unwrap();
        let reasons = marked_reasons(&top);

        let recorded = recorded_recommendation(&t, "svc").expect("a [recommendation] table");
        assert_eq!(recorded["pick"].as_str(), Some(id));
        assert_eq!(
            recorded["score"].as_integer(),
            Some(i64::try_from(score).unwrap())
        );
        assert_eq!(recorded["rank"].as_integer(), Some(1));
        assert_eq!(
            recorded["groundwork_version"].as_str(),
            Some(env!("CARGO_PKG_VERSION"))
        );
        let recorded_reasons: Vec<&str> = recorded["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        assert_eq!(recorded_reasons, reasons);
        let in_order: Vec<&str> = priorities.split(',').collect();
        let recorded_priorities: Vec<&str> = recorded["goals"]["priorities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert_eq!(recorded_priorities, in_order, "the team's order");
        assert_eq!(recorded["goals"]["use_cases"].as_array().unwrap().len(), 1);
        assert_eq!(recorded["goals"]["realtime"].as_bool(), Some(true));
        let tied: Vec<&str> = top["tied_with"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        match recorded.get("tied_with") {
            Some(list) => {
                let list: Vec<&str> = list
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap())
                    .collect();
                assert_eq!(list, tied);
                assert_eq!(recorded["tie_break"].as_str(), top["tie_break"].as_str());
            }
            None => assert!(tied.is_empty(), "a tie is recorded: {tied:?}"),
        }

        let readme = readme(&t, "svc");
        assert_eq!(readme.matches(SECTION).count(), 1, "{readme}");
        assert!(
            readme.contains(&format!(
                "{} was picked from groundwork's ranking for the team's goals: number\n1 of ",
                top["name"].as_str().unwrap()
            )),
            "{readme}"
        );
        assert!(
            readme.contains(&format!(
                ", with a score of {score} out of 100 (groundwork {})",
                env!("CARGO_PKG_VERSION")
            )),
            "{readme}"
        );
        assert!(
            readme.contains(&format!(
                "- use cases: api\n- priorities, most important first: {}\n- real-time: wanted\n",
                in_order.join(", ")
            )),
            "{readme}"
        );
        assert!(
            readme.contains(&format!("```text\n{}\n```\n", reasons.join("\n"))),
            "every reason, in order:\n{readme}"
        );
        assert!(readme.contains(&format!(
            "`groundwork recommend --use-case api --priority {priorities} --realtime --explain`"
        )));
    }
}

#[test]
fn a_project_made_with_framework_records_no_recommendation() {
    for extra in [&[][..], &["--use-case", "api"][..]] {
        let t = Test::new().args(
            ["new", "svc", "-f", "fastapi", "-y", "--no-git"]
                .iter()
                .chain(extra),
        );
        t.run().status(0);
        assert_eq!(recorded_recommendation(&t, "svc"), None);
        let readme = readme(&t, "svc");
        assert!(!readme.contains(SECTION), "{readme}");
        assert!(!readme.contains("recommend"), "no empty section:\n{readme}");
        let record = std::fs::read_to_string(t.path("svc/.groundwork.toml")).unwrap();
        assert!(!record.contains("recommendation"), "{record}");
    }
}

#[test]
fn without_goals_the_general_ranking_is_recorded_as_such() {
    let t = Test::new().args(["new", "svc", "-y", "--no-git"]);
    t.run().status(0);
    let top = top_recommendation(&[]);
    let recorded = recorded_recommendation(&t, "svc").expect("a [recommendation] table");
    assert_eq!(recorded["pick"].as_str(), top["id"].as_str());
    assert_eq!(recorded["goals"].as_table().map(toml::Table::len), Some(0));
    let readme = readme(&t, "svc");
    assert!(
        readme.contains("The goals:\n\n- none given: a general ranking\n"),
        "{readme}"
    );
}

#[test]
fn new_json_carries_the_recommendation() {
    let t = Test::new().args([
        "new",
        "svc",
        "-y",
        "--no-git",
        "--json",
        "--language",
        "java",
    ]);
    let run = t.run();
    run.status(0);
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let top = top_recommendation(&["--language", "java"]);
    let recommendation = &summary["recommendation"];
    assert_eq!(recommendation["pick"], top["id"]);
    assert_eq!(recommendation["score"], top["score"]);
    assert_eq!(
        recommendation["goals"]["languages"],
        serde_json::json!(["java"])
    );
    let reasons: Vec<String> = recommendation["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    assert_eq!(reasons, marked_reasons(&top));

    let t = Test::new().args(["new", "svc", "-f", "fastapi", "-y", "--no-git", "--json"]);
    let run = t.run();
    run.status(0);
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(summary.get("recommendation").is_none(), "{summary}");
}

#[test]
fn a_rebuild_from_the_record_keeps_the_recommendation() {
    let t = Test::new().args(["new", "first", "-y", "--no-git", "--use-case", "mvp"]);
    t.run().status(0);
    let t = t.then([
        "new",
        "second",
        "-y",
        "--no-git",
        "--answers",
        "first/.groundwork.toml",
    ]);
    t.run().status(0);
    assert_eq!(
        recorded_recommendation(&t, "second"),
        recorded_recommendation(&t, "first")
    );
    let section = |dir: &str| {
        let text = readme(&t, dir);
        let start = text.find(SECTION).expect("the section");
        let end = start + text[start..].find("\n## ").unwrap();
        text[start..end].to_string()
    };
    assert_eq!(section("second"), section("first"));
}

#[test]
fn a_recommendation_for_another_blueprint_is_not_carried_over() {
    let t = Test::new().args(["new", "first", "-y", "--no-git", "--language", "python"]);
    t.run().status(0);
    let recommendation = recorded_recommendation(&t, "first").unwrap();
    let pick = recommendation["pick"].as_str().unwrap();
    let other = if pick == "flask" { "django" } else { "flask" };
    let mut answers = toml::Table::new();
    answers.insert(
        "groundwork".into(),
        toml::Value::Table(toml::Table::from_iter([(
            "blueprint".to_string(),
            toml::Value::from(other),
        )])),
    );
    answers.insert("recommendation".into(), recommendation.clone());
    let edited = toml::to_string(&answers).unwrap();
    std::fs::write(t.path("answers.toml"), edited).unwrap();
    let t = t.then([
        "new",
        "second",
        "-y",
        "--no-git",
        "--answers",
        "answers.toml",
    ]);
    let run = t.run();
    run.status(0);
    assert_eq!(
        recorded_recommendation(&t, "second"),
        None,
        "{}",
        run.stderr
    );
    assert!(!readme(&t, "second").contains(SECTION));
}

#[test]
fn a_malformed_recommendation_in_an_answers_file_is_refused_by_name() {
    let t = Test::new();
    std::fs::write(
        t.path("answers.toml"),
        "[groundwork]\nblueprint = \"fastapi\"\n\n[recommendation]\npick = \"fastapi\"\nodd = 1\n",
    )
    .unwrap();
    let t = t.args(["new", "svc", "-y", "--answers", "answers.toml"]);
    let run = t.run();
    run.status(2);
    assert!(
        run.stderr.starts_with(
            "error: cannot use answers file answers.toml: [recommendation]: unknown field `odd`"
        ),
        "{}",
        run.stderr
    );
    assert!(!t.path("svc").exists(), "nothing written");
}

#[test]
fn list_in_a_terminal_without_columns_takes_the_terminals_width() {
    let t = Test::new();
    let mut command = std::process::Command::new("sh");
    t.in_its_folders(&mut command)
        .args([
            "-c",
            &format!(
                "stty cols 100 rows 40 && exec {} list",
                env!("CARGO_BIN_EXE_groundwork")
            ),
        ])
        .env("TERM", "xterm");
    let mut session =
        rexpect::session::spawn_command(command, Some(3_000)).expect("a pseudo-terminal");
    let out = session.exp_eof().expect("list ends").replace("\r\n", "\n");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], PROOF_HEADING, "{out}");
    // 46 columns for the description: what 100 columns leave, not 80's 26 nor a pipe's whole line.
    assert_eq!(
        lines[1],
        "aspnet-core  ASP.NET Core   csharp      syntax only   ASP.NET Core 10 minimal API: EF Core 10 with"
    );
    for line in &lines {
        assert!(line.chars().count() <= 100, "{line:?}");
    }
}

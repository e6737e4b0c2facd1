//! Each rule of the answers layer pinned by its exact outcome: reading an answers file, the order
//! of the layers, how an error is reworded for its source, the project keys' limits, and the
//! record a project keeps.

use super::*;
use crate::blueprint::Catalogue;

fn fastapi() -> Blueprint {
    Catalogue::embedded()
        .unwrap()
        .find("fastapi")
        .unwrap()
        .clone()
}

fn text(key: &str, value: &str) -> (String, Raw) {
    (key.to_string(), Raw::Text(value.to_string()))
}

fn goal() -> AnswerSource {
    AnswerSource::Goal {
        reason: "chosen for --scale large".into(),
    }
}

/// Every source, highest precedence first.
fn every_source() -> Vec<AnswerSource> {
    vec![
        AnswerSource::Flag,
        AnswerSource::AnswersFile("answers.toml".into()),
        AnswerSource::Prompt,
        goal(),
        AnswerSource::DefaultsFile("config.toml".into()),
        AnswerSource::GitConfig,
        AnswerSource::Folder,
        AnswerSource::Placeholder,
        AnswerSource::BlueprintDefault,
    ]
}

#[test]
fn an_answers_file_is_read_with_its_path_blueprint_and_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.toml");
    std::fs::write(
        &path,
        "[groundwork]\nblueprint = \"fastapi\"\n\n[answers]\nport = 9000\ndocker = false\n\n[commands]\ntest = \"pytest\"\n",
    )
    .unwrap();
    let file = read_answers_file(&path).unwrap();
    assert_eq!(file.path, path);
    assert_eq!(file.blueprint.as_deref(), Some("fastapi"));
    assert_eq!(
        file.values,
        BTreeMap::from([
            ("docker".to_string(), toml::Value::Boolean(false)),
            ("port".to_string(), toml::Value::Integer(9000)),
        ])
    );
}

#[test]
fn a_missing_or_broken_answers_file_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.toml");
    match read_answers_file(&missing).unwrap_err() {
        Error::AnswersFile { path, message } => {
            assert_eq!(path, missing);
            assert!(message.contains("No such file"), "{message}");
        }
        other => panic!("expected an answers-file error, got {other:?}"),
    }
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "[answers]\nport = \n").unwrap();
    match read_answers_file(&broken).unwrap_err() {
        Error::AnswersFile { path, message } => {
            assert_eq!(path, broken);
            assert!(message.contains("line 2"), "{message}");
            assert!(
                !message.ends_with('\n'),
                "trailing newline kept: {message:?}"
            );
        }
        other => panic!("expected an answers-file error, got {other:?}"),
    }
}

#[test]
fn answers_text_without_a_groundwork_table_names_no_blueprint() {
    let file = parse_answers_text("[answers]\nport = 1\n").unwrap();
    assert_eq!(file.blueprint, None);
    assert_eq!(file.path, PathBuf::new());
    let file = parse_answers_text("[groundwork]\nversion = \"0.1.0\"\n").unwrap();
    assert_eq!(file.blueprint, None);
    assert!(file.values.is_empty());
}

#[test]
fn answers_text_refuses_what_it_does_not_hold() {
    assert_eq!(
        parse_answers_text("[groundwork]\nblueprint = 3\n").unwrap_err(),
        "`groundwork.blueprint` must be a string"
    );
    let expected = "unexpected `answers`; the file holds a [groundwork] table (blueprint = \"<id>\") and an [answers] table";
    assert_eq!(parse_answers_text("answers = 1\n").unwrap_err(), expected);
    assert_eq!(
        parse_answers_text("port = 1\n").unwrap_err(),
        expected.replace("`answers`", "`port`")
    );
    assert_eq!(
        parse_answers_text("groundwork = \"fastapi\"\n").unwrap_err(),
        expected.replace("`answers`", "`groundwork`")
    );
}

#[test]
fn a_toml_syntax_error_is_indented_under_its_first_line() {
    let message = parse_answers_text("[answers\n").unwrap_err();
    assert!(message.contains("\n  "), "{message:?}");
    assert!(
        !message.ends_with('\n') && !message.ends_with(' '),
        "{message:?}"
    );
}

#[test]
fn set_trims_the_key_but_not_the_value() {
    assert_eq!(
        parse_set(" port = 9000").unwrap(),
        ("port".to_string(), " 9000".to_string())
    );
    assert_eq!(parse_set("description=").unwrap().1, "");
    for bad in ["=x", " =x", "no-equals"] {
        assert!(
            matches!(parse_set(bad), Err(Error::MalformedSet { given }) if given == bad),
            "{bad}"
        );
    }
}

#[test]
fn only_flags_and_answers_files_count_as_given() {
    let given: Vec<bool> = every_source().iter().map(AnswerSource::is_given).collect();
    assert_eq!(
        given,
        [true, true, false, false, false, false, false, false, false]
    );
}

#[test]
fn every_source_has_its_own_tag_and_only_a_goal_a_reason() {
    let tags: Vec<&str> = every_source().iter().map(AnswerSource::tag).collect();
    assert_eq!(
        tags,
        [
            "flag",
            "answers file",
            "prompt",
            "goal",
            "defaults file",
            "git config",
            "folder name",
            "placeholder",
            "blueprint default"
        ]
    );
    let sources = every_source();
    let reasons: Vec<Option<&str>> = sources.iter().map(AnswerSource::reason).collect();
    assert_eq!(
        reasons,
        [
            None,
            None,
            None,
            Some("chosen for --scale large"),
            None,
            None,
            None,
            None,
            None
        ]
    );
}

#[test]
fn a_higher_layer_wins_over_every_lower_one_in_either_order() {
    let blueprint = fastapi();
    let sources = every_source();
    for (high, higher_source) in sources.iter().enumerate() {
        for lower_source in &sources[high + 1..] {
            for higher_first in [true, false] {
                let mut merge = Merge::new(&blueprint);
                let mut layers = vec![(higher_source, "Higher"), (lower_source, "Lower")];
                if !higher_first {
                    layers.reverse();
                }
                for (source, value) in layers {
                    merge.apply(source, [text("author_name", value)]).unwrap();
                }
                let kept = &merge.finish()["author_name"];
                assert_eq!(
                    (&kept.value, &kept.source),
                    (&Value::String("Higher".into()), higher_source),
                    "{} against {}, higher first: {higher_first}",
                    higher_source.tag(),
                    lower_source.tag()
                );
            }
        }
    }
}

#[test]
fn within_one_layer_the_later_value_wins() {
    let blueprint = fastapi();
    let mut merge = Merge::new(&blueprint);
    merge
        .apply(
            &AnswerSource::Flag,
            [text("port", "7000"), text("port", "8000")],
        )
        .unwrap();
    merge
        .apply(&AnswerSource::Flag, [text("port", "9000")])
        .unwrap();
    assert_eq!(merge.finish()["port"].value, Value::Int(9000));
}

#[test]
fn a_bad_author_from_git_or_the_defaults_file_says_how_to_replace_it() {
    let blueprint = fastapi();
    for source in [
        AnswerSource::GitConfig,
        AnswerSource::DefaultsFile("config.toml".into()),
    ] {
        let error = Merge::new(&blueprint)
            .apply(&source, [text("author_name", "Ada\u{7}")])
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid value `Ada\\u{7}` for `author_name`: it must be one line of text (it comes from your git configuration or defaults file; pass --set author_name=<value> to choose another)",
            "{}",
            source.tag()
        );
    }
}

#[test]
fn a_defaults_file_option_error_shows_the_value_as_toml() {
    let blueprint = fastapi();
    let defaults = AnswerSource::DefaultsFile("c.toml".into());
    let message = |raw: Raw| {
        Merge::new(&blueprint)
            .apply(&defaults, [("port".to_string(), raw)])
            .unwrap_err()
            .to_string()
    };
    let rule = "expected a whole number from 1 to 65535";
    assert_eq!(
        message(Raw::Toml(toml::Value::Integer(0))),
        format!("cannot use the defaults file c.toml: [defaults] port = 0: {rule}")
    );
    assert_eq!(
        message(Raw::Text("0".into())),
        format!("cannot use the defaults file c.toml: [defaults] port = \"0\": {rule}")
    );
}

#[test]
fn an_unknown_option_in_an_answers_file_lists_the_valid_ones() {
    let blueprint = fastapi();
    let error = Merge::new(&blueprint)
        .apply(
            &AnswerSource::AnswersFile("a.toml".into()),
            [("prot".to_string(), Raw::Toml(toml::Value::Integer(1)))],
        )
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot use answers file a.toml: blueprint `fastapi` has no option `prot`; did you mean `port`?; valid options: name, author_name, author_email, database, port, description, python_version, docker, ci"
    );
}

#[test]
fn an_unknown_flag_suggests_the_closest_option_and_keeps_its_kind() {
    let blueprint = fastapi();
    match Merge::new(&blueprint)
        .apply(&AnswerSource::Flag, [text("dockr", "true")])
        .unwrap_err()
    {
        Error::UnknownOption {
            blueprint,
            key,
            closest,
            valid,
        } => {
            assert_eq!(blueprint, "fastapi");
            assert_eq!(key, "dockr");
            assert_eq!(closest.as_deref(), Some("docker"));
            assert_eq!(valid[..3], ["name", "author_name", "author_email"]);
            assert_eq!(valid.len(), 3 + 6);
        }
        other => panic!("expected an unknown option, got {other:?}"),
    }
}

#[test]
fn errors_from_other_sources_pass_through_unchanged() {
    let blueprint = fastapi();
    for source in [AnswerSource::Prompt, goal(), AnswerSource::Folder] {
        let error = Merge::new(&blueprint)
            .apply(&source, [text("port", "0")])
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid value `0` for `port`: expected a whole number from 1 to 65535",
            "{}",
            source.tag()
        );
    }
}

#[test]
fn an_answers_file_value_is_shown_as_its_text_not_as_toml() {
    let blueprint = fastapi();
    let message = |value: toml::Value| {
        Merge::new(&blueprint)
            .apply(
                &AnswerSource::AnswersFile("a.toml".into()),
                [("port".to_string(), Raw::Toml(value))],
            )
            .unwrap_err()
            .to_string()
    };
    assert!(
        message(toml::Value::String("abc".into()))
            .starts_with("cannot use answers file a.toml: invalid value `abc` for `port`: "),
        "{}",
        message(toml::Value::String("abc".into()))
    );
    assert!(
        message(toml::Value::Boolean(true))
            .starts_with("cannot use answers file a.toml: invalid value `true` for `port`: "),
        "{}",
        message(toml::Value::Boolean(true))
    );
}

#[test]
fn a_project_key_in_toml_must_be_a_string() {
    let blueprint = fastapi();
    match check_toml(&blueprint, "author_name", &toml::Value::Integer(7)).unwrap_err() {
        Error::InvalidValue { key, value, rule } => {
            assert_eq!((key.as_str(), value.as_str()), ("author_name", "7"));
            assert_eq!(rule, "expected a string");
        }
        other => panic!("expected an invalid value, got {other:?}"),
    }
    assert_eq!(
        check_toml(
            &blueprint,
            "author_name",
            &toml::Value::String("Ada".into())
        )
        .unwrap(),
        Value::String("Ada".into())
    );
}

#[test]
fn author_texts_are_one_line_of_at_most_200_characters() {
    let blueprint = fastapi();
    let rule_of = |text: &str| match check_text(&blueprint, "author_email", text) {
        Err(Error::InvalidValue { rule, .. }) => Some(rule),
        Err(other) => panic!("unexpected error {other:?}"),
        Ok(_) => None,
    };
    assert_eq!(rule_of(&"a".repeat(200)), None);
    assert_eq!(
        rule_of(&"a".repeat(201)).as_deref(),
        Some("the limit is 200 characters")
    );
    assert_eq!(rule_of(&"é".repeat(200)), None, "characters, not bytes");
    assert_eq!(
        rule_of("a\nb").as_deref(),
        Some("it must be one line of text")
    );
    assert_eq!(
        check_text(&blueprint, "author_email", "ada@example.com").unwrap(),
        Value::String("ada@example.com".into())
    );
}

#[test]
fn a_name_is_checked_by_the_name_rules_and_kept_as_given() {
    let blueprint = fastapi();
    assert_eq!(
        check_text(&blueprint, "name", "Billing API").unwrap(),
        Value::String("Billing API".into())
    );
    assert!(matches!(
        check_text(&blueprint, "name", "___"),
        Err(Error::InvalidName { name, .. }) if name == "___"
    ));
}

#[test]
fn an_offered_answer_is_the_best_held_value_and_a_changed_one_is_checked() {
    let blueprint = fastapi();
    let mut merge = Merge::new(&blueprint);
    merge
        .apply(
            &goal(),
            [(
                "database".to_string(),
                Raw::Checked(Value::String("postgres".into())),
            )],
        )
        .unwrap();
    let mut offered = None;
    merge
        .ask("database", |held| {
            offered = Some(held.clone());
            Ok(held.clone())
        })
        .unwrap();
    assert_eq!(
        offered,
        Some(Answer {
            value: Value::String("postgres".into()),
            source: goal()
        })
    );
    let refused = merge.ask("port", |_| {
        Ok(Answer {
            value: Value::Int(0),
            source: AnswerSource::Prompt,
        })
    });
    assert_eq!(
        refused.unwrap_err().to_string(),
        "invalid value `0` for `port`: expected a whole number from 1 to 65535"
    );
    let answers = merge.finish();
    assert_eq!(answers["database"].source, goal());
    assert_eq!(answers["port"].source, AnswerSource::BlueprintDefault);
}

#[test]
fn given_answers_hold_only_the_given_layers_with_flags_over_the_file() {
    let blueprint = fastapi();
    let file = AnswersFile {
        path: "a.toml".into(),
        blueprint: None,
        recommendation: None,
        values: BTreeMap::from([
            ("port".to_string(), toml::Value::Integer(7000)),
            ("docker".to_string(), toml::Value::Boolean(false)),
        ]),
    };
    let answers = given_answers(
        &blueprint,
        Some(&file),
        &[("port".to_string(), "8000".to_string())],
    )
    .unwrap();
    assert_eq!(
        answers,
        Answers::from([
            ("docker".to_string(), Value::Bool(false)),
            ("port".to_string(), Value::Int(8000)),
        ])
    );
    assert!(given_answers(&blueprint, None, &[]).unwrap().is_empty());
}

#[test]
fn values_drop_the_sources() {
    let sourced = SourcedAnswers::from([(
        "port".to_string(),
        Answer {
            value: Value::Int(1),
            source: AnswerSource::Flag,
        },
    )]);
    assert_eq!(
        values(&sourced),
        Answers::from([("port".to_string(), Value::Int(1))])
    );
}

#[test]
fn with_defaults_fills_only_what_is_missing() {
    let blueprint = fastapi();
    let answers = with_defaults(
        &blueprint,
        Answers::from([("port".to_string(), Value::Int(1234))]),
    );
    assert_eq!(answers["port"], Value::Int(1234));
    assert_eq!(answers["docker"], Value::Bool(true));
    assert_eq!(answers["database"], Value::String("embedded".into()));
    assert_eq!(answers.len(), blueprint.manifest.options.len());
}

#[test]
fn the_record_replays_to_the_same_blueprint_and_answers() {
    let blueprint = fastapi();
    let answers = with_defaults(
        &blueprint,
        Answers::from([
            ("name".to_string(), Value::String("billing".into())),
            ("port".to_string(), Value::Int(9000)),
        ]),
    );
    let commands = Commands {
        install: "make install".into(),
        migrate: Some("make migrate".into()),
        test: "make test".into(),
        lint: None,
        run: "make run".into(),
    };
    let text = record(&blueprint, &answers, &commands);
    assert!(text.starts_with(
        "# How this project was generated. Rebuild the same tree with:\n#   groundwork new <dir> --answers .groundwork.toml --yes\n\n[groundwork]\n"
    ), "{text}");
    let parsed: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(
        parsed["groundwork"]["version"].as_str(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(parsed["groundwork"]["blueprint"].as_str(), Some("fastapi"));
    assert_eq!(
        parsed["groundwork"]["blueprint_version"].as_str(),
        Some(blueprint.manifest.version.as_str())
    );
    let labels: Vec<&String> = parsed["commands"].as_table().unwrap().keys().collect();
    assert_eq!(labels, ["install", "migrate", "test", "run"]);
    assert_eq!(parsed["commands"]["migrate"].as_str(), Some("make migrate"));

    let replayed = parse_answers_text(&text).unwrap();
    assert_eq!(replayed.blueprint.as_deref(), Some("fastapi"));
    let replayed_answers: Answers = replayed
        .values
        .iter()
        .map(|(key, value)| (key.clone(), check_toml(&blueprint, key, value).unwrap()))
        .collect();
    assert_eq!(replayed_answers, answers);
}

#[test]
fn goal_choices_and_record_notes_name_only_goal_chosen_answers() {
    let mut sourced = SourcedAnswers::from([(
        "port".to_string(),
        Answer {
            value: Value::Int(1),
            source: AnswerSource::Flag,
        },
    )]);
    assert!(goal_choices(&sourced).is_empty());
    assert_eq!(record_notes(&sourced), "");
    sourced.insert(
        "database".to_string(),
        Answer {
            value: Value::String("postgres".into()),
            source: goal(),
        },
    );
    assert_eq!(
        goal_choices(&sourced),
        ["database = postgres (chosen for --scale large)"]
    );
    assert_eq!(
        record_notes(&sourced),
        "\n# Chosen for the team's goals (an answer or --set replaces them):\n#   database = postgres (chosen for --scale large)\n"
    );
}

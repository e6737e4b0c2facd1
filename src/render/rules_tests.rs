//! Each rule of rendering pinned by its exact outcome: what a plan holds, every path rule and its
//! message, the built-in variables, the helpers, and when a template is condensed.

use super::*;
use crate::blueprint::Source;
use std::borrow::Cow;

const MANIFEST: &str = r#"id = "tiny"
name = "Tiny"
language = "python"
description = "A blueprint for the rules of rendering"
version = "1.2.3"
proof = "syntax"

[commands]
install = "install {{project_slug}}"
test = "test"
run = "run --port {{port}}"
lint = "{{#if docker}}lint{{/if}}"

[[options]]
key = "port"
type = "int"
default = 8000
min = 1
max = 65535
help = "Port"

[[options]]
key = "dir"
type = "string"
default = "data"
help = "A folder name"

[[options]]
key = "docker"
type = "bool"
default = true
help = "Docker"

[[files]]
path = "Dockerfile"
when = "docker"
"#;

fn file(path: &str, contents: &'static [u8], executable: bool) -> TemplateFile {
    TemplateFile {
        path: path.to_string(),
        contents: Cow::Borrowed(contents),
        executable,
    }
}

fn blueprint(files: Vec<TemplateFile>) -> Blueprint {
    Blueprint::new("tiny", MANIFEST, files, None, Source::Embedded).unwrap()
}

fn answers(blueprint: &Blueprint, given: &[(&str, Value)]) -> Answers {
    let mut answers: Answers = given
        .iter()
        .map(|(key, value)| (key.to_string(), value.clone()))
        .collect();
    answers
        .entry("name".into())
        .or_insert_with(|| Value::String("My Service".into()));
    crate::answers::with_defaults(blueprint, answers)
}

fn environment() -> Environment {
    Environment {
        year: 2031,
        goal_choices: vec!["database = postgres (chosen for --scale large)".into()],
        recommendation: None,
    }
}

fn render(template: &str, context: &serde_json::Value) -> Result<String, String> {
    engine()
        .render_template(template, context)
        .map_err(|e| describe_render_error(&e))
}

#[test]
fn a_plan_holds_each_included_file_with_its_origin_and_the_record_sorted_by_path() {
    type Origin<'a> = (&'a str, &'a [u8], bool, Option<&'a str>, bool);
    let blueprint = blueprint(vec![
        file("app/main.py.hbs", b"port = {{port}}\n", false),
        file("bin/start", b"#!/bin/sh\n", true),
        file("Dockerfile", b"FROM python\n", false),
        file("{{dir}}/.keep", b"", false),
    ]);
    let plan = plan(
        &blueprint,
        &answers(&blueprint, &[("port", Value::Int(9000))]),
        &environment(),
    )
    .unwrap();
    let summary: Vec<Origin> = plan
        .files
        .iter()
        .map(|f| {
            (
                f.path.as_str(),
                f.contents.as_slice(),
                f.executable,
                f.template.as_deref(),
                f.rendered,
            )
        })
        .collect();
    assert_eq!(
        summary[..4],
        [
            (
                ".groundwork.toml",
                &plan.files[0].contents[..],
                false,
                None,
                false
            ),
            (
                "Dockerfile",
                b"FROM python\n" as &[u8],
                false,
                Some("Dockerfile"),
                false
            ),
            (
                "app/main.py",
                b"port = 9000\n",
                false,
                Some("app/main.py.hbs"),
                true
            ),
            ("bin/start", b"#!/bin/sh\n", true, Some("bin/start"), false),
        ]
    );
    assert_eq!(summary[4].0, "data/.keep");
    assert_eq!(summary[4].3, Some("{{dir}}/.keep"));
    assert_eq!(summary.len(), 5);
    let record = String::from_utf8(plan.files[0].contents.clone()).unwrap();
    assert!(record.contains("blueprint = \"tiny\""), "{record}");
    assert!(record.contains("port = 9000"), "{record}");
    assert_eq!(plan.commands.install, "install my-service");
    assert_eq!(plan.commands.run, "run --port 9000");
    assert_eq!(plan.commands.lint.as_deref(), Some("lint"));
}

#[test]
fn an_excluded_file_and_a_blank_optional_command_are_left_out() {
    let blueprint = blueprint(vec![
        file("Dockerfile", b"FROM python\n", false),
        file("README.md", b"readme\n", false),
    ]);
    let plan = plan(
        &blueprint,
        &answers(&blueprint, &[("docker", Value::Bool(false))]),
        &environment(),
    )
    .unwrap();
    let paths: Vec<&str> = plan.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, [".groundwork.toml", "README.md"]);
    assert_eq!(plan.commands.lint, None);
}

#[test]
fn two_templates_rendering_to_one_path_are_refused() {
    let blueprint = blueprint(vec![
        file("data/x.txt", b"a", false),
        file("{{dir}}/x.txt", b"b", false),
    ]);
    match plan(&blueprint, &answers(&blueprint, &[]), &environment()).unwrap_err() {
        Error::UnsafePath {
            blueprint,
            file,
            rendered,
            rule,
        } => {
            assert_eq!(blueprint, "tiny");
            assert_eq!(file, "{{dir}}/x.txt");
            assert_eq!(rendered, "data/x.txt");
            assert_eq!(rule, "is also the path of another file");
        }
        other => panic!("expected an unsafe path, got {other:?}"),
    }
}

#[test]
fn a_value_making_a_path_that_differs_only_by_case_is_refused() {
    let blueprint = blueprint(vec![
        file("Data/x.txt", b"a", false),
        file("{{dir}}/y.txt", b"b", false),
    ]);
    let error = plan(&blueprint, &answers(&blueprint, &[]), &environment()).unwrap_err();
    assert!(
        matches!(&error, Error::UnsafePath { rule, .. } if rule.starts_with("differs only by case from `Data`")),
        "{error:?}"
    );
}

#[test]
fn a_template_may_not_hold_the_record() {
    let blueprint = blueprint(vec![file(".groundwork.toml", b"x", false)]);
    match plan(&blueprint, &answers(&blueprint, &[]), &environment()).unwrap_err() {
        Error::Manifest { blueprint, message } => {
            assert_eq!(blueprint, "tiny");
            assert_eq!(
                message,
                "the template may not contain .groundwork.toml: groundwork writes it"
            );
        }
        other => panic!("expected a manifest error, got {other:?}"),
    }
}

#[test]
fn a_template_that_is_not_utf8_is_named() {
    let blueprint = blueprint(vec![file("bad.txt.hbs", b"\xff{{port}}", false)]);
    match plan(&blueprint, &answers(&blueprint, &[]), &environment()).unwrap_err() {
        Error::Render {
            blueprint,
            file,
            message,
        } => {
            assert_eq!((blueprint.as_str(), file.as_str()), ("tiny", "bad.txt.hbs"));
            assert_eq!(message, "a .hbs template must be UTF-8 text");
        }
        other => panic!("expected a render error, got {other:?}"),
    }
    // Copied files are bytes: they need not be text.
    let blueprint = self::blueprint(vec![file("logo.png", b"\x89PNG\xff", false)]);
    let plan = plan(&blueprint, &answers(&blueprint, &[]), &environment()).unwrap();
    assert_eq!(plan.files[1].contents, b"\x89PNG\xff");
}

#[test]
fn a_render_error_names_the_file_the_variable_and_the_position() {
    let blueprint = blueprint(vec![file("a.txt.hbs", b"line\n  {{prot}}\n", false)]);
    match plan(&blueprint, &answers(&blueprint, &[]), &environment()).unwrap_err() {
        Error::Render { file, message, .. } => {
            assert_eq!(file, "a.txt.hbs");
            assert_eq!(message, "no variable `prot` (line 2, column 3)");
        }
        other => panic!("expected a render error, got {other:?}"),
    }
}

#[test]
fn the_built_in_variables_have_their_values() {
    let blueprint = blueprint(Vec::new());
    let answers = answers(&blueprint, &[("author_name", Value::String("Ada".into()))]);
    let context = context(&blueprint, &answers, &environment()).unwrap();
    let expected = serde_json::json!({
        "project_name": "My Service",
        "project_slug": "my-service",
        "package_name": "my_service",
        "class_name": "MyService",
        "java_segment": "myservice",
        "author_name": "Ada",
        "author_email": PLACEHOLDER_AUTHOR_EMAIL,
        "year": 2031,
        "groundwork_version": env!("CARGO_PKG_VERSION"),
        "blueprint_id": "tiny",
        "blueprint_version": "1.2.3",
        "goal_choices": ["database = postgres (chosen for --scale large)"],
        "recommendation": null,
        "port": 8000,
        "dir": "data",
        "docker": true,
    });
    assert_eq!(context, expected);
    assert!(context.get("name").is_none(), "the name is project_name");
}

#[test]
fn without_an_author_the_placeholders_are_used() {
    let blueprint = blueprint(Vec::new());
    let mut answers = answers(&blueprint, &[]);
    answers.remove("author_name");
    let context = context(&blueprint, &answers, &environment()).unwrap();
    assert_eq!(context["author_name"], PLACEHOLDER_AUTHOR_NAME);
    assert_eq!(context["author_email"], PLACEHOLDER_AUTHOR_EMAIL);
}

#[test]
fn a_context_needs_a_valid_project_name() {
    let blueprint = blueprint(Vec::new());
    let mut answers = answers(&blueprint, &[]);
    answers.remove("name");
    match context(&blueprint, &answers, &environment()).unwrap_err() {
        Error::Render { file, message, .. } => {
            assert_eq!(
                (file.as_str(), message.as_str()),
                ("(answers)", "no project name")
            );
        }
        other => panic!("expected a render error, got {other:?}"),
    }
    answers.insert("name".into(), Value::Int(3));
    assert!(matches!(
        context(&blueprint, &answers, &environment()),
        Err(Error::Render { .. })
    ));
    answers.insert("name".into(), Value::String("___".into()));
    assert!(matches!(
        context(&blueprint, &answers, &environment()),
        Err(Error::InvalidName { name, .. }) if name == "___"
    ));
}

#[test]
fn every_path_rule_has_its_own_message() {
    let cases = [
        ("", "is empty"),
        ("/etc/x", "is absolute or uses a separator other than `/`"),
        ("a\\b", "is absolute or uses a separator other than `/`"),
        ("c:x", "is absolute or uses a separator other than `/`"),
        ("a//b", "has an empty segment"),
        ("a/", "has an empty segment"),
        ("./a", "has a `.` or `..` segment"),
        ("a/..", "has a `.` or `..` segment"),
        (".git", "would write inside .git"),
        ("a/.git/x", "would write inside .git"),
        (
            "a/CON/x",
            "is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9)",
        ),
        ("a\u{1b}b", "contains a control character"),
        ("a\u{7f}", "contains a control character"),
    ];
    for (path, rule) in cases {
        assert_eq!(check_path(path), Err(rule), "{path:?}");
    }
}

#[test]
fn segment_and_path_lengths_are_capped_at_their_limits() {
    let segment = |n: usize| "a".repeat(n);
    assert_eq!(check_path(&segment(200)), Ok(()));
    assert_eq!(
        check_path(&segment(201)),
        Err("has a segment longer than 200 bytes")
    );
    // Five segments of 199 bytes and four slashes: 999 bytes, then 1000 and 1001.
    let mut path = vec![segment(199); 5].join("/");
    assert_eq!(path.len(), 999);
    assert_eq!(check_path(&path), Ok(()));
    path.push('b');
    assert_eq!(path.len(), 1000);
    assert_eq!(check_path(&path), Ok(()));
    path.push('b');
    assert_eq!(check_path(&path), Err("is longer than 1000 bytes"));
    // Bytes, not characters: 100 two-byte characters fill a segment.
    assert_eq!(check_path(&"é".repeat(100)), Ok(()));
    assert_eq!(
        check_path(&"é".repeat(101)),
        Err("has a segment longer than 200 bytes")
    );
}

#[test]
fn every_windows_device_name_and_its_neighbours() {
    for device in [
        "CON",
        "PRN",
        "AUX",
        "NUL",
        "CONIN$",
        "CONOUT$",
        "COM1",
        "COM9",
        "LPT1",
        "LPT9",
        "prn.txt",
        "Aux.tar.gz",
        "nul  ",
        "com5 .md",
    ] {
        assert!(is_windows_device(device), "{device}");
    }
    for name in [
        "COM", "COM0", "COM10", "LPT0", "LPTX", "COMX", "CONS", "NULL", "PRN1", "xCON", "conin",
        "COM¹",
    ] {
        assert!(!is_windows_device(name), "{name}");
    }
}

#[test]
fn a_segment_git_reads_as_dot_git_is_caught_only_when_it_is_one() {
    for same in [
        ".git",
        ".GIT",
        ".git.",
        ".git ",
        ".git. .",
        "git~1",
        "GIT~1",
        ".g\u{200d}it",
    ] {
        assert!(names_dot_git(same), "{same:?}");
    }
    for other in [".gitx", "x.git", ".git~1", "git", ".g\u{2010}it", ".git-"] {
        assert!(!names_dot_git(other), "{other:?}");
    }
}

#[test]
fn the_same_spelling_twice_is_not_a_case_clash() {
    let mut seen = BTreeMap::new();
    assert_eq!(check_case("src/a.py", &mut seen), Ok(()));
    assert_eq!(check_case("src/b.py", &mut seen), Ok(()));
    assert_eq!(
        check_case("Src/c.py", &mut seen),
        Err("differs only by case from `src`, and case-insensitive file systems (macOS, Windows) take them for one".into())
    );
    assert_eq!(
        seen.keys().cloned().collect::<Vec<_>>(),
        ["src", "src/a.py", "src/b.py"]
    );
}

#[test]
fn each_helper_writes_what_its_name_says() {
    let context = serde_json::json!({
        "n": "My cool API", "g": "com.example.app", "q": "<a href='x'>&\"</a>", "i": 42,
    });
    let cases = [
        ("{{snake_case n}}", "my_cool_api"),
        ("{{kebab_case n}}", "my-cool-api"),
        ("{{pascal_case n}}", "MyCoolApi"),
        ("{{camel_case n}}", "myCoolApi"),
        ("{{lower_alnum n}}", "mycoolapi"),
        ("{{package_path g}}", "com/example/app"),
        (
            "{{xml q}}",
            "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt;",
        ),
        ("{{json q}}", r#""<a href='x'>&\"</a>""#),
        ("{{json i}}", "42"),
        ("{{xml i}}", "42"),
        ("{{snake_case i}}", "42"),
        ("{{#unless i}}no{{else}}yes{{/unless}}", "yes"),
    ];
    for (template, expected) in cases {
        assert_eq!(
            render(template, &context).as_deref(),
            Ok(expected),
            "{template}"
        );
    }
}

#[test]
fn a_helper_without_its_argument_is_an_error_naming_it() {
    for (template, name) in [
        ("{{json}}", "json"),
        ("{{xml}}", "xml"),
        ("{{package_path}}", "package_path"),
        ("{{snake_case}}", "case helper"),
        ("{{#if}}x{{/if}}", "if"),
        ("{{#unless}}x{{/unless}}", "unless"),
    ] {
        let error = render(template, &serde_json::json!({})).unwrap_err();
        assert!(error.contains(name), "{template}: {error}");
    }
    assert_eq!(
        render("{{xml nope}}", &serde_json::json!({})).unwrap_err(),
        "no variable `nope` (line 1, column 1)"
    );
}

#[test]
fn a_text_without_statements_is_its_own_rendering() {
    let blueprint = blueprint(vec![file("a.txt.hbs", b"{ {not a statement} }\\n", false)]);
    let plan = plan(&blueprint, &answers(&blueprint, &[]), &environment()).unwrap();
    assert_eq!(plan.files[1].contents, b"{ {not a statement} }\\n");
}

#[test]
fn only_a_bare_lowercase_name_is_a_simple_statement() {
    for (statement, name) in [
        ("{{port}}", Some("port")),
        ("{{ port }}", Some("port")),
        ("{{python_version}}", Some("python_version")),
        ("{{v2}}", Some("v2")),
        ("{{Port}}", None),
        ("{{_x}}", None),
        ("{{2x}}", None),
        ("{{a.b}}", None),
        ("{{a-b}}", None),
        ("{{json x}}", None),
        ("{{else}}", None),
        ("{{this}}", None),
        ("{{camel_case}}", None),
        ("{{port", None),
        ("port}}", None),
        ("{{}}", None),
    ] {
        assert_eq!(simple_name(statement), name, "{statement}");
    }
}

#[test]
fn only_strings_numbers_and_booleans_are_simple_values() {
    let context =
        serde_json::json!({"s": "text", "n": 8000, "b": false, "l": [1], "o": {}, "z": null});
    assert_eq!(simple_value(&context, "s").as_deref(), Some("text"));
    assert_eq!(simple_value(&context, "n").as_deref(), Some("8000"));
    assert_eq!(simple_value(&context, "b").as_deref(), Some("false"));
    for name in ["l", "o", "z", "missing"] {
        assert_eq!(simple_value(&context, name), None, "{name}");
    }
}

#[test]
fn statements_span_to_their_close_or_the_end() {
    assert_eq!(statement_spans("a {{b}} c {{d"), [(2, 7), (10, 13)]);
    assert_eq!(statement_spans("{{a}}{{b}}"), [(0, 5), (5, 10)]);
    assert!(statement_spans("no statements } }").is_empty());
}

#[test]
fn templates_whose_meaning_reaches_across_lines_are_not_condensed() {
    let long = "a plain line long enough to be taken out of the template\n".repeat(3);
    let resolve = |_: &str| Some("value".to_string());
    for marker in [
        "{{{{raw}}}}",
        "{{~v}}",
        "{{v~}}",
        "{{> part}}",
        "{{#> part}}x{{/part}}",
        "{{#*inline \"p\"}}x{{/inline}}",
    ] {
        assert_eq!(
            condense(&format!("{long}{marker}\n{long}"), &resolve),
            None,
            "{marker}"
        );
    }
    assert!(condense(&format!("{long}{{{{v}}}}\n{long}"), &resolve).is_some());
}

#[test]
fn a_stretch_is_taken_out_from_32_bytes() {
    let resolve = |_: &str| None;
    let line = |n: usize| format!("{}\n", "x".repeat(n - 1));
    // Whole lines between two statements: 31 bytes stay, 32 go.
    let short = format!("{{{{a}}}}\n{}{{{{b}}}}", line(31));
    assert_eq!(condense(&short, &resolve), None);
    let long = format!("{{{{a}}}}\n{}{}{{{{b}}}}", line(16), line(17));
    let (condensed, chunks) = condense(&long, &resolve).unwrap();
    assert_eq!(
        chunks,
        [format!("{}{}", line(16), line(17)).trim_end_matches('\n')]
    );
    assert_eq!(condensed, "{{a}}\n{{__raw 0}}\n{{b}}");
}

#[test]
fn the_chunk_helper_refuses_a_chunk_it_does_not_hold() {
    let mut engine = engine();
    engine.register_helper(RAW_CHUNK_HELPER, Box::new(RawChunks(vec!["only".into()])));
    assert_eq!(
        engine
            .render_template("{{__raw 0}}", &serde_json::json!({}))
            .unwrap(),
        "only"
    );
    for bad in ["{{__raw 1}}", "{{__raw}}", "{{__raw \"0\"}}"] {
        assert!(
            engine.render_template(bad, &serde_json::json!({})).is_err(),
            "{bad}"
        );
    }
}

/// A renderer for the tiny blueprint with `left` bytes of the project's limit left.
fn renderer_with(blueprint: &Blueprint, left: usize) -> Renderer<'_> {
    let mut renderer = Renderer::new(blueprint, &answers(blueprint, &[]), &environment()).unwrap();
    renderer.project_left = left;
    renderer
}

fn limit_message(error: Error) -> String {
    match error {
        Error::TemplateLimit { file, message, .. } => format!("{file}: {message}"),
        other => panic!("not a limit: {other:?}"),
    }
}

#[test]
fn a_text_may_fill_the_project_limit_exactly_and_not_one_byte_more() {
    let blueprint = blueprint(Vec::new());
    let mut renderer = renderer_with(&blueprint, 10);
    assert_eq!(renderer.text("a", "0123").unwrap(), "0123");
    assert_eq!(renderer.project_left, 6);
    assert_eq!(renderer.text("b", "{{port}}").unwrap(), "8000");
    assert_eq!(renderer.project_left, 2);
    assert_eq!(renderer.text("c", "xy").unwrap(), "xy");
    assert_eq!(renderer.project_left, 0);
    assert_eq!(
        limit_message(renderer.text("d", "z").unwrap_err()),
        "d: with it the project renders to more than 64 MiB; the limit for one project is 64 MiB"
    );
}

#[test]
fn a_template_past_the_rest_of_the_project_gets_the_project_limit() {
    let blueprint = blueprint(Vec::new());
    let renderer = renderer_with(&blueprint, 5);
    match renderer.render_capped("{{port}}{{port}}") {
        Err(Failure::Limit(message)) => assert_eq!(message, project_limit_message()),
        Err(Failure::Render(e)) => panic!("not a limit: {e}"),
        Ok(out) => panic!("rendered {out:?} past the limit"),
    }
    assert_eq!(
        renderer_with(&blueprint, 8)
            .render_capped("{{port}}{{port}}")
            .ok(),
        Some("80008000".to_string())
    );
}

#[test]
fn a_template_past_the_file_limit_gets_the_file_limit() {
    let blueprint = blueprint(Vec::new());
    let mut renderer = renderer_with(&blueprint, limits::MAX_PROJECT_BYTES);
    renderer.wrapped = Context::wraps(serde_json::json!({ "big": "x".repeat(1 << 20) })).unwrap();
    match renderer.render_capped(&"{{big}}".repeat(9)) {
        Err(Failure::Limit(message)) => assert_eq!(
            message,
            "it renders to more than 8 MiB; the limit for one file is 8 MiB"
        ),
        Err(Failure::Render(e)) => panic!("not a limit: {e}"),
        Ok(out) => panic!("rendered {} bytes past the limit", out.len()),
    }
    assert_eq!(
        renderer
            .render_capped(&"{{big}}".repeat(8))
            .ok()
            .map(|out| out.len()),
        Some(8 << 20)
    );
}

#[test]
fn names_are_filled_in_inside_if_and_unless_but_not_inside_other_blocks() {
    let long = "plain text long enough to be taken out of the template";
    let resolve = |name: &str| (name == "v").then(|| "VALUE".to_string());
    for (block, filled) in [
        ("if x", true),
        ("unless x", true),
        ("each items", false),
        ("with item", false),
    ] {
        let keyword = block.split(' ').next().unwrap();
        let text = format!("{{{{#{block}}}}}\n{long} {{{{v}}}} {long}\n{{{{/{keyword}}}}}\n");
        let (_, chunks) = condense(&text, &resolve).unwrap();
        let joined = chunks.concat();
        assert_eq!(joined.contains("VALUE"), filled, "{block}: {chunks:?}");
    }
}

#[test]
fn a_close_that_closes_nothing_stops_names_being_filled_in_after_it() {
    let long = "plain text long enough to be taken out of the template";
    let resolve = |name: &str| (name == "v").then(|| "VALUE".to_string());
    let (_, before) = condense(&format!("{long} {{{{v}}}} {long}\n"), &resolve).unwrap();
    assert!(before.concat().contains("VALUE"), "{before:?}");
    let text = format!("{{{{/if}}}}\n{long} {{{{v}}}} {long}\n");
    let (_, after) = condense(&text, &resolve).unwrap();
    assert!(!after.concat().contains("VALUE"), "{after:?}");
}

#[test]
fn only_a_value_on_one_line_is_filled_in() {
    let long = "plain text long enough to be taken out of the template";
    let text = format!("{long} {{{{v}}}} {long}\n");
    let one_line = |_: &str| Some("VALUE".to_string());
    let (condensed, chunks) = condense(&text, &one_line).unwrap();
    assert_eq!(condensed, "{{__raw 0}}\n");
    assert_eq!(chunks, [format!("{long} VALUE {long}")]);
    let two_lines = |_: &str| Some("VAL\nUE".to_string());
    let (condensed, _) = condense(&text, &two_lines).unwrap();
    assert!(condensed.contains("{{v}}"), "{condensed}");
}

#[test]
fn blank_whole_lines_are_taken_out_but_blank_text_beside_a_statement_stays() {
    let resolve = |_: &str| None;
    let spaces = " ".repeat(40);
    // Blank whole lines between two statements go, like any other lines.
    let lines = format!("{{{{a}}}}\n{spaces}\n{spaces}\n{{{{b}}}}");
    let (condensed, chunks) = condense(&lines, &resolve).unwrap();
    assert_eq!(condensed, "{{a}}\n{{__raw 0}}\n{{b}}");
    assert_eq!(chunks, [format!("{spaces}\n{spaces}")]);
    // Blank text beside a statement decides whether its line is standalone: it stays.
    let beside = format!("{{{{#if a}}}}{spaces}\n{{{{/if}}}}");
    assert_eq!(condense(&beside, &resolve), None);
    // Other text beside a statement goes.
    let words = "text beside a statement, long enough to go";
    let (condensed, chunks) = condense(&format!("{{{{a}}}} {words} {{{{b}}}}"), &resolve).unwrap();
    assert_eq!(condensed, "{{a}}{{__raw 0}}{{b}}");
    assert_eq!(chunks, [format!(" {words} ")]);
}

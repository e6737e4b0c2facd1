//! Names: every blueprint derives valid identifiers from awkward project names, names the
//! frameworks already use still give working code, and spring-boot's `group_id` refuses Java
//! keywords. Each rule is checked by an oracle in `oracles.rs`, not by the code under test.

use crate::oracles::{
    csharp_namespace_ok, identifier_problems, java_package_ok, npm_name_problem, php_namespace_ok,
    python_module_ok, ruby_constant_ok,
};
use crate::skip::or_skip;
use crate::support::{ENVIRONMENT, Test, answers_for, catalogue, refused, text};
use groundwork::blueprint::Commands;
use groundwork::names;
use groundwork::render::{Plan, plan};
use regex::Regex;
use std::fs;
use std::process::Command;

/// Names that once broke derivation: spaces and capitals, a leading digit, an accent, a keyword.
const AWKWARD_NAMES: &[&str] = &["My Cool API", "123-service", "café-api", "class"];

#[test]
fn awkward_names_give_valid_identifiers_in_every_blueprint() {
    let catalogue = catalogue();
    for blueprint in catalogue.blueprints().unwrap() {
        for name in AWKWARD_NAMES {
            let plan = plan(blueprint, &answers_for(blueprint, name), &ENVIRONMENT)
                .unwrap_or_else(|e| panic!("{} with {name:?}: {e}", blueprint.id()));
            let problems = identifier_problems(&plan);
            assert!(
                problems.is_empty(),
                "{} with name {name:?}:\n{}",
                blueprint.id(),
                problems.join("\n")
            );
        }
    }
}

/// Names that Ruby, Rails or Spring Boot already use for a type.
#[test]
fn names_the_frameworks_already_use_give_working_code() {
    let catalogue = catalogue();
    let top_module = Regex::new(r"(?m)^module\s+(\w+)").unwrap();
    let mut ruby_modules = Vec::new();
    for blueprint in catalogue.blueprints().unwrap() {
        for name in [
            "data",
            "queue",
            "time",
            "date",
            "logger",
            "rails",
            "spring",
            "Spring Boot",
            "set",
        ] {
            let plan = plan(blueprint, &answers_for(blueprint, name), &ENVIRONMENT).unwrap();
            let problems = identifier_problems(&plan);
            assert!(
                problems.is_empty(),
                "{} with name {name:?}:\n{}",
                blueprint.id(),
                problems.join("\n")
            );
            if let Some(application) = plan
                .files
                .iter()
                .find(|f| f.path == "config/application.rb")
            {
                let module = top_module.captures(&text(application)).unwrap()[1].to_string();
                ruby_modules.push((name, module));
            }
        }
    }
    assert!(
        !ruby_modules.is_empty(),
        "no blueprint has config/application.rb"
    );
    // Ruby itself has no constant of any module's name: one `ruby` process checks them all.
    let modules: Vec<&str> = ruby_modules.iter().map(|(_, m)| m.as_str()).collect();
    let Some(defined) = or_skip(ruby_defines(&modules), "cannot run ruby") else {
        return;
    };
    for (name, module) in &ruby_modules {
        assert!(
            !defined.contains(module),
            "{name:?}: Ruby already defines {module}"
        );
    }
}

/// The names among `constants` that a plain `ruby` process already defines.
fn ruby_defines(constants: &[&str]) -> Result<Vec<String>, String> {
    let output = Command::new("ruby")
        .arg("-e")
        .arg("ARGV.each { |name| puts name if Object.const_defined?(name) }")
        .args(constants)
        .output()
        .map_err(|e| format!("ruby: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "ruby failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect())
}

#[test]
fn the_ruby_oracle_sees_ruby_s_own_constants() {
    let Some(defined) = or_skip(
        ruby_defines(&["Array", "Comparable", "NoSuchThingHere"]),
        "cannot run ruby",
    ) else {
        return;
    };
    assert_eq!(defined, ["Array", "Comparable"]);
}

#[test]
fn the_oracles_catch_invalid_identifiers() {
    assert_eq!(npm_name_problem("My-App"), Some("has capital letters"));
    assert_eq!(npm_name_problem("_x"), Some("starts with . or _"));
    assert_eq!(npm_name_problem("a b"), Some("is not URL-safe"));
    assert_eq!(
        npm_name_problem(&"a".repeat(215)),
        Some("is longer than 214 characters")
    );
    assert!(!python_module_ok("123_service"));
    assert!(!python_module_ok("my-api"));
    assert!(!python_module_ok("class"));
    assert!(!java_package_ok("com.example.new"));
    assert!(!csharp_namespace_ok("class.Api"));
    assert!(!php_namespace_ok("Class"));
    assert!(!ruby_constant_ok("my_api"));
    let file = |path: &str, body: &str| {
        groundwork::render::PlannedFile::plain(path, body.as_bytes().to_vec())
    };
    let broken = Plan {
        commands: Commands::default(),
        files: vec![
            file(
                "src/main/java/com/example/spring/SpringApplication.java",
                "package com.example.spring;\n\nimport org.springframework.boot.SpringApplication;\n\npublic class SpringApplication {\n}\n",
            ),
            file(
                "config/application.rb",
                "module Rails\n  class Application < Rails::Application\n  end\nend\n",
            ),
            file("package.json", "{\"name\": \"My App\"}"),
            file("app_123/__init__.py", ""),
            file("123app/__init__.py", ""),
        ],
    };
    assert_eq!(
        identifier_problems(&broken),
        [
            "src/main/java/com/example/spring/SpringApplication.java: Java type `SpringApplication` clashes with a type of the same name it imports",
            "config/application.rb: Ruby module `Rails` is already defined by Ruby or Rails",
            "package.json: npm name `My App` has capital letters",
            "123app: Python package `123app` is not an identifier",
        ]
    );
}

#[test]
fn derived_names_for_the_awkward_names_are_as_documented() {
    let cases = [
        (
            "My Cool API",
            ["my-cool-api", "my_cool_api", "MyCoolApi", "mycoolapi"],
        ),
        (
            "123-service",
            [
                "123-service",
                "app_123_service",
                "App123Service",
                "app123service",
            ],
        ),
        ("café-api", ["cafe-api", "cafe_api", "CafeApi", "cafeapi"]),
        ("class", ["class", "class_app", "ClassApp", "classapp"]),
    ];
    for (name, [slug, package, class, segment]) in cases {
        let n = names::derive(name).unwrap();
        assert_eq!(
            [
                n.project_slug.as_str(),
                &n.package_name,
                &n.class_name,
                &n.java_segment
            ],
            [slug, package, class, segment],
            "{name}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// spring-boot's group_id: a regular expression cannot refuse Java keywords; `format` does.
#[test]
fn a_group_id_with_a_java_keyword_is_refused() {
    let t = Test::new().args([
        "new",
        "svc",
        "-f",
        "spring-boot",
        "--set",
        "group_id=com.example.new",
        "-y",
        "--no-git",
    ]);
    refused(
        &t,
        "error: invalid value `com.example.new` for `group_id`: `new` is a Java keyword, so the package would not compile; choose another segment (e.g. `news`)\n",
    );
    let t = Test::new().args([
        "new",
        "svc",
        "-f",
        "spring-boot",
        "--answers",
        "a.toml",
        "-y",
        "--no-git",
    ]);
    fs::write(
        t.path("a.toml"),
        "[answers]\ngroup_id = \"org.class.api\"\n",
    )
    .unwrap();
    refused(
        &t,
        "error: cannot use answers file a.toml: invalid value `org.class.api` for `group_id`: `class` is a Java keyword, so the package would not compile; choose another segment (e.g. `classs`)\n",
    );
}

#[test]
fn a_group_id_with_a_contextual_keyword_is_a_valid_package() {
    let t = Test::new().args([
        "new",
        "svc",
        "-f",
        "spring-boot",
        "--set",
        "group_id=org.record.var",
        "-y",
        "--no-git",
        "--dry-run",
    ]);
    t.run()
        .status(0)
        .stdout_has("src/main/java/org/record/var/svc/SvcApplication.java");
}

#[test]
fn show_describes_the_group_id_rule() {
    Test::new()
        .args(["show", "spring-boot"])
        .run()
        .status(0)
        .stdout_has("a Java package name (no segment a Java keyword)");
}

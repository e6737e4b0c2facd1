//! Security: generated projects hold no secret, their Dockerfiles drop root, `.env` is ignored,
//! and the frameworks' protections are on, in every combination of `docker` and `ci`.

use crate::skip::skipped;
use crate::support::{ENVIRONMENT, answers_for, catalogue, text};
use groundwork::answers::Answers;
use groundwork::blueprint::Blueprint;
use groundwork::combinations;
use groundwork::render::plan;
use regex::Regex;
use std::fs;
use std::path::Path;
use std::process::Command;

/// The blueprint's default answers with each combination of its `docker` and `ci` options.
fn docker_ci_combinations(blueprint: &Blueprint) -> Vec<Answers> {
    let axes = combinations::restricted(combinations::axes(blueprint), &["docker", "ci"]);
    combinations::cross_product(&axes, &answers_for(blueprint, "secure-app"))
}

/// Literal secrets: a value written where a secret belongs.
fn secret_patterns() -> Vec<(&'static str, Regex)> {
    [
        (
            "a Django SECRET_KEY literal",
            r#"SECRET_KEY\s*=\s*[rbuf]?['"][^'"\s$][^'"\s]{7,}"#,
        ),
        (
            "a Rails secret_key_base literal",
            r#"secret_key_base\s*[:=]\s*['"]?[0-9a-fA-F]{16,}"#,
        ),
        (
            "a Laravel APP_KEY",
            r#"APP_KEY\s*=\s*['"]?base64:[A-Za-z0-9+/]{16,}"#,
        ),
        ("an AWS access key id", r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
        (
            "an AWS secret access key",
            r#"(?i)aws_secret_access_key\s*[:=]\s*['"]?[A-Za-z0-9/+]{30,}"#,
        ),
        ("a private key", r"-----BEGIN ([A-Z]+ )?PRIVATE KEY-----"),
        (
            "a password with a value",
            r#"(?i)password\s*(=|:\s)\s*['"]?[^\s'"$<{}(),;+]{3,}"#,
        ),
        ("a GitHub token", r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
    ]
    .into_iter()
    .map(|(what, pattern)| (what, Regex::new(pattern).unwrap()))
    .collect()
}

#[test]
fn the_secret_patterns_catch_literal_secrets() {
    let patterns = secret_patterns();
    let caught = |line: &str| patterns.iter().any(|(_, re)| re.is_match(line));
    for bad in [
        "SECRET_KEY = 'django-insecure-abc123def456'",
        "  secret_key_base: 0123456789abcdef0123456789abcdef",
        "APP_KEY=base64:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
        "-----BEGIN RSA PRIVATE KEY-----",
        "DB_PASSWORD=hunter2",
        "password: hunter2",
    ] {
        assert!(caught(bad), "{bad}");
    }
    for fine in [
        "SECRET_KEY = os.environ.get(\"DJANGO_SECRET_KEY\", \"\").strip()",
        "DJANGO_SECRET_KEY=",
        "APP_KEY=",
        "-e APP_KEY=\"base64:$(openssl rand -base64 32)\"",
        "password: ${{ secrets.DB_PASSWORD }}",
    ] {
        assert!(!caught(fine), "{fine}");
    }
}

/// Whether the file `name` ends in `.extension`, in any case.
fn has_extension(name: &str, extension: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

#[test]
fn no_generated_file_holds_a_secret_or_an_env_file() {
    let patterns = secret_patterns();
    for blueprint in catalogue().blueprints().unwrap() {
        for answers in docker_ci_combinations(blueprint) {
            let plan = plan(blueprint, &answers, &ENVIRONMENT).unwrap();
            for file in &plan.files {
                let name = file.path.rsplit('/').next().unwrap();
                let secret_file = (name == ".env" || name.starts_with(".env."))
                    && name != ".env.example"
                    || name == "master.key"
                    || name.starts_with("credentials") && has_extension(name, "enc")
                    || has_extension(name, "pem")
                    || has_extension(name, "key")
                    || name.starts_with("id_rsa");
                assert!(!secret_file, "{}: writes {}", blueprint.id(), file.path);
                for (number, line) in text(file).lines().enumerate() {
                    for (what, re) in &patterns {
                        assert!(
                            !re.is_match(line),
                            "{}: {}:{} has {what}: {line}",
                            blueprint.id(),
                            file.path,
                            number + 1
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn dockerfiles_drop_root() {
    for blueprint in catalogue().blueprints().unwrap() {
        for answers in docker_ci_combinations(blueprint) {
            let plan = plan(blueprint, &answers, &ENVIRONMENT).unwrap();
            let Some(dockerfile) = plan.files.iter().find(|f| f.path == "Dockerfile") else {
                continue;
            };
            let body = text(dockerfile);
            let final_stage = body
                .rsplit_once("\nFROM ")
                .map_or(body.as_str(), |(_, stage)| stage);
            let user = final_stage
                .lines()
                .filter_map(|l| l.trim().strip_prefix("USER "))
                .next_back()
                .unwrap_or_else(|| panic!("{}: the final stage sets no USER", blueprint.id()))
                .trim();
            let name = user.split(':').next().unwrap();
            assert!(
                !["root", "0"].contains(&name),
                "{}: the container runs as {user}",
                blueprint.id()
            );
        }
    }
}

#[test]
fn env_files_are_ignored_by_git_and_the_example_is_not() {
    for blueprint in catalogue().blueprints().unwrap() {
        let plan = plan(
            blueprint,
            &answers_for(blueprint, "secure-app"),
            &ENVIRONMENT,
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        for file in &plan.files {
            let path = dir.path().join(&file.path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, &file.contents).unwrap();
        }
        // Only the project's own .gitignore counts: no global or system git configuration.
        let check_ignore = |path: &str| {
            Command::new("git")
                .args(["check-ignore", "-q", "--no-index", path])
                .current_dir(dir.path())
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("GIT_CONFIG_GLOBAL", "/dev/null")
                .env("HOME", dir.path())
                .status()
                .unwrap()
                .success()
        };
        let init = Command::new("git")
            .args(["init", "-q"])
            .current_dir(dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .status()
            .unwrap();
        assert!(init.success());
        for secret in [".env", ".env.local", ".env.production"] {
            assert!(
                check_ignore(secret),
                "{}: {secret} is not ignored",
                blueprint.id()
            );
        }
        assert!(
            !check_ignore(".env.example"),
            "{}: .env.example is ignored",
            blueprint.id()
        );
    }
}

/// Per file: its path, the lines it must hold and the lines it must not.
type Rules = &'static [(
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
)];

/// Per blueprint: the protections its files must show.
const PROTECTIONS: &[(&str, Rules)] = &[
    (
        "django",
        &[
            (
                "config/settings.py",
                &[
                    "DEBUG = env_bool(\"DJANGO_DEBUG\", False)",
                    "SECRET_KEY = os.environ.get(\"DJANGO_SECRET_KEY\", \"\").strip()",
                    "ALLOWED_HOSTS = env_list(\"DJANGO_ALLOWED_HOSTS\")",
                    "\"django.middleware.csrf.CsrfViewMiddleware\",",
                    "\"django.middleware.security.SecurityMiddleware\",",
                    "CSRF_COOKIE_SECURE = not DEBUG",
                    "SESSION_COOKIE_SECURE = not DEBUG",
                ],
                &[
                    "DEBUG = True",
                    "ALLOWED_HOSTS = [\"*\"]",
                    "ALLOWED_HOSTS = ['*']",
                ],
            ),
            (
                ".env.example",
                &["DJANGO_DEBUG=0", "DJANGO_SECRET_KEY="],
                &["\nDJANGO_DEBUG=1"],
            ),
        ],
    ),
    (
        "flask",
        &[
            (
                "app/__main__.py",
                &["debug = os.environ.get(\"FLASK_DEBUG\", \"\").strip().lower() in TRUE_VALUES"],
                &["debug=True"],
            ),
            (
                "app/__init__.py",
                &[],
                &["debug=True", "DEBUG=True", "SECRET_KEY="],
            ),
            (".env.example", &["# FLASK_DEBUG=1"], &["\nFLASK_DEBUG=1"]),
        ],
    ),
    (
        "laravel",
        &[
            (
                ".env.example",
                &["APP_DEBUG=false", "APP_KEY=\n"],
                &["APP_DEBUG=true"],
            ),
            ("bootstrap/app.php", &["$middleware->trustHosts();"], &[]),
        ],
    ),
    (
        "rails",
        &[(
            "config/environments/production.rb",
            &[
                "if ENV[\"SECRET_KEY_BASE\"].blank?",
                "config.consider_all_requests_local = false",
                "config.force_ssl = true",
                "config.hosts = ENV.fetch(\"ALLOWED_HOSTS\", \"\")",
            ],
            &["config.hosts.clear", "secret_key_base ="],
        )],
    ),
    (
        "express",
        &[("src/app.js", &["app.disable('x-powered-by');"], &[])],
    ),
    (
        "spring-boot",
        &[(
            "src/main/resources/application.properties",
            &[
                // Spring Boot 4's names; it ignores the older `server.error.*` ones.
                "\nspring.web.error.include-stacktrace=never",
                "\nspring.web.error.include-message=never",
                "\nspring.web.error.whitelabel.enabled=false",
                "\nmanagement.endpoints.web.exposure.include=health",
            ],
            &["\nserver.error."],
        )],
    ),
];

/// Lines that must be in a blueprint's files, and lines that must not, for its framework's own
/// protections: debug off, secrets from the environment, CSRF and host checks on. A blueprint
/// that is not embedded (yet) is skipped, and the test says so.
#[test]
fn framework_protections_are_on_by_default() {
    let catalogue = catalogue();
    for (id, files) in PROTECTIONS {
        let Some(blueprint) = catalogue
            .blueprints()
            .unwrap()
            .into_iter()
            .find(|b| b.id() == *id)
        else {
            skipped(&format!(
                "{id} is not embedded, so its protections were not checked"
            ));
            continue;
        };
        for answers in docker_ci_combinations(blueprint) {
            let plan = plan(blueprint, &answers, &ENVIRONMENT).unwrap();
            for (path, present, absent) in *files {
                let file = plan
                    .files
                    .iter()
                    .find(|f| f.path == *path)
                    .unwrap_or_else(|| panic!("{id}: no {path}"));
                let body = text(file);
                for line in *present {
                    assert!(body.contains(line), "{id}: {path} lacks {line:?}");
                }
                for line in *absent {
                    assert!(!body.contains(line), "{id}: {path} has {line:?}");
                }
            }
        }
    }
}

/// ASP.NET Core's host filtering is on: only the hosts named answer, unless the user says otherwise.
#[test]
fn aspnet_core_answers_only_the_hosts_it_is_given() {
    let catalogue = catalogue();
    let Some(blueprint) = catalogue
        .blueprints()
        .unwrap()
        .into_iter()
        .find(|b| b.id() == "aspnet-core")
    else {
        skipped("aspnet-core is not embedded, so its host filtering was not checked");
        return;
    };
    for answers in docker_ci_combinations(blueprint) {
        let plan = plan(blueprint, &answers, &ENVIRONMENT).unwrap();
        let settings = plan
            .files
            .iter()
            .find(|f| f.path.ends_with(".Api/appsettings.json"))
            .expect("an appsettings.json");
        let json: serde_json::Value = serde_json::from_slice(&settings.contents).unwrap();
        assert_eq!(json["AllowedHosts"], "localhost;127.0.0.1");
    }
}

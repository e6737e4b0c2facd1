//! The syntax tier of groundwork's proof, fast and offline: every blueprint, rendered in memory
//! with every combination of its bool and choice options, and every generated file put through a
//! real parser for its language (tree-sitter grammars for code; `serde_json`, toml, saphyr and
//! roxmltree for data). A file fails on the first ERROR or MISSING node, reported with its line
//! and column. Which files count as which language is decided in `tests/e2e/kinds.rs`, shared
//! with the end-to-end harness; Blade and ERB templates are left out there, with the reason.
//!
//! Each distinct rendered content is parsed once: most files do not change with the options.

#[path = "../e2e/kinds.rs"]
mod kinds;

use crate::support::{ENVIRONMENT, answers_for, catalogue};
use groundwork::answers::Answers;
use groundwork::blueprint::Blueprint;
use groundwork::combinations;
use groundwork::render::{Plan, plan};
use kinds::{Kind, kind_of};
use std::collections::{BTreeMap, HashMap, HashSet};
use tree_sitter::{Language, Node, Parser};

fn base_answers(blueprint: &Blueprint) -> Answers {
    answers_for(blueprint, "syntax-app")
}

/// What a parser objected to, at a 1-based line and column (in characters).
#[derive(Debug, PartialEq)]
struct Problem {
    line: usize,
    column: usize,
    message: String,
}

impl Problem {
    /// A problem at a 0-based byte offset of `text`.
    fn at_offset(text: &str, offset: usize, message: String) -> Problem {
        let offset = offset.min(text.len());
        let offset = (0..=offset)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Problem {
            line,
            column: before[line_start..].chars().count() + 1,
            message,
        }
    }
}

fn grammar(kind: Kind) -> Option<Language> {
    Some(match kind {
        Kind::Python => tree_sitter_python::LANGUAGE.into(),
        Kind::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
        Kind::Java => tree_sitter_java::LANGUAGE.into(),
        Kind::CSharp => tree_sitter_c_sharp::LANGUAGE.into(),
        Kind::Ruby => tree_sitter_ruby::LANGUAGE.into(),
        // LANGUAGE_PHP, not LANGUAGE_PHP_ONLY: a .php file starts outside `<?php` (as text).
        Kind::Php => tree_sitter_php::LANGUAGE_PHP.into(),
        Kind::Json | Kind::Toml | Kind::Yaml | Kind::Xml => return None,
    })
}

/// One tree-sitter parser per language, made when first needed.
#[derive(Default)]
struct Checker {
    parsers: HashMap<Kind, Parser>,
}

impl Checker {
    fn check(&mut self, kind: Kind, contents: &[u8]) -> Result<(), Problem> {
        let text = std::str::from_utf8(contents).map_err(|e| Problem {
            line: 1,
            column: 1,
            message: format!("not UTF-8: {e}"),
        })?;
        match kind {
            Kind::Json => serde_json::from_str::<serde_json::Value>(text)
                .map(drop)
                .map_err(|e| Problem {
                    line: e.line(),
                    column: e.column(),
                    message: e.to_string(),
                }),
            Kind::Toml => toml::from_str::<toml::Table>(text).map(drop).map_err(|e| {
                let offset = e.span().map_or(0, |s| s.start);
                Problem::at_offset(text, offset, e.message().to_string())
            }),
            Kind::Yaml => {
                use saphyr::{LoadableYamlNode, Yaml};
                Yaml::load_from_str(text).map(drop).map_err(|e| Problem {
                    line: e.marker().line(),
                    column: e.marker().col() + 1,
                    message: e.info().to_string(),
                })
            }
            Kind::Xml => roxmltree::Document::parse(text)
                .map(drop)
                .map_err(|e| Problem {
                    line: e.pos().row as usize,
                    column: e.pos().col as usize,
                    message: e.to_string(),
                }),
            _ => self.check_code(kind, text),
        }
    }

    fn check_code(&mut self, kind: Kind, text: &str) -> Result<(), Problem> {
        let parser = self.parsers.entry(kind).or_insert_with(|| {
            let mut parser = Parser::new();
            let language = grammar(kind).expect("a grammar for every code kind");
            parser
                .set_language(&language)
                .expect("the grammar's ABI suits this tree-sitter core");
            parser
        });
        let tree = parser
            .parse(text, None)
            .expect("no timeout or cancellation is set");
        let root = tree.root_node();
        if !root.has_error() {
            return Ok(());
        }
        let bad = first_bad_node(root).unwrap_or(root);
        let line_text = text.lines().nth(bad.start_position().row).unwrap_or("");
        let what = if bad.is_missing() {
            format!("MISSING `{}`", bad.kind())
        } else {
            "ERROR (the parser could not make sense of the text here)".to_string()
        };
        Err(Problem {
            message: format!("{what}: `{}`", line_text.trim()),
            ..Problem::at_offset(text, bad.start_byte(), String::new())
        })
    }
}

/// The first ERROR or MISSING node in document order.
fn first_bad_node(node: Node<'_>) -> Option<Node<'_>> {
    if node.is_error() || node.is_missing() {
        return Some(node);
    }
    if !node.has_error() {
        return None;
    }
    let mut cursor = node.walk();
    let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
    children.into_iter().find_map(first_bad_node)
}

/// The kind of source a blueprint's `language` stands for.
fn kind_of_language(language: &str) -> Option<Kind> {
    Some(match language {
        "python" => Kind::Python,
        "javascript" => Kind::JavaScript,
        "java" => Kind::Java,
        "csharp" => Kind::CSharp,
        "ruby" => Kind::Ruby,
        "php" => Kind::Php,
        _ => return None,
    })
}

#[test]
fn every_generated_file_parses_in_every_option_combination() {
    let catalogue = catalogue();
    let mut checker = Checker::default();
    let mut seen: HashSet<(Kind, Vec<u8>)> = HashSet::new();
    let mut failures = Vec::new();
    let mut summary = Vec::new();
    for blueprint in catalogue.blueprints().unwrap() {
        let id = blueprint.id();
        let mut found: HashSet<(Kind, &[u8])> = HashSet::new();
        let mut per_kind: BTreeMap<Kind, usize> = BTreeMap::new();
        let axes = combinations::axes(blueprint);
        let plans: Vec<(Answers, Plan)> =
            combinations::cross_product(&axes, &base_answers(blueprint))
                .into_iter()
                .map(|answers| {
                    let plan = plan(blueprint, &answers, &ENVIRONMENT)
                        .unwrap_or_else(|e| panic!("{id} with {answers:?}: {e}"));
                    (answers, plan)
                })
                .collect();
        for (answers, plan) in &plans {
            for file in &plan.files {
                let Some(kind) = kind_of(&file.path, &file.contents) else {
                    continue;
                };
                if !found.insert((kind, &file.contents)) {
                    continue;
                }
                *per_kind.entry(kind).or_default() += 1;
                // The same text in another blueprint or combination was parsed already.
                if !seen.insert((kind, file.contents.clone())) {
                    continue;
                }
                if let Err(p) = checker.check(kind, &file.contents) {
                    failures.push(format!(
                        "{id}: {}:{}:{}: {} does not parse ({}): {}",
                        file.path,
                        p.line,
                        p.column,
                        kind.name(),
                        combinations::describe(&axes, answers),
                        p.message
                    ));
                }
            }
        }
        if let Some(kind) = kind_of_language(&blueprint.manifest.language) {
            assert!(
                per_kind.contains_key(&kind),
                "{id}: no {} file was found to parse; is the file mapping in tests/e2e/kinds.rs \
                 missing an extension?",
                kind.name()
            );
        }
        let counts: Vec<String> = per_kind
            .iter()
            .map(|(k, n)| format!("{n} {}", k.name()))
            .collect();
        summary.push(format!(
            "{id} ({} combinations): {}",
            plans.len(),
            counts.join(", ")
        ));
    }
    println!("distinct files per blueprint:\n  {}", summary.join("\n  "));
    assert!(
        failures.is_empty(),
        "{} generated file(s) do not parse:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The checker itself: each parser rejects a broken file and points at the right place, so a
/// green run means the files parsed, not that nothing was looked at.
#[test]
fn the_syntax_checker_finds_broken_files() {
    let mut checker = Checker::default();
    let broken: &[(Kind, &str, usize)] = &[
        (Kind::Python, "import os\n\ndef f(:\n    pass\n", 3),
        (Kind::JavaScript, "const a = 1;\nfoo(1, 2;\n", 2),
        (Kind::Java, "class A {\n  void f() { int x = ; }\n}\n", 2),
        (
            Kind::CSharp,
            "namespace A;\npublic class B {\n  void C( { }\n}\n",
            3,
        ),
        (Kind::Ruby, "a = 1\nb = [1, 2\n", 2),
        (Kind::Php, "<?php\n\n$a = [1, 2;\n", 3),
        (Kind::Json, "{\n  \"a\": 1,\n}\n", 3),
        (Kind::Toml, "a = 1\nb = \n", 2),
        (Kind::Yaml, "a: 1\nb: [1, 2\n", 3),
        (Kind::Xml, "<project>\n  <a></b>\n</project>\n", 2),
    ];
    for (kind, text, line) in broken {
        let problem = checker
            .check(*kind, text.as_bytes())
            .expect_err(&format!("{} accepted broken text", kind.name()));
        assert_eq!(problem.line, *line, "{}: {problem:?}", kind.name());
    }
    let missing = checker
        .check(Kind::JavaScript, b"if (a) {\n  b();\n")
        .expect_err("an unclosed block is rejected");
    assert!(missing.message.starts_with("MISSING `}`"), "{missing:?}");
    for (kind, text) in [
        (Kind::Python, "def f(x: int) -> int:\n    return x\n"),
        (Kind::Php, "<?php\n\nenum Suit: string { case A = 'a'; }\n"),
        (Kind::Ruby, "def f(a:, **) = g(a:, **)\n"),
        (Kind::Yaml, "on:\n  push:\nrun: echo ${{ github.sha }}\n"),
    ] {
        assert_eq!(checker.check(kind, text.as_bytes()), Ok(()), "{text}");
    }
}

#[test]
fn files_are_mapped_to_parsers_by_name_extension_and_shebang() {
    assert_eq!(kind_of("app/main.py", b""), Some(Kind::Python));
    assert_eq!(kind_of("src/app.mjs", b""), Some(Kind::JavaScript));
    assert_eq!(kind_of("Gemfile", b""), Some(Kind::Ruby));
    assert_eq!(kind_of("config.ru", b""), Some(Kind::Ruby));
    assert_eq!(kind_of("App.csproj", b""), Some(Kind::Xml));
    assert_eq!(kind_of("App.slnx", b""), Some(Kind::Xml));
    assert_eq!(kind_of("App.sln", b""), None);
    assert_eq!(kind_of("resources/views/a.blade.php", b"<?php"), None);
    assert_eq!(kind_of("app/views/a.html.erb", b""), None);
    assert_eq!(
        kind_of("bin/rails", b"#!/usr/bin/env ruby\n"),
        Some(Kind::Ruby)
    );
    assert_eq!(kind_of("artisan", b"#!/usr/bin/env php\n"), Some(Kind::Php));
    assert_eq!(kind_of("mvnw", b"#!/bin/sh\n"), None);
    assert_eq!(kind_of(".gitignore", b""), None);
    assert_eq!(kind_of(".env.example", b""), None);
    assert_eq!(kind_of("Dockerfile", b"FROM x"), None);
}

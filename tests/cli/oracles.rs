//! Each ecosystem's naming rules, written from its specification and independent of the code
//! under test: keyword lists, npm and Composer name rules, and the identifiers a plan derives.

use crate::support::text;
use groundwork::render::Plan;
use regex::Regex;
use std::sync::LazyLock;

/// Java SE 17 reserved keywords and literals (JLS 3.9, 3.10.3, 3.10.8).
const JAVA_KEYWORDS: &[&str] = &[
    "_",
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "false",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "true",
    "try",
    "void",
    "volatile",
    "while",
];

/// C# reserved keywords (case-sensitive).
const CSHARP_KEYWORDS: &[&str] = &[
    "abstract",
    "as",
    "base",
    "bool",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "checked",
    "class",
    "const",
    "continue",
    "decimal",
    "default",
    "delegate",
    "do",
    "double",
    "else",
    "enum",
    "event",
    "explicit",
    "extern",
    "false",
    "finally",
    "fixed",
    "float",
    "for",
    "foreach",
    "goto",
    "if",
    "implicit",
    "in",
    "int",
    "interface",
    "internal",
    "is",
    "lock",
    "long",
    "namespace",
    "new",
    "null",
    "object",
    "operator",
    "out",
    "override",
    "params",
    "private",
    "protected",
    "public",
    "readonly",
    "ref",
    "return",
    "sbyte",
    "sealed",
    "short",
    "sizeof",
    "stackalloc",
    "static",
    "string",
    "struct",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "uint",
    "ulong",
    "unchecked",
    "unsafe",
    "ushort",
    "using",
    "virtual",
    "void",
    "volatile",
    "while",
];

/// Python 3 keywords and soft keywords.
const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "case", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
    "import", "in", "is", "lambda", "match", "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "type", "while", "with", "yield", "_",
];

/// Ruby keywords.
pub(crate) const RUBY_KEYWORDS: &[&str] = &[
    "__ENCODING__",
    "__LINE__",
    "__FILE__",
    "BEGIN",
    "END",
    "alias",
    "and",
    "begin",
    "break",
    "case",
    "class",
    "def",
    "defined?",
    "do",
    "else",
    "elsif",
    "end",
    "ensure",
    "false",
    "for",
    "if",
    "in",
    "module",
    "next",
    "nil",
    "not",
    "or",
    "redo",
    "rescue",
    "retry",
    "return",
    "self",
    "super",
    "then",
    "true",
    "undef",
    "unless",
    "until",
    "when",
    "while",
    "yield",
];

/// PHP reserved keywords and reserved type names (case-insensitive), which cannot name a
/// namespace or a class.
const PHP_RESERVED: &[&str] = &[
    "__halt_compiler",
    "abstract",
    "and",
    "array",
    "as",
    "bool",
    "break",
    "callable",
    "case",
    "catch",
    "class",
    "clone",
    "const",
    "continue",
    "declare",
    "default",
    "die",
    "do",
    "echo",
    "else",
    "elseif",
    "empty",
    "enddeclare",
    "endfor",
    "endforeach",
    "endif",
    "endswitch",
    "endwhile",
    "enum",
    "eval",
    "exit",
    "extends",
    "false",
    "final",
    "finally",
    "float",
    "fn",
    "for",
    "foreach",
    "function",
    "global",
    "goto",
    "if",
    "implements",
    "include",
    "include_once",
    "instanceof",
    "insteadof",
    "int",
    "interface",
    "isset",
    "iterable",
    "list",
    "match",
    "mixed",
    "namespace",
    "never",
    "new",
    "null",
    "object",
    "or",
    "parent",
    "print",
    "private",
    "protected",
    "public",
    "readonly",
    "require",
    "require_once",
    "return",
    "self",
    "static",
    "string",
    "switch",
    "throw",
    "trait",
    "true",
    "try",
    "unset",
    "use",
    "var",
    "void",
    "while",
    "xor",
    "yield",
];

/// Constants a plain Ruby 3.3 or a Rails app defines before the app's own module: `module X`
/// for any of them fails (a class) or reopens someone else's module.
const RUBY_TAKEN: &[&str] = &[
    "Array",
    "BasicObject",
    "Binding",
    "Comparable",
    "Complex",
    "Data",
    "Dir",
    "Encoding",
    "Enumerable",
    "Enumerator",
    "Exception",
    "Fiber",
    "File",
    "Float",
    "Hash",
    "Integer",
    "Kernel",
    "Marshal",
    "Math",
    "Method",
    "Module",
    "Mutex",
    "Numeric",
    "Object",
    "Proc",
    "Process",
    "Queue",
    "Random",
    "Range",
    "Rational",
    "Regexp",
    "Set",
    "Signal",
    "String",
    "Struct",
    "Symbol",
    "Thread",
    "Time",
    "Warning",
    "ActiveModel",
    "ActiveSupport",
    "ActionController",
    "ActionDispatch",
    "Date",
    "Logger",
    "Rails",
    "Rack",
    "Puma",
    "Bundler",
    "Gem",
    "Minitest",
    "Zeitwerk",
    "Concurrent",
    "I18n",
];

fn ascii_identifier(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// An npm package name, by the rules of `validate-npm-package-name` for new packages.
pub(crate) fn npm_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("is empty");
    }
    if name.len() > 214 {
        return Some("is longer than 214 characters");
    }
    if name.starts_with('.') || name.starts_with('_') {
        return Some("starts with . or _");
    }
    if name.trim() != name {
        return Some("has leading or trailing spaces");
    }
    if name.to_lowercase() != name {
        return Some("has capital letters");
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c))
    {
        return Some("is not URL-safe");
    }
    if ["node_modules", "favicon.ico"].contains(&name) {
        return Some("is a blocked name");
    }
    None
}

pub(crate) fn python_module_ok(name: &str) -> bool {
    ascii_identifier(name) && !PYTHON_KEYWORDS.contains(&name)
}

pub(crate) fn java_package_ok(package: &str) -> bool {
    package
        .split('.')
        .all(|s| ascii_identifier(s) && !JAVA_KEYWORDS.contains(&s))
}

pub(crate) fn csharp_namespace_ok(namespace: &str) -> bool {
    namespace
        .split('.')
        .all(|s| ascii_identifier(s) && !CSHARP_KEYWORDS.contains(&s))
}

pub(crate) fn php_namespace_ok(namespace: &str) -> bool {
    namespace
        .split('\\')
        .all(|s| ascii_identifier(s) && !PHP_RESERVED.contains(&s.to_ascii_lowercase().as_str()))
}

pub(crate) fn ruby_constant_ok(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && ascii_identifier(name)
        && !RUBY_KEYWORDS.contains(&name)
}

/// The patterns `identifier_problems` reads declarations with, compiled once for every plan.
struct IdentifierPatterns {
    composer_name: Regex,
    java_package: Regex,
    java_type: Regex,
    csharp_namespace: Regex,
    ruby_module: Regex,
    ruby_top_module: Regex,
    java_import: Regex,
    php_namespace: Regex,
}

static IDENTIFIER_PATTERNS: LazyLock<IdentifierPatterns> = LazyLock::new(|| IdentifierPatterns {
    composer_name: Regex::new(r"^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$")
        .unwrap(),
    java_package: Regex::new(r"(?m)^package\s+([^;\s]+)\s*;").unwrap(),
    java_type: Regex::new(r"(?m)^(?:public\s+)?(?:final\s+)?(?:class|record|interface)\s+(\w+)")
        .unwrap(),
    csharp_namespace: Regex::new(r"(?m)^namespace\s+([\w.]+)").unwrap(),
    ruby_module: Regex::new(r"(?m)^\s*(?:module|class)\s+([A-Za-z_][\w:]*)").unwrap(),
    ruby_top_module: Regex::new(r"(?m)^module\s+(\w+)\s*$").unwrap(),
    java_import: Regex::new(r"(?m)^import\s+(?:static\s+)?[\w.]*\.(\w+)\s*;").unwrap(),
    php_namespace: Regex::new(r"(?m)^namespace\s+([\w\\]+)\s*;").unwrap(),
});

/// Every identifier derived from the project name, in every generated file of `plan`, is valid
/// in its ecosystem. Returns the problems found.
#[expect(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "the blueprints write these names in lowercase; another case is another file"
)]
pub(crate) fn identifier_problems(plan: &Plan) -> Vec<String> {
    let mut problems = Vec::new();
    let python_packages: Vec<&str> = plan
        .files
        .iter()
        .filter_map(|f| f.path.strip_suffix("/__init__.py"))
        .collect();
    for file in &plan.files {
        let path = file.path.as_str();
        let name = path.rsplit('/').next().unwrap();
        let body = text(file);
        let mut found = package_manifest_problems(name, &body);
        if name.ends_with(".java") {
            found.extend(java_problems(path, name, &body));
        }
        found.extend(dotnet_problems(name, &body));
        if name.ends_with(".rb") {
            found.extend(ruby_problems(&body));
        }
        if name.ends_with(".php") {
            for c in IDENTIFIER_PATTERNS.php_namespace.captures_iter(&body) {
                if !php_namespace_ok(&c[1]) {
                    found.push(format!("PHP namespace `{}` is invalid", &c[1]));
                }
            }
        }
        if let Some(stem) = name.strip_suffix(".py") {
            let folder = path.rsplit_once('/').map_or("", |(dir, _)| dir);
            // Django loads migrations by file name (`0001_initial.py`), never by import.
            let migration = folder == "migrations" || folder.ends_with("/migrations");
            if python_packages.contains(&folder)
                && !python_module_ok(stem)
                && !stem.starts_with("__")
                && !migration
            {
                found.push(format!("Python module `{stem}` is not importable"));
            }
        }
        problems.extend(found.into_iter().map(|what| format!("{path}: {what}")));
    }
    for package in python_packages {
        for segment in package.split('/') {
            if !python_module_ok(segment) {
                problems.push(format!(
                    "{package}: Python package `{segment}` is not an identifier"
                ));
            }
        }
    }
    problems
}

/// The names in `package.json`, `composer.json` and `pom.xml`.
fn package_manifest_problems(name: &str, body: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if name == "package.json" {
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        let npm = json["name"].as_str().unwrap_or_default();
        if let Some(why) = npm_name_problem(npm) {
            problems.push(format!("npm name `{npm}` {why}"));
        }
    }
    if name == "composer.json" {
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        let composer = json["name"].as_str().unwrap_or_default();
        if !IDENTIFIER_PATTERNS.composer_name.is_match(composer) {
            problems.push(format!("Composer name `{composer}` is invalid"));
        }
    }
    if name == "pom.xml" {
        let doc = roxmltree::Document::parse(body).unwrap();
        let child = |tag: &str| {
            doc.root_element()
                .children()
                .find(|n| n.has_tag_name(tag))
                .and_then(|n| n.text())
                .unwrap_or_default()
                .to_string()
        };
        let artifact = child("artifactId");
        if artifact.is_empty()
            || !artifact
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        {
            problems.push(format!("Maven artifactId `{artifact}` is invalid"));
        }
        let group = child("groupId");
        if !java_package_ok(&group) {
            problems.push(format!("Maven groupId `{group}` is not a Java package"));
        }
    }
    problems
}

/// A Java source's package (valid, and matching its folder), its types and its file name.
fn java_problems(path: &str, name: &str, body: &str) -> Vec<String> {
    let patterns = &*IDENTIFIER_PATTERNS;
    let mut problems = Vec::new();
    match patterns.java_package.captures(body) {
        Some(c) => {
            let package = &c[1];
            if !java_package_ok(package) {
                problems.push(format!("Java package `{package}` is invalid"));
            }
            let folder = format!("/java/{}/{name}", package.replace('.', "/"));
            if !path.ends_with(&folder) {
                problems.push(format!("is not in the folder of package `{package}`"));
            }
        }
        None => problems.push("has no package declaration".into()),
    }
    let imported: Vec<String> = patterns
        .java_import
        .captures_iter(body)
        .map(|c| c[1].to_string())
        .collect();
    for c in patterns.java_type.captures_iter(body) {
        let type_name = &c[1];
        if !ascii_identifier(type_name) || JAVA_KEYWORDS.contains(&type_name) {
            problems.push(format!("Java type `{type_name}` is invalid"));
        }
        if imported.iter().any(|i| i == type_name) {
            problems.push(format!(
                "Java type `{type_name}` clashes with a type of the same name it imports"
            ));
        }
    }
    let stem = name.trim_end_matches(".java");
    if !ascii_identifier(stem) {
        problems.push(format!("Java file name `{stem}` is not a type name"));
    }
    problems
}

/// C# namespaces, and the root namespace a `.csproj` or `.slnx` name gives.
#[expect(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "the blueprints write these names in lowercase; another case is another file"
)]
fn dotnet_problems(name: &str, body: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if name.ends_with(".cs") {
        for c in IDENTIFIER_PATTERNS.csharp_namespace.captures_iter(body) {
            if !csharp_namespace_ok(&c[1]) {
                problems.push(format!("C# namespace `{}` is invalid", &c[1]));
            }
        }
    }
    if let Some(stem) = name
        .strip_suffix(".csproj")
        .or_else(|| name.strip_suffix(".slnx"))
    {
        if !csharp_namespace_ok(stem) {
            problems.push(format!("C# project `{stem}` is not a valid root namespace"));
        }
    }
    problems
}

/// Ruby modules that Ruby or Rails already define, and constants that are not valid.
fn ruby_problems(body: &str) -> Vec<String> {
    let patterns = &*IDENTIFIER_PATTERNS;
    let mut problems = Vec::new();
    for c in patterns.ruby_top_module.captures_iter(body) {
        if RUBY_TAKEN.contains(&&c[1]) {
            problems.push(format!(
                "Ruby module `{}` is already defined by Ruby or Rails",
                &c[1]
            ));
        }
    }
    for c in patterns.ruby_module.captures_iter(body) {
        for constant in c[1].split("::") {
            if !ruby_constant_ok(constant) {
                problems.push(format!("Ruby constant `{constant}` is invalid"));
            }
        }
    }
    problems
}

//! Which parser a generated file needs, from its path (and, for extensionless scripts, its
//! shebang). Shared by the syntax tier in `cargo test` (`tests/cli/syntax.rs`, which includes this
//! file by path) and by the end-to-end harness, so both check the same files.

/// A language or data format that groundwork's checks can parse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Kind {
    Python,
    JavaScript,
    Java,
    CSharp,
    Ruby,
    Php,
    Json,
    Toml,
    Yaml,
    Xml,
}

impl Kind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Python => "Python",
            Kind::JavaScript => "JavaScript",
            Kind::Java => "Java",
            Kind::CSharp => "C#",
            Kind::Ruby => "Ruby",
            Kind::Php => "PHP",
            Kind::Json => "JSON",
            Kind::Toml => "TOML",
            Kind::Yaml => "YAML",
            Kind::Xml => "XML",
        }
    }
}

/// The kind of a generated file, or `None` for files no parser here covers (Markdown, Dockerfiles,
/// shell scripts, `.env.example`, `.editorconfig`, ...).
///
/// Deliberately not parsed:
/// - `*.blade.php` (Laravel Blade) and `*.erb` (Rails ERB) are template languages that mix HTML
///   with their own directives; `@if(...)` or `<%= %>` is not PHP or Ruby a plain parser accepts,
///   and no Blade or ERB grammar is on crates.io in a version that shares our tree-sitter core.
/// - `*.sln` is Visual Studio's own line format, not XML (`*.slnx` is XML and is parsed).
#[expect(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "the blueprints write these names in lowercase; another case is another file"
)]
pub(crate) fn kind_of(path: &str, contents: &[u8]) -> Option<Kind> {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.ends_with(".blade.php") || name.ends_with(".erb") {
        return None;
    }
    if matches!(name, "Gemfile" | "Rakefile" | "config.ru" | "Guardfile") {
        return Some(Kind::Ruby);
    }
    if let Some((_, extension)) = name.rsplit_once('.').filter(|(stem, _)| !stem.is_empty()) {
        return match extension {
            "py" => Some(Kind::Python),
            "js" | "mjs" | "cjs" => Some(Kind::JavaScript),
            "java" => Some(Kind::Java),
            "cs" => Some(Kind::CSharp),
            "rb" | "rake" | "gemspec" | "ru" => Some(Kind::Ruby),
            "php" => Some(Kind::Php),
            "json" => Some(Kind::Json),
            "toml" => Some(Kind::Toml),
            "yml" | "yaml" => Some(Kind::Yaml),
            "xml" | "csproj" | "props" | "targets" | "slnx" => Some(Kind::Xml),
            _ => None,
        };
    }
    // No extension: a script such as `bin/rails`, `bin/dev` or Laravel's `artisan` says what it
    // is in its shebang.
    let first_line = contents.split(|&b| b == b'\n').next().unwrap_or_default();
    let shebang = std::str::from_utf8(first_line).ok()?.strip_prefix("#!")?;
    let interpreter = shebang
        .split_whitespace()
        .find(|word| !word.ends_with("/env") && !word.starts_with('-'))?;
    match interpreter.rsplit('/').next()? {
        "ruby" => Some(Kind::Ruby),
        "php" => Some(Kind::Php),
        "python" | "python3" => Some(Kind::Python),
        "node" => Some(Kind::JavaScript),
        _ => None,
    }
}

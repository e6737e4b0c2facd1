//! Project names and the identifiers derived from them for each ecosystem.
//!
//! A project name is free text ("My Cool API"); blueprints need names that their language accepts:
//! an npm package, a Python module, a Java package segment, a C#/PHP/Ruby type name. Each derived
//! form is valid by construction: words are reduced to ASCII letters and digits, a form that would
//! start with a digit gets an `app` prefix, and one that is a reserved word gets an `app` suffix.

/// Longest project name accepted, in characters: long enough for any real name, short enough that
/// every derived path stays far below file-system limits.
pub const MAX_NAME_CHARS: usize = 64;

/// The identifiers a blueprint can use, all derived from one project name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedNames {
    /// `my-cool-api`: lowercase ASCII words joined by `-` (npm, Docker images, artifact ids).
    pub project_slug: String,
    /// `my_cool_api`: a Python/Ruby identifier, never a keyword.
    pub package_name: String,
    /// `MyCoolApi`: a type or namespace name for C#, Java, PHP and Ruby, never a reserved word.
    pub class_name: String,
    /// `mycoolapi`: a Java package segment, never a Java keyword.
    pub java_segment: String,
}

/// Checks a project name and derives every identifier from it, or says which rule it breaks.
pub fn derive(name: &str) -> Result<DerivedNames, String> {
    check_project_name(name)?;
    let words = words(name);
    if words.is_empty() {
        return Err("it needs at least one letter or digit (A-Z, a-z, 0-9)".into());
    }
    Ok(DerivedNames {
        project_slug: kebab(&words),
        package_name: avoid_reserved(&lead_with_letter(&snake(&words), "app_"), "_app"),
        class_name: avoid_taken(&avoid_reserved(
            &lead_with_letter(&pascal(&words), "App"),
            "App",
        )),
        java_segment: avoid_reserved(&lead_with_letter(&words.concat(), "app"), "app"),
    })
}

fn check_project_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("it is empty".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "it is {} characters long; the limit is {MAX_NAME_CHARS}",
            name.chars().count()
        ));
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Err(format!("it contains the control character {c:?}"));
    }
    if name.contains(['/', '\\']) {
        return Err("it contains a path separator (`/` or `\\`)".into());
    }
    Ok(())
}

/// Splits free text into lowercase ASCII words: accents are folded, other characters separate
/// words, and a lower-to-upper case change starts a new word (`myAPI` -> `my`, `api`).
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in text.chars() {
        let folded = fold_accent(c);
        let Some(ascii) = folded else {
            flush(&mut words, &mut current);
            previous_lower = false;
            continue;
        };
        for a in ascii.chars() {
            if a.is_ascii_uppercase() && previous_lower {
                flush(&mut words, &mut current);
            }
            previous_lower = a.is_ascii_lowercase() || a.is_ascii_digit();
            current.push(a.to_ascii_lowercase());
        }
    }
    flush(&mut words, &mut current);
    words
}

fn flush(words: &mut Vec<String>, current: &mut String) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

/// The ASCII letters for a letter or digit (accents folded), or None for a separator.
fn fold_accent(c: char) -> Option<&'static str> {
    const PLAIN: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    if c.is_ascii_alphanumeric() {
        let i = PLAIN.find(c).expect("ASCII alphanumeric");
        return Some(&PLAIN[i..=i]);
    }
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => "A",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => "I",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => "O",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' => "Y",
        'ß' => "ss",
        'æ' => "ae",
        'Æ' => "Ae",
        'œ' => "oe",
        'Œ' => "Oe",
        'š' => "s",
        'Š' => "S",
        'ž' | 'ź' | 'ż' => "z",
        'Ž' | 'Ź' | 'Ż' => "Z",
        'ł' => "l",
        'Ł' => "L",
        'ř' => "r",
        'Ř' => "R",
        _ => return None,
    };
    Some(folded)
}

pub(crate) fn snake(words: &[String]) -> String {
    words.join("_")
}

pub(crate) fn kebab(words: &[String]) -> String {
    words.join("-")
}

pub(crate) fn pascal(words: &[String]) -> String {
    words.iter().map(|w| capitalize(w)).collect()
}

pub(crate) fn camel(words: &[String]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i == 0 {
            out.push_str(w);
        } else {
            out.push_str(&capitalize(w));
        }
    }
    out
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

fn lead_with_letter(identifier: &str, prefix: &str) -> String {
    if identifier.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{identifier}")
    } else {
        identifier.to_string()
    }
}

fn avoid_reserved(identifier: &str, suffix: &str) -> String {
    if is_reserved(identifier) {
        format!("{identifier}{suffix}")
    } else {
        identifier.to_string()
    }
}

/// A type name that the generated code cannot take because its language or framework already
/// has it gets an `App` suffix: `Data` gives `DataApp`.
fn avoid_taken(type_name: &str) -> String {
    if TAKEN_TYPE_NAMES.contains(&type_name) {
        format!("{type_name}App")
    } else {
        type_name.to_string()
    }
}

/// Type names that `class_name` must not be, each because generated code would not run:
/// Ruby's core classes and modules and the constants a Rails app loads before its own code
/// (`module Data` is a `TypeError`, `module Rails` breaks `Rails::Application`); and for
/// Spring Boot, where the application class is `<class_name>Application`, the names that would
/// clash with the types it imports (`SpringApplication`, `SpringBootApplication`).
const TAKEN_TYPE_NAMES: &[&str] = &[
    // Ruby core (3.3+).
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
    "Errno",
    "Exception",
    "Fiber",
    "File",
    "FileTest",
    "Float",
    "Hash",
    "Integer",
    "Kernel",
    "Marshal",
    "MatchData",
    "Math",
    "Method",
    "Monitor",
    "Mutex",
    "Numeric",
    "ObjectSpace",
    "Proc",
    "Process",
    "Queue",
    "Ractor",
    "Random",
    "Range",
    "Rational",
    "Refinement",
    "Regexp",
    "Set",
    "Signal",
    "SizedQueue",
    "Struct",
    "Symbol",
    "Thread",
    "ThreadGroup",
    "Time",
    "TracePoint",
    "UnboundMethod",
    "Warning",
    // Loaded by a Rails application before its own module.
    "AbstractController",
    "ActionController",
    "ActionDispatch",
    "ActionPack",
    "ActionView",
    "ActiveModel",
    "ActiveSupport",
    "Benchmark",
    "BigDecimal",
    "Bundler",
    "Concurrent",
    "Date",
    "DateTime",
    "Gem",
    "I18n",
    "Logger",
    "Minitest",
    "Pathname",
    "Puma",
    "Rack",
    "Rails",
    "Rake",
    "Thor",
    "Timeout",
    "Zeitwerk",
    // Spring Boot: `<class_name>Application` next to these imports.
    "Spring",
    "SpringBoot",
    // ASP.NET Core: the namespace `<class_name>.Api` beside these namespaces and types.
    "Item",
    "Items",
    "Microsoft",
    "Program",
    "System",
];

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

/// The reserved keywords and literals of Java (JLS 17, section 3.9): none may be an identifier,
/// so none may be a package segment. Contextual keywords (`record`, `var`, `module`...) may.
pub(crate) fn is_java_keyword(word: &str) -> bool {
    JAVA_KEYWORDS.contains(&word)
}

/// Reserved words of Python, Ruby, Java, C#, PHP and JavaScript, lower case.
const RESERVED_WORDS: &[&str] = &[
    "abstract",
    "alias",
    "and",
    "array",
    "as",
    "assert",
    "async",
    "await",
    "base",
    "begin",
    "bool",
    "boolean",
    "break",
    "byte",
    "callable",
    "case",
    "catch",
    "char",
    "checked",
    "class",
    "clone",
    "const",
    "continue",
    "debugger",
    "decimal",
    "declare",
    "def",
    "default",
    "defined",
    "del",
    "delegate",
    "delete",
    "die",
    "do",
    "double",
    "echo",
    "elif",
    "else",
    "elseif",
    "elsif",
    "empty",
    "end",
    "enddeclare",
    "endfor",
    "endforeach",
    "endif",
    "endswitch",
    "endwhile",
    "ensure",
    "enum",
    "eval",
    "event",
    "except",
    "exit",
    "explicit",
    "export",
    "extends",
    "extern",
    "false",
    "final",
    "finally",
    "fixed",
    "float",
    "fn",
    "for",
    "foreach",
    "from",
    "function",
    "global",
    "goto",
    "if",
    "implements",
    "implicit",
    "import",
    "in",
    "include",
    "instanceof",
    "insteadof",
    "int",
    "interface",
    "internal",
    "is",
    "isset",
    "iterable",
    "lambda",
    "let",
    "list",
    "lock",
    "long",
    "match",
    "mixed",
    "module",
    "namespace",
    "native",
    "never",
    "new",
    "next",
    "nil",
    "none",
    "nonlocal",
    "not",
    "null",
    "numeric",
    "object",
    "operator",
    "or",
    "out",
    "override",
    "package",
    "params",
    "parent",
    "pass",
    "print",
    "private",
    "protected",
    "public",
    "raise",
    "readonly",
    "redo",
    "ref",
    "require",
    "rescue",
    "resource",
    "retry",
    "return",
    "sbyte",
    "sealed",
    "self",
    "short",
    "sizeof",
    "stackalloc",
    "static",
    "strictfp",
    "string",
    "struct",
    "super",
    "switch",
    "synchronized",
    "then",
    "this",
    "throw",
    "throws",
    "trait",
    "transient",
    "true",
    "try",
    "typeof",
    "uint",
    "ulong",
    "unchecked",
    "undef",
    "unless",
    "unsafe",
    "unset",
    "until",
    "use",
    "ushort",
    "using",
    "var",
    "virtual",
    "void",
    "volatile",
    "when",
    "while",
    "with",
    "xor",
    "yield",
];

/// Reserved words of Python, Ruby, Java, C#, PHP and JavaScript, compared case-insensitively
/// because PHP's are case-insensitive (`namespace Class;` is an error) and a type name that differs
/// from a keyword only by case is confusing anywhere.
fn is_reserved(identifier: &str) -> bool {
    RESERVED_WORDS.contains(&identifier.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(input: &str) -> DerivedNames {
        derive(input).unwrap()
    }

    #[test]
    fn spaces_and_capitals() {
        let n = names("My Cool API");
        assert_eq!(n.project_slug, "my-cool-api");
        assert_eq!(n.package_name, "my_cool_api");
        assert_eq!(n.class_name, "MyCoolApi");
        assert_eq!(n.java_segment, "mycoolapi");
    }

    #[test]
    fn leading_digit_gets_a_prefix_where_identifiers_need_a_letter() {
        let n = names("123-service");
        assert_eq!(n.project_slug, "123-service");
        assert_eq!(n.package_name, "app_123_service");
        assert_eq!(n.class_name, "App123Service");
        assert_eq!(n.java_segment, "app123service");
    }

    #[test]
    fn accents_are_folded() {
        let n = names("café-api");
        assert_eq!(n.project_slug, "cafe-api");
        assert_eq!(n.class_name, "CafeApi");
    }

    #[test]
    fn reserved_words_get_a_suffix() {
        let n = names("class");
        assert_eq!(n.project_slug, "class");
        assert_eq!(n.package_name, "class_app");
        assert_eq!(n.class_name, "ClassApp");
        assert_eq!(n.java_segment, "classapp");
    }

    #[test]
    fn every_java_keyword_is_avoided_in_derived_names() {
        for keyword in JAVA_KEYWORDS.iter().copied().filter(|k| *k != "_") {
            assert!(is_java_keyword(keyword), "{keyword}");
            let n = names(keyword);
            assert!(!is_java_keyword(&n.java_segment), "{keyword}: {n:?}");
            assert_eq!(n.java_segment, format!("{keyword}app"));
        }
        assert!(
            !is_java_keyword("record"),
            "a contextual keyword is a valid package"
        );
    }

    #[test]
    fn type_names_the_generated_code_cannot_take_get_a_suffix() {
        assert_eq!(names("data").class_name, "DataApp");
        assert_eq!(names("rails").class_name, "RailsApp");
        assert_eq!(names("spring").class_name, "SpringApp");
        assert_eq!(names("Spring Boot").class_name, "SpringBootApp");
        assert_eq!(names("queue").class_name, "QueueApp");
        // Only the type name changes: `data` is a fine package and npm name.
        assert_eq!(names("data").package_name, "data");
        assert_eq!(names("data").project_slug, "data");
        assert_eq!(names("my data").class_name, "MyData");
    }

    #[test]
    fn camel_case_input_is_split_into_words() {
        assert_eq!(names("myServiceAPI").package_name, "my_service_api");
    }

    #[test]
    fn refused_names_say_why() {
        assert_eq!(derive("").unwrap_err(), "it is empty");
        assert_eq!(
            derive("日本").unwrap_err(),
            "it needs at least one letter or digit (A-Z, a-z, 0-9)"
        );
        assert_eq!(
            derive("a/b").unwrap_err(),
            "it contains a path separator (`/` or `\\`)"
        );
        assert!(
            derive(&"x".repeat(300))
                .unwrap_err()
                .contains("the limit is 64")
        );
        assert!(derive("a\u{7}b").unwrap_err().contains("control character"));
    }

    #[test]
    fn sixty_four_characters_pass_and_sixty_five_are_refused() {
        let longest = "a".repeat(MAX_NAME_CHARS);
        assert_eq!(names(&longest).project_slug, longest);
        assert_eq!(
            derive(&"a".repeat(MAX_NAME_CHARS + 1)).unwrap_err(),
            "it is 65 characters long; the limit is 64"
        );
        // Characters are counted, not bytes: 64 two-byte letters are within the limit.
        assert_eq!(
            names(&"é".repeat(MAX_NAME_CHARS)).project_slug,
            "e".repeat(64)
        );
        assert_eq!(
            derive(&"é".repeat(MAX_NAME_CHARS + 1)).unwrap_err(),
            "it is 65 characters long; the limit is 64"
        );
    }

    #[test]
    fn each_refusal_has_its_own_message() {
        assert_eq!(derive("   ").unwrap_err(), "it is empty");
        assert_eq!(
            derive("a\u{7}b").unwrap_err(),
            "it contains the control character '\\u{7}'"
        );
        assert_eq!(
            derive("my\tapi").unwrap_err(),
            "it contains the control character '\\t'"
        );
        assert_eq!(
            derive("a\\b").unwrap_err(),
            "it contains a path separator (`/` or `\\`)"
        );
        assert_eq!(
            derive("--- ...").unwrap_err(),
            "it needs at least one letter or digit (A-Z, a-z, 0-9)"
        );
    }

    /// Every arm of the accent table, one row each: each character and what it folds to.
    #[test]
    fn every_accented_letter_folds_to_its_ascii_letters() {
        let table: &[(&str, &str)] = &[
            ("àáâãäåā", "a"),
            ("ÀÁÂÃÄÅĀ", "A"),
            ("çćč", "c"),
            ("ÇĆČ", "C"),
            ("èéêëēęě", "e"),
            ("ÈÉÊËĒĘĚ", "E"),
            ("ìíîïī", "i"),
            ("ÌÍÎÏĪ", "I"),
            ("ñńň", "n"),
            ("ÑŃŇ", "N"),
            ("òóôõöøō", "o"),
            ("ÒÓÔÕÖØŌ", "O"),
            ("ùúûüūů", "u"),
            ("ÙÚÛÜŪŮ", "U"),
            ("ýÿ", "y"),
            ("Ý", "Y"),
            ("ß", "ss"),
            ("æ", "ae"),
            ("Æ", "Ae"),
            ("œ", "oe"),
            ("Œ", "Oe"),
            ("š", "s"),
            ("Š", "S"),
            ("žźż", "z"),
            ("ŽŹŻ", "Z"),
            ("ł", "l"),
            ("Ł", "L"),
            ("ř", "r"),
            ("Ř", "R"),
        ];
        for (letters, ascii) in table {
            for c in letters.chars() {
                assert_eq!(fold_accent(c), Some(*ascii), "{c}");
            }
        }
    }

    #[test]
    fn ascii_letters_and_digits_are_themselves_and_the_rest_separate() {
        for c in ('a'..='z').chain('A'..='Z').chain('0'..='9') {
            assert_eq!(fold_accent(c), Some(c.to_string().as_str()), "{c}");
        }
        for c in ['-', '_', ' ', '.', '日', 'ж', '€', 'ı'] {
            assert_eq!(fold_accent(c), None, "{c}");
        }
    }

    #[test]
    fn words_split_on_separators_and_lower_to_upper_changes() {
        let cases: &[(&str, &[&str])] = &[
            ("myAPI", &["my", "api"]),
            ("MyCoolAPI", &["my", "cool", "api"]),
            ("ABC", &["abc"]),
            ("v2Api", &["v2", "api"]),
            ("my-cool_api.v2", &["my", "cool", "api", "v2"]),
            ("  two  spaces ", &["two", "spaces"]),
            ("a日B", &["a", "b"]),
            ("日本abc", &["abc"]),
            ("Straße", &["strasse"]),
            ("ÉCOLE", &["ecole"]),
            ("œuvre", &["oeuvre"]),
            ("ÆON", &["ae", "on"]),
            ("", &[]),
            ("---", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(words(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn case_styles_join_the_words() {
        let words: Vec<String> = ["my", "cool", "api"].map(String::from).to_vec();
        assert_eq!(snake(&words), "my_cool_api");
        assert_eq!(kebab(&words), "my-cool-api");
        assert_eq!(pascal(&words), "MyCoolApi");
        assert_eq!(camel(&words), "myCoolApi");
    }

    #[test]
    fn camel_case_keeps_the_first_word_lower() {
        let of = |w: &[&str]| {
            camel(
                &w.iter()
                    .map(std::string::ToString::to_string)
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(of(&["api"]), "api");
        assert_eq!(of(&["my", "api"]), "myApi");
        assert_eq!(of(&["v2", "api", "x"]), "v2ApiX");
        assert_eq!(of(&["2fa", "app"]), "2faApp");
        assert_eq!(of(&[]), "");
    }

    #[test]
    fn capitalize_upper_cases_only_the_first_letter() {
        assert_eq!(capitalize("api"), "Api");
        assert_eq!(capitalize("a"), "A");
        assert_eq!(capitalize("2fa"), "2fa");
        assert_eq!(capitalize(""), "");
    }

    #[test]
    fn only_a_leading_digit_gets_the_prefix() {
        assert_eq!(lead_with_letter("9lives", "app_"), "app_9lives");
        assert_eq!(lead_with_letter("lives9", "app_"), "lives9");
        assert_eq!(lead_with_letter("_x", "app_"), "_x");
    }

    #[test]
    fn reserved_words_are_matched_whole_and_in_any_case() {
        for word in [
            "class",
            "Class",
            "CLASS",
            "namespace",
            "yield",
            "nil",
            "abstract",
            "xor",
        ] {
            assert!(is_reserved(word), "{word}");
        }
        for word in ["classy", "klass", "api", "record2", ""] {
            assert!(!is_reserved(word), "{word}");
        }
        assert_eq!(avoid_reserved("Class", "App"), "ClassApp");
        assert_eq!(avoid_reserved("Classy", "App"), "Classy");
        let n = names("Namespace");
        assert_eq!(n.package_name, "namespace_app");
        assert_eq!(n.class_name, "NamespaceApp");
        assert_eq!(n.java_segment, "namespaceapp");
    }

    #[test]
    fn taken_type_names_are_matched_exactly() {
        assert_eq!(avoid_taken("Data"), "DataApp");
        assert_eq!(avoid_taken("System"), "SystemApp");
        assert_eq!(avoid_taken("Database"), "Database");
        assert_eq!(avoid_taken("data"), "data");
        assert_eq!(names("system").class_name, "SystemApp");
        assert_eq!(names("my system").class_name, "MySystem");
    }

    #[test]
    fn a_leading_digit_and_a_keyword_in_one_name() {
        let n = names("1 class");
        assert_eq!(n.project_slug, "1-class");
        assert_eq!(n.package_name, "app_1_class");
        assert_eq!(n.class_name, "App1Class");
        assert_eq!(n.java_segment, "app1class");
    }
}

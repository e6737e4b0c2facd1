//! The vocabulary of goals: use cases, criteria, languages, scales and real-time support levels,
//! each with a canonical id, a human label and the synonyms `parse` accepts.
//!
//! Command-line input goes through `parse` (case-insensitive, spaces/dashes/underscores ignored,
//! synonyms accepted); data files (`profile.toml`) go through serde and accept canonical ids only,
//! so the catalogue stays greppable.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value that is not an id or synonym of the kind asked for.
///
/// Its `Display` is the whole message:
/// ``unknown use case `foo`; valid: realtime, api, ...; did you mean `api`?``
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnknownValue {
    /// What was being parsed, e.g. `"use case"`.
    pub kind: &'static str,
    /// The input as given (not normalised).
    pub given: String,
    /// The canonical ids, in listing order.
    pub valid: Vec<&'static str>,
    /// The canonical id whose id or synonym is closest to the input, if any is close enough.
    pub closest: Option<&'static str>,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} `{}`; valid: {}",
            self.kind,
            self.given,
            self.valid.join(", ")
        )?;
        if let Some(closest) = self.closest {
            write!(f, "; did you mean `{closest}`?")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownValue {}

/// How similar (0..=1, normalised Damerau-Levenshtein) an input must be to an id or synonym to be
/// offered as "did you mean".
const CLOSEST_THRESHOLD: f64 = 0.6;

/// The comparison key of an id, synonym or input: trimmed, lowercase, with spaces, dashes and
/// underscores removed, so `Web App`, `web-app` and `web_app` are the same word.
fn normalize(input: &str) -> String {
    input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '\t'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn parse_value<T: Copy + 'static>(
    input: &str,
    kind: &'static str,
    all: &'static [T],
    id: fn(&T) -> &'static str,
    aliases: fn(&T) -> &'static [&'static str],
) -> Result<T, UnknownValue> {
    let key = normalize(input);
    let words = |v: &T| std::iter::once(id(v)).chain(aliases(v).iter().copied());
    let exact = all
        .iter()
        .find(|v| !key.is_empty() && words(v).any(|word| normalize(word) == key));
    if let Some(found) = exact {
        return Ok(*found);
    }
    // The first best candidate wins a tie, so the suggestion is deterministic.
    let mut best: Option<(f64, &'static str)> = None;
    for v in all {
        for word in words(v) {
            let similarity = strsim::normalized_damerau_levenshtein(&key, &normalize(word));
            if similarity >= CLOSEST_THRESHOLD && best.is_none_or(|(b, _)| similarity > b) {
                best = Some((similarity, id(v)));
            }
        }
    }
    Err(UnknownValue {
        kind,
        given: input.to_string(),
        valid: all.iter().map(id).collect(),
        closest: best.map(|(_, id)| id),
    })
}

/// Defines a closed set of values with ids, labels and synonyms, plus `parse`, `Display`,
/// `FromStr` and serde (by id; deserialising accepts canonical ids only).
macro_rules! value_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $kind:literal {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => $id:literal, $label:literal, [$($alias:literal),* $(,)?]
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub(crate) enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in listing order.
            pub(crate) fn all() -> &'static [Self] {
                &[$(Self::$variant),+]
            }

            /// The canonical id, as used in data files, JSON and `--help`.
            pub(crate) fn id(&self) -> &'static str {
                match self {
                    $(Self::$variant => $id),+
                }
            }

            /// A short human label for sentences.
            pub(crate) fn label(&self) -> &'static str {
                match self {
                    $(Self::$variant => $label),+
                }
            }

            /// The synonyms `parse` accepts besides the id.
            pub(crate) fn aliases(&self) -> &'static [&'static str] {
                match self {
                    $(Self::$variant => &[$($alias),*]),+
                }
            }

            /// Parses an id or synonym: case-insensitive; spaces, dashes and underscores are
            /// ignored.
            ///
            /// # Errors
            ///
            /// [`UnknownValue`] naming the valid ids and the closest one.
            pub(crate) fn parse(input: &str) -> Result<Self, UnknownValue> {
                parse_value(input, $kind, Self::all(), Self::id, Self::aliases)
            }

            /// The value whose canonical id is exactly `id` (no synonyms, case-sensitive).
            pub(crate) fn from_id(id: &str) -> Option<Self> {
                Self::all().iter().copied().find(|v| v.id() == id)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                // Data files use canonical ids; a synonym is suggested as its id.
                Self::from_id(&text).ok_or_else(|| {
                    let closest = match Self::parse(&text) {
                        Ok(value) => Some(value.id()),
                        Err(unknown) => unknown.closest,
                    };
                    serde::de::Error::custom(UnknownValue {
                        kind: $kind,
                        given: text,
                        valid: Self::all().iter().map(Self::id).collect(),
                        closest,
                    })
                })
            }
        }
    };
}

value_enum! {
    /// What the project is for. Ids follow the article's "Best For" lines.
    UseCase, "use case" {
        /// Chat, live updates, games, streaming.
        Realtime => "realtime", "real-time apps",
            ["rt", "chat", "websocket", "websockets", "ws",
             "streaming", "stream", "live", "live-updates", "gaming", "games", "push"],
        /// HTTP/JSON APIs.
        Api => "api", "APIs",
            ["apis", "rest", "rest-api", "restful", "json-api", "graphql", "http-api",
             "web-api"],
        /// Many small services.
        Microservices => "microservices", "microservices",
            ["microservice", "distributed"],
        /// Large organisations' line-of-business systems.
        Enterprise => "enterprise", "enterprise applications",
            ["enterprise-app", "enterprise-apps", "corporate", "line-of-business"],
        /// Cloud-hosted services.
        Cloud => "cloud", "cloud services",
            ["cloud-native", "cloud-services", "cloud-based", "saas", "serverless"],
        /// Server-rendered or full-stack web applications.
        WebApp => "web-app", "web applications",
            ["web", "web-apps", "web-application", "web-applications", "website",
             "site", "full-stack"],
        /// Shops and marketplaces.
        Ecommerce => "ecommerce", "e-commerce",
            ["shop", "store", "online-store", "webshop", "commerce", "marketplace", "retail"],
        /// A first version, fast.
        Mvp => "mvp", "MVPs",
            ["prototype", "prototyping", "startup", "startups", "rapid", "rapid-development",
             "poc", "proof-of-concept"],
        /// Data-driven applications and analytics.
        Data => "data", "data-driven apps",
            ["analytics", "data-driven", "data-heavy", "data-intensive", "dashboard",
             "dashboards", "big-data", "reporting"],
        /// AI and machine learning.
        Ml => "ml", "machine learning",
            ["ai", "machine-learning", "artificial-intelligence", "deep-learning", "llm",
             "data-science"],
        /// Small, lean services.
        Lightweight => "lightweight", "lightweight services",
            ["light", "small-service", "small-services", "minimal", "micro", "microframework",
             "simple", "small"],
        /// Applications composed as a middleware pipeline.
        Middleware => "middleware", "middleware-based architectures",
            ["middlewares", "middleware-based", "middleware-driven", "middleware-centred",
             "middleware-centered", "pipeline"],
    }
}

value_enum! {
    /// The article's five criteria; a priority is one of these.
    Criterion, "priority" {
        /// Performance & scalability.
        Performance => "performance", "performance",
            ["perf", "speed", "fast", "scalability", "scalable", "throughput", "latency"],
        /// Security features.
        Security => "security", "security",
            ["secure", "safety", "sec", "auth"],
        /// Ease of development & documentation.
        Ease => "ease", "ease of development",
            ["easy", "ease-of-development", "ease-of-use", "simplicity", "productivity", "dx",
             "developer-experience", "docs", "documentation", "learning-curve"],
        /// Community support & popularity.
        Community => "community", "community support",
            ["popularity", "popular", "ecosystem", "support", "community-support"],
        /// Flexibility & compatibility with frontend technologies.
        Flexibility => "flexibility", "flexibility",
            ["flexible", "frontend", "compatibility", "frontend-compatibility",
             "integration", "interop"],
    }
}

value_enum! {
    /// A language the team knows.
    Language, "language" {
        /// JavaScript and TypeScript (Node.js).
        JavaScript => "javascript", "JavaScript",
            ["js", "ts", "typescript", "node", "nodejs", "node.js", "ecmascript"],
        /// Python.
        Python => "python", "Python", ["py", "python3"],
        /// Ruby.
        Ruby => "ruby", "Ruby", ["rb"],
        /// PHP.
        Php => "php", "PHP", [],
        /// Java.
        Java => "java", "Java", ["jvm"],
        /// C#.
        CSharp => "csharp", "C#",
            ["c#", "cs", "dotnet", ".net", "aspnet", "asp.net"],
    }
}

value_enum! {
    /// How big the project must grow; ordered from smallest to largest.
    Scale, "scale" {
        /// A throwaway or proof of concept.
        Prototype => "prototype", "prototype", ["poc", "tiny", "hobby", "demo"],
        /// A small application or team.
        Small => "small", "small", ["small-scale"],
        /// Mid-sized: real traffic, one team or a few.
        Medium => "medium", "medium",
            ["mid", "mid-size", "mid-sized", "moderate", "medium-scale"],
        /// Large-scale, high traffic.
        Large => "large", "large",
            ["big", "huge", "xl", "high-traffic", "large-scale", "massive", "global"],
    }
}

value_enum! {
    /// Where a rating comes from (profile data, not a goal).
    RatingSource, "rating source" {
        /// The article says something about this criterion that sets the rating.
        Article => "article", "from the article", [],
        /// The article is silent on this criterion (community size, for one); the rating rests
        /// on public facts named in its justification.
        Outside => "outside", "not from the article", [],
    }
}

value_enum! {
    /// How well a framework supports websockets and streaming (profile data, not a goal).
    RealtimeSupport, "real-time support" {
        /// Built into the framework or runtime.
        Native => "native", "built-in real-time support", [],
        /// Through a mature, widely used add-on.
        Good => "good", "real-time support through mature add-ons", [],
        /// Possible, but awkward (e.g. a synchronous server model).
        Limited => "limited", "only limited real-time support", [],
    }
}

impl Language {
    /// True when a language word names TypeScript, which groundwork ranks as JavaScript: no
    /// blueprint generates TypeScript.
    #[must_use]
    pub(crate) fn names_typescript(input: &str) -> bool {
        matches!(normalize(input).as_str(), "ts" | "typescript")
    }
}

/// What the team wants; every field is optional. Order matters in `priorities` (the first
/// named weighs most). Duplicates are ignored after their first mention.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Goals {
    /// What the project is for.
    pub use_cases: Vec<UseCase>,
    /// Criteria that matter most, most important first.
    pub priorities: Vec<Criterion>,
    /// Languages the team knows; frameworks in them rank above all others.
    pub languages: Vec<Language>,
    /// How large the project must grow.
    pub scale: Option<Scale>,
    /// The project needs websockets or streaming.
    pub realtime: bool,
}

impl Goals {
    /// True when nothing was asked for: the ranking is then a general one.
    #[must_use]
    pub(crate) fn is_empty(&self) -> bool {
        self.use_cases.is_empty()
            && self.priorities.is_empty()
            && self.languages.is_empty()
            && self.scale.is_none()
            && !self.realtime
    }
}

//! The user's defaults file: who they are, which option values they usually want, which languages
//! their team knows. Flags, answers files, prompts and the team's goals beat it; it beats git's
//! identity and the blueprints' own defaults.
//!
//! ```toml
//! [author]
//! name = "Ada Lovelace"
//! email = "ada@example.com"
//!
//! [defaults]          # for every blueprint that has the option
//! docker = false
//! ci = true
//!
//! [goals]
//! languages = ["python", "javascript"]
//! ```

use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Config {
    #[serde(default)]
    pub author: Author,
    #[serde(default)]
    pub defaults: BTreeMap<String, toml::Value>,
    #[serde(default)]
    pub goals: GoalDefaults,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Author {
    pub name: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GoalDefaults {
    #[serde(default)]
    pub languages: Vec<String>,
}

/// Where the file is read from: `GROUNDWORK_CONFIG` if set, else the platform's config folder
/// (`$XDG_CONFIG_HOME` or `~/.config` on Linux, `~/Library/Application Support` on macOS,
/// `%APPDATA%` on Windows), then `groundwork/config.toml`.
pub(crate) fn path() -> PathBuf {
    if let Some(explicit) = std::env::var_os("GROUNDWORK_CONFIG").filter(|v| !v.is_empty()) {
        return PathBuf::from(explicit);
    }
    config_folder().join("groundwork").join("config.toml")
}

fn config_folder() -> PathBuf {
    let home = || {
        std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default()
    };
    if cfg!(windows) {
        return std::env::var_os("APPDATA").map_or_else(home, PathBuf::from);
    }
    if cfg!(target_os = "macos") {
        return home().join("Library").join("Application Support");
    }
    std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map_or_else(|| home().join(".config"), PathBuf::from)
}

/// Reads the file; a missing file is an empty configuration.
pub(crate) fn load() -> Result<Config> {
    let path = path();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => {
            return Err(Error::ConfigFile {
                path,
                message: e.to_string(),
            });
        }
    };
    toml::from_str(&text).map_err(|e| Error::ConfigFile {
        path,
        message: e.to_string().trim_end().replace('\n', "\n  "),
    })
}

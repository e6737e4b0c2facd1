//! `groundwork new`'s arguments, validated before anything is asked: goals parsed, `--set` split,
//! the answers file and the defaults file read, the blueprint found when the flags name it, the
//! folder inspected, and the [`Mode`] decided. Everything the flags alone can refuse is refused
//! here, so a mistake never surfaces after a person has answered every question.

use crate::answers::{self, AnswersFile};
use crate::blueprint::{Blueprint, Catalogue, Source};
use crate::cli::NewArgs;
use crate::config::{self, Config};
use crate::error::{Error, Result};
use crate::goals::{self, GoalText};
use crate::prompt::Mode;
use crate::recommend::Goals;
use crate::write;
use std::path::PathBuf;

/// The validated options of one `new`.
#[derive(Debug)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches, each from its own flag"
)]
pub(crate) struct NewOptions<'c> {
    /// The project folder and what is there now, when given.
    pub folder: Option<(PathBuf, write::Target)>,
    /// The blueprint, when `--framework` or the answers file names it.
    pub blueprint: Option<&'c Blueprint>,
    /// The goals given as flags, when any were given.
    pub goals: Option<Goals>,
    /// Goal flags, parsed with the defaults file's languages filling in for none given: the
    /// goals of an unattended recommendation, and what a person's menus start from.
    pub goals_with_defaults: Goals,
    /// `--set` pairs, then `--name` as `name`, in the order given.
    pub sets: Vec<(String, String)>,
    pub answers_file: Option<AnswersFile>,
    pub config: Config,
    pub mode: Mode,
    pub force: bool,
    pub dry_run: bool,
    pub git: bool,
    pub install: bool,
    pub json: bool,
}

impl<'c> NewOptions<'c> {
    /// Validates `args`; `terminal` says whether a person can be asked (stdin and stderr are a
    /// terminal).
    pub(crate) fn from_args(
        args: &NewArgs,
        catalogue: &'c Catalogue,
        terminal: bool,
    ) -> Result<Self> {
        let config = config::load()?;
        let answers_file = match &args.answers {
            Some(path) => Some(answers::read_answers_file(path)?),
            None => None,
        };
        let blueprint = named_blueprint(args, answers_file.as_ref(), catalogue)?;
        let goal_text = GoalText::from(&args.goals);
        // Checked even when --framework chose the blueprint, so a mistyped goal is never dropped.
        let goals = if goal_text.is_empty() {
            None
        } else {
            Some(goals::parse(&goal_text)?)
        };
        let goals_with_defaults = match blueprint {
            Some(_) => goals.clone().unwrap_or_default(),
            None => goals::parse(&goals::with_config_languages(goal_text, &config)?)?,
        };
        if let (true, Some(blueprint)) = (args.install, blueprint) {
            refuse_install_from_folder(blueprint)?;
        }
        let folder = match &args.dir {
            Some(dir) if !is_utf8_folder(dir) => {
                return Err(Error::NonUtf8Path { path: dir.clone() });
            }
            Some(dir) => Some((dir.clone(), write::inspect(dir, args.force)?)),
            None => None,
        };
        let mut sets = args
            .set
            .iter()
            .map(|raw| answers::parse_set(raw))
            .collect::<Result<Vec<_>>>()?;
        if let Some(name) = &args.name {
            sets.push(("name".into(), name.clone()));
        }
        let mode = match (args.yes, terminal) {
            (true, _) => Mode::Defaults,
            (false, true) => Mode::Ask,
            (false, false) => Mode::Never,
        };
        Ok(NewOptions {
            folder,
            blueprint,
            goals,
            goals_with_defaults,
            sets,
            answers_file,
            config,
            mode,
            force: args.force,
            dry_run: args.dry_run,
            git: !args.no_git,
            install: args.install,
            json: args.json,
        })
    }
}

/// Whether the folder's path, and the name it gives the project, are UTF-8: the name goes into the
/// project's files and the path into the printed `cd`, which must work as printed.
fn is_utf8_folder(dir: &std::path::Path) -> bool {
    let name = std::path::absolute(dir).ok();
    let name = name.as_ref().and_then(|p| p.file_name());
    dir.to_str().is_some() && name.is_none_or(|n| n.to_str().is_some())
}

/// The blueprint `--framework` or the answers file names; both must agree.
fn named_blueprint<'c>(
    args: &NewArgs,
    file: Option<&AnswersFile>,
    catalogue: &'c Catalogue,
) -> Result<Option<&'c Blueprint>> {
    let from_file = file.and_then(|f| f.blueprint.as_deref());
    match (&args.framework, from_file) {
        (Some(flag), Some(recorded)) => {
            let chosen = catalogue.find(flag)?;
            if catalogue.find(recorded)?.id() != chosen.id() {
                return Err(Error::BlueprintMismatch {
                    from_file: recorded.to_string(),
                    from_flag: flag.clone(),
                });
            }
            Ok(Some(chosen))
        }
        (Some(id), None) => catalogue.find(id).map(Some),
        (None, Some(id)) => catalogue.find(id).map(Some),
        (None, None) => Ok(None),
    }
}

/// A blueprint from a folder is data, never code: groundwork runs none of its commands.
pub(crate) fn refuse_install_from_folder(blueprint: &Blueprint) -> Result<()> {
    match &blueprint.source {
        Source::Folder(path) => Err(Error::BlueprintFolder {
            path: path.clone(),
            message: "--install runs only an embedded blueprint's install command; a blueprint from a folder is data, so run its install command yourself".into(),
        }),
        Source::Embedded => Ok(()),
    }
}

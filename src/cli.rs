//! The command line, as clap types. Private to the crate: the library's API is `run`, so a new
//! flag is never a breaking change.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "groundwork",
    version,
    about = "Recommends a backend framework for your goals and creates a working, tested starter repository for it",
    after_help = "Exit codes: 0 success; 1 failure while generating (I/O, git), a failed --install, doctor finding a missing tool, blueprint check finding problems, update leaving conflicts; 2 usage or input error; 101 internal error; 130 cancelled."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to use colour: auto (a terminal, and `NO_COLOR` unset), always, never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Also use the blueprints in this folder (DIR/blueprint.toml or DIR/<id>/blueprint.toml);
    /// repeatable. Searched before `GROUNDWORK_BLUEPRINTS` (a path list) and the embedded
    /// blueprints, which one of the same id replaces
    #[arg(
        long = "blueprints-dir",
        value_name = "DIR",
        global = true,
        value_hint = clap::ValueHint::DirPath
    )]
    pub blueprints_dirs: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// List the blueprints groundwork can generate
    List(ListArgs),
    /// Show one blueprint: its options, files and commands
    Show(ShowArgs),
    /// Create a new project from a blueprint
    New(Box<NewArgs>),
    /// Bring a project up to date with its blueprint or changed answers, keeping your edits
    Update(UpdateArgs),
    /// Rank the frameworks for your goals, with the reasons
    Recommend(RecommendArgs),
    /// Check the toolchains the blueprints need (node, python3, java, ...)
    Doctor(DoctorArgs),
    /// Your defaults file (author, Docker, CI, languages)
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print a shell completion script: groundwork completions bash > ~/.local/share/bash-completion/completions/groundwork
    Completions(CompletionsArgs),
    /// Print the man page (roff): groundwork man > ~/.local/share/man/man1/groundwork.1
    Man,
    /// Your own blueprints: check a blueprint folder, or start a new one
    #[command(subcommand)]
    Blueprint(BlueprintCommand),
}

#[derive(Debug, Subcommand)]
pub(crate) enum BlueprintCommand {
    /// Check a blueprint folder: its manifest, and every option combination rendered strictly
    Check(BlueprintCheckArgs),
    /// Create a minimal, valid blueprint folder to start from
    New(BlueprintNewArgs),
}

#[derive(Debug, Args)]
pub(crate) struct BlueprintCheckArgs {
    /// The blueprint's folder (holding blueprint.toml and template/)
    #[arg(value_hint = clap::ValueHint::DirPath)]
    pub dir: PathBuf,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct BlueprintNewArgs {
    /// The folder to create; its name is the blueprint's id (a-z, 0-9 and -)
    pub name: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct DoctorArgs {
    /// Check only this blueprint's toolchain
    pub framework: Option<String>,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ConfigCommand {
    /// Print where the defaults file is read from
    Path,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// What the team is building and cares about; every flag is optional.
#[derive(Debug, Args, Default, Clone)]
pub(crate) struct GoalArgs {
    /// What you are building (repeatable or comma-separated): realtime, api, microservices,
    /// enterprise, cloud, web-app, ecommerce, mvp, data, ml, lightweight, middleware
    #[arg(long = "use-case", value_name = "USE_CASE", value_delimiter = ',')]
    pub use_cases: Vec<String>,
    /// What matters most, first mention weighs most: performance, security, ease, community,
    /// flexibility
    #[arg(long = "priority", value_name = "CRITERION", value_delimiter = ',')]
    pub priorities: Vec<String>,
    /// Languages the team knows: javascript, python, ruby, php, java, csharp (aliases: js, ts, py,
    /// rb, c#, dotnet, ...)
    #[arg(long = "language", value_name = "LANGUAGE", value_delimiter = ',')]
    pub languages: Vec<String>,
    /// Expected scale: prototype, small, medium, large
    #[arg(long, value_name = "SCALE")]
    pub scale: Option<String>,
    /// The app needs websockets or streaming
    #[arg(long)]
    pub realtime: bool,
}

#[derive(Debug, Args)]
pub(crate) struct RecommendArgs {
    #[command(flatten)]
    pub goals: GoalArgs,
    /// How many frameworks to show
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u8).range(1..=10))]
    pub top: u8,
    /// Show every criterion's and goal's contribution to each score
    #[arg(long)]
    pub explain: bool,
    /// Print JSON (an array, best first) instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// Blueprint id or alias (see `groundwork list`)
    pub framework: String,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[expect(
    clippy::struct_excessive_bools,
    reason = "each bool is an independent command-line switch"
)]
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// Folder to create the project in (its name is the default project name)
    pub dir: Option<PathBuf>,
    /// Blueprint id or alias (see `groundwork list`)
    #[arg(long, short = 'f', value_name = "ID")]
    pub framework: Option<String>,
    /// Project name, when it should differ from the folder's name
    #[arg(long)]
    pub name: Option<String>,
    /// Set an option (repeatable), e.g. --set port=9000 --set docker=false
    #[arg(long = "set", short = 's', value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Read answers from a TOML file, such as another project's .groundwork.toml
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Take the default for every answer not given; never prompt
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Print the files that would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Do not create a git repository
    #[arg(long)]
    pub no_git: bool,
    /// Add the files to an existing, non-empty folder (never replaces a file that is there)
    #[arg(long)]
    pub force: bool,
    /// After generating, run the blueprint's install command (its output goes to a log file)
    #[arg(long)]
    pub install: bool,
    /// Print a JSON summary (path, blueprint, files, commit, next steps) on stdout
    #[arg(long)]
    pub json: bool,
    /// Without --framework: goals for choosing one (see `groundwork recommend`)
    #[command(flatten)]
    pub goals: GoalArgs,
}

#[expect(
    clippy::struct_excessive_bools,
    reason = "each bool is an independent command-line switch"
)]
#[derive(Debug, Args)]
pub(crate) struct UpdateArgs {
    /// The project's folder (the root of its git repository)
    #[arg(default_value = ".", value_hint = clap::ValueHint::DirPath)]
    pub dir: PathBuf,
    /// Change an answer (repeatable), e.g. --set docker=true --set database=postgres
    #[arg(long = "set", short = 's', value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Read changed answers from a TOML file (the shape of .groundwork.toml)
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// The commit holding the files exactly as groundwork wrote them, when the project has no
    /// refs/groundwork/base and no first commit of groundwork's
    #[arg(long, value_name = "COMMIT")]
    pub base: Option<String>,
    /// Take the default for an option the blueprint added; never prompt
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Print what would change in each file, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Print the result as JSON on stdout
    #[arg(long)]
    pub json: bool,
    /// Merge into uncommitted changes instead of refusing them
    #[arg(long)]
    pub allow_dirty: bool,
    /// Commit the result when there is no conflict
    #[arg(long)]
    pub commit: bool,
}

/// `--color`: when to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

//! groundwork recommends a backend framework for a team's goals and creates a working, tested
//! starter repository for it from blueprints embedded in the binary.
//!
//! The layers, top to bottom (docs/architecture.md has the whole path of one `new`):
//! - `main.rs` and [`run`]: parse arguments, dispatch, print an error and return the exit code.
//! - `commands`: one module per subcommand; options in, text or JSON out, through `ui`.
//! - `new_options` (arguments validated before anything is asked), `flow` (the questions,
//!   through one `prompt::Prompter`) and [`answers`] (layers merged, each value tagged with its
//!   source).
//! - `generate`: the pipeline of `new`: plan ([`render`]), disk (`write`), first commit
//!   (`git`), toolchain warnings, `install`. Only `write` and `git` write to the disk;
//!   `folder` reads a team's own blueprints from it, and [`check`] says what makes one valid.
//! - `update`: the pipeline of `update`: the recorded answers reconciled, a new render, a
//!   three-way merge from the pristine render on `refs/groundwork/base` (`git::base`), then the
//!   files, and the ref moved last.
//!
//! The library's public items are what the binary, the integration tests and the fuzz targets
//! use: [`run`], the embedded [`blueprint::Catalogue`], [`answers`] parsing, [`render::plan`],
//! [`check::check`], [`names::derive`], and the panic and interrupt hooks ([`crash`],
//! [`interrupt`]). Everything else is private to the crate.

pub mod answers;
pub mod blueprint;
pub mod check;
mod cli;
mod clock;
pub mod combinations;
mod commands;
mod config;
pub mod crash;
mod error;
mod flow;
mod folder;
mod generate;
mod git;
mod goal_defaults;
mod goals;
mod install;
pub mod interrupt;
pub mod names;
mod new_options;
pub mod options;
mod prompt;
mod recommend;
mod recommendation_record;
pub mod render;
mod text;
mod toolchain;
mod ui;
mod update;
mod write;

use clap::Parser;
use error::{Error, exit};
use std::ffi::OsString;

/// Runs groundwork with these arguments and returns the process exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                exit::USAGE
            } else {
                exit::SUCCESS
            };
        }
    };
    ui::style::init(cli.color);
    match dispatch(&cli) {
        Ok(()) | Err(Error::BrokenPipe) => exit::SUCCESS,
        Err(e) => {
            ui::say(&ui::error_report(&e));
            e.exit_code()
        }
    }
}

/// The clap command, for completions and the man page.
fn command() -> clap::Command {
    <cli::Cli as clap::CommandFactory>::command()
}

fn dispatch(cli: &cli::Cli) -> error::Result<()> {
    match &cli.command {
        cli::Command::Completions(args) => {
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut command(), "groundwork", &mut script);
            return ui::print(&String::from_utf8_lossy(&script));
        }
        cli::Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command())
                .render(&mut page)
                .map_err(|e| Error::io("render", "the man page", e))?;
            return ui::print(&String::from_utf8_lossy(&page));
        }
        cli::Command::Config(cli::ConfigCommand::Path) => {
            return ui::print(&format!("{}\n", config::path().display()));
        }
        cli::Command::Blueprint(command) => return commands::blueprint::run(command),
        _ => {}
    }
    let folders = folder::search_path(
        &cli.blueprints_dirs,
        std::env::var_os(folder::ENV_VAR).as_deref(),
    );
    let catalogue = folder::catalogue(&folders)?;
    match &cli.command {
        cli::Command::List(args) => commands::list::run(args, &catalogue),
        cli::Command::Show(args) => commands::show::run(args, &catalogue),
        cli::Command::New(args) => commands::new::run(args, &catalogue),
        cli::Command::Recommend(args) => commands::recommend::run(args, &catalogue),
        cli::Command::Doctor(args) => commands::doctor::run(args, &catalogue),
        cli::Command::Update(args) => commands::update::run(args, &catalogue),
        cli::Command::Completions(_)
        | cli::Command::Man
        | cli::Command::Config(_)
        | cli::Command::Blueprint(_) => {
            unreachable!("handled before the catalogue is loaded")
        }
    }
}

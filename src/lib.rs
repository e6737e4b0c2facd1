//! groundwork recommends a backend framework for a team's goals and creates a working, tested
//! starter repository for it from blueprints embedded in the binary.
//!
//! The flow is: arguments ([`cli`]) → answers ([`answers`]) → an in-memory plan ([`render`]) →
//! the disk ([`write`]) → a first commit ([`git`]). Only `write` and `git` touch the disk.

pub mod answers;
pub mod blueprint;
mod cli;
pub mod clock;
mod commands;
pub mod error;
mod flow;
pub mod git;
pub mod goals;
pub mod interrupt;
pub mod names;
pub mod options;
pub mod prompt;
pub mod recommend;
pub mod render;
pub mod write;

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
    match dispatch(&cli) {
        Ok(()) => exit::SUCCESS,
        Err(Error::BrokenPipe) => exit::SUCCESS,
        Err(e) => {
            let mut message = format!("error: {e}\n");
            if let Some(hint) = e.hint() {
                message.push_str(&format!("hint: {hint}\n"));
            }
            commands::say(&message);
            e.exit_code()
        }
    }
}

fn dispatch(cli: &cli::Cli) -> error::Result<()> {
    let catalogue = blueprint::Catalogue::embedded()?;
    match &cli.command {
        cli::Command::List(args) => commands::list::run(args, &catalogue),
        cli::Command::Show(args) => commands::show::run(args, &catalogue),
        cli::Command::New(args) => commands::new::run(args, &catalogue),
        cli::Command::Recommend(args) => commands::recommend::run(args, &catalogue),
    }
}

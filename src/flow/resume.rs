//! A cancelled interactive run keeps its answers: it offers to save them to an answers file (the
//! format `--answers` reads), never replaces a file without asking, and names the command that
//! resumes from it.

use crate::answers::{self, Answers};
use crate::goals::shell_word;
use crate::prompt::{Prompter, Question};
use std::path::{Path, PathBuf};

/// The file offered.
pub(super) const DEFAULT_FILE: &str = "groundwork-answers.toml";

/// What a cancelled run had answered.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Saved {
    pub blueprint: Option<String>,
    pub answers: Answers,
    pub folder: Option<PathBuf>,
    /// The goals as flags, when they were asked and no framework was chosen yet.
    pub goal_flags: Vec<String>,
}

impl Saved {
    /// The command that carries on from `file`.
    pub(super) fn resume_command(&self, file: &Path) -> String {
        let mut words = vec!["groundwork new".to_string()];
        if let Some(folder) = &self.folder {
            words.push(shell_word(&folder.display().to_string()));
        }
        words.push(format!(
            "--answers {}",
            shell_word(&file.display().to_string())
        ));
        words.extend(self.goal_flags.iter().cloned());
        words.join(" ")
    }

    fn file_text(&self, file: &Path) -> String {
        format!(
            "# Answers saved from a cancelled `groundwork new`. Resume with:\n#   {}\n\n{}",
            self.resume_command(file),
            answers::answers_file_text(self.blueprint.as_deref(), &self.answers)
        )
    }
}

/// Offers to save `saved`; Esc, no or Ctrl-C leave without a file. Says where it went.
pub(super) fn offer(saved: &Saved, prompter: &mut dyn Prompter) {
    let question = Question::new("Save your answers so far, to resume later?", "");
    if !matches!(prompter.confirm(&question, true), Ok(Some(true))) {
        return;
    }
    let validate = |text: &str| -> Result<(), String> {
        let path = Path::new(text.trim());
        if text.trim().is_empty() {
            return Err("type a file name".into());
        }
        if path.is_dir() {
            return Err(format!("{} is a folder; type a file name", path.display()));
        }
        match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() && !parent.is_dir() => {
                Err(format!("there is no folder {}", parent.display()))
            }
            _ => Ok(()),
        }
    };
    loop {
        let question = Question::new("Answers file", "");
        let Ok(Some(typed)) = prompter.input(&question, DEFAULT_FILE, &validate) else {
            return;
        };
        let file = PathBuf::from(typed.trim());
        if file.exists() {
            let replace = Question::new(format!("{} exists. Replace it?", file.display()), "");
            match prompter.confirm(&replace, false) {
                Ok(Some(true)) => {}
                Ok(_) => continue,
                Err(_) => return,
            }
        }
        match std::fs::write(&file, saved.file_text(&file)) {
            Ok(()) => {
                prompter.show(&format!(
                    "Saved your answers to {}. Resume with:\n  {}\n",
                    file.display(),
                    saved.resume_command(&file)
                ));
                return;
            }
            Err(e) => prompter.show(&format!("could not write {}: {e}\n", file.display())),
        }
    }
}

//! Questions and the three things that can answer them: a person at a terminal (dialoguer), a
//! script (tests), and nobody (pipes and CI), which never asks and names the flag to pass instead.

use crate::error::{Error, Result};
use dialoguer::console::Term;
use dialoguer::theme::ColorfulTheme;
use std::collections::VecDeque;

/// What is being asked, and the flag that answers it without a prompt.
#[derive(Debug, Clone)]
pub struct Question {
    pub prompt: String,
    pub flag: String,
}

impl Question {
    pub fn new(prompt: impl Into<String>, flag: impl Into<String>) -> Self {
        Question {
            prompt: prompt.into(),
            flag: flag.into(),
        }
    }

    fn unanswered(&self) -> Error {
        Error::MissingAnswer {
            question: self.prompt.to_lowercase(),
            flag: self.flag.clone(),
        }
    }
}

/// Checks typed text; `Err` holds the reason shown before asking again.
pub type Validator<'a> = &'a dyn Fn(&str) -> Result<(), String>;

pub trait Prompter {
    /// Whether a person can be asked at all.
    fn interactive(&self) -> bool;
    fn select(&mut self, question: &Question, items: &[String], default: usize) -> Result<usize>;
    fn multi_select(&mut self, question: &Question, items: &[String]) -> Result<Vec<usize>>;
    fn input(&mut self, question: &Question, default: &str, validate: Validator) -> Result<String>;
    fn confirm(&mut self, question: &Question, default: bool) -> Result<bool>;
    /// Shows text between questions (a recommendation, a summary).
    fn show(&mut self, text: &str);
}

/// For pipes and CI: every question is an error that names its flag.
pub struct NonInteractive;

impl Prompter for NonInteractive {
    fn interactive(&self) -> bool {
        false
    }
    fn select(&mut self, q: &Question, _: &[String], _: usize) -> Result<usize> {
        Err(q.unanswered())
    }
    fn multi_select(&mut self, q: &Question, _: &[String]) -> Result<Vec<usize>> {
        Err(q.unanswered())
    }
    fn input(&mut self, q: &Question, _: &str, _: Validator) -> Result<String> {
        Err(q.unanswered())
    }
    fn confirm(&mut self, q: &Question, _: bool) -> Result<bool> {
        Err(q.unanswered())
    }
    fn show(&mut self, _: &str) {}
}

/// A person at a terminal; prompts go to stderr so stdout stays clean.
pub struct Terminal {
    term: Term,
    theme: ColorfulTheme,
}

impl Terminal {
    pub fn new() -> Self {
        Terminal {
            term: Term::stderr(),
            theme: ColorfulTheme::default(),
        }
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Self::new()
    }
}

/// Esc, `q` and Ctrl-C all end the run as a cancellation, with the cursor shown again.
fn cancelled(term: &Term) -> Error {
    let _ = term.show_cursor();
    Error::Cancelled
}

fn dialog_error(term: &Term, error: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(io) = error;
    if io.kind() == std::io::ErrorKind::Interrupted {
        return cancelled(term);
    }
    let _ = term.show_cursor();
    Error::io("read an answer from", "the terminal", io)
}

impl Prompter for Terminal {
    fn interactive(&self) -> bool {
        true
    }

    fn select(&mut self, q: &Question, items: &[String], default: usize) -> Result<usize> {
        dialoguer::Select::with_theme(&self.theme)
            .with_prompt(&q.prompt)
            .items(items)
            .default(default)
            .interact_on_opt(&self.term)
            .map_err(|e| dialog_error(&self.term, e))?
            .ok_or_else(|| cancelled(&self.term))
    }

    fn multi_select(&mut self, q: &Question, items: &[String]) -> Result<Vec<usize>> {
        dialoguer::MultiSelect::with_theme(&self.theme)
            .with_prompt(format!("{} (space to pick, enter to go on)", q.prompt))
            .items(items)
            .interact_on_opt(&self.term)
            .map_err(|e| dialog_error(&self.term, e))?
            .ok_or_else(|| cancelled(&self.term))
    }

    fn input(&mut self, q: &Question, default: &str, validate: Validator) -> Result<String> {
        dialoguer::Input::<String>::with_theme(&self.theme)
            .with_prompt(&q.prompt)
            .default(default.to_string())
            .validate_with(|text: &String| validate(text))
            .interact_text_on(&self.term)
            .map_err(|e| dialog_error(&self.term, e))
    }

    fn confirm(&mut self, q: &Question, default: bool) -> Result<bool> {
        dialoguer::Confirm::with_theme(&self.theme)
            .with_prompt(&q.prompt)
            .default(default)
            .interact_on_opt(&self.term)
            .map_err(|e| dialog_error(&self.term, e))?
            .ok_or_else(|| cancelled(&self.term))
    }

    fn show(&mut self, text: &str) {
        let _ = self.term.write_str(text);
    }
}

/// One scripted reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Select the item at this index.
    Pick(usize),
    /// Select these items.
    PickMany(Vec<usize>),
    /// Type this text (an empty string takes the default).
    Type(String),
    /// Answer yes or no.
    Yes(bool),
    /// Press Esc or Ctrl-C.
    Cancel,
}

/// Scripted replies for tests. Each question takes the next reply; a reply of the wrong kind, a
/// question with no reply left, or a reply never used (see `finish`) fails the test.
#[derive(Debug, Default)]
pub struct Scripted {
    replies: VecDeque<Reply>,
    /// Every prompt asked, in order, with the validation messages shown.
    pub transcript: Vec<String>,
}

impl Scripted {
    pub fn new(replies: impl IntoIterator<Item = Reply>) -> Self {
        Scripted {
            replies: replies.into_iter().collect(),
            transcript: Vec::new(),
        }
    }

    /// Panics unless every reply was used.
    pub fn finish(self) -> Vec<String> {
        assert!(
            self.replies.is_empty(),
            "scripted replies left unused: {:?}\ntranscript: {:#?}",
            self.replies,
            self.transcript
        );
        self.transcript
    }

    fn next(&mut self, q: &Question) -> Result<Reply> {
        self.transcript.push(q.prompt.clone());
        let reply = self.replies.pop_front().unwrap_or_else(|| {
            panic!(
                "no scripted reply for {:?}\ntranscript: {:#?}",
                q.prompt, self.transcript
            )
        });
        if reply == Reply::Cancel {
            return Err(Error::Cancelled);
        }
        Ok(reply)
    }
}

impl Prompter for Scripted {
    fn interactive(&self) -> bool {
        true
    }

    fn select(&mut self, q: &Question, items: &[String], _: usize) -> Result<usize> {
        match self.next(q)? {
            Reply::Pick(i) if i < items.len() => Ok(i),
            other => panic!("{:?} cannot answer the select {:?}", other, q.prompt),
        }
    }

    fn multi_select(&mut self, q: &Question, items: &[String]) -> Result<Vec<usize>> {
        match self.next(q)? {
            Reply::PickMany(picks) if picks.iter().all(|&i| i < items.len()) => Ok(picks),
            other => panic!("{:?} cannot answer the multi-select {:?}", other, q.prompt),
        }
    }

    fn input(&mut self, q: &Question, default: &str, validate: Validator) -> Result<String> {
        loop {
            let text = match self.next(q)? {
                Reply::Type(text) if text.is_empty() => default.to_string(),
                Reply::Type(text) => text,
                other => panic!("{:?} cannot answer the input {:?}", other, q.prompt),
            };
            match validate(&text) {
                Ok(()) => return Ok(text),
                Err(reason) => self.transcript.push(format!("invalid: {reason}")),
            }
        }
    }

    fn confirm(&mut self, q: &Question, _: bool) -> Result<bool> {
        match self.next(q)? {
            Reply::Yes(yes) => Ok(yes),
            other => panic!("{:?} cannot answer the confirmation {:?}", other, q.prompt),
        }
    }

    fn show(&mut self, text: &str) {
        self.transcript.push(format!("shown: {}", text.trim_end()));
    }
}

//! Questions and the three things that can answer them, chosen once from the run's [`Mode`]: a
//! person at a terminal (dialoguer), `--yes` (every default, no questions), and nobody (pipes and
//! CI), which takes the defaults it may and names the flag to pass for the rest. Tests script a
//! fourth, under `cfg(test)`. An answer is `None` when the person pressed Esc to go back one
//! question; Ctrl-C is [`Error::Cancelled`].

mod widgets;

use crate::error::{Error, Result};
use dialoguer::console::Term;
use dialoguer::theme::ColorfulTheme;

/// How the questions of a run are answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A person at a terminal answers them.
    Ask,
    /// `--yes`: every question takes its default; one without a default is an error.
    Defaults,
    /// No terminal and no `--yes`: questions with a plain default take it, the rest are errors
    /// that name the flag to pass.
    Never,
}

/// What an unattended run does with a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unattended {
    /// Takes the default (an option's value, the project name, the confirmation).
    TakeDefault,
    /// Takes the default with `--yes` only, saying so with this note; without `--yes` the question
    /// is an error, because the default is a judgement a person should see (the framework).
    TakeDefaultWithYes { note: String },
    /// Has no default: an error naming the flag (the project folder).
    Refuse,
}

/// What is being asked, and the flag that answers it without a prompt.
#[derive(Debug, Clone)]
pub(crate) struct Question {
    pub prompt: String,
    pub flag: String,
    /// How an error names the question: "the project folder".
    pub subject: String,
    pub unattended: Unattended,
}

impl Question {
    pub(crate) fn new(prompt: impl Into<String>, flag: impl Into<String>) -> Self {
        let prompt = prompt.into();
        Question {
            subject: prompt.to_lowercase(),
            prompt,
            flag: flag.into(),
            unattended: Unattended::TakeDefault,
        }
    }

    /// The same question, named `subject` in errors.
    #[must_use]
    pub(crate) fn about(mut self, subject: impl Into<String>) -> Self {
        self.subject = subject.into();
        self
    }

    #[must_use]
    pub(crate) fn unattended(mut self, unattended: Unattended) -> Self {
        self.unattended = unattended;
        self
    }

    fn missing(&self) -> Error {
        Error::MissingAnswer {
            question: self.subject.clone(),
            flag: self.flag.clone(),
        }
    }

    fn no_default(&self) -> Error {
        Error::NoDefault {
            question: self.subject.clone(),
            flag: self.flag.clone(),
        }
    }
}

/// Checks typed text; `Err` holds the reason shown before asking again.
pub(crate) type Validator<'a> = &'a dyn Fn(&str) -> Result<(), String>;

/// Asks questions. Every answer is `Some`, or `None` when the person pressed Esc to go back one
/// question (only a person does).
pub(crate) trait Prompter {
    fn select(
        &mut self,
        question: &Question,
        items: &[String],
        default: usize,
    ) -> Result<Option<usize>>;
    /// The items picked, in the order the person picked them; `picked` is the order offered.
    fn multi_select(
        &mut self,
        question: &Question,
        items: &[String],
        picked: &[usize],
    ) -> Result<Option<Vec<usize>>>;
    fn input(
        &mut self,
        question: &Question,
        default: &str,
        validate: Validator,
    ) -> Result<Option<String>>;
    /// A yes/no question; a person confirms it with Enter.
    fn confirm(&mut self, question: &Question, default: bool) -> Result<Option<bool>>;
    /// Shows text to the person answering, between questions (a recommendation, a summary).
    fn show(&mut self, text: &str);
    /// The notes of defaults taken without asking (see [`Unattended::TakeDefaultWithYes`]),
    /// for the command to print.
    fn take_notes(&mut self) -> Vec<String> {
        Vec::new()
    }
    /// Whether a person answers, who could be offered more than the questions (such as saving
    /// the answers of a cancelled run).
    fn is_person(&self) -> bool {
        false
    }
}

/// The prompter for a mode.
pub(crate) fn for_mode(mode: Mode) -> Box<dyn Prompter> {
    match mode {
        Mode::Ask => Box::new(Terminal::new()),
        Mode::Defaults => Box::new(NoPerson::with_yes()),
        Mode::Never => Box::new(NoPerson::without_yes()),
    }
}

/// `--yes`, a pipe or CI: nobody answers; each question's [`Unattended`] says what happens.
pub(crate) struct NoPerson {
    yes: bool,
    notes: Vec<String>,
}

impl NoPerson {
    pub(crate) fn with_yes() -> Self {
        NoPerson {
            yes: true,
            notes: Vec::new(),
        }
    }

    pub(crate) fn without_yes() -> Self {
        NoPerson {
            yes: false,
            notes: Vec::new(),
        }
    }

    /// `Ok` when the question's default may be taken.
    fn take_default(&mut self, q: &Question) -> Result<()> {
        match (&q.unattended, self.yes) {
            (Unattended::TakeDefault, _) => Ok(()),
            (Unattended::TakeDefaultWithYes { note }, true) => {
                self.notes.push(note.clone());
                Ok(())
            }
            (Unattended::TakeDefaultWithYes { .. } | Unattended::Refuse, false) => Err(q.missing()),
            (Unattended::Refuse, true) => Err(q.no_default()),
        }
    }
}

impl Prompter for NoPerson {
    fn select(&mut self, q: &Question, _: &[String], default: usize) -> Result<Option<usize>> {
        self.take_default(q).map(|()| Some(default))
    }
    fn multi_select(
        &mut self,
        q: &Question,
        _: &[String],
        picked: &[usize],
    ) -> Result<Option<Vec<usize>>> {
        self.take_default(q).map(|()| Some(picked.to_vec()))
    }
    fn input(&mut self, q: &Question, default: &str, _: Validator) -> Result<Option<String>> {
        self.take_default(q).map(|()| Some(default.to_string()))
    }
    fn confirm(&mut self, q: &Question, default: bool) -> Result<Option<bool>> {
        self.take_default(q).map(|()| Some(default))
    }
    fn show(&mut self, _: &str) {}
    fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }
}

/// A person at a terminal; prompts go to stderr so stdout stays clean.
pub(crate) struct Terminal {
    term: Term,
    theme: ColorfulTheme,
}

impl Terminal {
    pub(crate) fn new() -> Self {
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

/// Ctrl-C ends the run as a cancellation, with the cursor shown again.
fn cancelled(term: &Term) -> Error {
    let _ = term.show_cursor();
    Error::Cancelled
}

fn io_error(term: &Term, io: std::io::Error) -> Error {
    if io.kind() == std::io::ErrorKind::Interrupted {
        return cancelled(term);
    }
    let _ = term.show_cursor();
    Error::io("read an answer from", "the terminal", io)
}

/// Questions and items quote blueprints from folders, so they are shown visible.
fn visible_items(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|item| crate::text::visible(item).into_owned())
        .collect()
}

impl Prompter for Terminal {
    fn select(&mut self, q: &Question, items: &[String], default: usize) -> Result<Option<usize>> {
        widgets::select(
            &self.term,
            &self.theme,
            &crate::text::visible(&q.prompt),
            &visible_items(items),
            default,
        )
        .map_err(|e| io_error(&self.term, e))
    }

    fn multi_select(
        &mut self,
        q: &Question,
        items: &[String],
        picked: &[usize],
    ) -> Result<Option<Vec<usize>>> {
        let prompt = format!(
            "{} (space to pick, enter to go on)",
            crate::text::visible(&q.prompt)
        );
        widgets::ordered_multi_select(
            &self.term,
            &self.theme,
            &prompt,
            &visible_items(items),
            picked,
        )
        .map_err(|e| io_error(&self.term, e))
    }

    fn input(
        &mut self,
        q: &Question,
        default: &str,
        validate: Validator,
    ) -> Result<Option<String>> {
        widgets::input(
            &self.term,
            &self.theme,
            &crate::text::visible(&q.prompt),
            default,
            validate,
        )
        .map_err(|e| io_error(&self.term, e))
    }

    fn confirm(&mut self, q: &Question, default: bool) -> Result<Option<bool>> {
        widgets::confirm(
            &self.term,
            &self.theme,
            &crate::text::visible(&q.prompt),
            default,
        )
        .map_err(|e| io_error(&self.term, e))
    }

    fn show(&mut self, text: &str) {
        let _ = self.term.write_str(&crate::text::visible_lines(text));
    }

    fn is_person(&self) -> bool {
        true
    }
}

#[cfg(test)]
pub(crate) use scripted::{Reply, Scripted};

/// Scripted replies, for the flow's tests.
#[cfg(test)]
mod scripted {
    use super::{Error, Prompter, Question, Result, Validator};
    use std::collections::VecDeque;

    /// One scripted reply.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub(crate) enum Reply {
        /// Select the item at this index.
        Pick(usize),
        /// Select these items, in this order.
        PickMany(Vec<usize>),
        /// Type this text (an empty string takes the default).
        Type(String),
        /// Answer yes or no.
        Yes(bool),
        /// Press Esc: back one question.
        Back,
        /// Press Ctrl-C.
        Cancel,
    }

    /// Scripted replies for tests. Each question takes the next reply; a reply of the wrong kind, a
    /// question with no reply left, or a reply never used (see `finish`) fails the test.
    #[derive(Debug, Default)]
    pub(crate) struct Scripted {
        replies: VecDeque<Reply>,
        /// Every prompt asked, in order, with the validation messages shown.
        pub(crate) transcript: Vec<String>,
        /// The items of every select and multi-select, in the order asked.
        pub(crate) menus: Vec<Vec<String>>,
    }

    impl Scripted {
        pub(crate) fn new(replies: impl IntoIterator<Item = Reply>) -> Self {
            Scripted {
                replies: replies.into_iter().collect(),
                transcript: Vec::new(),
                menus: Vec::new(),
            }
        }

        /// Panics unless every reply was used.
        pub(crate) fn finish(self) -> Vec<String> {
            assert!(
                self.replies.is_empty(),
                "scripted replies left unused: {:?}\ntranscript: {:#?}",
                self.replies,
                self.transcript
            );
            self.transcript
        }

        /// The next reply; `None` for Esc.
        fn next(&mut self, q: &Question) -> Result<Option<Reply>> {
            self.transcript.push(q.prompt.clone());
            let reply = self.replies.pop_front().unwrap_or_else(|| {
                panic!(
                    "no scripted reply for {:?}\ntranscript: {:#?}",
                    q.prompt, self.transcript
                )
            });
            match reply {
                Reply::Cancel => Err(Error::Cancelled),
                Reply::Back => Ok(None),
                reply => Ok(Some(reply)),
            }
        }
    }

    impl Prompter for Scripted {
        fn select(&mut self, q: &Question, items: &[String], _: usize) -> Result<Option<usize>> {
            self.menus.push(items.to_vec());
            match self.next(q)? {
                None => Ok(None),
                Some(Reply::Pick(i)) if i < items.len() => Ok(Some(i)),
                Some(other) => panic!("{:?} cannot answer the select {:?}", other, q.prompt),
            }
        }

        fn multi_select(
            &mut self,
            q: &Question,
            items: &[String],
            _: &[usize],
        ) -> Result<Option<Vec<usize>>> {
            self.menus.push(items.to_vec());
            match self.next(q)? {
                None => Ok(None),
                Some(Reply::PickMany(picks)) if picks.iter().all(|&i| i < items.len()) => {
                    Ok(Some(picks))
                }
                Some(other) => {
                    panic!("{:?} cannot answer the multi-select {:?}", other, q.prompt)
                }
            }
        }

        fn input(
            &mut self,
            q: &Question,
            default: &str,
            validate: Validator,
        ) -> Result<Option<String>> {
            loop {
                let text = match self.next(q)? {
                    None => return Ok(None),
                    Some(Reply::Type(text)) if text.is_empty() => default.to_string(),
                    Some(Reply::Type(text)) => text,
                    Some(other) => panic!("{:?} cannot answer the input {:?}", other, q.prompt),
                };
                match validate(&text) {
                    Ok(()) => return Ok(Some(text)),
                    Err(reason) => self.transcript.push(format!("invalid: {reason}")),
                }
            }
        }

        fn confirm(&mut self, q: &Question, _: bool) -> Result<Option<bool>> {
            match self.next(q)? {
                None => Ok(None),
                Some(Reply::Yes(yes)) => Ok(Some(yes)),
                Some(other) => {
                    panic!("{:?} cannot answer the confirmation {:?}", other, q.prompt)
                }
            }
        }

        fn show(&mut self, text: &str) {
            self.transcript.push(format!("shown: {}", text.trim_end()));
        }

        fn is_person(&self) -> bool {
            true
        }
    }
}

//! The questions of `groundwork new`, in order: goals and the framework (when the flags do not
//! name one), the options the goals shape (the database), the folder, the project name, the other
//! options, then a summary to confirm. Every question goes to the one [`Prompter`] the mode chose,
//! so a terminal, `--yes` and a pipe run the same steps; values given as flags or in an answers
//! file are never asked. The answers themselves are merged by [`answers::Merge`].
//!
//! A person can correct the answers: Esc goes back one question, and declining the summary offers
//! to edit one answer, start over or cancel. The flow keeps what was answered at each question
//! ([`SoFar`]) and rebuilds the merged answers from it, so going back never leaves a stale value.
//! A cancelled run offers to save its answers ([`resume`]).

mod resume;
mod summary;
#[cfg(test)]
mod tests;

use crate::answers::{self, Answer, AnswerSource, Merge, Raw, SourcedAnswers};
use crate::blueprint::{Blueprint, Catalogue};
use crate::error::{Error, Result};
use crate::goal_defaults;
use crate::goals;
use crate::new_options::{NewOptions, refuse_install_from_folder};
use crate::options::{OptionKind, OptionSpec, Value};
use crate::prompt::{Prompter, Question, Unattended};
use crate::recommend::{Criterion, Goals, Language, Recommendation, Scale, UseCase};
use crate::recommendation_record::RecommendationRecord;
use crate::render::Plan;
use crate::write;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Everything `new` needs to generate, once every question is answered.
#[derive(Debug)]
pub(crate) struct Request<'c> {
    pub blueprint: &'c Blueprint,
    pub target: PathBuf,
    pub target_state: write::Target,
    pub answers: SourcedAnswers,
    /// Notes for the person, such as a default taken without asking.
    pub notes: Vec<String>,
    /// The recommendation the blueprint was picked from (or that the answers file recorded).
    pub recommendation: Option<RecommendationRecord>,
    /// The plan the summary rendered from these answers, when a person saw one: `new` writes it
    /// rather than render again.
    pub plan: Option<Plan>,
}

/// Formats a ranking for a person choosing from it (the caller owns the presentation).
pub(crate) type RankingTable = fn(&[Recommendation]) -> String;

/// The folder offered when none was given.
const DEFAULT_FOLDER: &str = "my-service";

/// The answers a project keeps whatever the framework; the others are the blueprint's options.
const PROJECT_ANSWERS: [&str; 3] = ["name", "author_name", "author_email"];

pub(crate) fn gather<'c>(
    options: &NewOptions<'c>,
    catalogue: &'c Catalogue,
    prompter: &mut dyn Prompter,
    ranking_table: RankingTable,
) -> Result<Request<'c>> {
    let mut session = Session {
        options,
        catalogue,
        ranking_table,
        so_far: SoFar::default(),
        summarised: None,
        git_identity: std::cell::OnceCell::new(),
    };
    match session.run(prompter) {
        Err(Error::Cancelled) if prompter.is_person() => {
            if let Some(saved) = session.saved() {
                resume::offer(&saved, prompter);
            }
            Err(Error::Cancelled)
        }
        outcome => outcome,
    }
}

/// One question of the flow.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    UseCases,
    Priorities,
    Languages,
    Scale,
    Framework,
    Folder,
    Name,
    /// A blueprint option, by key.
    Option(String),
    /// `author_name` or `author_email`: never asked in order, only edited from the summary.
    Author(&'static str),
    Summary,
}

/// What answering a step did.
#[derive(Debug, PartialEq, Eq)]
enum Moved {
    Forward,
    /// Forward, with a new framework: the questions after this one changed.
    Reshaped,
    /// Esc: back one question.
    Back,
    /// Ask the same step again.
    Stay,
    /// From the summary: ask this step, then show the summary again.
    Edit(Step),
    StartOver,
    Create,
}

/// What was answered at a question so far. The merged answers are rebuilt from it and the
/// flags, so an answer changed on the way back replaces the old one everywhere.
#[derive(Debug, Default)]
struct SoFar<'c> {
    use_cases: Option<Vec<UseCase>>,
    /// In the order picked: the first matters most.
    priorities: Option<Vec<Criterion>>,
    languages: Option<Vec<Language>>,
    #[expect(
        clippy::option_option,
        reason = "`None` is not asked yet, `Some(None)` is the answer \"Not sure\""
    )]
    scale: Option<Option<Scale>>,
    framework: Option<&'c Blueprint>,
    folder: Option<(PathBuf, write::Target)>,
    /// Answers settled at a question, by key. One taken unchanged keeps its source (a goal, a
    /// default); only a changed one is the prompt's.
    settled: BTreeMap<String, Answer>,
}

impl SoFar<'_> {
    fn is_empty(&self) -> bool {
        self.use_cases.is_none()
            && self.priorities.is_none()
            && self.languages.is_none()
            && self.scale.is_none()
            && self.framework.is_none()
            && self.folder.is_none()
            && self.settled.is_empty()
    }

    /// Forgets the answers to a blueprint's options (another framework has other options).
    fn forget_options(&mut self) {
        self.settled
            .retain(|key, _| PROJECT_ANSWERS.contains(&key.as_str()));
    }
}

struct Session<'o, 'c> {
    options: &'o NewOptions<'c>,
    catalogue: &'c Catalogue,
    ranking_table: RankingTable,
    so_far: SoFar<'c>,
    /// The plan of the last summary shown, until "Create it?" is answered.
    summarised: Option<Plan>,
    /// The author git would record, read once: every question merges the answers again.
    git_identity: std::cell::OnceCell<(Option<String>, Option<String>)>,
}

impl<'c> Session<'_, 'c> {
    fn run(&mut self, prompter: &mut dyn Prompter) -> Result<Request<'c>> {
        let mut at = 0;
        let mut editing: Option<Step> = None;
        loop {
            let steps = self.steps()?;
            let step = editing.clone().unwrap_or_else(|| steps[at].clone());
            let moved = self.ask(&step, prompter)?;
            if editing.take().is_some() {
                // An edit returns to the summary, unless a new framework brings new questions.
                if moved == Moved::Reshaped {
                    at = steps
                        .iter()
                        .position(|s| *s == Step::Framework)
                        .unwrap_or(0)
                        + 1;
                }
                continue;
            }
            match moved {
                Moved::Forward | Moved::Reshaped => at += 1,
                Moved::Back if at == 0 => {
                    prompter.show("This is the first question; Ctrl-C cancels.\n");
                }
                Moved::Back => at -= 1,
                Moved::Stay => {}
                Moved::Edit(step) => editing = Some(step),
                Moved::StartOver => {
                    self.so_far = SoFar::default();
                    at = 0;
                }
                Moved::Create => {
                    let plan = self.summarised.take();
                    return self.request(plan, prompter);
                }
            }
        }
    }

    /// The questions in order, as far as the answers so far decide them (the framework decides
    /// the options).
    fn steps(&self) -> Result<Vec<Step>> {
        let mut steps = Vec::new();
        if self.options.blueprint.is_none() {
            if self.options.goals.is_none() {
                steps.extend([
                    Step::UseCases,
                    Step::Priorities,
                    Step::Languages,
                    Step::Scale,
                ]);
            }
            steps.push(Step::Framework);
        }
        let Some(blueprint) = self.blueprint() else {
            return Ok(steps);
        };
        let merge = self.merge(blueprint)?;
        let asked = |option: &&OptionSpec| !merge.is_given(&option.key);
        let (goal_shaped, others): (Vec<&OptionSpec>, Vec<&OptionSpec>) = blueprint
            .manifest
            .options
            .iter()
            .filter(asked)
            .partition(|option| goal_defaults::offers_database_choice(option));
        steps.extend(goal_shaped.iter().map(|o| Step::Option(o.key.clone())));
        if self.options.folder.is_none() {
            steps.push(Step::Folder);
        }
        if !merge.is_given("name") {
            steps.push(Step::Name);
        }
        steps.extend(others.iter().map(|o| Step::Option(o.key.clone())));
        steps.push(Step::Summary);
        Ok(steps)
    }

    fn blueprint(&self) -> Option<&'c Blueprint> {
        self.options.blueprint.or(self.so_far.framework)
    }

    fn target(&self) -> Option<&(PathBuf, write::Target)> {
        self.options.folder.as_ref().or(self.so_far.folder.as_ref())
    }

    /// The goals so far: the flags', or the menus' answers over the defaults file's.
    fn goals(&self) -> Goals {
        let defaults = &self.options.goals_with_defaults;
        if self.options.goals.is_some() {
            return defaults.clone();
        }
        let so_far = &self.so_far;
        let use_cases = so_far
            .use_cases
            .clone()
            .unwrap_or_else(|| defaults.use_cases.clone());
        Goals {
            realtime: defaults.realtime || use_cases.contains(&UseCase::Realtime),
            use_cases,
            priorities: so_far
                .priorities
                .clone()
                .unwrap_or_else(|| defaults.priorities.clone()),
            languages: so_far
                .languages
                .clone()
                .unwrap_or_else(|| defaults.languages.clone()),
            scale: so_far.scale.unwrap_or(defaults.scale),
        }
    }

    /// The goals that shape the options: none when `--framework` chose without goal flags.
    fn shaping_goals(&self) -> Option<Goals> {
        match self.options.blueprint {
            Some(_) => self.options.goals.clone(),
            None => Some(self.goals()),
        }
    }

    /// Every layer, then the answers changed at a question. The name is left out: it follows
    /// the folder, which may not be known yet (see [`Session::answers`]).
    fn merge(&self, blueprint: &'c Blueprint) -> Result<Merge<'c>> {
        let shaped = self
            .shaping_goals()
            .map(|goals| goal_defaults::for_goals(&goals, &blueprint.manifest.options))
            .unwrap_or_default();
        let mut merge = Merge::new(blueprint);
        let git_identity = || {
            self.git_identity
                .get_or_init(crate::git::configured_identity)
        };
        apply_layers(&mut merge, self.options, shaped, git_identity)?;
        for (key, answer) in &self.so_far.settled {
            if answer.source == AnswerSource::Prompt {
                let raw = Raw::Text(answer.value.to_string());
                merge.apply(&AnswerSource::Prompt, [(key.clone(), raw)])?;
            }
        }
        Ok(merge)
    }

    /// Every answer as it stands, the name offered from the folder when nobody typed one.
    fn answers(&self, blueprint: &'c Blueprint) -> Result<SourcedAnswers> {
        let mut merge = self.merge(blueprint)?;
        if let Some((dir, _)) = self.target() {
            let folder = Raw::Text(folder_name(dir));
            merge.apply(&AnswerSource::Folder, [("name".to_string(), folder)])?;
        }
        Ok(merge.finish())
    }

    fn ask(&mut self, step: &Step, prompter: &mut dyn Prompter) -> Result<Moved> {
        match step {
            Step::UseCases => {
                let picked = pick_many(
                    prompter,
                    "What are you building?",
                    "--use-case",
                    UseCase::all(),
                    UseCase::label,
                    &self.goals().use_cases,
                )?;
                Ok(self.settle_goal(picked, |so_far| &mut so_far.use_cases))
            }
            Step::Priorities => {
                let picked = pick_many(
                    prompter,
                    "What matters most? Pick in order of importance",
                    "--priority",
                    Criterion::all(),
                    Criterion::label,
                    &self.goals().priorities,
                )?;
                Ok(self.settle_goal(picked, |so_far| &mut so_far.priorities))
            }
            Step::Languages => {
                let picked = pick_many(
                    prompter,
                    "Which languages does the team know?",
                    "--language",
                    Language::all(),
                    Language::label,
                    &self.goals().languages,
                )?;
                Ok(self.settle_goal(picked, |so_far| &mut so_far.languages))
            }
            Step::Scale => {
                let picked = ask_scale(prompter, self.goals().scale)?;
                Ok(self.settle_goal(picked, |so_far| &mut so_far.scale))
            }
            Step::Framework => self.ask_framework(prompter),
            Step::Folder => self.ask_folder(prompter),
            Step::Name => self.ask_name(prompter),
            Step::Option(key) => self.ask_option(key, prompter),
            Step::Author(key) => self.ask_author(key, prompter),
            Step::Summary => self.confirm(prompter),
        }
    }

    /// Keeps a goal answer; a changed goal changes the ranking, so the framework is asked afresh.
    fn settle_goal<T: PartialEq>(
        &mut self,
        picked: Option<T>,
        slot: for<'s> fn(&'s mut SoFar<'c>) -> &'s mut Option<T>,
    ) -> Moved {
        let Some(picked) = picked else {
            return Moved::Back;
        };
        let held = slot(&mut self.so_far);
        if held.as_ref() != Some(&picked) {
            *held = Some(picked);
            self.so_far.framework = None;
            self.so_far.forget_options();
        }
        Moved::Forward
    }

    fn ask_framework(&mut self, prompter: &mut dyn Prompter) -> Result<Moved> {
        let goals = self.goals();
        let menu = goals::menu(self.catalogue, &goals)?;
        let top = menu.first().ok_or_else(|| Error::MissingAnswer {
            question: "the framework".into(),
            flag: "--framework <id>".into(),
        })?;
        let mut intro = String::from("\nRecommended for your goals:\n");
        intro.push_str(&(self.ranking_table)(&menu[..menu.len().min(3)]));
        if let Some(note) = crate::recommend::general_note(&goals) {
            intro.push_str(&format!("{note}\n"));
        }
        prompter.show(&intro);
        let items = goals::menu_lines(&menu);
        let taken = format!(
            "Chose {} ({}), the top recommendation for {}: score {}. See `groundwork recommend` for the reasons.",
            top.name,
            top.id,
            if goals.is_empty() {
                "no particular goals"
            } else {
                "your goals"
            },
            top.score
        );
        let question = Question::new(
            "Framework",
            "--framework <id> (see `groundwork list`), or --yes to take the top recommendation",
        )
        .about("the framework")
        .unattended(Unattended::TakeDefaultWithYes { note: taken });
        let offered = self
            .so_far
            .framework
            .and_then(|held| menu.iter().position(|r| r.id == held.id()))
            .unwrap_or(0);
        let Some(picked) = prompter.select(&question, &items, offered)? else {
            return Ok(Moved::Back);
        };
        let blueprint = self.catalogue.find(&menu[picked].id)?;
        if self.options.install {
            refuse_install_from_folder(blueprint)?;
        }
        if self.so_far.framework.map(Blueprint::id) == Some(blueprint.id()) {
            return Ok(Moved::Forward);
        }
        self.so_far.framework = Some(blueprint);
        self.so_far.forget_options();
        Ok(Moved::Reshaped)
    }

    fn ask_folder(&mut self, prompter: &mut dyn Prompter) -> Result<Moved> {
        let force = self.options.force;
        let validate = |text: &str| -> Result<(), String> {
            if text.trim().is_empty() {
                return Err("type a folder name".into());
            }
            write::inspect(Path::new(text), force)
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        let question = Question::new("Project folder", "a folder: groundwork new <DIR>")
            .about("the project folder")
            .unattended(Unattended::Refuse);
        let offered = match &self.so_far.folder {
            Some((dir, _)) => dir.display().to_string(),
            None => DEFAULT_FOLDER.to_string(),
        };
        let Some(typed) = prompter.input(&question, &offered, &validate)? else {
            return Ok(Moved::Back);
        };
        let dir = PathBuf::from(typed);
        let state = write::inspect(&dir, force)?;
        self.so_far.folder = Some((dir, state));
        Ok(Moved::Forward)
    }

    /// The project name, offering the folder's; kept as the folder's when unchanged, so an error
    /// about it says so (and it follows the folder if that is edited later).
    fn ask_name(&mut self, prompter: &mut dyn Prompter) -> Result<Moved> {
        let folder = self
            .target()
            .map(|(dir, _)| folder_name(dir))
            .unwrap_or_default();
        let offered = match self.so_far.settled.get("name") {
            Some(answer) if answer.source == AnswerSource::Prompt => answer.value.to_string(),
            _ => folder.clone(),
        };
        let validate = |text: &str| crate::names::derive(text).map(|_| ());
        let question = Question::new("Project name", "--name <NAME>");
        let Some(typed) = prompter.input(&question, &offered, &validate)? else {
            return Ok(Moved::Back);
        };
        let source = if typed == folder {
            AnswerSource::Folder
        } else {
            AnswerSource::Prompt
        };
        let answer = Answer {
            value: Value::String(typed),
            source,
        };
        self.so_far.settled.insert("name".into(), answer);
        Ok(Moved::Forward)
    }

    fn ask_option(&mut self, key: &str, prompter: &mut dyn Prompter) -> Result<Moved> {
        let blueprint = self
            .blueprint()
            .expect("options are asked once a framework is chosen");
        let option = blueprint
            .option(key)
            .expect("a step names an option of its blueprint");
        let offered = self
            .merge(blueprint)?
            .finish()
            .remove(key)
            .expect("every option is answered");
        let Some(answer) = ask_option(blueprint, option, &offered, prompter)? else {
            return Ok(Moved::Back);
        };
        self.so_far.settled.insert(key.to_string(), answer);
        Ok(Moved::Forward)
    }

    fn ask_author(&mut self, key: &str, prompter: &mut dyn Prompter) -> Result<Moved> {
        let blueprint = self
            .blueprint()
            .expect("the summary comes after the framework");
        let offered = self
            .answers(blueprint)?
            .remove(key)
            .expect("the author is always answered");
        let validate = |text: &str| {
            answers::check_text(blueprint, key, text)
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        let prompt = match key {
            "author_email" => "Author email",
            _ => "Author name",
        };
        let question = Question::new(prompt, format!("--set {key}=<value>"));
        let Some(typed) = prompter.input(&question, &offered.value.to_string(), &validate)? else {
            return Ok(Moved::Back);
        };
        let value = answers::check_text(blueprint, key, &typed)?;
        let answer = if value == offered.value {
            offered
        } else {
            Answer {
                value,
                source: AnswerSource::Prompt,
            }
        };
        self.so_far.settled.insert(key.to_string(), answer);
        Ok(Moved::Forward)
    }

    /// The summary and "Create it?"; a no offers to edit an answer, start over or cancel.
    fn confirm(&mut self, prompter: &mut dyn Prompter) -> Result<Moved> {
        let blueprint = self
            .blueprint()
            .expect("the summary comes after the framework");
        let (target, _) = self.target().expect("the summary comes after the folder");
        let answers = self.answers(blueprint)?;
        let goals = self.options.blueprint.is_none().then(|| self.goals());
        // The summary renders the whole plan for its file count: worth it only for a person.
        let plan = if prompter.is_person() {
            let recommendation = self.recommendation(blueprint)?;
            let plan = crate::generate::plan(blueprint, &answers, recommendation)?;
            prompter.show(&summary::text(&summary::Facts {
                blueprint,
                target,
                answers: &answers,
                goals: goals.as_ref(),
                plan: &plan,
                dry_run: self.options.dry_run,
                git: self.options.git,
            }));
            Some(plan)
        } else {
            None
        };
        self.summarised = plan;
        match prompter.confirm(&Question::new("Create it?", "--yes"), true)? {
            None => return Ok(Moved::Back),
            Some(true) => return Ok(Moved::Create),
            Some(false) => {}
        }
        let choices = ["Edit an answer", "Start over", "Cancel"].map(String::from);
        let question = Question::new("What now?", "--yes");
        match prompter.select(&question, &choices, 0)? {
            None => Ok(Moved::Stay),
            Some(0) => self.pick_edit(&answers, prompter),
            Some(1) => Ok(Moved::StartOver),
            Some(_) => Err(Error::Cancelled),
        }
    }

    /// Which answer to edit: those asked or askable, never one a flag or an answers file gave.
    fn pick_edit(&self, answers: &SourcedAnswers, prompter: &mut dyn Prompter) -> Result<Moved> {
        let mut editable: Vec<(Step, String)> = Vec::new();
        if self.options.blueprint.is_none() {
            let blueprint = self.blueprint().expect("chosen before the summary");
            editable.push((
                Step::Framework,
                format!("framework: {}", blueprint.manifest.name),
            ));
        }
        if let (None, Some((dir, _))) = (&self.options.folder, self.target()) {
            editable.push((Step::Folder, format!("folder: {}", dir.display())));
        }
        for (key, answer) in answers.iter().filter(|(_, a)| !a.source.is_given()) {
            let step = match key.as_str() {
                "name" => Step::Name,
                "author_name" => Step::Author("author_name"),
                "author_email" => Step::Author("author_email"),
                _ => Step::Option(key.clone()),
            };
            editable.push((step, format!("{key} = {}", answer.value)));
        }
        let items: Vec<String> = editable.iter().map(|(_, line)| line.clone()).collect();
        match prompter.select(&Question::new("Which answer?", "--set"), &items, 0)? {
            None => Ok(Moved::Stay),
            Some(i) => Ok(Moved::Edit(editable.swap_remove(i).0)),
        }
    }

    fn request(&self, plan: Option<Plan>, prompter: &mut dyn Prompter) -> Result<Request<'c>> {
        let blueprint = self
            .blueprint()
            .expect("created after the framework is chosen");
        let (target, target_state) = self.target().expect("created after the folder").clone();
        let mut notes = Vec::new();
        let shaped =
            self.options.goals.as_ref().map(|goals| {
                goal_defaults::for_goals(goals, &blueprint.manifest.options).is_empty()
            });
        if self.options.blueprint.is_some() && shaped == Some(true) {
            notes.push(
                "note: --framework chose the blueprint, so the goal flags are not used".into(),
            );
        }
        notes.extend(prompter.take_notes());
        Ok(Request {
            blueprint,
            target,
            target_state,
            answers: self.answers(blueprint)?,
            notes,
            recommendation: self.recommendation(blueprint)?,
            plan,
        })
    }

    /// The recommendation `blueprint` was picked from: the answers file's when `--framework` or
    /// the file named it, else its place in `recommend`'s own ranking, which the record repeats.
    fn recommendation(&self, blueprint: &Blueprint) -> Result<Option<RecommendationRecord>> {
        if let Some(named) = self.options.blueprint {
            return Ok(RecommendationRecord::carried(
                self.options.answers_file.as_ref(),
                named,
            ));
        }
        let goals = self.goals();
        let ranking = goals::rank(self.catalogue, &goals)?;
        Ok(ranking
            .iter()
            .position(|r| r.id == blueprint.id())
            .map(|picked| RecommendationRecord::new(&goals, &ranking, picked)))
    }

    /// What a cancelled run can keep: the framework, every answer given or settled so far, the
    /// folder and the goals. `None` when nothing was answered.
    fn saved(&self) -> Option<resume::Saved> {
        if self.so_far.is_empty() {
            return None;
        }
        let blueprint = self.blueprint();
        let answers = match blueprint {
            Some(blueprint) => {
                let merge = self.merge(blueprint).ok()?;
                let kept =
                    |key: &String| merge.is_given(key) || self.so_far.settled.contains_key(key);
                let all = self.answers(blueprint).ok()?;
                all.into_iter()
                    .filter(|(key, _)| kept(key))
                    .map(|(key, answer)| (key, answer.value))
                    .collect()
            }
            None => answers::Answers::new(),
        };
        let goal_flags = match (self.options.blueprint, self.so_far.framework) {
            (None, None) => goals::GoalText::from(&self.goals()).flags(),
            _ => Vec::new(),
        };
        Some(resume::Saved {
            blueprint: blueprint.map(|b| b.id().to_string()),
            answers,
            folder: self.target().map(|(dir, _)| dir.clone()),
            goal_flags,
        })
    }
}

/// Every layer known before the first question: the answers file, `--set`/`--name`, the goals,
/// the defaults file and git's identity. Each value is checked here, so a bad one is refused
/// before anything is asked.
fn apply_layers<'a>(
    merge: &mut Merge<'_>,
    options: &NewOptions<'_>,
    shaped: Vec<(String, Value, AnswerSource)>,
    git_identity: impl FnOnce() -> &'a (Option<String>, Option<String>),
) -> Result<()> {
    if let Some(file) = &options.answers_file {
        let values = file
            .values
            .iter()
            .map(|(k, v)| (k.clone(), Raw::Toml(v.clone())));
        merge.apply(&AnswerSource::AnswersFile(file.path.clone()), values)?;
    }
    let sets = options
        .sets
        .iter()
        .map(|(k, v)| (k.clone(), Raw::Text(v.clone())));
    merge.apply(&AnswerSource::Flag, sets)?;
    let config = &options.config;
    let defaults_file = AnswerSource::DefaultsFile(crate::config::path());
    let option_defaults = config
        .defaults
        .iter()
        .filter(|(key, _)| merge.blueprint().option(key).is_some())
        .map(|(k, v)| (k.clone(), Raw::Toml(v.clone())))
        .collect::<Vec<_>>();
    merge.apply(&defaults_file, option_defaults)?;
    let author = [
        ("author_name", &config.author.name),
        ("author_email", &config.author.email),
    ];
    let from_file = author
        .iter()
        .filter_map(|(key, value)| Some((key.to_string(), Raw::Text((*value).clone()?))))
        .collect::<Vec<_>>();
    let needs_git = author
        .iter()
        .any(|(key, value)| value.is_none() && !merge.is_given(key));
    merge.apply(&defaults_file, from_file)?;
    if needs_git {
        let (name, email) = git_identity().clone();
        let from_git = [("author_name", name), ("author_email", email)]
            .into_iter()
            .filter_map(|(key, value)| Some((key.to_string(), Raw::Text(value?))));
        merge.apply(&AnswerSource::GitConfig, from_git)?;
    }
    for (key, value, source) in shaped {
        merge.apply(&source, [(key, Raw::Checked(value))])?;
    }
    Ok(())
}

/// The scale picked, `None` inside for "Not sure"; `None` outside for going back.
#[expect(
    clippy::option_option,
    reason = "the outer `None` is going back, the inner one the answer \"Not sure\""
)]
fn ask_scale(prompter: &mut dyn Prompter, held: Option<Scale>) -> Result<Option<Option<Scale>>> {
    let mut scales: Vec<String> = vec!["Not sure".into()];
    scales.extend(Scale::all().iter().map(|s| s.label().to_string()));
    let offered = held
        .and_then(|s| Scale::all().iter().position(|v| *v == s))
        .map_or(0, |i| i + 1);
    let picked = prompter.select(
        &Question::new("Expected scale", "--scale"),
        &scales,
        offered,
    )?;
    Ok(picked.map(|i| i.checked_sub(1).map(|i| Scale::all()[i])))
}

/// A multi-select whose answer keeps the order of picking.
fn pick_many<T: Copy + PartialEq>(
    prompter: &mut dyn Prompter,
    prompt: &str,
    flag: &str,
    all: &[T],
    label: fn(&T) -> &'static str,
    held: &[T],
) -> Result<Option<Vec<T>>> {
    let items: Vec<String> = all.iter().map(|v| label(v).to_string()).collect();
    let picked: Vec<usize> = held
        .iter()
        .filter_map(|v| all.iter().position(|a| a == v))
        .collect();
    let answer = prompter.multi_select(&Question::new(prompt, flag), &items, &picked)?;
    Ok(answer.map(|picked| picked.into_iter().map(|i| all[i]).collect()))
}

/// Asks for one option, offering the best value so far; an unchanged value keeps its source.
pub(crate) fn ask_option(
    blueprint: &Blueprint,
    option: &OptionSpec,
    offered: &Answer,
    prompter: &mut dyn Prompter,
) -> Result<Option<Answer>> {
    let prompt = match offered.source.reason() {
        Some(reason) => format!("{} ({}: {reason})", option.help, offered.value),
        None => option.help.clone(),
    };
    let question = Question::new(prompt, format!("--set {}=<value>", option.key));
    let default = &offered.value;
    let value = match option.kind {
        OptionKind::Bool => prompter
            .confirm(&question, default.as_bool().unwrap_or(false))?
            .map(Value::Bool),
        OptionKind::Choice => {
            let current = default.to_string();
            let at = option
                .choices
                .iter()
                .position(|c| *c == current)
                .unwrap_or(0);
            prompter
                .select(&question, &option.choices, at)?
                .map(|picked| Value::String(option.choices[picked].clone()))
        }
        OptionKind::Int | OptionKind::String => {
            let validate = |text: &str| option.parse_text(text).map(|_| ());
            match prompter.input(&question, &default.to_string(), &validate)? {
                Some(typed) => Some(answers::check_text(blueprint, &option.key, &typed)?),
                None => None,
            }
        }
    };
    Ok(value.map(|value| {
        if value == *default {
            offered.clone()
        } else {
            Answer {
                value,
                source: AnswerSource::Prompt,
            }
        }
    }))
}

fn folder_name(target: &Path) -> String {
    let absolute = std::path::absolute(target).unwrap_or_else(|_| target.to_path_buf());
    absolute
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

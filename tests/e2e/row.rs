//! One line of the closing table (a blueprint, or a blueprint with one `database` value) and the
//! rules that turn what ran into its result: a failure fails the row; a row whose proof did not
//! run is skipped; a row with a checker missing is incomplete, never passed; known contract gaps
//! are said in the result. Under `CI=true`, every row is required: skipped or incomplete fails.

use std::fmt::Write as _;
use std::time::Duration;

pub(crate) struct Row {
    pub(crate) id: String,
    /// The `database` value of this run, for a blueprint that has the option.
    pub(crate) database: Option<String>,
    pub(crate) proof: String,
    pub(crate) install: Option<Duration>,
    pub(crate) retried: bool,
    /// Seconds, `-` when the project has no migrate command.
    pub(crate) migrate: String,
    pub(crate) test: Option<Duration>,
    /// The project's own lint command: seconds, or `-` when it has none.
    pub(crate) lint: String,
    /// Until the first `/health` 200.
    pub(crate) health: Option<Duration>,
    pub(crate) restart: String,
    pub(crate) db_down: String,
    pub(crate) contract: String,
    /// hadolint, actionlint and the shell checks over every option combination.
    pub(crate) checkers: String,
    pub(crate) failures: Vec<String>,
    /// Whether the proof (end to end, or the language's syntax checker) ran.
    pub(crate) ran: bool,
    /// Checkers this row needed that are not on this machine.
    pub(crate) missing: Vec<String>,
    /// Contract findings listed in `KNOWN_CONTRACT_GAPS`.
    pub(crate) known_gaps: Vec<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Passed,
    PassedWithKnownGaps(usize),
    Incomplete(Vec<String>),
    Skipped,
    Failed,
}

impl Row {
    pub(crate) fn new(id: &str, database: Option<&str>) -> Row {
        Row {
            id: id.to_string(),
            database: database.map(str::to_string),
            proof: String::new(),
            install: None,
            retried: false,
            migrate: "-".into(),
            test: None,
            lint: "-".into(),
            health: None,
            restart: "-".into(),
            db_down: "-".into(),
            contract: "-".into(),
            checkers: "-".into(),
            failures: Vec::new(),
            ran: false,
            missing: Vec::new(),
            known_gaps: Vec::new(),
        }
    }

    /// `flask/postgres`, or `node` for a blueprint without the option.
    pub(crate) fn name(&self) -> String {
        match &self.database {
            Some(database) => format!("{}/{database}", self.id),
            None => self.id.clone(),
        }
    }

    pub(crate) fn verdict(&self) -> Verdict {
        if !self.failures.is_empty() {
            Verdict::Failed
        } else if !self.ran {
            Verdict::Skipped
        } else if !self.missing.is_empty() {
            Verdict::Incomplete(self.missing.clone())
        } else if !self.known_gaps.is_empty() {
            Verdict::PassedWithKnownGaps(self.known_gaps.len())
        } else {
            Verdict::Passed
        }
    }

    pub(crate) fn result(&self) -> String {
        match self.verdict() {
            Verdict::Passed => "passed".into(),
            Verdict::PassedWithKnownGaps(n) => format!("passed, {n} known gap(s)"),
            Verdict::Incomplete(missing) => format!("incomplete (no {})", missing.join(", no ")),
            Verdict::Skipped => "skipped".into(),
            Verdict::Failed => "FAILED".into(),
        }
    }

    /// Under `CI=true`, a row that is skipped or incomplete fails: CI proves what it can.
    pub(crate) fn require(&mut self, ci: bool) {
        if !ci {
            return;
        }
        match self.verdict() {
            Verdict::Skipped => self.failures.push(format!(
                "required under CI=true, but not proven: {}",
                self.proof
            )),
            Verdict::Incomplete(missing) => self.failures.push(format!(
                "required under CI=true, but a checker is missing: no {} \
                 (install: bash scripts/e2e-tools.sh; apt-get install shellcheck ruby php-cli)",
                missing.join(", no ")
            )),
            _ => {}
        }
    }
}

/// How many rows passed, failed, were skipped and are incomplete.
pub(crate) fn counts(rows: &[Row]) -> (usize, usize, usize, usize) {
    let mut counts = (0, 0, 0, 0);
    for row in rows {
        match row.verdict() {
            Verdict::Passed | Verdict::PassedWithKnownGaps(_) => counts.0 += 1,
            Verdict::Failed => counts.1 += 1,
            Verdict::Skipped => counts.2 += 1,
            Verdict::Incomplete(_) => counts.3 += 1,
        }
    }
    counts
}

fn seconds(d: Option<Duration>) -> String {
    d.map_or_else(|| "-".into(), |d| format!("{:.1}", d.as_secs_f64()))
}

/// The closing table, in aligned columns.
pub(crate) fn table(rows: &[Row]) -> String {
    let header = [
        "blueprint",
        "database",
        "proof",
        "install s",
        "migrate s",
        "test s",
        "lint s",
        "first healthy s",
        "restart",
        "db down",
        "contract",
        "checkers",
        "result",
    ];
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut install = seconds(r.install);
            if r.retried {
                install.push_str(" (retried)");
            }
            vec![
                r.id.clone(),
                r.database.clone().unwrap_or_else(|| "-".into()),
                r.proof.clone(),
                install,
                r.migrate.clone(),
                seconds(r.test),
                r.lint.clone(),
                seconds(r.health),
                r.restart.clone(),
                r.db_down.clone(),
                r.contract.clone(),
                r.checkers.clone(),
                r.result(),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for line in &lines {
        for (w, cell) in widths.iter_mut().zip(line) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut push = |cells: &[String]| {
        let mut line = String::new();
        for (cell, w) in cells.iter().zip(widths) {
            let _ = write!(line, "{cell:<w$}  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    };
    push(&header.map(str::to_string));
    push(&widths.map(|w| "-".repeat(w)));
    for line in &lines {
        push(line);
    }
    out
}

//! `groundwork doctor`: which toolchains the blueprints need, and which this machine has.

use super::{print, to_json};
use crate::blueprint::Catalogue;
use crate::cli::DoctorArgs;
use crate::error::{Error, Result};
use crate::toolchain::{Probe, ToolStatus};
use crate::ui::{Paint, Stream, paint};
use serde::Serialize;

#[derive(Serialize)]
struct Report {
    git: ToolStatus,
    blueprints: Vec<BlueprintReport>,
}

#[derive(Serialize)]
struct BlueprintReport {
    id: String,
    ready: bool,
    tools: Vec<ToolStatus>,
}

pub(crate) fn run(args: &DoctorArgs, catalogue: &Catalogue) -> Result<()> {
    let chosen = match &args.framework {
        Some(id) => vec![catalogue.find(id)?],
        None => catalogue.blueprints()?,
    };
    let git = crate::blueprint::Toolchain {
        command: "git".into(),
        version_args: vec!["--version".into()],
        min_version: None,
    };
    // Every tool's version command at once, side by side; the reports below read the results.
    let every_tool: Vec<_> = chosen
        .iter()
        .flat_map(|b| b.manifest.toolchains.iter().cloned())
        .chain([git.clone()])
        .collect();
    let mut probe = Probe::default();
    probe.check_all(&every_tool);
    let git = probe.check(&git);
    let blueprints: Vec<BlueprintReport> = chosen
        .iter()
        .map(|b| {
            let tools = probe.check_blueprint(b);
            BlueprintReport {
                id: b.id().to_string(),
                ready: tools.iter().all(|t| t.ok),
                tools,
            }
        })
        .collect();
    let report = Report { git, blueprints };
    let all_ready = report.blueprints.iter().all(|b| b.ready);
    if args.json {
        print(&to_json(&report))?;
    } else {
        print(&table(&report))?;
    }
    if all_ready {
        Ok(())
    } else {
        Err(Error::NotReady)
    }
}

fn table(report: &Report) -> String {
    // Blueprints from folders name the tools, so every cell is shown visible.
    let cells = |id: &str, t: &ToolStatus| -> [String; 5] {
        [
            id.to_string(),
            t.command.clone(),
            t.min_version.clone().unwrap_or_else(|| "any".into()),
            t.found.clone().unwrap_or_else(|| "-".into()),
            t.problem.clone().unwrap_or_else(|| "ok".into()),
        ]
        .map(|cell| crate::text::visible(&cell).into_owned())
    };
    let mut rows = vec![
        ["BLUEPRINT", "TOOL", "NEEDS", "FOUND", ""].map(String::from),
        cells("(optional)", &report.git),
    ];
    for b in &report.blueprints {
        if b.tools.is_empty() {
            rows.push([b.id.as_str(), "-", "-", "-", "ok (needs nothing)"].map(String::from));
        }
        rows.extend(b.tools.iter().map(|t| cells(&b.id, t)));
    }
    let widths: Vec<usize> = (0..4)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (i, r) in rows.iter().enumerate() {
        let status = if i == 0 {
            r[4].clone()
        } else if r[4].starts_with("ok") {
            paint(Stream::Stdout, Paint::Green, &r[4])
        } else {
            paint(Stream::Stdout, Paint::Red, &r[4])
        };
        let line = format!(
            "{:w0$}  {:w1$}  {:w2$}  {:w3$}  {status}",
            r[0],
            r[1],
            r[2],
            r[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3]
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

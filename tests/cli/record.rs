//! What a project keeps of the recommendation it was made through, the warnings `new` gives about
//! a blueprint's proof level and this machine's toolchain, and `list` within its terminal.

use crate::support::Test;

const PROOF_HEADING: &str = "ID           FRAMEWORK      LANGUAGE    PROOF        DESCRIPTION";

fn list_with_columns(columns: &str) -> String {
    let run = Test::new().args(["list"]).env("COLUMNS", columns).run();
    run.status(0);
    run.stdout.clone()
}

#[test]
fn list_uses_a_120_column_terminal_and_cuts_no_description() {
    let out = list_with_columns("120");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], PROOF_HEADING);
    for line in &lines {
        assert!(line.chars().count() <= 120, "{line:?}");
    }
    assert!(!out.contains('…'), "nothing is cut:\n{out}");
    assert_eq!(
        lines[1],
        "aspnet-core  ASP.NET Core   csharp      syntax only  ASP.NET Core 10 minimal API: health checks, problem-details errors,"
    );
    assert_eq!(
        lines[2],
        "                                                     xUnit with WebApplicationFactory"
    );
    assert!(
        out.contains("\nfastapi      FastAPI        python      end-to-end   Async Python API with pydantic models, uvicorn and pytest\n"),
        "{out}"
    );
}

#[test]
fn list_on_60_columns_puts_each_description_under_its_row() {
    let out = list_with_columns("60");
    for line in out.lines() {
        assert!(line.chars().count() <= 60, "{line:?}");
    }
    assert!(!out.contains('…'), "nothing is cut:\n{out}");
    assert!(
        out.starts_with(
            "ID           FRAMEWORK      LANGUAGE    PROOF\n\
             aspnet-core  ASP.NET Core   csharp      syntax only\n    \
             ASP.NET Core 10 minimal API: health checks,\n    \
             problem-details errors, xUnit with WebApplicationFactory\n"
        ),
        "{out}"
    );
    assert!(out.contains("\nrails        Ruby on Rails  ruby        syntax only\n"));
}

#[test]
fn list_into_a_pipe_gives_every_description_whole_on_its_line() {
    let run = Test::new().args(["list"]).run();
    run.status(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], PROOF_HEADING);
    assert_eq!(
        lines.len(),
        11,
        "a heading and ten blueprints:\n{}",
        run.stdout
    );
    assert_eq!(
        lines[10],
        "spring-boot  Spring Boot    java        end-to-end   Spring Boot 4 JSON API: Spring MVC, Spring Data JPA with Flyway (H2 or PostgreSQL), Bean Validation, Actuator health, JUnit and MockMvc, Maven wrapper"
    );
}

#[test]
fn a_columns_value_that_is_not_a_width_is_ignored() {
    let run = Test::new().args(["list"]).env("COLUMNS", "wide").run();
    run.status(0);
    assert_eq!(run.stdout.lines().count(), 11, "{}", run.stdout);
}

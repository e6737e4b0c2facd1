//! The last line of defence: a panic is a bug in groundwork, never the user's fault, so the user
//! gets one short message that says so and what to do, instead of Rust's default report. The
//! process still unwinds (a staging folder removes itself on the way) and exits with 101, Rust's
//! code for a panic, documented in docs/reference.md, "Exit codes".

use std::any::Any;
use std::backtrace::{Backtrace, BacktraceStatus};
use std::io::Write;

/// Installs the panic hook; call once, first thing in `main`.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        let mut text = message(&payload_text(info.payload()), location.as_deref());
        // RUST_BACKTRACE=1 still gives the details a maintainer wants.
        let backtrace = Backtrace::capture();
        if backtrace.status() == BacktraceStatus::Captured {
            text.push_str(&format!("{backtrace}\n"));
        }
        let _ = std::io::stderr().write_all(text.as_bytes());
    }));
}

/// What the user reads when groundwork panics.
pub(crate) fn message(payload: &str, location: Option<&str>) -> String {
    let at = location.map(|l| format!(" (at {l})")).unwrap_or_default();
    format!(
        "groundwork hit an internal error: {}{at}\nthis is a bug in groundwork, not in what you typed; please report it with the command you ran (RUST_BACKTRACE=1 adds details)\n",
        crate::text::visible(payload)
    )
}

/// A panic's message: `panic!("...")` gives a `&str` or a `String`; anything else has none.
pub(crate) fn payload_text(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "(no message)".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_says_it_is_a_bug_and_what_to_do() {
        assert_eq!(
            message("index out of bounds", Some("src/render.rs:10")),
            "groundwork hit an internal error: index out of bounds (at src/render.rs:10)\nthis is a bug in groundwork, not in what you typed; please report it with the command you ran (RUST_BACKTRACE=1 adds details)\n"
        );
        assert!(message("x", None).starts_with("groundwork hit an internal error: x\n"));
    }

    #[test]
    fn control_characters_in_a_panic_message_cannot_drive_the_terminal() {
        assert!(message("\u{1b}[2J", None).contains("\\u{1b}[2J"));
    }

    #[test]
    fn payloads_of_every_panic_kind_are_read() {
        let static_text: Box<dyn Any + Send> = Box::new("static");
        let owned: Box<dyn Any + Send> = Box::new(String::from("owned"));
        let other: Box<dyn Any + Send> = Box::new(42_u8);
        assert_eq!(payload_text(static_text.as_ref()), "static");
        assert_eq!(payload_text(owned.as_ref()), "owned");
        assert_eq!(payload_text(other.as_ref()), "(no message)");
        // The payload of a real panic, caught.
        let caught = std::panic::catch_unwind(|| {
            let v: Vec<u8> = Vec::new();
            v[usize::from(v.is_empty())]
        })
        .unwrap_err();
        assert!(payload_text(caught.as_ref()).contains("index out of bounds"));
    }
}

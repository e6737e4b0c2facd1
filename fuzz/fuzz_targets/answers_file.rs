//! Any bytes as an answers file: parsing, then checking the values against every embedded
//! blueprint, must return an error or answers, never panic.
#![no_main]

use groundwork::answers::{given_answers, parse_answers_text};
use groundwork::blueprint::Catalogue;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static CATALOGUE: LazyLock<Catalogue> =
    LazyLock::new(|| Catalogue::embedded().expect("the embedded blueprints load"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(file) = parse_answers_text(text) else {
        return;
    };
    for blueprint in CATALOGUE.blueprints().expect("the embedded blueprints parse") {
        let _ = given_answers(blueprint, Some(&file), &[]);
    }
});

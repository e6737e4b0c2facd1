//! `groundwork config` and the defaults file it points to: where it lives, how its values rank
//! against blueprint defaults and flags, its languages steering `recommend`, and its errors.

use crate::support::{Test, json};
use std::fs;

#[test]
fn config_path_follows_xdg() {
    let t = Test::new().args(["config", "path"]);
    let run = t.run();
    run.status(0);
    assert_eq!(
        run.stdout.trim(),
        t.home()
            .join(".config/groundwork/config.toml")
            .display()
            .to_string()
    );
}

#[test]
fn the_defaults_file_beats_blueprint_defaults_and_flags_beat_it() {
    let t = Test::new().args([
        "new", "svc", "-f", "node", "-y", "--no-git", "--set", "ci=true",
    ]);
    let folder = t.home().join(".config/groundwork");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("config.toml"),
        "[author]\nname = \"Config Author\"\n[defaults]\ndocker = false\nci = false\n",
    )
    .unwrap();
    t.run().status(0);
    let record = fs::read_to_string(t.path("svc/.groundwork.toml")).unwrap();
    assert!(record.contains("docker = false"), "{record}");
    assert!(record.contains("ci = true"), "{record}");
    assert!(
        record.contains("author_name = \"Config Author\""),
        "{record}"
    );
    assert!(!t.path("svc/Dockerfile").exists());
}

#[test]
fn a_bad_defaults_file_is_named() {
    let t = Test::new().args(["new", "svc", "-f", "node", "-y"]);
    let folder = t.home().join(".config/groundwork");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("config.toml"), "[defaults]\nport = 0\n").unwrap();
    t.run().status(2).stderr_has(&format!(
        "error: cannot use the defaults file {}: [defaults] port = 0: expected a whole number from 1 to 65535",
        folder.join("config.toml").display()
    ));
    assert!(!t.path("svc").exists());
}

#[test]
fn config_languages_steer_the_recommendation() {
    let t = Test::new().args(["recommend", "--json", "--use-case", "api"]);
    let folder = t.home().join(".config/groundwork");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("config.toml"),
        "[goals]\nlanguages = [\"java\"]\n",
    )
    .unwrap();
    let run = t.run();
    run.status(0);
    assert_eq!(json(&run.stdout)[0]["language"], "java");
}

#[test]
fn an_unknown_language_in_the_defaults_file_names_the_file() {
    let t = Test::new().args(["recommend"]);
    let folder = t.home().join(".config/groundwork");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("config.toml"),
        "[goals]\nlanguages = [\"cobol\"]\n",
    )
    .unwrap();
    t.run().status(2).stderr_has(&format!(
        "error: cannot use the defaults file {}: [goals] languages: unknown language `cobol`",
        folder.join("config.toml").display()
    ));
}

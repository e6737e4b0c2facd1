//! What the chroot tier adds to its copy of a project so that it runs on Debian's packages
//! instead of a registry's install, and how it changes the project's commands to match. Each
//! shim is said in the log; none is written into the generated project itself.
//!
//! Laravel (no Composer, no Packagist):
//! - `vendor/autoload.php` loads Debian's Illuminate autoloader (which pulls in Symfony, Carbon
//!   and the rest), Mockery's (Laravel's console test helpers use it), and `App\` and `Tests\`
//!   from the project, as the PSR-4 map in `composer.json` says;
//! - `APP_BASE_PATH` is set, as Laravel otherwise finds the project from Composer's class loader;
//! - `<chroot>/usr/share/config` links to `php/Illuminate/config`: Debian moved the framework's
//!   default configuration to `/usr/share/php/Illuminate/config`, but `LoadConfiguration` still
//!   looks for it four folders above its own file, as in Composer's layout;
//! - `install` is the project's own without `composer install &&`; `test` is Debian's `phpunit`,
//!   as `php artisan test` comes from `nunomaduro/collision`, which Debian does not package.
//!   No lint: Debian forky packages neither Pint nor `PHP_CodeSniffer`.
//!
//! Rails (no RubyGems):
//! - the Gemfile's `rails` line asks for Debian's Rails 7.2 instead of 8.1,
//!   `config/application.rb` loads the 7.2 defaults, and the migrations and `db/schema.rb` say
//!   `Migration[7.2]` and `Schema[7.2]` (Rails 7.2 refuses a version it does not know);
//! - `bundle install` becomes `bundle install --local`: Bundler resolves against the gems Debian
//!   installed, and never asks the registry;
//! - `rubocop-rails-omakase`, which Debian does not package, leaves the Gemfile, and with it the
//!   lint step (its `.rubocop.yml` inherits that gem's rules).

use crate::Commands;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

/// Debian's Rails, which the Gemfile is pinned to.
const DEBIAN_RAILS: &str = "7.2";

/// The commands to run in the chroot, the variables they need, and what was changed.
pub(super) struct Shimmed {
    pub commands: Commands,
    pub env: Vec<(&'static str, String)>,
    pub notes: Vec<String>,
}

/// Applies the blueprint's shims to `copy` (the project's copy, seen as `inside` from within the
/// chroot at `root`).
pub(super) fn apply(
    id: &str,
    root: &Path,
    copy: &Path,
    inside: &Path,
    commands: &Commands,
) -> Result<Shimmed, String> {
    match id {
        "laravel" => laravel(root, copy, inside, commands),
        "rails" => rails(copy, commands),
        other => Err(format!("the chroot tier has no shims for `{other}`")),
    }
}

const LARAVEL_AUTOLOAD: &str = r"<?php

// Written by groundwork's end-to-end harness in place of Composer's autoloader: Debian's
// packages, then the project's own classes (composer.json's PSR-4 map).
require_once '/usr/share/php/Illuminate/autoload.php';
require_once '/usr/share/php/Mockery/autoload.php';

spl_autoload_register(function (string $class): void {
    foreach (['App\\' => 'app/', 'Tests\\' => 'tests/'] as $prefix => $folder) {
        if (str_starts_with($class, $prefix)) {
            $file = dirname(__DIR__).'/'.$folder.str_replace('\\', '/', substr($class, strlen($prefix))).'.php';
            if (is_file($file)) {
                require $file;
            }

            return;
        }
    }
});
";

fn laravel(
    root: &Path,
    copy: &Path,
    inside: &Path,
    commands: &Commands,
) -> Result<Shimmed, String> {
    let vendor = copy.join("vendor");
    fs::create_dir_all(&vendor).map_err(|e| format!("create {}: {e}", vendor.display()))?;
    let autoload = vendor.join("autoload.php");
    fs::write(&autoload, LARAVEL_AUTOLOAD)
        .map_err(|e| format!("write {}: {e}", autoload.display()))?;

    let config = root.join("usr/share/config");
    if fs::symlink_metadata(&config).is_err() {
        symlink("php/Illuminate/config", &config)
            .map_err(|e| format!("link {}: {e}", config.display()))?;
    }

    let install = commands
        .install
        .strip_prefix("composer install && ")
        .ok_or_else(|| {
            format!(
                "the install command `{}` does not start with `composer install && `, \
                 the part the chroot replaces",
                commands.install
            )
        })?
        .to_string();
    if commands.test != "php artisan test" {
        return Err(format!(
            "the test command is `{}`, not `php artisan test`, which the chroot runs as `phpunit`",
            commands.test
        ));
    }
    Ok(Shimmed {
        commands: Commands {
            install,
            test: "phpunit".into(),
            run: commands.run.clone(),
            migrate: commands.migrate.clone(),
            lint: commands.lint.clone(),
        },
        env: vec![("APP_BASE_PATH", inside.to_string_lossy().into_owned())],
        notes: vec![
            "vendor/autoload.php loads Debian's Illuminate and Mockery, and App\\ and Tests\\"
                .into(),
            "/usr/share/config -> php/Illuminate/config (Debian's framework config path)".into(),
            "install without `composer install`; test with Debian's phpunit".into(),
        ],
    })
}

fn rails(copy: &Path, commands: &Commands) -> Result<Shimmed, String> {
    let pinned = format!("gem \"rails\", \"~> {DEBIAN_RAILS}.0\"");
    replace_line(&copy.join("Gemfile"), "gem \"rails\"", &pinned)?;
    replace_line(
        &copy.join("config/application.rb"),
        "config.load_defaults ",
        &format!("config.load_defaults {DEBIAN_RAILS}"),
    )?;
    let versioned = pin_migration_versions(&copy.join("db"))?;
    let omakase = remove_line(&copy.join("Gemfile"), "gem \"rubocop-rails-omakase\"")?;
    if !commands.install.contains("bundle install") {
        return Err(format!(
            "the install command `{}` has no `bundle install` for the chroot to make local",
            commands.install
        ));
    }
    Ok(Shimmed {
        commands: Commands {
            install: commands
                .install
                .replace("bundle install", "bundle install --local"),
            test: commands.test.clone(),
            run: commands.run.clone(),
            migrate: commands.migrate.clone(),
            lint: if omakase { None } else { commands.lint.clone() },
        },
        env: Vec::new(),
        notes: [
            format!("Gemfile: {pinned}; config/application.rb: load_defaults {DEBIAN_RAILS}"),
            format!(
                "Migration[{DEBIAN_RAILS}] and Schema[{DEBIAN_RAILS}] in {versioned} file(s) of db/"
            ),
            "bundle install --local (Debian's gems)".into(),
        ]
        .into_iter()
        .chain(omakase.then(|| {
            "no rubocop-rails-omakase in Debian: Gemfile without it, no lint step".to_string()
        }))
        .collect(),
    })
}

/// `ActiveRecord::Migration[X.Y]` and `ActiveRecord::Schema[X.Y]` made `[7.2]` in every `.rb`
/// file under `db` (when there is one); how many files changed.
fn pin_migration_versions(db: &Path) -> Result<usize, String> {
    let mut changed = 0;
    let mut folders = vec![db.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rb") {
                continue;
            }
            let text =
                fs::read_to_string(&path).map_err(|e| format!("read {}: {e}", path.display()))?;
            let pinned = ["ActiveRecord::Migration[", "ActiveRecord::Schema["]
                .iter()
                .fold(text.clone(), |text, prefix| pin_version(&text, prefix));
            if pinned != text {
                fs::write(&path, pinned).map_err(|e| format!("write {}: {e}", path.display()))?;
                changed += 1;
            }
        }
    }
    Ok(changed)
}

/// Every `PREFIX<version>]` in `text` with Debian's Rails version.
fn pin_version(text: &str, prefix: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(prefix) {
        let after = &rest[at + prefix.len()..];
        let Some(end) = after.find(']') else {
            break;
        };
        out.push_str(&rest[..at + prefix.len()]);
        out.push_str(DEBIAN_RAILS);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Removes the lines of `path` that start (after their indentation) with `start`; whether
/// there was one.
fn remove_line(path: &Path, start: &str) -> Result<bool, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("read {}: {e}", path.display()))?;
    let kept: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim_start().starts_with(start))
        .collect();
    if kept.len() == text.lines().count() {
        return Ok(false);
    }
    fs::write(path, kept.join("\n") + "\n")
        .map_err(|e| format!("write {}: {e}", path.display()))?;
    Ok(true)
}

/// Replaces the one line of `path` that starts (after its indentation) with `start` by
/// `replacement`, keeping the indentation.
fn replace_line(path: &Path, start: &str, replacement: &str) -> Result<(), String> {
    let text = fs::read_to_string(path).map_err(|e| format!("read {}: {e}", path.display()))?;
    let mut found = 0;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with(start) {
                found += 1;
                let indent = &line[..line.len() - trimmed.len()];
                format!("{indent}{replacement}")
            } else {
                line.to_string()
            }
        })
        .collect();
    if found != 1 {
        return Err(format!(
            "{} has {found} lines starting with `{start}`, not one",
            path.display()
        ));
    }
    fs::write(path, lines.join("\n") + "\n").map_err(|e| format!("write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("shims")
            .join(name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create the scratch folder");
        dir
    }

    fn commands(install: &str, test: &str) -> Commands {
        Commands::for_tests(install, test, "run")
    }

    #[test]
    fn migration_and_schema_versions_become_debians() {
        let text = "class CreateItems < ActiveRecord::Migration[8.1]\n\
                    ActiveRecord::Schema[8.1].define(version: 1) do\nx = [8.1]\n";
        let pinned = ["ActiveRecord::Migration[", "ActiveRecord::Schema["]
            .iter()
            .fold(text.to_string(), |t, p| pin_version(&t, p));
        assert_eq!(
            pinned,
            "class CreateItems < ActiveRecord::Migration[7.2]\n\
             ActiveRecord::Schema[7.2].define(version: 1) do\nx = [8.1]\n"
        );
    }

    #[test]
    fn rails_copy_is_pinned_and_loses_omakase_and_its_lint() {
        let copy = scratch("rails");
        fs::create_dir_all(copy.join("config")).unwrap();
        fs::create_dir_all(copy.join("db/migrate")).unwrap();
        fs::write(
            copy.join("Gemfile"),
            "gem \"rails\", \"~> 8.1.0\"\ngroup :test do\n  gem \"rubocop-rails-omakase\", require: false\nend\n",
        )
        .unwrap();
        fs::write(
            copy.join("config/application.rb"),
            "module A\n  class Application\n    config.load_defaults 8.1\n  end\nend\n",
        )
        .unwrap();
        fs::write(
            copy.join("db/migrate/1_create_items.rb"),
            "class CreateItems < ActiveRecord::Migration[8.1]\nend\n",
        )
        .unwrap();
        let mut given = commands("bundle install", "bin/rails test");
        given.lint = Some("bin/rubocop".into());
        let shimmed = rails(&copy, &given).expect("the shims apply");
        assert_eq!(shimmed.commands.install, "bundle install --local");
        assert_eq!(shimmed.commands.lint, None);
        assert_eq!(
            fs::read_to_string(copy.join("Gemfile")).unwrap(),
            "gem \"rails\", \"~> 7.2.0\"\ngroup :test do\nend\n"
        );
        assert!(
            fs::read_to_string(copy.join("config/application.rb"))
                .unwrap()
                .contains("    config.load_defaults 7.2\n")
        );
        assert!(
            fs::read_to_string(copy.join("db/migrate/1_create_items.rb"))
                .unwrap()
                .contains("Migration[7.2]")
        );
    }

    #[test]
    fn laravel_refuses_an_install_it_does_not_know_how_to_replace() {
        let root = scratch("laravel-root");
        fs::create_dir_all(root.join("usr/share")).unwrap();
        let copy = scratch("laravel-copy");
        let given = commands("make install", "php artisan test");
        let error = laravel(&root, &copy, Path::new("/work/x"), &given)
            .err()
            .expect("refused");
        assert!(
            error.contains("does not start with `composer install && `"),
            "{error}"
        );

        let given = commands(
            "composer install && php artisan key:generate",
            "php artisan test",
        );
        let shimmed = laravel(&root, &copy, Path::new("/work/x"), &given).expect("applies");
        assert_eq!(shimmed.commands.install, "php artisan key:generate");
        assert_eq!(shimmed.commands.test, "phpunit");
        assert!(copy.join("vendor/autoload.php").is_file());
        assert_eq!(
            fs::read_link(root.join("usr/share/config")).unwrap(),
            Path::new("php/Illuminate/config")
        );
    }
}

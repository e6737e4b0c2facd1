//! groundwork's integration tests: the real binary, run in temporary folders with a private HOME and
//! a fixed git identity. One test binary, one module per area.

mod skip;
mod support;

mod blueprints;
mod boundaries;
mod completions;
mod config;
mod doctor;
mod errors;
mod faults;
mod git_objects;
mod git_plan;
mod hostile;
mod install;
mod list_show;
mod loading;
mod names;
mod new;
mod oracles;
mod output;
mod own_blueprints;
mod paths;
mod properties;
mod record;
mod reproducible;
mod security;
mod syntax;
mod terminal;
mod update;
mod values;

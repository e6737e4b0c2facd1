//! groundwork's integration tests: the real binary, run in temporary folders with a private HOME and
//! a fixed git identity. One test binary, one module per area.

mod skip;
mod support;

mod blueprints;
mod boundaries;
mod errors;
mod fits_in;
mod git_objects;
mod git_plan;
mod hardening;
mod hostile;
mod list_show;
mod loading;
mod new;
mod own_blueprints;
mod record;
mod reproducible;
mod syntax;
mod terminal;
mod update;
mod values;

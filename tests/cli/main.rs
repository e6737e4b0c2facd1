//! groundwork's integration tests: the real binary, run in temporary folders with a private HOME and
//! a fixed git identity. One test binary, one module per area.

mod support;

mod blueprints;
mod errors;
mod fits_in;
mod git_plan;
mod hardening;
mod list_show;
mod new;
mod own_blueprints;
mod syntax;
mod terminal;

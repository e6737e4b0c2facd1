//! One module per subcommand: each turns its parsed arguments into work for the library and the
//! result into text or JSON, through [`crate::ui`].

pub mod blueprint;
pub mod doctor;
pub mod list;
pub mod new;
pub mod recommend;
pub mod show;
pub mod update;

pub use crate::ui::{print, say, shell_quote, to_json, visible};

//! One module per subcommand: each turns its parsed arguments into work for the library and the
//! result into text or JSON, through [`crate::ui`].

pub(crate) mod blueprint;
pub(crate) mod doctor;
pub(crate) mod list;
pub(crate) mod new;
pub(crate) mod recommend;
pub(crate) mod show;
pub(crate) mod update;

pub(crate) use crate::text::visible;
pub(crate) use crate::ui::{print, say, shell_quote, to_json};

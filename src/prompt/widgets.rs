//! The terminal prompts, drawn with dialoguer's theme: a select, a yes/no question that waits for
//! Enter, a line of text, and a multi-select that keeps the order in which items were picked.
//! Each returns `None` when Esc asks to go back. Keys are read raw, so Ctrl-C arrives here as a
//! key (an `Interrupted` error) rather than as a signal that ends the process: the flow can then
//! offer to save the answers so far.

use dialoguer::console::{Key, Term, measure_text_width};
use dialoguer::theme::Theme;
use std::io;

/// The next key; Ctrl-C is an `Interrupted` error.
fn read_key(term: &Term) -> io::Result<Key> {
    match term.read_key_raw()? {
        Key::CtrlC => Err(io::Error::new(io::ErrorKind::Interrupted, "Ctrl-C")),
        key => Ok(key),
    }
}

/// The rows `lines` take on the terminal, a long line wrapping onto more than one.
fn rows(term: &Term, lines: &[String]) -> usize {
    let width = usize::from(term.size().1).max(1);
    lines
        .iter()
        .map(|line| measure_text_width(line).div_ceil(width).max(1))
        .sum()
}

/// Writes `lines`, returning the rows they took.
fn write_lines(term: &Term, lines: &[String]) -> io::Result<usize> {
    for line in lines {
        term.write_line(line)?;
    }
    term.flush()?;
    Ok(rows(term, lines))
}

/// Formats with the theme into a string (a theme writes to any `fmt::Write`).
fn styled(format: impl FnOnce(&mut String) -> std::fmt::Result) -> String {
    let mut out = String::new();
    let _ = format(&mut out);
    out
}

/// A yes/no question: `y` and `n` change the answer shown, Enter takes it, Esc goes back. A
/// single key never answers, so a `y` typed ahead cannot answer two questions.
pub(super) fn confirm(
    term: &Term,
    theme: &dyn Theme,
    prompt: &str,
    default: bool,
) -> io::Result<Option<bool>> {
    let mut value = default;
    let draw = |value: bool| -> io::Result<usize> {
        let line = styled(|f| theme.format_confirm_prompt(f, prompt, Some(value)));
        term.write_str(&line)?;
        term.flush()?;
        Ok(rows(term, &[line]))
    };
    let mut drawn = draw(value)?;
    let answer = loop {
        match read_key(term)? {
            Key::Char('y' | 'Y') => value = true,
            Key::Char('n' | 'N') => value = false,
            Key::Enter => break Some(value),
            Key::Escape => break None,
            _ => continue,
        }
        erase_rows(term, drawn)?;
        drawn = draw(value)?;
    };
    erase_rows(term, drawn)?;
    if let Some(value) = answer {
        let shown = styled(|f| theme.format_confirm_prompt_selection(f, prompt, Some(value)));
        term.write_line(&shown)?;
    }
    Ok(answer)
}

/// From the end of a line that took `drawn` rows back to its start, clearing them.
fn erase_rows(term: &Term, drawn: usize) -> io::Result<()> {
    term.clear_line()?;
    term.clear_last_lines(drawn.saturating_sub(1))
}

/// One line of text, `default` taken by Enter on an empty line; typing goes at the end, Backspace
/// takes back. `validate` is asked on Enter; its reason is shown above the line, kept for
/// correcting. Esc goes back. Redraws count the rows a long prompt wraps onto.
pub(super) fn input(
    term: &Term,
    theme: &dyn Theme,
    prompt: &str,
    default: &str,
    validate: &dyn Fn(&str) -> Result<(), String>,
) -> io::Result<Option<String>> {
    let header = styled(|f| theme.format_input_prompt(f, prompt, Some(default)));
    let mut text = String::new();
    // Rows above the line taken by the last reason shown.
    let mut reason_rows = 0;
    // Back to the start of the prompt (and of the reason above it, with `reason_rows`).
    let erase = |drawn: usize, above: usize| erase_rows(term, drawn + above);
    let draw = |text: &str| -> io::Result<usize> {
        let line = format!("{header}{text}");
        term.write_str(&line)?;
        term.flush()?;
        Ok(rows(term, &[line]))
    };
    let mut drawn = draw(&text)?;
    loop {
        match read_key(term)? {
            Key::Char(c) if !c.is_control() => text.push(c),
            Key::Backspace => {
                text.pop();
            }
            Key::Escape => {
                erase(drawn, reason_rows)?;
                return Ok(None);
            }
            Key::Enter => {
                let answer = if text.is_empty() {
                    default.to_string()
                } else {
                    text.clone()
                };
                erase(drawn, reason_rows)?;
                match validate(&answer) {
                    Ok(()) => {
                        let shown =
                            styled(|f| theme.format_input_prompt_selection(f, prompt, &answer));
                        term.write_line(&shown)?;
                        return Ok(Some(answer));
                    }
                    Err(reason) => {
                        reason_rows =
                            write_lines(term, &[styled(|f| theme.format_error(f, &reason))])?;
                        drawn = draw(&text)?;
                        continue;
                    }
                }
            }
            _ => continue,
        }
        erase(drawn, 0)?;
        drawn = draw(&text)?;
    }
}

/// Items picked with Space in the order they matter, each shown with its place ("1.", "2.");
/// Enter takes them in that order, Esc goes back. `picked` is the order offered.
pub(super) fn ordered_multi_select(
    term: &Term,
    theme: &dyn Theme,
    prompt: &str,
    items: &[String],
    picked: &[usize],
) -> io::Result<Option<Vec<usize>>> {
    let mut order: Vec<usize> = picked.to_vec();
    let mut active = 0;
    let line = |i: usize, order: &[usize], active: usize| {
        let text = match order.iter().position(|&p| p == i) {
            Some(place) => format!("{} ({})", items[i], place + 1),
            None => items[i].clone(),
        };
        styled(|f| theme.format_multi_select_prompt_item(f, &text, order.contains(&i), i == active))
    };
    let draw = |order: &[usize], active: usize| -> io::Result<usize> {
        let mut lines = vec![styled(|f| theme.format_multi_select_prompt(f, prompt))];
        lines.extend((0..items.len()).map(|i| line(i, order, active)));
        write_lines(term, &lines)
    };
    term.hide_cursor()?;
    let mut drawn = draw(&order, active)?;
    let outcome = loop {
        match read_key(term)? {
            Key::ArrowDown | Key::Tab | Key::Char('j') => active = (active + 1) % items.len(),
            Key::ArrowUp | Key::BackTab | Key::Char('k') => {
                active = (active + items.len() - 1) % items.len();
            }
            Key::Char(' ') => match order.iter().position(|&p| p == active) {
                Some(place) => {
                    order.remove(place);
                }
                None => order.push(active),
            },
            Key::Enter => break Some(order.clone()),
            Key::Escape => break None,
            _ => continue,
        }
        term.clear_last_lines(drawn)?;
        drawn = draw(&order, active)?;
    };
    term.clear_last_lines(drawn)?;
    if let Some(order) = &outcome {
        let chosen: Vec<&str> = order.iter().map(|&i| items[i].as_str()).collect();
        let shown = styled(|f| theme.format_multi_select_prompt_selection(f, prompt, &chosen));
        term.write_line(&shown)?;
    }
    term.show_cursor()?;
    Ok(outcome)
}

/// One item of `items`, `default` highlighted first; arrows move, Enter picks, Esc goes back.
pub(super) fn select(
    term: &Term,
    theme: &dyn Theme,
    prompt: &str,
    items: &[String],
    default: usize,
) -> io::Result<Option<usize>> {
    let mut active = default.min(items.len().saturating_sub(1));
    let draw =
        |active: usize| -> io::Result<usize> {
            let mut lines = vec![styled(|f| theme.format_select_prompt(f, prompt))];
            lines.extend(items.iter().enumerate().map(|(i, item)| {
                styled(|f| theme.format_select_prompt_item(f, item, i == active))
            }));
            write_lines(term, &lines)
        };
    term.hide_cursor()?;
    let mut drawn = draw(active)?;
    let outcome = loop {
        match read_key(term)? {
            Key::ArrowDown | Key::Tab | Key::Char('j') => active = (active + 1) % items.len(),
            Key::ArrowUp | Key::BackTab | Key::Char('k') => {
                active = (active + items.len() - 1) % items.len();
            }
            Key::Home => active = 0,
            Key::End => active = items.len() - 1,
            Key::Enter => break Some(active),
            Key::Escape => break None,
            _ => continue,
        }
        term.clear_last_lines(drawn)?;
        drawn = draw(active)?;
    };
    term.clear_last_lines(drawn)?;
    if let Some(picked) = outcome {
        let shown = styled(|f| theme.format_select_prompt_selection(f, prompt, &items[picked]));
        term.write_line(&shown)?;
    }
    term.show_cursor()?;
    Ok(outcome)
}

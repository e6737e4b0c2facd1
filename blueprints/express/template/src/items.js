// The rules for the example resource: what makes a valid new item, and what a valid id looks like.

export const MAX_NAME_LENGTH = 100;

// Ids are positive 32-bit integers, as the database assigns them.
const MAX_ID = 2 ** 31 - 1;

// Control characters (NUL included) are refused: they are invisible, and NUL ends a string in
// many tools downstream.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/; // eslint-disable-line no-control-regex

// Checks a request body for a new item.
// Returns { item } with the cleaned-up fields, or { error } with a message for the client.
export function parseNewItem(body) {
  const name = body !== null && typeof body === 'object' ? body.name : undefined;
  if (typeof name !== 'string' || name.trim() === '') {
    return { error: '"name" is required and must be a non-empty string' };
  }
  const trimmed = name.trim();
  if (trimmed.length > MAX_NAME_LENGTH) {
    return { error: `"name" must be at most ${MAX_NAME_LENGTH} characters` };
  }
  // A lone surrogate (from a JSON escape such as "\ud800") is not a character and cannot be
  // stored as UTF-8.
  if (!trimmed.isWellFormed()) {
    return { error: '"name" must not contain unpaired surrogates' };
  }
  if (CONTROL_CHARACTERS.test(trimmed)) {
    return { error: '"name" must not contain control characters' };
  }
  return { item: { name: trimmed } };
}

// Reads an item id from a path segment; null when it cannot be the id of any item.
export function parseItemId(text) {
  if (!/^[1-9][0-9]{0,9}$/.test(text)) return null;
  const id = Number(text);
  return id <= MAX_ID ? id : null;
}

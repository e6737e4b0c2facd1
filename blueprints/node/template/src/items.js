// The example resource: an in-memory item store and the rule for a valid new item.
// Data lives as long as the process does; replace the store with a database when you need one.

export const MAX_NAME_LENGTH = 100;

export function createItemStore() {
  const items = new Map();
  let nextId = 1;

  return {
    list() {
      return [...items.values()];
    },
    get(id) {
      return items.get(id);
    },
    create({ name }) {
      const item = { id: nextId++, name };
      items.set(item.id, item);
      return item;
    },
  };
}

// Checks a request body for a new item.
// Returns { item } with the cleaned-up fields, or { error } with a message for the client.
export function parseNewItem(body) {
  const name = body !== null && typeof body === 'object' ? body.name : undefined;
  if (typeof name !== 'string' || name.trim() === '') {
    return { error: '"name" is required and must be a non-empty string' };
  }
  if (name.trim().length > MAX_NAME_LENGTH) {
    return { error: `"name" must be at most ${MAX_NAME_LENGTH} characters` };
  }
  return { item: { name: name.trim() } };
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createApp, BODY_LIMIT } from '../src/app.js';

// Starts a fresh app (with an empty store) on a free port; stopped when the test ends.
async function start(t, options) {
  const server = createServer(createApp(options));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  return (path, init) => fetch(base + path, init);
}

function postJson(body) {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

async function assertJsonError(res, status) {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const body = await res.json();
  assert.equal(typeof body.error, 'string');
  return body;
}

test('GET /health answers ok', async (t) => {
  const request = await start(t);
  const res = await request('/health');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  assert.deepEqual(await res.json(), { status: 'ok' });
});

test('GET /api/items answers a JSON array', async (t) => {
  const request = await start(t);
  const res = await request('/api/items');
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), []);
});

test('POST /api/items stores an item and answers 201', async (t) => {
  const request = await start(t);
  const res = await request('/api/items', postJson({ name: '  first  ' }));
  assert.equal(res.status, 201);
  const item = await res.json();
  assert.deepEqual(item, { id: item.id, name: 'first' });
  assert.equal(res.headers.get('location'), `/api/items/${item.id}`);

  const list = await request('/api/items');
  assert.deepEqual(await list.json(), [item]);

  const one = await request(`/api/items/${item.id}`);
  assert.equal(one.status, 200);
  assert.deepEqual(await one.json(), item);
});

test('POST /api/items without a usable name answers 400', async (t) => {
  const request = await start(t);
  for (const body of [{}, { name: '' }, { name: '   ' }, { name: 42 }, { name: null }, [], 'null']) {
    const res = await request('/api/items', postJson(body));
    await assertJsonError(res, 400);
  }
  const tooLong = await request('/api/items', postJson({ name: 'x'.repeat(101) }));
  await assertJsonError(tooLong, 400);

  const list = await request('/api/items');
  assert.deepEqual(await list.json(), []);
});

test('POST /api/items with malformed JSON answers 400', async (t) => {
  const request = await start(t);
  const res = await request('/api/items', postJson('{"name": '));
  await assertJsonError(res, 400);
});

test('POST /api/items with a body over the limit answers 413', async (t) => {
  const request = await start(t);
  const res = await request('/api/items', postJson({ name: 'x'.repeat(BODY_LIMIT) }));
  await assertJsonError(res, 413);
});

test('GET /api/items/:id of an unknown item answers 404', async (t) => {
  const request = await start(t);
  await assertJsonError(await request('/api/items/999'), 404);
  await assertJsonError(await request('/api/items/abc'), 404);
});

test('unknown routes answer a JSON 404', async (t) => {
  const request = await start(t);
  await assertJsonError(await request('/no/such/route'), 404);
});

test('a known route with another method answers 405 with Allow', async (t) => {
  const request = await start(t);
  const res = await request('/health', { method: 'DELETE' });
  await assertJsonError(res, 405);
  assert.deepEqual(res.headers.get('allow').split(/,\s*/).sort(), ['GET', 'HEAD']);
});

test('an unexpected error answers 500 without details and is logged', async (t) => {
  const logged = t.mock.method(console, 'error', () => {});
  const store = {
    list() {
      throw new Error('database is down');
    },
  };
  const request = await start(t, { store });
  const res = await request('/api/items');
  const body = await assertJsonError(res, 500);
  assert.equal(body.error, 'Internal Server Error');
  assert.equal(logged.mock.callCount(), 1);
});

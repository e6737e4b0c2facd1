import { test } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp, BODY_LIMIT } from '../src/app.js';

// Each test gets a fresh app with an empty store; supertest starts it on a free port.

function assertJsonError(res, status) {
  assert.equal(res.status, status);
  assert.match(res.headers['content-type'], /^application\/json/);
  assert.equal(typeof res.body.error, 'string');
}

test('GET /health answers ok', async () => {
  const res = await request(createApp()).get('/health');
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /^application\/json/);
  assert.deepEqual(res.body, { status: 'ok' });
});

test('GET /api/items answers a JSON array', async () => {
  const res = await request(createApp()).get('/api/items');
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, []);
});

test('POST /api/items stores an item and answers 201', async () => {
  const app = createApp();
  const res = await request(app).post('/api/items').send({ name: '  first  ' });
  assert.equal(res.status, 201);
  const item = res.body;
  assert.deepEqual(item, { id: item.id, name: 'first' });
  assert.equal(res.headers.location, `/api/items/${item.id}`);

  const list = await request(app).get('/api/items');
  assert.deepEqual(list.body, [item]);

  const one = await request(app).get(`/api/items/${item.id}`);
  assert.equal(one.status, 200);
  assert.deepEqual(one.body, item);
});

test('POST /api/items without a usable name answers 400', async () => {
  const app = createApp();
  for (const body of [{}, { name: '' }, { name: '   ' }, { name: 42 }, { name: null }, []]) {
    assertJsonError(await request(app).post('/api/items').send(body), 400);
  }
  const tooLong = await request(app).post('/api/items').send({ name: 'x'.repeat(101) });
  assertJsonError(tooLong, 400);
  const notJson = await request(app).post('/api/items').type('form').send('name=x');
  assertJsonError(notJson, 400);

  const list = await request(app).get('/api/items');
  assert.deepEqual(list.body, []);
});

test('POST /api/items with malformed JSON answers 400', async () => {
  const res = await request(createApp())
    .post('/api/items')
    .set('content-type', 'application/json')
    .send('{"name": ');
  assertJsonError(res, 400);
});

test('POST /api/items with a body over the limit answers 413', async () => {
  const res = await request(createApp())
    .post('/api/items')
    .send({ name: 'x'.repeat(BODY_LIMIT) });
  assertJsonError(res, 413);
});

test('GET /api/items/:id of an unknown item answers 404', async () => {
  const app = createApp();
  assertJsonError(await request(app).get('/api/items/999'), 404);
  assertJsonError(await request(app).get('/api/items/abc'), 404);
});

test('unknown routes answer a JSON 404', async () => {
  assertJsonError(await request(createApp()).get('/no/such/route'), 404);
});

test('a known route with another method answers 405 with Allow', async () => {
  const res = await request(createApp()).delete('/health');
  assertJsonError(res, 405);
  assert.deepEqual(res.headers.allow.split(/,\s*/).sort(), ['GET', 'HEAD']);
});

test('the X-Powered-By header is off', async () => {
  const res = await request(createApp()).get('/health');
  assert.equal(res.headers['x-powered-by'], undefined);
});

test('an unexpected error answers 500 without details and is logged', async (t) => {
  const logged = t.mock.method(console, 'error', () => {});
  const store = {
    list() {
      throw new Error('database is down');
    },
  };
  const res = await request(createApp({ store })).get('/api/items');
  assertJsonError(res, 500);
  assert.equal(res.body.error, 'Internal Server Error');
  assert.equal(logged.mock.callCount(), 1);
});

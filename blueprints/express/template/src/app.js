// The Express application. createApp() builds it without listening: src/server.js listens,
// and the tests hand it to supertest.

import { STATUS_CODES } from 'node:http';
import express from 'express';
import { parseItemId, parseNewItem } from './items.js';

// Largest JSON request body accepted, in bytes (1 MiB).
export const BODY_LIMIT = 1024 * 1024;

const JSON_TYPES = ['application/json', 'application/*+json'];

// Answers 405 for a method the route does not handle (any method: TRACE, PROPFIND, ...),
// naming the ones it does.
function methodNotAllowed(...allowed) {
  return (req, res) => {
    res.set('Allow', allowed.join(', ')).status(405).json({ error: 'Method Not Allowed' });
  };
}

// A JSON body in a charset other than UTF-8 is refused rather than decoded: the body parser
// would accept UTF-16 and UTF-32 too.
function requireUtf8(req, res, next) {
  const charset = req.is(JSON_TYPES) ? /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.get('content-type'))?.[1] : undefined;
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    res.status(415).json({ error: 'JSON request bodies must be UTF-8' });
    return;
  }
  next();
}

// Refuses bytes that are not UTF-8 with a 400, instead of storing them as U+FFFD.
function verifyUtf8(req, res, buffer) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw Object.assign(new Error('Request body is not valid UTF-8'), { status: 400, type: 'encoding.invalid' });
  }
}

// Parses a JSON body (application/json and the application/*+json types) into req.body; other
// content types leave it undefined. Only the routes that take a body use it, so that any other
// request is judged by its path and method alone.
const jsonBody = [requireUtf8, express.json({ limit: BODY_LIMIT, type: JSON_TYPES, verify: verifyUtf8 })];

function itemsRouter(store) {
  const router = express.Router();

  router
    .route('/')
    .get(async (req, res) => {
      res.json(await store.list());
    })
    .post(jsonBody, async (req, res) => {
      const { item, error } = parseNewItem(req.body);
      if (error) {
        res.status(400).json({ error });
        return;
      }
      const created = await store.create(item);
      res.status(201).location(`/api/items/${created.id}`).json(created);
    })
    .all(methodNotAllowed('GET', 'HEAD', 'POST'));

  router
    .route('/:id')
    .get(async (req, res) => {
      const id = parseItemId(req.params.id);
      const item = id === null ? null : await store.get(id);
      if (!item) {
        res.status(404).json({ error: 'Item not found' });
        return;
      }
      res.json(item);
    })
    .all(methodNotAllowed('GET', 'HEAD'));

  return router;
}

// /health: with a database, a query proves it answers; 503 when it does not.
function health(store) {
  return async (req, res) => {
    if (!store.check) {
      res.json({ status: 'ok' });
      return;
    }
    try {
      await store.check();
    } catch (err) {
      console.error(`Health check: the database is unreachable: ${err.cause?.message ?? err.message}`);
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
      return;
    }
    res.json({ status: 'ok', database: 'ok' });
  };
}

export function createApp({ store }) {
  const app = express();
  app.disable('x-powered-by');

  app.route('/health').get(health(store)).all(methodNotAllowed('GET', 'HEAD'));

  app.use('/api/items', itemsRouter(store));

  // No route matched, whatever the method.
  app.use((req, res) => {
    res.status(404).json({ error: 'Not Found' });
  });

  // Errors passed on by the body parser or thrown in a handler (Express 5 also catches rejected
  // promises). Client errors keep their status, and so does a store's "database unavailable"
  // (503); anything else is a 500 without details. Express knows an error handler by its four
  // parameters, so `_next` stays although unused.
  app.use((err, req, res, _next) => {
    const status = err.status ?? err.statusCode ?? 500;
    if (status === 503 && err.expose) {
      res.status(503).json({ error: err.message });
      return;
    }
    if (status < 400 || status >= 500) {
      console.error(err);
      res.status(500).json({ error: 'Internal Server Error' });
      return;
    }
    let message = err.expose ? err.message : STATUS_CODES[status];
    if (err.type === 'entity.parse.failed') message = 'Malformed JSON in request body';
    if (err.type === 'entity.too.large') message = `Request body larger than ${BODY_LIMIT} bytes`;
    res.status(status).json({ error: message });
  });

  return app;
}

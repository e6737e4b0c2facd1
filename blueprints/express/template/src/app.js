// The Express application. createApp() builds it without listening: src/server.js listens,
// and the tests hand it to supertest.

import { STATUS_CODES } from 'node:http';
import express from 'express';
import { createItemStore, parseNewItem } from './items.js';

// Largest JSON request body accepted, in bytes.
export const BODY_LIMIT = 100 * 1024;

// Answers 405 for a method the route does not handle, naming the ones it does.
function methodNotAllowed(...allowed) {
  return (req, res) => {
    res.set('Allow', allowed.join(', ')).status(405).json({ error: 'Method Not Allowed' });
  };
}

function itemsRouter(store) {
  const router = express.Router();

  router
    .route('/')
    .get((req, res) => {
      res.json(store.list());
    })
    .post((req, res) => {
      const { item, error } = parseNewItem(req.body);
      if (error) {
        res.status(400).json({ error });
        return;
      }
      const created = store.create(item);
      res.status(201).location(`/api/items/${created.id}`).json(created);
    })
    .all(methodNotAllowed('GET', 'HEAD', 'POST'));

  router
    .route('/:id')
    .get((req, res) => {
      const item = store.get(Number(req.params.id));
      if (!item) {
        res.status(404).json({ error: 'Item not found' });
        return;
      }
      res.json(item);
    })
    .all(methodNotAllowed('GET', 'HEAD'));

  return router;
}

export function createApp({ store = createItemStore() } = {}) {
  const app = express();
  app.disable('x-powered-by');

  // Parses JSON bodies (application/json and the application/*+json types) into req.body;
  // other content types leave it undefined.
  app.use(express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }));

  app
    .route('/health')
    .get((req, res) => {
      res.json({ status: 'ok' });
    })
    .all(methodNotAllowed('GET', 'HEAD'));

  app.use('/api/items', itemsRouter(store));

  // No route matched.
  app.use((req, res) => {
    res.status(404).json({ error: 'Not Found' });
  });

  // Errors passed on by the body parser or thrown in a handler (Express 5 also catches rejected
  // promises). Client errors keep their status; anything else is a 500 without details.
  // Express knows an error handler by its four parameters, so `next` stays although unused.
  app.use((err, req, res, next) => {
    const status = err.status ?? err.statusCode ?? 500;
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

// The Koa application. createApp() builds it without listening: src/server.js listens, and the
// tests hand app.callback() to supertest.

import { STATUS_CODES } from 'node:http';
import Koa from 'koa';
import Router from '@koa/router';
import { createItemStore, parseNewItem } from './items.js';

// Largest JSON request body accepted, in bytes.
export const BODY_LIMIT = 100 * 1024;

// Outermost middleware: turns every error, and every answer left without a body (Koa's default
// 404, the router's 405 and 501), into JSON `{ "error": "..." }`. An unexpected error becomes a
// 500 without details, and the app's 'error' event logs it.
async function jsonErrors(ctx, next) {
  try {
    await next();
    if (ctx.body == null && ctx.status >= 400) {
      ctx.throw(ctx.status);
    }
  } catch (err) {
    // HTTP errors (ctx.throw, the router) keep their status; anything else is a 500.
    const status = err.status >= 400 && err.status < 600 ? err.status : 500;
    if (status === 500) ctx.app.emit('error', err, ctx);
    ctx.status = status;
    if (err.headers) ctx.set(err.headers);
    ctx.body = { error: err.expose ? err.message : STATUS_CODES[status] };
  }
}

// Reads an application/json request body of at most `limit` bytes into ctx.request.body
// (undefined for any other request). Answers 413 when it is larger and 400 when it is not JSON.
function jsonBody({ limit }) {
  return async (ctx, next) => {
    if (ctx.is('json', '+json')) {
      const tooLarge = () =>
        ctx.throw(413, `Request body larger than ${limit} bytes`, { headers: { connection: 'close' } });
      if (ctx.request.length > limit) tooLarge();

      const text = await readText(ctx.req, limit).catch((err) => {
        if (err === LIMIT) tooLarge();
        throw err;
      });
      if (text.trim() !== '') {
        try {
          ctx.request.body = JSON.parse(text);
        } catch {
          ctx.throw(400, 'Malformed JSON in request body');
        }
      }
    }
    await next();
  };
}

const LIMIT = Symbol('body over the limit');

// Collects a request stream as UTF-8 text, rejecting with LIMIT past `limit` bytes. The rest of
// an oversized body is read and dropped, so the answer can still be sent.
function readText(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.resume();
        reject(LIMIT);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (err) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function itemsRouter(store) {
  const router = new Router({ prefix: '/api/items' });

  router.get('/', (ctx) => {
    ctx.body = store.list();
  });

  router.post('/', (ctx) => {
    const { item, error } = parseNewItem(ctx.request.body);
    if (error) ctx.throw(400, error);
    const created = store.create(item);
    ctx.status = 201;
    ctx.set('Location', `/api/items/${created.id}`);
    ctx.body = created;
  });

  router.get('/:id', (ctx) => {
    const item = store.get(Number(ctx.params.id));
    if (!item) ctx.throw(404, 'Item not found');
    ctx.body = item;
  });

  return router;
}

export function createApp({ store = createItemStore() } = {}) {
  const app = new Koa();

  const router = new Router();
  router.get('/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  const items = itemsRouter(store);

  app.use(jsonErrors);
  app.use(jsonBody({ limit: BODY_LIMIT }));
  app.use(router.routes()).use(router.allowedMethods());
  app.use(items.routes()).use(items.allowedMethods());

  return app;
}

// The Koa application. createApp() builds it without listening: src/server.js listens, and the
// tests hand app.callback() to supertest.

import { METHODS, STATUS_CODES } from 'node:http';
import Koa from 'koa';
import Router from '@koa/router';
import { parseItemId, parseNewItem } from './items.js';

// Largest JSON request body accepted, in bytes (1 MiB).
export const BODY_LIMIT = 1024 * 1024;

// Every method node:http accepts counts as implemented, so that a known path answers 405 to any
// method it lacks (TRACE, PROPFIND, ...) instead of the router's 501, and an unknown one 404.
const routerOptions = { methods: METHODS };

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
// (undefined for any other request). Answers 413 when it is larger, 415 for a charset other than
// UTF-8, and 400 when it is not UTF-8 or not JSON.
function jsonBody({ limit }) {
  return async (ctx, next) => {
    if (ctx.is('json', '+json')) {
      const charset = ctx.request.charset;
      if (charset && !/^utf-?8$/i.test(charset)) ctx.throw(415, 'JSON request bodies must be UTF-8');
      const tooLarge = () =>
        ctx.throw(413, `Request body larger than ${limit} bytes`, { headers: { connection: 'close' } });
      if (ctx.request.length > limit) tooLarge();

      const bytes = await readBytes(ctx.req, limit).catch((err) => {
        if (err === LIMIT) tooLarge();
        throw err;
      });
      let text;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        ctx.throw(400, 'Request body is not valid UTF-8');
      }
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

// Collects a request stream's bytes, rejecting with LIMIT past `limit` bytes. The rest of an
// oversized body is read and dropped, so the answer can still be sent.
function readBytes(req, limit) {
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
      resolve(Buffer.concat(chunks));
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
  const router = new Router({ ...routerOptions, prefix: '/api/items' });

  router.get('/', async (ctx) => {
    ctx.body = await store.list();
  });

  // Only the routes that take a body read it, so that any other request is judged by its path
  // and method alone.
  router.post('/', jsonBody({ limit: BODY_LIMIT }), async (ctx) => {
    const { item, error } = parseNewItem(ctx.request.body);
    if (error) ctx.throw(400, error);
    const created = await store.create(item);
    ctx.status = 201;
    ctx.set('Location', `/api/items/${created.id}`);
    ctx.body = created;
  });

  router.get('/:id', async (ctx) => {
    const id = parseItemId(ctx.params.id);
    const item = id === null ? null : await store.get(id);
    if (!item) ctx.throw(404, 'Item not found');
    ctx.body = item;
  });

  return router;
}

// /health: with a database, a query proves it answers; 503 when it does not.
function health(store) {
  return async (ctx) => {
    if (!store.check) {
      ctx.body = { status: 'ok' };
      return;
    }
    try {
      await store.check();
    } catch (err) {
      console.error(`Health check: the database is unreachable: ${err.cause?.message ?? err.message}`);
      ctx.status = 503;
      ctx.body = { status: 'unavailable', database: 'unreachable' };
      return;
    }
    ctx.body = { status: 'ok', database: 'ok' };
  };
}

export function createApp({ store }) {
  const app = new Koa();

  const router = new Router(routerOptions);
  router.get('/health', health(store));
  const items = itemsRouter(store);

  app.use(jsonErrors);
  app.use(router.routes()).use(router.allowedMethods());
  app.use(items.routes()).use(items.allowedMethods());

  return app;
}

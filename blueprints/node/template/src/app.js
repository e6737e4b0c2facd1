// The HTTP application: a request handler for node:http, built from a small router.
// It never listens by itself: src/server.js does that, and the tests start it on port 0.

import { parseItemId, parseNewItem } from './items.js';

// Largest JSON request body accepted, in bytes (1 MiB).
export const BODY_LIMIT = 1024 * 1024;

class HttpError extends Error {
  constructor(status, message, headers = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

function sendJson(res, status, body, headers = {}) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

// Reads a JSON request body of at most `limit` bytes.
// Answers undefined when the request carries no JSON (other content type, or empty); refuses a
// charset other than UTF-8 (415) and bytes that are not UTF-8 (400), rather than guess.
function readJson(req, limit) {
  const type = req.headers['content-type'] ?? '';
  if (!JSON_TYPE.test(type)) {
    return Promise.resolve(undefined);
  }
  const charset = CHARSET.exec(type)?.[1].toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return Promise.reject(new HttpError(415, 'JSON request bodies must be UTF-8'));
  }
  if (Number(req.headers['content-length']) > limit) {
    return Promise.reject(tooLarge());
  }

  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;

    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.resume(); // discard the rest; the connection closes after the answer
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      let text;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
      } catch {
        reject(new HttpError(400, 'Request body is not valid UTF-8'));
        return;
      }
      if (text.trim() === '') {
        resolve(undefined);
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch {
        // Malformed JSON, or nesting too deep for the parser.
        reject(new HttpError(400, 'Malformed JSON in request body'));
      }
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

function tooLarge() {
  return new HttpError(413, `Request body larger than ${BODY_LIMIT} bytes`, { connection: 'close' });
}

// A small router: exact path segments and `:name` parameters, one handler per method and path.
function createRouter() {
  const routes = [];

  function match(pattern, segments) {
    if (pattern.length !== segments.length) return null;
    const params = {};
    for (let i = 0; i < pattern.length; i++) {
      if (pattern[i].startsWith(':')) {
        params[pattern[i].slice(1)] = decodeURIComponent(segments[i]);
      } else if (pattern[i] !== segments[i]) {
        return null;
      }
    }
    return params;
  }

  return {
    on(method, path, handler) {
      routes.push({ method, pattern: path.split('/'), handler });
      return this;
    },
    // Finds the route for a request. Throws a 404 for an unknown path, a 405 for a known path
    // with another method (whatever the method: TRACE, PROPFIND, ...).
    find(method, pathname) {
      const segments = (pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname).split('/');
      const allowed = new Set();
      for (const route of routes) {
        const params = match(route.pattern, segments);
        if (!params) continue;
        if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
          return { handler: route.handler, params };
        }
        allowed.add(route.method);
      }
      if (allowed.size === 0) throw new HttpError(404, 'Not Found');
      if (allowed.has('GET')) allowed.add('HEAD');
      throw new HttpError(405, 'Method Not Allowed', { allow: [...allowed].join(', ') });
    },
  };
}

// The answer for an error: its own for an HttpError or a store's "unavailable" error (status
// 503), a 400 for a malformed URL, and a 500 without details (logged) for anything else.
function toHttpError(err) {
  if (err instanceof HttpError) return err;
  if (err.status === 503) return new HttpError(503, err.message);
  if (err instanceof URIError) return new HttpError(400, 'Malformed URL');
  console.error(err);
  return new HttpError(500, 'Internal Server Error');
}

export function createApp({ store }) {
  const router = createRouter()
    .on('GET', '/health', async (req, res) => {
      if (!store.check) {
        sendJson(res, 200, { status: 'ok' });
        return;
      }
      try {
        await store.check();
      } catch (err) {
        console.error(`Health check: the database is unreachable: ${err.cause?.message ?? err.message}`);
        sendJson(res, 503, { status: 'unavailable', database: 'unreachable' });
        return;
      }
      sendJson(res, 200, { status: 'ok', database: 'ok' });
    })
    .on('GET', '/api/items', async (req, res) => {
      sendJson(res, 200, await store.list());
    })
    .on('POST', '/api/items', async (req, res) => {
      const body = await readJson(req, BODY_LIMIT);
      const { item, error } = parseNewItem(body);
      if (error) throw new HttpError(400, error);
      const created = await store.create(item);
      sendJson(res, 201, created, { location: `/api/items/${created.id}` });
    })
    .on('GET', '/api/items/:id', async (req, res, params) => {
      const id = parseItemId(params.id);
      const item = id === null ? null : await store.get(id);
      if (!item) throw new HttpError(404, 'Item not found');
      sendJson(res, 200, item);
    });

  return async function handle(req, res) {
    try {
      const pathname = req.url.split('?', 1)[0];
      const { handler, params } = router.find(req.method, pathname);
      await handler(req, res, params);
    } catch (err) {
      const answer = toHttpError(err);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendJson(res, answer.status, { error: answer.message }, answer.headers);
    }
  };
}

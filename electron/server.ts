// The station server (browser mode and tests): the same dispatcher as the app's IPC, over HTTP on 127.0.0.1.
//
// Every /api request must carry this run's token (a header, never a cookie, so no other page can make the
// browser send it), a Host naming this server (no DNS rebinding) and no foreign Origin. Bodies are JSON,
// capped at HTTP.maxBodyBytes. Every refusal is a 4xx with `{ code, message }`; nothing is changed and the
// server keeps serving. The one path without the token is HTTP.ticketPath, where a one-time ticket from an
// address that had to leave the process (a browser's command line) is traded once for the token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from './core/clock.ts';
import { statusOf, type AnyErrorCode } from './core/errors.ts';
import { HTTP, type ApiErrorBody, type Change } from './api/contract.ts';
import type { Dispatcher } from './api/dispatcher.ts';
import { SECURITY_HEADERS } from './security-policy.ts';
import { openStation, type Station, type StationOptions } from './station.ts';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../dist/renderer/', import.meta.url));

export interface StationServerOptions {
  dataDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  clock?: Clock;
  rendererDir?: string;
  demo?: StationOptions['demo'];
  /** A real station: a new data directory starts blank and opens the first-run setup. */
  blank?: boolean;
  /** The dock's shared PostgreSQL database (see StationOptions.database). */
  database?: string;
  /** Named to a second process that finds the data directory taken (default "station server"). */
  mode?: string;
  /** How long a ticket of `ticketUrl()` may wait to be exchanged (default TICKET_TTL_MS). */
  ticketTtlMs?: number;
  /** The time tickets are judged by (tests move it). */
  now?: () => number;
  /** The reader threads that answer reads (see StationOptions). */
  readers?: StationOptions['readers'];
}

/** A minute: enough for a browser to start on a busy PC, too short to be worth finding later. */
export const TICKET_TTL_MS = 60_000;

export interface StationServer {
  /** What to open: the page, with the token in the fragment (never sent over the wire by the browser). */
  url: string;
  /** http://127.0.0.1:<port>: the HTTP client's base URL. */
  origin: string;
  token: string;
  /**
   * The page with a one-time ticket instead of the token (`#ticket=...`), for addresses that leave the
   * process (a browser's command line, which every local account can list): the page exchanges it once,
   * within `ticketTtlMs`, for the token; after that, or after the time, it is worth nothing.
   */
  ticketUrl(): string;
  port: number;
  dispatcher: Dispatcher;
  station: Station;
  close(): Promise<void>;
}

// ---- status codes ---------------------------------------------------------------------------------

/** The HTTP status of an error code, from the one table of codes. */
export function statusFor(code: AnyErrorCode): number {
  return statusOf(code);
}

// ---- small helpers --------------------------------------------------------------------------------

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const NOT_BUILT_PAGE = `<!doctype html><meta charset="utf-8"><title>Dock Intake</title>
<body style="font:16px system-ui;margin:3em"><h1>Dock Intake</h1>
<p>renderer not built: run npm run build:renderer</p><p>The station server is running; its API answers at /api.</p></body>`;

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiErrorBody, extra: Record<string, string> = {}): void {
  sendJson(res, statusFor(error.code), error, extra);
}

/** Drops `__proto__` keys, so nothing downstream can be handed an object with a borrowed prototype. */
function parseJson(text: string): unknown {
  if (!text.includes('__proto__')) return JSON.parse(text);
  return JSON.parse(text, (k, v: unknown) => (k === '__proto__' ? undefined : v));
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

type BodyResult = { ok: true; text: string } | { ok: false; error: ApiErrorBody };

/** Reads a request body up to `limit` bytes. Past the limit it stops collecting and says so. */
function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolveBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: BodyResult) => {
      if (done) return;
      done = true;
      resolveBody(r);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish({ ok: false, error: tooLarge(limit) });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        finish({ ok: true, text: utf8.decode(Buffer.concat(chunks)) });
      } catch {
        finish({ ok: false, error: { code: 'NOT_JSON', message: 'The request body is not UTF-8 text; send JSON.' } });
      }
    });
    req.on('error', () => finish({ ok: false, error: { code: 'MALFORMED_REQUEST', message: 'The request body could not be read.' } }));
    req.on('aborted', () => finish({ ok: false, error: { code: 'MALFORMED_REQUEST', message: 'The request was cut off.' } }));
  });
}

/** How much of a refused body is read and thrown away before the connection is cut instead. */
const DRAIN_LIMIT = 8 * HTTP.maxBodyBytes;

const tooLarge = (limit: number): ApiErrorBody => ({
  code: 'BODY_TOO_LARGE',
  message: `The request body is larger than ${Math.round(limit / 1024 / 1024)} MB.`,
});

// ---- the server -----------------------------------------------------------------------------------

export async function startStationServer(opts: StationServerOptions): Promise<StationServer> {
  const rendererDir = resolve(opts.rendererDir ?? DEFAULT_RENDERER_DIR);
  const station = openStation({
    dataDir: opts.dataDir,
    transport: 'http',
    mode: opts.mode ?? 'station server',
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.demo !== undefined ? { demo: opts.demo } : {}),
    ...(opts.blank ? { blank: true } : {}),
    ...(opts.readers ? { readers: opts.readers } : {}),
    ...(opts.database ? { database: opts.database } : {}),
  });
  const { dispatcher } = station;
  const token = randomBytes(32).toString('base64url');
  const tokenDigest = digest(token);
  const now = opts.now ?? Date.now;
  const ticketTtl = opts.ticketTtlMs ?? TICKET_TTL_MS;
  // kept as digests; a used or expired ticket stays known for the run so its refusal can say why
  const tickets = new Map<string, { expires: number; used: boolean }>();

  let port = 0;
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  const streams = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  const tokenError = (req: IncomingMessage): ApiErrorBody | null => {
    const given = req.headers[HTTP.tokenHeader];
    if (given === undefined || given === '') {
      return {
        code: 'TOKEN_REQUIRED',
        message: `This request carries no station token (${HTTP.tokenHeader}): open the station from the address the server printed.`,
      };
    }
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), tokenDigest)) {
      return {
        code: 'TOKEN_WRONG',
        message: 'The station token is wrong or from an earlier run: open the station from the address the server printed.',
      };
    }
    return null;
  };

  /** Host and Origin: checked on every request, so a foreign page or a rebinding DNS name gets nothing. */
  const placeError = (req: IncomingMessage): ApiErrorBody | null => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(host)) {
      return { code: 'FOREIGN_HOST', message: `The station answers only to 127.0.0.1:${port} and localhost:${port}.` };
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase())) {
      return { code: 'FOREIGN_ORIGIN', message: "Requests from other sites are refused: only the station's own page may call it." };
    }
    return null;
  };

  const handleCall = async (req: IncomingMessage, res: ServerResponse, op: string): Promise<void> => {
    if (req.method !== 'POST') {
      sendError(res, { code: 'METHOD_NOT_ALLOWED', message: 'Operations are called with POST.' }, { allow: 'POST' });
      return;
    }
    if (!dispatcher.isOp(op)) {
      sendError(res, { code: 'UNKNOWN_OPERATION', message: `There is no operation "${op.slice(0, 64)}".` });
      return;
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      sendError(res, { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the input as JSON (Content-Type: application/json).' });
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > HTTP.maxBodyBytes) {
      sendError(res, tooLarge(HTTP.maxBodyBytes));
      return;
    }
    const body = await readBody(req, HTTP.maxBodyBytes);
    if (!body.ok) {
      sendError(res, body.error);
      return;
    }
    let input: unknown;
    try {
      input = parseJson(body.text);
    } catch {
      sendError(res, { code: 'NOT_JSON', message: 'The request body is not valid JSON.' });
      return;
    }
    const reply = await dispatcher.dispatch(op, input);
    if (reply.ok) sendJson(res, 200, { result: reply.result ?? null });
    else sendError(res, reply.error);
  };

  /** A ticket for the session token, once: the page posts `{ ticket }` and gets `{ token }`. */
  const handleTicket = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      sendError(res, { code: 'METHOD_NOT_ALLOWED', message: 'A ticket is exchanged with POST.' }, { allow: 'POST' });
      return;
    }
    if ((req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/json') {
      sendError(res, { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the ticket as JSON (Content-Type: application/json).' });
      return;
    }
    const body = await readBody(req, 1024);
    let ticket: unknown;
    try {
      ticket = body.ok ? (parseJson(body.text) as { ticket?: unknown } | null)?.ticket : undefined;
    } catch {
      ticket = undefined;
    }
    if (typeof ticket !== 'string' || ticket === '') {
      sendError(res, { code: 'TICKET_REQUIRED', message: 'Send the ticket from the station\'s address as { "ticket": "..." }.' });
      return;
    }
    const entry = tickets.get(digest(ticket).toString('hex'));
    if (!entry) {
      sendError(res, { code: 'TICKET_WRONG', message: 'This ticket is not one the station gave: open the station again.' });
      return;
    }
    if (entry.used) {
      sendError(res, { code: 'TICKET_USED', message: 'This station address was opened already; it works once. Open the station again.' });
      return;
    }
    if (now() > entry.expires) {
      entry.used = true;
      sendError(res, { code: 'TICKET_EXPIRED', message: 'This station address is too old to open; open the station again.' });
      return;
    }
    entry.used = true;
    sendJson(res, 200, { result: { token } });
  };

  const handleEvents = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET') {
      sendError(res, { code: 'METHOD_NOT_ALLOWED', message: 'Subscribe with GET.' }, { allow: 'GET' });
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    const seq = station.store.lastSeq();
    res.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ seq })}\n\n`);
    const off = dispatcher.onChange((c: Change) => {
      res.write(`id: ${c.seq}\nevent: change\ndata: ${JSON.stringify(c)}\n\n`);
    });
    // a comment now and then keeps idle connections (and anything between) from timing out
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    ping.unref();
    streams.add(res);
    const stop = () => {
      clearInterval(ping);
      off();
      streams.delete(res);
    };
    res.on('close', stop);
    req.on('close', stop);
  };

  const handleStatic = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, { code: 'METHOD_NOT_ALLOWED', message: "The station's page is read with GET." }, { allow: 'GET, HEAD' });
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      sendError(res, { code: 'NO_SUCH_PATH', message: 'No such page.' });
      return;
    }
    if (rel.includes('\0')) {
      sendError(res, { code: 'NO_SUCH_PATH', message: 'No such page.' });
      return;
    }
    const index = join(rendererDir, 'index.html');
    let file = resolve(rendererDir, `.${rel}`);
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) {
      sendError(res, { code: 'NO_SUCH_PATH', message: 'No such page.' });
      return;
    }
    const isFile = async (p: string) => (await stat(p).catch(() => null))?.isFile() ?? false;
    if (!(await isFile(file))) {
      // a screen's own path (no extension) is the page itself; a missing asset is a 404
      if (extname(rel) === '' || rel.endsWith('/')) file = index;
      else if (rel === '/favicon.ico') {
        // the browser asks for it on its own; no icon is not an error worth a red line in the console
        res.writeHead(204, { ...SECURITY_HEADERS, 'cache-control': 'max-age=86400' });
        res.end();
        return;
      } else {
        sendError(res, { code: 'NO_SUCH_PATH', message: 'No such file.' });
        return;
      }
    }
    if (file === index && !(await isFile(index))) {
      res.writeHead(503, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : NOT_BUILT_PAGE);
      return;
    }
    const data = await readFile(file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': data.length,
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : data);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const place = placeError(req);
    if (place) {
      sendError(res, place);
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      sendError(res, { code: 'MALFORMED_REQUEST', message: 'The request path is not valid.' });
      return;
    }
    const path = url.pathname;
    if (path === HTTP.ticketPath) {
      await handleTicket(req, res);
      return;
    }
    if (path === '/api' || path.startsWith('/api/')) {
      const denied = tokenError(req);
      if (denied) {
        sendError(res, denied);
        return;
      }
      if (path.startsWith(HTTP.callPrefix)) {
        let op: string;
        try {
          op = decodeURIComponent(path.slice(HTTP.callPrefix.length));
        } catch {
          op = path.slice(HTTP.callPrefix.length);
        }
        await handleCall(req, res, op);
      } else if (path === HTTP.eventsPath) {
        handleEvents(req, res);
      } else {
        sendError(res, { code: 'NO_SUCH_PATH', message: `Nothing answers at ${path.slice(0, 80)}.` });
      }
      return;
    }
    await handleStatic(req, res, path);
  };

  // a request without Host reaches the handler (and gets FOREIGN_HOST as JSON) instead of Node's bare 400
  const server: Server = createServer({ requireHostHeader: false }, (req, res) => {
    handle(req, res)
      .catch((e: unknown) => {
        console.error('[station server]', e instanceof Error ? e.message : e);
        sendError(res, { code: 'INTERNAL', message: 'The station could not complete this; nothing was changed.' });
      })
      .finally(() => {
        // a refusal sent before the body was read: the rest is read and thrown away (so the client, still
        // sending, gets to read the answer), up to a bound past which the connection is cut
        if (!req.complete) {
          let drained = 0;
          req.on('data', (c: Buffer) => {
            drained += c.length;
            if (drained > DRAIN_LIMIT) req.socket.destroy();
          });
          req.resume();
        }
      });
  });
  // a request Node's parser itself refuses (bad framing, huge headers) still gets `{ code, message }`
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const big = err.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify(
      big
        ? { code: 'HEADERS_TOO_LARGE', message: 'The request headers are too large.' }
        : { code: 'MALFORMED_REQUEST', message: 'The request is not valid HTTP.' },
    );
    socket.end(
      `HTTP/1.1 ${big ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  try {
    await new Promise<void>((ok, bad) => {
      server.once('error', bad);
      server.listen(opts.port ?? 0, '127.0.0.1', () => {
        server.off('error', bad);
        ok();
      });
    });
  } catch (e) {
    station.close();
    throw e;
  }
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    ticketUrl() {
      const ticket = randomBytes(32).toString('base64url');
      tickets.set(digest(ticket).toString('hex'), { expires: now() + ticketTtl, used: false });
      return `${origin}/#ticket=${ticket}`;
    },
    port,
    dispatcher,
    station,
    close() {
      closing ??= new Promise<void>((done) => {
        for (const r of streams) r.end();
        server.close(() => {
          station.close();
          done();
        });
        server.closeIdleConnections();
        // anything still open after a moment (a slow upload, a stream) is cut
        setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, 250).unref();
      });
      return closing;
    },
  };
}

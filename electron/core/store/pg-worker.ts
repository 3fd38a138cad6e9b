// The PostgreSQL side of the station's store: a worker thread that holds the station's one connection (and a
// second one that LISTENs for other stations' changes) through the `pg` driver. The station's own thread
// waits for each answer synchronously (pg-bridge.ts), so the core stays synchronous on both stores.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import pg from 'pg';
import type { BridgeReply, BridgeRequest, WorkerData } from './pg-protocol.ts';
import { CHANGES_CHANNEL } from './pg-protocol.ts';

// Rows come back in the shapes the SQLite store gives: whole numbers as numbers (a count is int8, a serial
// too), truth values as 1 or 0, numerics as numbers. Every other column is text in the schema.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 21 || oid === 23 || oid === 1700) return (v: string) => Number(v);
    if (oid === 16) return (v: string) => (v === 't' ? 1 : 0);
    return pg.types.getTypeParser(oid, format ?? 'text') as (v: string) => unknown;
  },
};

const data = workerData as WorkerData;
const replies = data.replies as MessagePort;
const events = data.events as MessagePort;
const signal = new Int32Array(data.signal);

function config(pipeline = false): pg.ClientConfig {
  return {
    // the station's connection sends a request's statements without waiting for each answer (pg's pipeline mode)
    pipeline,
    connectionString: data.url,
    connectionTimeoutMillis: data.connectTimeoutMs,
    keepAlive: true,
    application_name: data.applicationName,
    types,
  };
}

let client: pg.Client | null = null;
let connecting: Promise<pg.Client> | null = null;
/** Each statement text prepared once per connection under a short name (a scan prepares nothing). */
let prepared = new Map<string, string>();

async function connection(): Promise<pg.Client> {
  if (client) return client;
  if (!connecting) {
    connecting = (async () => {
      const c = new pg.Client(config(true));
      // a connection that drops is forgotten; the next statement opens a new one
      c.on('error', () => {
        if (client === c) client = null;
      });
      c.on('end', () => {
        if (client === c) client = null;
      });
      try {
        await c.connect();
        if (data.readOnly) await c.query('SET default_transaction_read_only = on');
        // a station that stops answering in the middle of a transaction (hung, suspended) must not hold the
        // dock's write lock for ever: the server ends its session, rolling it back, after 10 s
        else await c.query('SET idle_in_transaction_session_timeout = 10000');
      } catch (e) {
        c.end().catch(() => {});
        throw e;
      }
      prepared = new Map();
      client = c;
      return c;
    })().finally(() => {
      connecting = null;
    });
  }
  return connecting;
}

/** SQLSTATE classes and driver errors that mean "the database cannot be reached", not "this statement is wrong". */
function unreachable(e: unknown): boolean {
  if (!e || typeof e !== 'object') return true;
  const code = codeOf(e);
  if (/^[0-9A-Z]{5}$/.test(code)) {
    // connection exceptions, shutdowns, too many connections, a database or role missing or refused
    return code.startsWith('08') || code.startsWith('57P') || code === '53300' || code.startsWith('28') || code === '3D000';
  }
  return true;
}

function codeOf(e: unknown): string {
  const code = e && typeof e === 'object' ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

function reply(r: BridgeReply): void {
  replies.postMessage(r);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

async function run(req: BridgeRequest): Promise<BridgeReply> {
  let c: pg.Client;
  try {
    c = await connection();
  } catch (e) {
    return { id: req.id, ok: false, unreachable: true, code: codeOf(e), message: messageOf(e), step: 0 };
  }
  // the connection this transaction began on is gone (a new one has no transaction open): what was sent before
  // was rolled back with it, and running the rest on their own would record half an operation
  if (req.inTransaction && c.getTransactionStatus() === 'I') {
    return {
      id: req.id,
      ok: false,
      unreachable: true,
      code: '08006',
      message: 'the connection was lost in the middle of the operation, and the database rolled back what it had of it',
      step: 0,
    };
  }
  // every step is written to the connection at once (pipeline mode) and the answers come back in order: one
  // round trip for the lot. Each step ends with its own Sync, so a step that fails inside a transaction makes
  // the ones after it fail too (the transaction is aborted), and none after it is taken for done.
  const sent = req.steps.map((step) => {
    if ('simple' in step) return c.query(step.simple);
    let name = prepared.get(step.text);
    if (!name) {
      name = `s${prepared.size + 1}`;
      prepared.set(step.text, name);
    }
    return c.query({ name, text: step.text, values: step.params as unknown[] });
  });
  const settled = await Promise.allSettled(sent);
  const failed = settled.findIndex((r) => r.status === 'rejected');
  if (failed >= 0) {
    const e = (settled[failed] as PromiseRejectedResult).reason as unknown;
    const gone = unreachable(e) || client !== c;
    if (gone && client === c) {
      client = null;
      c.end().catch(() => {});
    }
    return { id: req.id, ok: false, unreachable: gone, code: codeOf(e), message: messageOf(e), step: failed };
  }
  // a simple step of several statements answers with one result per statement: its last one is the step's
  const results = settled.map((r) => {
    const v = (r as PromiseFulfilledResult<pg.QueryResult | pg.QueryResult[]>).value;
    return Array.isArray(v) ? v[v.length - 1] : v;
  });
  return {
    id: req.id,
    ok: true,
    rows: results.map((r) => (r?.rows ?? []) as Record<string, unknown>[]),
    rowCounts: results.map((r) => r?.rowCount ?? 0),
  };
}

function messageOf(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m || (e instanceof AggregateError ? e.errors.map(messageOf).join('; ') : 'no answer');
}

// Requests are taken one at a time, in order: the station's thread sends the next only after this answer.
parentPort!.on('message', (req: BridgeRequest) => {
  void run(req).then(reply);
});

// ---- other stations' changes --------------------------------------------------------------------------

let listener: pg.Client | null = null;
let listening = false;

async function listen(): Promise<void> {
  if (!data.listen || listening) return;
  listening = true;
  let missed = false;
  while (listening) {
    const c = new pg.Client(config());
    try {
      const closed = new Promise<void>((resolve) => {
        c.on('error', () => resolve());
        c.on('end', () => resolve());
      });
      await c.connect();
      c.on('notification', (n) => {
        // our own station's changes were told to its screens when they committed
        if (client && n.processId === (client as unknown as { processID: number }).processID) return;
        events.postMessage({ kind: 'change', payload: n.payload ?? '' });
      });
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
      listener = c;
      // whatever happened while this station was not listening: the screens look again
      if (missed) events.postMessage({ kind: 'change', payload: '' });
      await closed;
    } catch {
      // the database is away: try again in a moment
    }
    listener = null;
    missed = true;
    c.end().catch(() => {});
    if (listening) await new Promise((r) => setTimeout(r, 1_000));
  }
}

void listen();

process.on('exit', () => {
  listening = false;
  listener?.end().catch(() => {});
});

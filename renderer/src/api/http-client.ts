// The contract over HTTP (browser mode): the same `IntakeApi` as the app's `window.intake`, spoken to the
// station server. Calls are JSON POSTs carrying the run's token in a header; changes arrive as Server-Sent
// Events read through fetch (EventSource cannot send a header), and the stream reconnects when it drops.
import {
  ApiError,
  HTTP,
  type ApiErrorBody,
  type Change,
  type Input,
  type IntakeApi,
  type OpName,
  type Output,
} from '../../../electron/api/contract.ts';

export interface HttpClientOptions {
  /** The station server, e.g. http://127.0.0.1:5123 (no trailing path). */
  baseUrl: string;
  /** The run's token, or its promise while a ticket from the page's address is being exchanged for it. */
  token: string | Promise<string>;
  /** Reconnect delays for the change stream: from `min`, doubling to `max` while the server is away. */
  reconnect?: { minMs: number; maxMs: number };
  fetch?: typeof fetch;
}

export interface HttpClient extends IntakeApi {
  /** Stops the change stream (tests; a page simply goes away). */
  close(): void;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isErrorBody = (v: unknown): v is ApiErrorBody => isRecord(v) && typeof v.code === 'string' && typeof v.message === 'string';

interface SseEvent {
  event: string;
  data: string;
}

/** Reads Server-Sent Events (https://html.spec.whatwg.org/#event-stream-interpretation) from a byte stream. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (e: SseEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
        if (line === '') {
          if (data.length) onEvent({ event: event || 'message', data: data.join('\n') });
          event = '';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
    }
  } finally {
    reader.releaseLock();
  }
}

export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const { minMs, maxMs } = opts.reconnect ?? { minMs: 500, maxMs: 5_000 };
  const token = Promise.resolve(opts.token);
  // a refused ticket is reported by every call; an unobserved rejection in between is not an error
  token.catch(() => undefined);
  const headers = async () => ({ [HTTP.tokenHeader]: await token });

  async function call<K extends OpName>(op: K, input: Input<K>): Promise<Output<K>> {
    let res: Response;
    const auth = await headers();
    try {
      res = await doFetch(base + HTTP.callPath(op), {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError({ code: 'STATION_UNREACHABLE', message: 'The station does not answer. Is the station server still running?' });
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new ApiError({ code: 'BAD_REPLY', message: `The station answered ${res.status} without JSON.` });
    }
    if (res.ok && isRecord(body) && 'result' in body) return body.result as Output<K>;
    if (isErrorBody(body)) throw new ApiError(body);
    throw new ApiError({ code: 'BAD_REPLY', message: `The station answered ${res.status} with something unexpected.` });
  }

  // ---- the change stream: one connection, shared by every listener, open while anyone listens
  const listeners = new Set<(c: Change) => void>();
  let running: AbortController | null = null;

  const emit = (c: Change) => {
    for (const l of [...listeners]) {
      try {
        l(c);
      } catch {
        /* one listener's failure is not the others' */
      }
    }
  };

  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((done) => {
      const t = setTimeout(done, ms);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(t);
          done();
        },
        { once: true },
      );
    });

  async function stream(signal: AbortSignal): Promise<void> {
    let delay = minMs;
    let lastSeq: number | null = null;
    while (!signal.aborted) {
      try {
        const auth = await headers();
        const res = await doFetch(base + HTTP.eventsPath, { headers: { ...auth, accept: 'text/event-stream' }, signal, cache: 'no-store' });
        if (res.ok && res.body) {
          await readEvents(res.body, (e) => {
            let data: unknown;
            try {
              data = JSON.parse(e.data);
            } catch {
              return;
            }
            if (!isRecord(data) || typeof data.seq !== 'number') return;
            if (e.event === 'hello') {
              // back after a drop, and things changed meanwhile: a change naming nothing means "look again"
              if (lastSeq !== null && data.seq !== lastSeq) emit({ jobs: [], packages: [], drives: [], seq: data.seq });
              lastSeq = data.seq;
              delay = minMs;
            } else if (e.event === 'change') {
              lastSeq = data.seq;
              emit(data as unknown as Change);
            }
          });
        } else {
          await res.body?.cancel().catch(() => undefined);
        }
      } catch {
        /* dropped or refused: try again below */
      }
      if (signal.aborted) return;
      await sleep(delay, signal);
      delay = Math.min(delay * 2, maxMs);
    }
  }

  function onChange(listener: (c: Change) => void): () => void {
    listeners.add(listener);
    if (!running) {
      running = new AbortController();
      void stream(running.signal);
    }
    return () => {
      listeners.delete(listener);
      if (!listeners.size && running) {
        running.abort();
        running = null;
      }
    };
  }

  const api = { call, onChange } satisfies IntakeApi;
  return {
    ...api,
    close() {
      listeners.clear();
      running?.abort();
      running = null;
    },
  };
}

/**
 * Exchanges the one-time ticket of the page's address for the run's token (the station server gives it
 * once). A refusal arrives as ApiError, with the station's code (TICKET_USED, TICKET_EXPIRED, ...).
 */
export async function exchangeTicket(baseUrl: string, ticket: string, doFetch: typeof fetch = (...a) => fetch(...a)): Promise<string> {
  let res: Response;
  try {
    res = await doFetch(baseUrl.replace(/\/+$/, '') + HTTP.ticketPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticket }),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError({ code: 'STATION_UNREACHABLE', message: 'The station does not answer. Is the station server still running?' });
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok && isRecord(body) && isRecord(body.result) && typeof body.result.token === 'string') return body.result.token;
  if (isErrorBody(body)) throw new ApiError(body);
  throw new ApiError({ code: 'BAD_REPLY', message: `The station answered ${res.status} with something unexpected.` });
}

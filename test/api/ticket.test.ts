// An address put on a browser's command line (which every local account can list with `ps`) carries a
// one-time ticket, never the token: the page exchanges it once, within a minute, for the token. A ticket
// used, expired, or made up gets nothing, and is itself no key to the station.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HTTP } from '../../electron/api/contract.ts';
import { startStationServer, TICKET_TTL_MS } from '../../electron/server.ts';
import { ApiError } from '../../electron/api/contract.ts';
import { createHttpClient, exchangeTicket } from '../../renderer/src/api/http-client.ts';
import { clockAt, raw, tempDir } from './helpers.ts';

async function withServer(fn: (s: Awaited<ReturnType<typeof startStationServer>>, time: { ms: number }) => Promise<void>) {
  const t = tempDir();
  const time = { ms: Date.parse('2026-11-02T09:00:00Z') };
  const s = await startStationServer({ dataDir: t.dir, demo: false, clock: clockAt(), now: () => time.ms });
  try {
    await fn(s, time);
  } finally {
    await s.close();
    t.remove();
  }
}

const ticketOf = (url: string) => new URL(url).hash.replace(/^#ticket=/, '');

const exchange = (port: number, body: string, extra: Record<string, string> = {}) =>
  raw(port, {
    path: HTTP.ticketPath,
    body,
    headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...extra },
  });

test('the ticket address carries no token, and its ticket is exchanged once for the token', async () => {
  await withServer(async (s) => {
    const url = s.ticketUrl();
    assert.ok(!url.includes(s.token), 'the token is not in the address');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/#ticket=[\w-]{43}$/);
    const token = await exchangeTicket(s.origin, ticketOf(url));
    assert.equal(token, s.token);
    // and the token opens the station's calls
    const client = createHttpClient({ baseUrl: s.origin, token: Promise.resolve(token) });
    assert.equal((await client.call('station.info', {})).transport, 'http');
    client.close();
  });
});

test('a ticket used once is refused the second time (TICKET_USED), and gives no token', async () => {
  await withServer(async (s) => {
    const ticket = ticketOf(s.ticketUrl());
    assert.equal((await exchange(s.port, JSON.stringify({ ticket }))).status, 200);
    const again = await exchange(s.port, JSON.stringify({ ticket }));
    assert.equal(again.status, 401);
    assert.equal((again.json as { code: string }).code, 'TICKET_USED');
    assert.ok(!again.text.includes(s.token));
  });
});

test('a ticket not exchanged within its minute is refused (TICKET_EXPIRED), and stays dead', async () => {
  await withServer(async (s, time) => {
    const ticket = ticketOf(s.ticketUrl());
    time.ms += TICKET_TTL_MS + 1;
    const late = await exchange(s.port, JSON.stringify({ ticket }));
    assert.equal(late.status, 401);
    assert.equal((late.json as { code: string }).code, 'TICKET_EXPIRED');
    assert.ok(!late.text.includes(s.token));
    time.ms -= TICKET_TTL_MS;
    assert.equal(((await exchange(s.port, JSON.stringify({ ticket }))).json as { code: string }).code, 'TICKET_USED');
  });
});

test('a ticket within its minute still works; each ticket is its own', async () => {
  await withServer(async (s, time) => {
    const a = ticketOf(s.ticketUrl());
    const b = ticketOf(s.ticketUrl());
    assert.notEqual(a, b);
    time.ms += TICKET_TTL_MS - 1;
    assert.equal((await exchange(s.port, JSON.stringify({ ticket: b }))).status, 200);
    assert.equal((await exchange(s.port, JSON.stringify({ ticket: a }))).status, 200);
  });
});

test('a made-up ticket, no ticket, or a ticket from another page is refused with a code', async () => {
  await withServer(async (s) => {
    const ticket = ticketOf(s.ticketUrl());
    const made = await exchange(s.port, JSON.stringify({ ticket: 'A'.repeat(43) }));
    assert.deepEqual([made.status, (made.json as { code: string }).code], [401, 'TICKET_WRONG']);
    const none = await exchange(s.port, '{}');
    assert.deepEqual([none.status, (none.json as { code: string }).code], [400, 'TICKET_REQUIRED']);
    const notJson = await exchange(s.port, 'ticket=x');
    assert.deepEqual([notJson.status, (notJson.json as { code: string }).code], [400, 'TICKET_REQUIRED']);
    const foreign = await exchange(s.port, JSON.stringify({ ticket }), { origin: 'http://evil.example' });
    assert.deepEqual([foreign.status, (foreign.json as { code: string }).code], [403, 'FOREIGN_ORIGIN']);
    const form = await raw(s.port, {
      path: HTTP.ticketPath,
      body: JSON.stringify({ ticket }),
      headers: { host: `127.0.0.1:${s.port}`, 'content-type': 'text/plain' },
    });
    assert.equal(form.status, 415);
    // none of those spent the ticket
    assert.equal((await exchange(s.port, JSON.stringify({ ticket }))).status, 200);
  });
});

test("a ticket is no token: the station's calls refuse it", async () => {
  await withServer(async (s) => {
    const ticket = ticketOf(s.ticketUrl());
    const r = await raw(s.port, {
      path: HTTP.callPath('station.info'),
      body: '{}',
      headers: { host: `127.0.0.1:${s.port}`, 'content-type': 'application/json', [HTTP.tokenHeader]: ticket },
    });
    assert.deepEqual([r.status, (r.json as { code: string }).code], [401, 'TOKEN_WRONG']);
  });
});

test("the client reports a refused ticket on every call as the station's code", async () => {
  await withServer(async (s) => {
    const ticket = ticketOf(s.ticketUrl());
    await exchangeTicket(s.origin, ticket);
    const client = createHttpClient({ baseUrl: s.origin, token: exchangeTicket(s.origin, ticket) });
    await assert.rejects(client.call('station.info', {}), (e: unknown) => e instanceof ApiError && e.code === 'TICKET_USED');
    client.close();
  });
});

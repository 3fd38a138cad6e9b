// The station server's doors: every kind of bad request gets a 4xx with { code, message }, changes nothing
// in the store (every table dumped before and after), and the server keeps answering.
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStationServer, statusFor, type StationServer } from '../../electron/server.ts';
import { HTTP } from '../../electron/api/contract.ts';
import { ERRORS, RULE_ERROR_CODES } from '../../electron/core/errors.ts';
import { clockAt, dumpStore, OPERATOR, raw, tempDir, type RawReply } from './helpers.ts';

let srv: StationServer;
let dir: ReturnType<typeof tempDir>;
let storeBefore: Record<string, unknown>;

before(async () => {
  dir = tempDir();
  // a real dock's store (the demo jobs), so "nothing changed" is said of something
  srv = await startStationServer({ dataDir: dir.dir, clock: clockAt(), demo: { jobs: 12, seed: 7 } });
});
after(async () => {
  await srv.close();
  dir.remove();
});
beforeEach(() => {
  storeBefore = dumpStore(srv.station.store);
});
afterEach(async () => {
  assert.deepEqual(dumpStore(srv.station.store), storeBefore, 'the store is unchanged');
  const alive = await call('station.info', {});
  assert.equal(alive.status, 200, 'the server still answers');
});

const good = () => ({ host: `127.0.0.1:${srv.port}`, 'content-type': 'application/json', [HTTP.tokenHeader]: srv.token });
const call = (op: string, input: unknown, headers: Record<string, string | number> = good()) =>
  raw(srv.port, { path: HTTP.callPath(op as never), headers, body: JSON.stringify(input) });

function refused(r: RawReply, status: number, code: string): void {
  assert.equal(r.status, status, `status for ${code}: ${r.text.slice(0, 200)}`);
  const body = r.json as { code?: unknown; message?: unknown };
  assert.equal(body?.code, code);
  assert.equal(typeof body.message, 'string');
  assert.ok((body.message as string).length > 10, 'the message says what is wrong');
  assert.match(String(r.headers['content-type']), /^application\/json/);
}

test('a good request with the token is answered (the doors do open)', async () => {
  const r = await call('jobs.search', { limit: 3 });
  assert.equal(r.status, 200);
  assert.equal((r.json as { result: { items: unknown[] } }).result.items.length, 3);
});

test('a request without the token is refused with TOKEN_REQUIRED', async () => {
  const { [HTTP.tokenHeader]: _, ...headers } = good();
  refused(await call('drives.scan', { operator: OPERATOR, serial: 'X1' }, headers), 401, 'TOKEN_REQUIRED');
});

test('a request with a wrong token is refused with TOKEN_WRONG', async () => {
  refused(await call('drives.scan', { operator: OPERATOR, serial: 'X1' }, { ...good(), [HTTP.tokenHeader]: 'guess' }), 401, 'TOKEN_WRONG');
  refused(await call('station.info', {}, { ...good(), [HTTP.tokenHeader]: `${srv.token}x` }), 401, 'TOKEN_WRONG');
});

test('the token of an earlier run is refused: every run makes a fresh one', async () => {
  const other = tempDir();
  const earlier = await startStationServer({ dataDir: other.dir, demo: false });
  const oldToken = earlier.token;
  await earlier.close();
  other.remove();
  assert.notEqual(oldToken, srv.token);
  assert.ok(Buffer.from(srv.token, 'base64url').length >= 32, 'the token has at least 256 bits');
  refused(await call('station.info', {}, { ...good(), [HTTP.tokenHeader]: oldToken }), 401, 'TOKEN_WRONG');
});

test('a request naming a foreign Host is refused with FOREIGN_HOST (no DNS rebinding)', async () => {
  for (const host of [
    'evil.example',
    `evil.example:${srv.port}`,
    `127.0.0.1:${srv.port + 1}`,
    `127.0.0.1.evil.example:${srv.port}`,
    `[::1]:${srv.port}`,
  ]) {
    refused(await call('station.info', {}, { ...good(), host }), 403, 'FOREIGN_HOST');
  }
  // no Host at all
  for (const version of ['1.0', '1.1']) {
    const bare = await rawSocket(
      `POST ${HTTP.callPath('station.info')} HTTP/${version}\r\ncontent-type: application/json\r\n${HTTP.tokenHeader}: ${srv.token}\r\nconnection: close\r\ncontent-length: 2\r\n\r\n{}`,
    );
    assert.equal(bare.status, 403, `HTTP/${version} without Host`);
    assert.equal(bare.json.code, 'FOREIGN_HOST');
  }
  // the page itself is not served to a foreign Host either
  refused(await raw(srv.port, { method: 'GET', path: '/', headers: { host: 'evil.example' } }), 403, 'FOREIGN_HOST');
});

test('localhost and 127.0.0.1 on the right port are both the station', async () => {
  assert.equal((await call('station.info', {}, { ...good(), host: `localhost:${srv.port}` })).status, 200);
  assert.equal((await call('station.info', {}, { ...good(), host: `LOCALHOST:${srv.port}` })).status, 200);
});

test('a request from a foreign Origin is refused with FOREIGN_ORIGIN, even with the token', async () => {
  for (const origin of [
    'http://evil.example',
    'null',
    `http://127.0.0.1:${srv.port + 1}`,
    `https://127.0.0.1:${srv.port}`,
    `http://localhost.evil.example:${srv.port}`,
  ]) {
    refused(await call('drives.scan', { operator: OPERATOR, serial: 'X1' }, { ...good(), origin }), 403, 'FOREIGN_ORIGIN');
  }
  assert.equal(
    (await call('station.info', {}, { ...good(), origin: `http://127.0.0.1:${srv.port}` })).status,
    200,
    'its own origin is welcome',
  );
});

test('an unknown operation is refused with UNKNOWN_OPERATION', async () => {
  for (const op of [
    'drives.explode',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    '',
    'drives.scan/extra',
    '..%2f..%2fetc',
    '%E0%A4%A',
  ]) {
    refused(await raw(srv.port, { path: `${HTTP.callPrefix}${op}`, headers: good(), body: '{}' }), 404, 'UNKNOWN_OPERATION');
  }
  refused(await raw(srv.port, { path: '/api/other', headers: good(), body: '{}' }), 404, 'NO_SUCH_PATH');
});

test('input that fails the schema is refused with BAD_INPUT', async () => {
  const cases: [string, unknown][] = [
    ['drives.scan', { operator: OPERATOR }],
    ['drives.scan', { operator: OPERATOR, serial: 12 }],
    ['drives.scan', { operator: OPERATOR, serial: 'X1', extra: 1 }],
    ['drives.scan', { operator: '', serial: 'X1' }],
    ['drives.scan', { operator: OPERATOR, serial: 'x'.repeat(300) }],
    ['drives.scan', []],
    ['drives.scan', 'X1'],
    ['drives.scan', null],
    ['jobs.extendWait', { operator: OPERATOR, name: 'a', days: 1e9 }],
    ['copy.record', { operator: OPERATOR, driveId: 'X', percentComplete: -1 }],
    ['settings.update', { operator: OPERATOR, patch: { stationId: 'no spaces allowed' } }],
    ['packages.receive', { operator: 'Someone Else', trackingNumber: '1234567890' }],
  ];
  for (const [op, input] of cases) refused(await call(op, input), 400, 'BAD_INPUT');
  // a borrowed prototype does not smuggle a field in
  refused(
    await raw(srv.port, {
      path: HTTP.callPath('drives.scan'),
      headers: good(),
      body: '{"__proto__": {"operator": "Amy Lin"}, "serial": "X1"}',
    }),
    400,
    'BAD_INPUT',
  );
  assert.equal(({} as Record<string, unknown>).operator, undefined, 'nothing leaked into Object.prototype');
});

test("a refusal of the dock's rules is a 409 or 422 with the rule's code", async () => {
  refused(await call('jobs.get', { name: 'no-such-job' }), 422, 'JOB_UNKNOWN');
  refused(
    await call('drives.scan', { operator: OPERATOR, serial: 'WD-NOPE-0001', trackingNumber: 'NOT-RECEIVED-1' }),
    422,
    'PACKAGE_UNKNOWN',
  );
  const existing = (await call('jobs.search', { limit: 1 })).json as { result: { items: { name: string }[] } };
  const name = existing.result.items[0]!.name;
  refused(await call('jobs.put', { operator: OPERATOR, job: { name, properties: { jobType: 'Import' } } }), 409, 'JOB_EXISTS');
});

test("a refusal of the dock's rules is a 400, 403, 409 or 422; only the station's own store, the dock database or a backup copy failing is a 5xx", () => {
  for (const code of RULE_ERROR_CODES) {
    const storeFault = ['STORE_FULL', 'STORE_DAMAGED', 'STORE_DISK_ERROR', 'STORE_TOO_NEW', 'STORE_UNREACHABLE', 'BACKUP_FAILED'].includes(
      code,
    );
    // 403: a person the station does not allow to do this (a wrong PIN, not a supervisor)
    const expected: readonly number[] = storeFault ? [500, 503, 507] : [400, 403, 409, 422];
    assert.ok(expected.includes(statusFor(code)), `${code} → ${statusFor(code)}`);
    assert.equal(statusFor(code), ERRORS[code].status, `${code}: the server answers the table's status`);
  }
});

test('a body larger than the cap is refused with BODY_TOO_LARGE, declared or streamed', async () => {
  const big = Buffer.alloc(HTTP.maxBodyBytes + 1024, 0x20);
  refused(
    await raw(srv.port, { path: HTTP.callPath('jobs.import'), headers: { ...good(), 'content-length': big.length }, body: big }),
    413,
    'BODY_TOO_LARGE',
  );
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  refused(
    await raw(srv.port, {
      path: HTTP.callPath('jobs.import'),
      headers: { ...good(), 'transfer-encoding': 'chunked' },
      chunked: Array(10).fill(chunk),
    }),
    413,
    'BODY_TOO_LARGE',
  );
  // a valid JSON document just over the cap, too
  const json = JSON.stringify({ operator: OPERATOR, json: 'x'.repeat(HTTP.maxBodyBytes) });
  refused(await raw(srv.port, { path: HTTP.callPath('jobs.import'), headers: good(), body: json }), 413, 'BODY_TOO_LARGE');
});

test('a body that is not JSON is refused: NOT_JSON, or UNSUPPORTED_MEDIA_TYPE when not sent as JSON', async () => {
  for (const body of ['', '{', '{"operator": "Amy Lin", "serial": "X1"', 'undefined', "{'a': 1}", '\u0000', 'NaN', '{"a":1}{"b":2}']) {
    refused(await raw(srv.port, { path: HTTP.callPath('drives.scan'), headers: good(), body }), 400, 'NOT_JSON');
  }
  refused(
    await raw(srv.port, { path: HTTP.callPath('drives.scan'), headers: good(), body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }),
    400,
    'NOT_JSON',
  );
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', '']) {
    const headers: Record<string, string> = { ...good(), 'content-type': type };
    if (!type) delete headers['content-type'];
    refused(
      await raw(srv.port, { path: HTTP.callPath('drives.scan'), headers, body: JSON.stringify({ operator: OPERATOR, serial: 'X1' }) }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  }
});

test('an operation is called with POST only', async () => {
  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    const r = await raw(srv.port, { method, path: HTTP.callPath('station.info'), headers: good() });
    refused(r, 405, 'METHOD_NOT_ALLOWED');
    assert.equal(r.headers['access-control-allow-origin'], undefined, 'no CORS: other sites get nothing');
  }
});

/** Bytes straight onto a socket, for requests no HTTP client would send. */
function rawSocket(bytes: string): Promise<{ status: number; json: { code?: string; message?: string } }> {
  return new Promise((resolve, reject) => {
    const s = connect(srv.port, '127.0.0.1', () => s.write(bytes));
    let text = '';
    s.on('data', (d) => {
      text += d.toString();
    });
    const done = () => {
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      let json = {};
      try {
        json = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as object;
      } catch {
        /* asserted on below */
      }
      resolve({ status, json });
    };
    s.on('end', done);
    // a server that stops reading may reset the connection after answering: the answer is what counts
    s.on('error', (e) => (text ? done() : reject(e)));
  });
}

test('a request that is not valid HTTP still gets { code, message }', async () => {
  const broken = await rawSocket('POST /api/call/station.info HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n');
  assert.equal(broken.status, 400);
  assert.equal(broken.json.code, 'MALFORMED_REQUEST');
  const garbage = await rawSocket('\u0001\u0002 hello\r\n\r\n');
  assert.equal(garbage.status, 400);
  assert.equal(garbage.json.code, 'MALFORMED_REQUEST');
  const huge = await rawSocket(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
  assert.equal(huge.status, 431);
  assert.equal(huge.json.code, 'HEADERS_TOO_LARGE');
});

test('the change stream needs the token, the Host and the Origin too', async () => {
  const { [HTTP.tokenHeader]: _, ...noToken } = good();
  refused(await raw(srv.port, { method: 'GET', path: HTTP.eventsPath, headers: noToken }), 401, 'TOKEN_REQUIRED');
  refused(
    await raw(srv.port, { method: 'GET', path: HTTP.eventsPath, headers: { ...good(), origin: 'http://evil.example' } }),
    403,
    'FOREIGN_ORIGIN',
  );
  refused(await raw(srv.port, { method: 'POST', path: HTTP.eventsPath, headers: good(), body: '{}' }), 405, 'METHOD_NOT_ALLOWED');
});

test('the page is served with the strict Content-Security-Policy, and nothing outside the renderer is', async () => {
  const rendererDir = join(dir.dir, 'renderer-fixture');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><title>station</title><script type="module" src="./assets/app.js"></script>',
  );
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir.dir, 'secret.txt'), 'not for the page');
  const other = await startStationServer({ dataDir: join(dir.dir, 'second-station'), rendererDir, demo: false, clock: clockAt() });
  try {
    const get = (path: string) => raw(other.port, { method: 'GET', path, headers: { host: `127.0.0.1:${other.port}` } });
    const page = await get('/');
    assert.equal(page.status, 200);
    assert.match(page.text, /<title>station<\/title>/);
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    const js = await get('/assets/app.js');
    assert.equal(js.status, 200);
    assert.match(String(js.headers['content-type']), /^text\/javascript/);
    assert.equal((await get('/receive')).text, page.text, "a screen's path is the page");
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/assets/missing.js']) {
      const r = await get(path);
      assert.ok(!r.text.includes('not for the page'), `${path} must not leak`);
      assert.ok(r.status === 404 || r.text === page.text, `${path}: ${r.status}`);
    }
  } finally {
    await other.close();
  }
});

test('without a built renderer the server says how to build it', async () => {
  const r = await raw(srv.port, { method: 'GET', path: '/', headers: { host: `127.0.0.1:${srv.port}` } });
  // the suite's server points at dist/renderer, which may or may not be built; a fresh one points nowhere
  const other = await startStationServer({
    dataDir: join(dir.dir, 'second-station'),
    rendererDir: join(dir.dir, 'no-renderer-here'),
    demo: false,
    clock: clockAt(),
  });
  try {
    const page = await raw(other.port, { method: 'GET', path: '/', headers: { host: `127.0.0.1:${other.port}` } });
    assert.equal(page.status, 503);
    assert.match(page.text, /renderer not built: run npm run build:renderer/);
    assert.ok(page.headers['content-security-policy']);
  } finally {
    await other.close();
  }
  assert.ok(r.status === 200 || r.status === 503);
});

test('the server listens on 127.0.0.1 only', async (t) => {
  const outside = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  if (!outside) {
    t.skip('this machine has no non-loopback IPv4 address to try the server from');
    return;
  }
  const reached = await new Promise<boolean>((resolve) => {
    const s = connect(srv.port, outside.address);
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
  assert.equal(reached, false, `not reachable on ${outside.address}`);
});

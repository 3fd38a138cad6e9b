// 10,000 random and malformed requests through the station server's HTTP, over loopback only. Every one is
// bad by construction (wrong or missing token, foreign Host or Origin, unknown operation, a body that is
// not JSON or not sent as JSON, input that fails the schema, an operator who is not of this station, a
// query about nothing that exists). The server must stay up, answer each with a 4xx and { code, message },
// and leave the store exactly as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startStationServer } from '../../electron/server.ts';
import { statusOf } from '../../electron/core/errors.ts';
import { HTTP, type OpName } from '../../electron/api/contract.ts';
import { operations } from '../../electron/api/operations.ts';
import { DEMO_SETTINGS } from '../../electron/api/settings-schema.ts';
import { clockAt, dumpStore, raw, tempDir } from './helpers.ts';

const RUNS = 10_000;
const OPS = Object.keys(operations) as OpName[];
const inputs = Object.fromEntries(OPS.map((op) => [op, operations[op].input])) as { [K in OpName]: (typeof operations)[K]['input'] };
/** Operations name an operator; queries do not. */
const OPERATIONS = OPS.filter((op) => 'operator' in (inputs[op] as unknown as { shape: object }).shape);
const QUERIES = OPS.filter((op) => !OPERATIONS.includes(op));
const OPERATOR_NAMES = new Set(DEMO_SETTINGS.operators.flatMap((o) => [o.name.toLowerCase(), (o.badge ?? '').toLowerCase()]));

interface Req {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** Printable ASCII: what any HTTP client can put in a header. */
const headerText = fc.string({ unit: 'binary-ascii', maxLength: 80 }).map((s) => s.replace(/[^\x20-\x7e]/g, '').trim());
const anyText = fc.string({ unit: 'binary', maxLength: 200 });
const json = fc.jsonValue({ maxDepth: 4 });
const notOperator = anyText.filter((s) => !OPERATOR_NAMES.has(s.trim().toLowerCase()));

export function requests(port: number, token: string): fc.Arbitrary<Req> {
  const hostOk = `127.0.0.1:${port}`;
  const good = { host: hostOk, 'content-type': 'application/json', [HTTP.tokenHeader]: token };
  const op = fc.constantFrom(...OPS);
  const call = (kind: string, o: string, headers: Record<string, string>, body: string | Buffer, method = 'POST'): Req => ({
    kind,
    method,
    path: HTTP.callPrefix + encodeURIComponent(o),
    headers,
    body,
  });

  const badToken = fc
    .tuple(op, json, fc.oneof(fc.constant(null), headerText, fc.constant(token.slice(0, -1)), fc.constant(`${token} `)))
    .filter(([, , t]) => t === null || t.trim() !== token)
    .map(([o, input, t]) => {
      const { [HTTP.tokenHeader]: _, ...rest } = good;
      return call('badToken', o, t === null || t === '' ? rest : { ...rest, [HTTP.tokenHeader]: t }, JSON.stringify(input));
    });
  const foreignHost = fc
    .tuple(op, json, headerText)
    .filter(([, , h]) => ![hostOk, `localhost:${port}`].includes(h.toLowerCase()))
    .map(([o, input, host]) => call('foreignHost', o, { ...good, host: host || 'evil.example' }, JSON.stringify(input)));
  const foreignOrigin = fc
    .tuple(op, json, fc.oneof(fc.webUrl(), headerText, fc.constant('null')))
    .map(([, , origin]) => origin)
    .filter((origin) => origin !== '' && ![`http://127.0.0.1:${port}`, `http://localhost:${port}`].includes(origin.toLowerCase()))
    .chain((origin) => fc.tuple(op, json).map(([o, input]) => call('foreignOrigin', o, { ...good, origin }, JSON.stringify(input))));
  const unknownOp = fc
    .tuple(
      anyText.filter((s) => !(OPS as string[]).includes(s)),
      json,
    )
    .map(([o, input]) => call('unknownOp', o, good, JSON.stringify(input)));
  const notJson = fc
    .tuple(
      op,
      fc.oneof(
        anyText,
        fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      ),
    )
    .filter(([, body]) => {
      try {
        JSON.parse(typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body));
        return false;
      } catch {
        return true;
      }
    })
    .map(([o, body]) => call('notJson', o, good, body));
  const wrongType = fc
    .tuple(
      op,
      json,
      headerText.filter((t) => t.split(';')[0]!.trim().toLowerCase() !== 'application/json'),
    )
    .map(([o, input, type]) => {
      const { 'content-type': _, ...rest } = good;
      return call('wrongType', o, type ? { ...rest, 'content-type': type } : rest, JSON.stringify(input));
    });
  const wrongMethod = fc
    .tuple(op, fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'))
    .map(([o, method]) => call('wrongMethod', o, good, method === 'GET' ? '' : '{}', method));
  // input the operation's schema refuses
  const schemaFail = fc
    .tuple(
      op,
      fc.oneof(
        json,
        fc.anything({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v ?? null)) as unknown),
      ),
    )
    // (no input, `null`, is taken as `{}` by the dispatcher, as it is for a call without input)
    .filter(([o, input]) => !inputs[o].safeParse(input ?? {}).success)
    .map(([o, input]) => call('schemaFail', o, good, JSON.stringify(input)));
  // a well-formed change made by someone who is not an operator of this station
  const strangerOperation = fc
    .tuple(
      fc.constantFrom(...OPERATIONS),
      notOperator,
      fc.dictionary(
        fc.constantFrom('name', 'serial', 'trackingNumber', 'driveId', 'reason', 'jobName', 'days', 'json', 'patch', 'job'),
        json,
        { maxKeys: 3 },
      ),
    )
    .map(([o, who, rest]) => call('strangerOperation', o, good, JSON.stringify({ ...rest, operator: who })));
  // queries about things that do not exist, with every kind of text in them
  const nothingThere = fc
    .tuple(
      anyText,
      fc.constantFrom('jobs.get', 'jobs.possibilities', 'drives.possibilities', 'packages.get', 'custody.csv', 'operators.identify'),
    )
    .map(([text, o]) => {
      const key = {
        'jobs.get': 'name',
        'jobs.possibilities': 'name',
        'drives.possibilities': 'driveId',
        'packages.get': 'trackingNumber',
        'custody.csv': 'jobName',
        'operators.identify': 'code',
      }[o];
      return call('nothingThere', o, good, JSON.stringify({ [key]: `zz-${text}` }));
    });
  // any query with a key it does not know (every schema is strict)
  const extraKey = fc
    .tuple(fc.constantFrom(...QUERIES), fc.string({ minLength: 1, maxLength: 20 }), json)
    .filter(([o, k]) => !(k in (inputs[o] as unknown as { shape: object }).shape))
    .map(([o, k, v]) => call('extraKey', o, good, JSON.stringify({ [k]: v })));
  const otherPath = fc.tuple(anyText, fc.constantFrom('GET', 'POST')).map(([p, method]): Req => ({
    kind: 'otherPath',
    method,
    path: `/api/${encodeURI(p).replace(/^\/+/, '')}`.replace(/^\/api\/call\//, '/api/x/').replace(/^\/api\/events$/, '/api/eventz'),
    headers: good,
    body: method === 'GET' ? '' : '{}',
  }));

  return fc.oneof(
    badToken,
    foreignHost,
    foreignOrigin,
    unknownOp,
    notJson,
    wrongType,
    wrongMethod,
    { arbitrary: schemaFail, weight: 3 },
    { arbitrary: strangerOperation, weight: 2 },
    nothingThere,
    extraKey,
    otherPath,
  );
}

test(
  `${RUNS.toLocaleString('en')} random and malformed requests: each a 4xx with a reason, the server up, the store unchanged`,
  { timeout: 120_000 },
  async () => {
    const dir = tempDir();
    const srv = await startStationServer({ dataDir: dir.dir, clock: clockAt(), demo: { jobs: 16, seed: 3 } });
    try {
      const before = dumpStore(srv.station.store);
      const kinds = new Map<string, number>();
      const codes = new Map<string, number>();
      let n = 0;
      await fc.assert(
        fc.asyncProperty(requests(srv.port, srv.token), async (r) => {
          const reply = await raw(srv.port, {
            method: r.method,
            path: r.path,
            headers: r.headers,
            body: r.method === 'GET' ? undefined : r.body,
          });
          assert.ok(reply.status >= 400 && reply.status < 500, `${r.kind}: ${reply.status} ${reply.text.slice(0, 200)}`);
          const body = reply.json as { code?: unknown; message?: unknown } | undefined;
          assert.equal(typeof body?.code, 'string', `${r.kind}: a code (${reply.text.slice(0, 100)})`);
          assert.equal(typeof body?.message, 'string', `${r.kind}: a message`);
          assert.ok((body!.message as string).length > 0);
          assert.equal(statusOf(body!.code as string), reply.status, `${r.kind}: status matches code ${String(body!.code)}`);
          kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
          codes.set(body!.code as string, (codes.get(body!.code as string) ?? 0) + 1);
          if (++n % 1000 === 0) {
            const alive = await raw(srv.port, {
              path: HTTP.callPath('station.info'),
              headers: { 'content-type': 'application/json', [HTTP.tokenHeader]: srv.token },
              body: '{}',
            });
            assert.equal(alive.status, 200, 'the server still answers');
          }
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      assert.equal(n, RUNS);
      assert.deepEqual(dumpStore(srv.station.store), before, 'the store is unchanged');
      // every kind of bad request was tried, and the refusals were of many kinds
      for (const k of [
        'badToken',
        'foreignHost',
        'foreignOrigin',
        'unknownOp',
        'notJson',
        'wrongType',
        'wrongMethod',
        'schemaFail',
        'strangerOperation',
        'nothingThere',
        'extraKey',
        'otherPath',
      ]) {
        assert.ok((kinds.get(k) ?? 0) > 100, `${k} was tried (${kinds.get(k) ?? 0} times)`);
      }
      assert.ok(codes.size >= 10, `refused with ${[...codes.keys()].join(', ')}`);
      const live = await raw(srv.port, {
        path: HTTP.callPath('jobs.search'),
        headers: { 'content-type': 'application/json', [HTTP.tokenHeader]: srv.token },
        body: JSON.stringify({ limit: 1 }),
      });
      assert.equal(live.status, 200);
      if (process.env.FUZZ_REPORT) console.log(Object.fromEntries(kinds), Object.fromEntries(codes));
    } finally {
      await srv.close();
      dir.remove();
    }
  },
);

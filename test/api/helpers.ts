// What the API tests share: fresh stations on temporary directories, a dump of every table (to prove a
// refusal changed nothing), the in-process side of the contract, and a raw HTTP request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request, Agent, type IncomingHttpHeaders } from 'node:http';
import { ManualClock } from '../../electron/core/clock.ts';
import type { DockStore } from '../../electron/core/store/index.ts';
import { ApiError, type IntakeApi } from '../../electron/api/contract.ts';
import type { Dispatcher } from '../../electron/api/dispatcher.ts';
import { dumpTables } from '../store-file.ts';
import { after } from 'node:test';
import { newDatabase, onPostgres, testCluster } from '../pg-cluster.ts';

// DOCK_TEST_STORE=postgres: the stations of this run keep their records in PostgreSQL databases of their own
if (onPostgres) await testCluster();

/** Where a test station keeps its records: its data directory's SQLite file, or a new PostgreSQL database on a PostgreSQL run. */
export function storeOption(): { database?: string } {
  if (!onPostgres) return {};
  const db = newDatabase();
  after(() => db.drop());
  return { database: db.url };
}

/** As storeOption, for a station a whole file shares (opened in `before`): `drop` goes in that file's `after`. */
export function sharedStoreOption(): { option: { database?: string }; drop: () => void } {
  if (!onPostgres) return { option: {}, drop: () => {} };
  const db = newDatabase();
  return { option: { database: db.url }, drop: db.drop };
}

export const OPERATOR = 'Amy Lin';
/** The demo dock's supervisor, who signs settings changes with DEMO_SUPERVISOR_PIN. */
export const SUPERVISOR = 'Dana Wu';
export { DEMO_SUPERVISOR_PIN } from '../../electron/api/settings-schema.ts';
export const START = '2026-11-02T09:00:00Z';

export function tempDir(prefix = 'dock-intake-api-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const clockAt = (at = START) => new ManualClock(at);

/** Every row of every table (and the schema version), in a stable order: equal dumps, equal stores. */
export function dumpStore(store: DockStore): Record<string, unknown> {
  return { version: store.version, ...dumpTables(store.path) };
}

/** The contract in-process: the dispatcher, with refusals thrown as ApiError like both transports do. */
export function inProcessApi(dispatcher: Dispatcher): IntakeApi {
  return {
    async call(op, input) {
      const reply = await dispatcher.dispatch(op, input);
      if (reply.ok) return reply.result as never;
      throw new ApiError(reply.error);
    },
    onChange: (l) => dispatcher.onChange(l),
  } satisfies IntakeApi;
}

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

export const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** A request exactly as given: any method, path, headers (Host and Origin too) and body bytes. */
export function raw(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer; chunked?: Buffer[] },
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers, agent },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    // a server may answer (and stop reading) before a long body is sent: that answer is what counts
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    if (opts.chunked) {
      for (const c of opts.chunked) req.write(c);
      req.end();
    } else req.end(opts.body);
  });
}

/** A job on its way to the dock: Shipping, with its address, return shipping and listed drives. */
export function shippingJob(name: string, tracking: string, serials: string[]) {
  return {
    name,
    properties: {
      jobType: 'Import',
      state: 'Shipping',
      deliveryPackage: { carrierName: 'DHL', trackingNumber: tracking, driveCount: serials.length, shipDate: '2026-10-30' },
      returnAddress: {
        recipientName: 'Mei Chang',
        streetAddress1: '12 Harbour Road',
        city: 'Keelung',
        postalCode: '202',
        countryOrRegion: 'TW',
        phone: '+886 2 5555 0101',
        email: 'mei@example.com',
      },
      returnShipping: { carrierName: 'DHL', carrierAccountNumber: '123456789' },
      diagnosticsPath: 'waimportexport',
      driveList: serials.map((driveId) => ({
        driveId,
        bitLockerKey: '111111-222222-333333-444444-555555-666666-777777-888888',
        manifestFile: '\\DriveManifest.xml',
        manifestHash: 'ABCDEF0123456789ABCDEF0123456789',
      })),
    },
  };
}

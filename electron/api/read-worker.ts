// A reader thread (see readers.ts): opens the store read-only through the same factory the station used, then
// answers the operations marked `read` with the very `run` the station's thread would, in one snapshot each.
// Its clock, the station's judgement of that clock and the settings come with each call from the station.
import { parentPort, workerData } from 'node:worker_threads';
import type { Clock } from '../core/clock.ts';
import { Intake } from '../core/intake.ts';
import { openReader, type StoreReader } from '../core/store/open.ts';
import type { OpName, Reply } from './contract.ts';
import { toErrorBody } from './dispatcher.ts';
import type { OperationContext } from './operation.ts';
import { operations } from './operations.ts';
import type { CallInputs, ReaderData, ReaderMessage, ReaderRequest } from './readers.ts';
import type { SettingsStore } from './settings-schema.ts';

const port = parentPort!;
const data = workerData as ReaderData;
const say = (m: ReaderMessage) => port.postMessage(m);

let reader: StoreReader;
try {
  reader = openReader(data.store);
  Atomics.store(data.state, 0, 1);
} catch (e) {
  say({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
  port.close();
  throw e;
}

/** The call being answered: its clock reading, clock judgement and settings. */
let call: CallInputs | null = null;
const inputs = (): CallInputs => {
  if (!call) throw new Error('a reader read outside a call');
  return call;
};
const clock: Clock = { now: () => new Date(call ? call.now : Date.now()) };
const intake = new Intake({ store: reader.store, clock, clockStatus: () => inputs().clock });
const settings: SettingsStore = {
  get: () => inputs().settings,
  update() {
    throw new Error('a reader does not change settings');
  },
  get problem() {
    return inputs().settingsProblem;
  },
};
const ctx: OperationContext = {
  intake,
  settings,
  get transport() {
    return inputs().transport;
  },
  get version() {
    return inputs().version;
  },
  get demoJobs() {
    return inputs().demoJobs;
  },
  actor() {
    throw new Error('an operation marked read named an operator: it belongs on the station thread');
  },
  stationId: () => inputs().settings.stationId,
  labelOutputs: () => Promise.reject(new Error('an operation marked read printed: it belongs on the station thread')),
};

interface AnyOperation {
  run(input: unknown, ctx: OperationContext): unknown;
  access: 'read' | 'write';
}

async function answer(op: OpName, input: unknown): Promise<Reply<OpName>> {
  const operation = operations[op] as AnyOperation | undefined;
  if (!operation || operation.access !== 'read') return { ok: false, error: toErrorBody(new Error(`${op} is not a read`)) };
  if (data.hold) {
    Atomics.add(data.hold, 1, 1);
    Atomics.notify(data.hold, 1);
    Atomics.wait(data.hold, 0, 0);
  }
  try {
    // one snapshot per answer, ended with it: the next answer sees every commit made meanwhile
    const result = await reader.snapshot(() => operation.run(input, ctx));
    return { ok: true, result } as Reply<OpName>;
  } catch (e) {
    const body = toErrorBody(e);
    if (body.code === 'INTERNAL' || body.code.startsWith('STORE_')) {
      console.error(`[intake] ${op} failed on a reader:`, e instanceof Error ? e.message : e);
    }
    return { ok: false, error: body };
  }
}

// calls are answered one at a time, in the order they came: a reader is one connection
let queue: Promise<void> = Promise.resolve();
port.on('message', (m: ReaderRequest) => {
  queue = queue.then(async () => {
    if (m.type === 'close') {
      reader.close();
      Atomics.store(data.state, 1, 1);
      Atomics.notify(data.state, 1);
      port.close();
      return;
    }
    call = m.call;
    let reply: Reply<OpName>;
    try {
      reply = await answer(m.op, m.input);
    } finally {
      call = null;
    }
    try {
      say({ type: 'reply', id: m.id, reply });
    } catch (e) {
      // an answer that cannot cross to the station's thread is a fault of the station, said as one
      say({ type: 'reply', id: m.id, reply: { ok: false, error: toErrorBody(e) } });
    }
  });
});
say({ type: 'ready' });

// The station's setup: settings are a supervisor's, behind their PIN, checked by the station itself; every
// change is a custody record of subject `station` naming who changed what; a PIN is kept only as a hash and
// never leaves the station; a blank station sets itself up once, or takes the demo dock while it is empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { openStation, type Station } from '../../electron/station.ts';
import { settingsPath } from '../../electron/settings.ts';
import { ApiError, type IntakeApi } from '../../electron/api/contract.ts';
import { closeSharedPdfRenderer } from '../../electron/labels/pdf.ts';
import { DEMO_SUPERVISOR_PIN, clockAt, dumpStore, inProcessApi, OPERATOR, SUPERVISOR, tempDir } from './helpers.ts';

const PIN = DEMO_SUPERVISOR_PIN;

/** A station on a fresh directory: the demo dock's people (no jobs), or a blank one. */
async function withStation(blank: boolean, fn: (api: IntakeApi, station: Station) => Promise<void>): Promise<void> {
  const t = tempDir();
  const station = openStation({ dataDir: t.dir, transport: 'http', clock: clockAt(), demo: false, blank, sweepEveryMs: false });
  try {
    await fn(inProcessApi(station.dispatcher), station);
  } finally {
    station.close();
    t.remove();
  }
}

/** What a refusal must leave as it was: the settings file and every table of the store (custody included). */
function snapshot(station: Station) {
  return { settings: readFileSync(settingsPath(station.dataDir), 'utf8'), store: dumpStore(station.store) };
}

async function refusedWith(code: string, p: Promise<unknown>): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof ApiError && e.code === code, `expected ${code}`);
}

const address = { name: 'Keelung Receiving', streetAddress1: '9 Harbour Rd', city: 'Keelung', postalCode: '200', countryOrRegion: 'TW' };

test('a wrong PIN changes no setting and writes no custody record', async () => {
  await withStation(false, async (api, station) => {
    const before = snapshot(station);
    await refusedWith('PIN_WRONG', api.call('settings.update', { operator: SUPERVISOR, pin: '0000', patch: { dockName: 'Changed' } }));
    await refusedWith('PIN_WRONG', api.call('settings.update', { operator: SUPERVISOR, pin: '', patch: { dockName: 'Changed' } }));
    assert.deepEqual(snapshot(station), before);
  });
});

test('an operator who is not a supervisor cannot change settings, whatever PIN they type', async () => {
  await withStation(false, async (api, station) => {
    const before = snapshot(station);
    await refusedWith('NOT_SUPERVISOR', api.call('settings.update', { operator: OPERATOR, pin: PIN, patch: { dockName: 'Changed' } }));
    await refusedWith('NOT_SUPERVISOR', api.call('settings.unlock', { operator: OPERATOR, pin: PIN }));
    assert.deepEqual(snapshot(station), before);
  });
});

test('a bad field refuses the whole change: nothing is saved and nothing recorded', async () => {
  await withStation(false, async (api, station) => {
    const before = snapshot(station);
    await refusedWith(
      'BAD_INPUT',
      api.call('settings.update', {
        operator: SUPERVISOR,
        pin: PIN,
        patch: { dockName: 'North Dock', idleSignOutMinutes: 0 },
      }),
    );
    await refusedWith(
      'BAD_INPUT',
      api.call('settings.update', {
        operator: SUPERVISOR,
        pin: PIN,
        patch: { dockAddress: { ...address, city: '' } },
      }),
    );
    assert.deepEqual(snapshot(station), before);
  });
});

test('each field changed is one custody record of the station naming the supervisor, what it was and what it is', async () => {
  await withStation(false, async (api, station) => {
    const saved = await api.call('settings.update', {
      operator: SUPERVISOR,
      pin: PIN,
      patch: { dockName: 'North Dock', idleSignOutMinutes: 5, language: 'en' },
    });
    assert.equal(saved.dockName, 'North Dock');
    const changes = station.intake.stationCustody();
    assert.deepEqual(changes.map((c) => c.action).sort(), ['settings.dockName', 'settings.idleSignOutMinutes']);
    for (const c of changes) {
      assert.equal(c.subject, 'station');
      assert.equal(c.operator, SUPERVISOR);
      assert.equal(c.station, 'dock-1');
    }
    assert.deepEqual(changes.find((c) => c.action === 'settings.dockName')?.detail, {
      field: 'dockName',
      before: 'Datacenter Receiving Dock',
      after: 'North Dock',
    });
    const again = await api.call('settings.update', { operator: SUPERVISOR, pin: PIN, patch: { dockName: 'North Dock' } });
    assert.equal(again.dockName, 'North Dock');
    assert.equal(station.intake.stationCustody().length, 2, 'saving what is already there records nothing');
  });
});

test('a PIN is stored as a scrypt hash and never sent to the screens', async () => {
  await withStation(false, async (api, station) => {
    const ops = (await api.call('settings.get', {})).operators;
    await api.call('settings.update', {
      operator: SUPERVISOR,
      pin: PIN,
      patch: {
        operators: [
          ...ops.map((o) => ({ name: o.name, badge: o.badge, supervisor: o.supervisor })),
          { name: 'Eve Kao', badge: 'OP-0010', supervisor: false, pin: '97531' },
        ],
      },
    });
    const file = readFileSync(settingsPath(station.dataDir), 'utf8');
    assert.ok(!file.includes('97531'), 'the PIN itself is not in the settings file');
    const eve = station.settings.get().operators.find((o) => o.name === 'Eve Kao');
    assert.match(eve?.pinHash ?? '', /^scrypt\$16384\$8\$1\$/);
    const dana = station.settings.get().operators.find((o) => o.name === SUPERVISOR);
    assert.ok(dana?.pinHash, 'a PIN left out of the list is kept, not removed');
    const seen = JSON.stringify([
      await api.call('settings.get', {}),
      await api.call('station.info', {}),
      await api.call('settings.unlock', { operator: SUPERVISOR, pin: PIN }),
    ]);
    assert.ok(!seen.includes('scrypt') && !seen.includes('pinHash') && !seen.includes('97531'), 'no hash and no PIN in any answer');
    const added = station.intake.stationCustody().find((c) => c.action === 'operator.added');
    assert.deepEqual(added?.detail, { name: 'Eve Kao', badge: 'OP-0010', supervisor: false, pin: true });
    assert.ok(!JSON.stringify(station.intake.stationCustody()).includes('scrypt'), 'custody says a PIN was set, never what it is');
  });
});

test('an operator with a PIN signs in only with it', async () => {
  await withStation(false, async (api) => {
    assert.deepEqual(await api.call('operators.identify', { code: 'OP-0009' }), { name: SUPERVISOR, hasPin: true });
    await refusedWith('PIN_REQUIRED', api.call('operators.signIn', { name: SUPERVISOR }));
    await refusedWith('PIN_WRONG', api.call('operators.signIn', { name: SUPERVISOR, pin: '1111' }));
    assert.deepEqual(await api.call('operators.signIn', { name: SUPERVISOR, pin: PIN }), { name: SUPERVISOR, supervisor: true });
    assert.deepEqual(await api.call('operators.signIn', { name: OPERATOR }), { name: OPERATOR, supervisor: false }, 'no PIN, none asked');
  });
});

test('the station keeps a supervisor with a PIN: removing the last one is refused', async () => {
  await withStation(false, async (api, station) => {
    const before = snapshot(station);
    await refusedWith(
      'LAST_SUPERVISOR',
      api.call('settings.update', {
        operator: SUPERVISOR,
        pin: PIN,
        patch: { operators: [{ name: OPERATOR, badge: 'OP-0001', supervisor: false }] },
      }),
    );
    await refusedWith(
      'SUPERVISOR_WITHOUT_PIN',
      api.call('settings.update', {
        operator: SUPERVISOR,
        pin: PIN,
        patch: {
          operators: [
            { name: SUPERVISOR, supervisor: true },
            { name: OPERATOR, badge: 'OP-0001', supervisor: true },
          ],
        },
      }),
    );
    assert.deepEqual(snapshot(station), before);
  });
});

test('two operators cannot share a name or a badge', async () => {
  await withStation(false, async (api, station) => {
    const before = snapshot(station);
    await refusedWith(
      'OPERATOR_DUPLICATE',
      api.call('settings.update', {
        operator: SUPERVISOR,
        pin: PIN,
        patch: {
          operators: [
            { name: SUPERVISOR, badge: 'OP-0009', supervisor: true },
            { name: 'Amy Lin', badge: 'op-0009', supervisor: false },
          ],
        },
      }),
    );
    await refusedWith(
      'OPERATOR_DUPLICATE',
      api.call('settings.update', {
        operator: SUPERVISOR,
        pin: PIN,
        patch: {
          operators: [
            { name: SUPERVISOR, badge: 'OP-0009', supervisor: true },
            { name: 'dana wu', supervisor: false },
          ],
        },
      }),
    );
    assert.deepEqual(snapshot(station), before);
  });
});

test('a renamed operator keeps their PIN, and custody says who they were', async () => {
  await withStation(false, async (api, station) => {
    await api.call('settings.update', {
      operator: SUPERVISOR,
      pin: PIN,
      patch: { operators: [{ name: 'Dana Wu-Lin', was: SUPERVISOR, badge: 'OP-0009', supervisor: true }] },
    });
    assert.deepEqual(await api.call('operators.signIn', { name: 'Dana Wu-Lin', pin: PIN }), { name: 'Dana Wu-Lin', supervisor: true });
    const actions = station.intake.stationCustody().map((c) => [c.action, c.detail?.name]);
    assert.deepEqual(actions.sort(), [
      ['operator.changed', 'Dana Wu-Lin'],
      ['operator.removed', 'Amy Lin'],
      ['operator.removed', 'Ben Chen'],
    ]);
  });
});

test('a blank station asks for setup; setup names the dock and its first supervisor, once', async () => {
  await withStation(true, async (api, station) => {
    const info = await api.call('station.info', {});
    assert.equal(info.setupNeeded, true);
    assert.equal(info.demoAvailable, true);
    assert.deepEqual(info.operators, []);
    await refusedWith(
      'BAD_INPUT',
      api.call('station.setup', {
        dockName: 'Keelung Dock',
        dockAddress: { ...address, streetAddress1: ' ' },
        supervisor: { name: 'Lee Wang', badge: 'SV-1', pin: '4321' },
      }),
    );
    await refusedWith(
      'BAD_INPUT',
      api.call('station.setup', {
        dockName: 'Keelung Dock',
        dockAddress: address,
        supervisor: { name: 'Lee Wang', badge: 'SV-1', pin: '12' },
      }),
    );
    assert.equal(station.intake.stationCustody().length, 0);
    await api.call('station.setup', {
      dockName: 'Keelung Dock',
      dockAddress: address,
      stationId: 'keelung-1',
      supervisor: { name: 'Lee Wang', badge: 'SV-1', pin: '4321' },
    });
    const after = await api.call('station.info', {});
    assert.equal(after.setupNeeded, false);
    assert.equal(after.stationId, 'keelung-1');
    assert.deepEqual(station.settings.get().dockAddress, address);
    const [rec] = station.intake.stationCustody();
    assert.equal(rec?.action, 'station.setUp');
    assert.equal(rec?.operator, 'Lee Wang');
    const before = snapshot(station);
    await refusedWith(
      'SETUP_DONE',
      api.call('station.setup', { dockName: 'Other', dockAddress: address, supervisor: { name: 'Mallory', badge: 'X-1', pin: '1111' } }),
    );
    await refusedWith('SETUP_DONE', api.call('station.loadDemo', {}));
    assert.deepEqual(snapshot(station), before);
  });
});

test('the demo dock loads into an empty blank station in one step, and its supervisor can open Settings', async () => {
  await withStation(true, async (api, station) => {
    const counts = await api.call('station.loadDemo', {});
    assert.ok(counts.jobs > 0);
    const info = await api.call('station.info', {});
    assert.equal(info.setupNeeded, false);
    assert.ok(info.operators.some((o) => o.name === SUPERVISOR && o.supervisor && o.hasPin));
    await api.call('settings.unlock', { operator: SUPERVISOR, pin: PIN });
    assert.equal(station.intake.stationCustody()[0]?.action, 'station.demoLoaded');
  });
});

test("a station with no system printers says so, refuses a system test print, and gives its test label as a PDF to a supervisor's PIN", async () => {
  await withStation(false, async (api, station) => {
    try {
      assert.deepEqual(await api.call('printers.list', {}), { available: false, printers: [] });
      const before = snapshot(station);
      await refusedWith('LABELS_UNAVAILABLE', api.call('printers.testPrint', { operator: SUPERVISOR, pin: PIN, printer: null }));
      await refusedWith('PIN_WRONG', api.call('printers.testPdf', { operator: SUPERVISOR, pin: '0000' }));
      await refusedWith('NOT_SUPERVISOR', api.call('printers.testPdf', { operator: OPERATOR, pin: PIN }));
      const pdf = await api.call('printers.testPdf', { operator: SUPERVISOR, pin: PIN, size: '2x1' });
      assert.equal(pdf.filename, 'test-label-dock-1-2x1.pdf');
      assert.equal(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString(), '%PDF-');
      assert.deepEqual(snapshot(station), before, 'refused or printed, a test label changes nothing');
    } finally {
      await closeSharedPdfRenderer();
    }
  });
});

test("the ZPL printer's test label reaches the printer at the address typed, as ZPL naming the dock; a wrong PIN sends nothing", async () => {
  const got: Buffer[] = [];
  const server = createServer((sock) => {
    const parts: Buffer[] = [];
    sock.on('data', (d: Buffer) => parts.push(d));
    sock.on('end', () => {
      got.push(Buffer.concat(parts));
      sock.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  try {
    await withStation(false, async (api, station) => {
      const before = snapshot(station);
      await refusedWith('PIN_WRONG', api.call('printers.testZpl', { operator: SUPERVISOR, pin: '0000', host: '127.0.0.1', port }));
      await refusedWith('NOT_SUPERVISOR', api.call('printers.testZpl', { operator: OPERATOR, pin: PIN, host: '127.0.0.1', port }));
      assert.equal(got.length, 0, 'a refused test label is never sent');
      const r = await api.call('printers.testZpl', { operator: SUPERVISOR, pin: PIN, host: '127.0.0.1', port });
      assert.equal(r.printer, `127.0.0.1:${port}`);
      assert.equal(got.length, 1);
      const zpl = got[0]!.toString('latin1');
      assert.equal(r.bytes, got[0]!.length);
      assert.match(zpl, /^\^XA/);
      assert.match(zpl.trimEnd(), /\^XZ$/);
      assert.match(zpl, /\^PW812/, 'a 4 x 6 in label at 203 dpi');
      assert.ok(zpl.includes('Datacenter Receiving Dock'), 'the dock named on it');
      assert.deepEqual(snapshot(station), before, 'a test label changes nothing');
    });
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});

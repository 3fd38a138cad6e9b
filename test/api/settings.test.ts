// Station settings: a schema, kept in <dataDir>/settings.json; a file that cannot be read is reported and
// replaced by defaults, and the station starts anyway.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSettings, settingsPath } from '../../electron/settings.ts';
import { DEFAULT_SETTINGS } from '../../electron/api/settings-schema.ts';
import { openStation } from '../../electron/station.ts';
import { startStationServer } from '../../electron/server.ts';
import { HTTP } from '../../electron/api/contract.ts';
import { tempDir } from './helpers.ts';

test('a new station starts on the default settings, with no problem to report', () => {
  const t = tempDir();
  try {
    const s = openSettings(t.dir);
    assert.equal(s.problem, null);
    assert.deepEqual(s.get(), DEFAULT_SETTINGS);
    assert.deepEqual(JSON.parse(readFileSync(settingsPath(t.dir), 'utf8')), DEFAULT_SETTINGS, 'the file on disk is what is in use');
  } finally {
    t.remove();
  }
});

test('saved settings are there after a restart', () => {
  const t = tempDir();
  try {
    openSettings(t.dir).update({ stationId: 'dock-7', language: 'zh-TW', zplPrinter: { host: '10.0.0.9', port: 9100 } });
    const again = openSettings(t.dir).get();
    assert.equal(again.stationId, 'dock-7');
    assert.equal(again.language, 'zh-TW');
    assert.deepEqual(again.zplPrinter, { host: '10.0.0.9', port: 9100 });
  } finally {
    t.remove();
  }
});

test('a settings file that is not JSON is reported, kept aside and replaced by defaults; the station still starts', async () => {
  for (const garbage of ['{ "stationId": "dock-3", ', '', '\u0000\u0001binary', 'null', '[1,2,3]', '"text"', '42']) {
    const t = tempDir();
    try {
      writeFileSync(settingsPath(t.dir), garbage);
      const s = openSettings(t.dir);
      assert.equal(s.problem?.code, 'SETTINGS_CORRUPT', `reported for ${JSON.stringify(garbage)}`);
      assert.match(s.problem.message, /settings/);
      assert.deepEqual(s.get(), DEFAULT_SETTINGS);
      assert.deepEqual(JSON.parse(readFileSync(settingsPath(t.dir), 'utf8')), DEFAULT_SETTINGS, 'a good file replaces it');
      const aside = readdirSync(t.dir).filter((f) => f.startsWith('settings.json.corrupt-'));
      assert.equal(aside.length, 1, 'the unreadable file is kept for a person to look at');
      assert.equal(readFileSync(join(t.dir, aside[0]!), 'utf8'), garbage);
    } finally {
      t.remove();
    }
  }
  // and the station server opens on it and says so through the contract
  const t = tempDir();
  try {
    writeFileSync(settingsPath(t.dir), '{{{');
    const srv = await startStationServer({ dataDir: t.dir, demo: false });
    try {
      const r = await fetch(srv.origin + HTTP.callPath('station.info'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HTTP.tokenHeader]: srv.token },
        body: '{}',
      });
      const info = (await r.json()) as { result: { settingsProblem: { code: string } | null; stationId: string } };
      assert.equal(info.result.settingsProblem?.code, 'SETTINGS_CORRUPT');
      assert.equal(info.result.stationId, DEFAULT_SETTINGS.stationId);
    } finally {
      await srv.close();
    }
  } finally {
    t.remove();
  }
});

test('a settings file with some bad fields keeps the good ones and resets only the bad', () => {
  const t = tempDir();
  try {
    writeFileSync(
      settingsPath(t.dir),
      JSON.stringify({ ...DEFAULT_SETTINGS, stationId: 'dock-9', language: 'fr', sounds: { enabled: 'loud', volume: 7 } }),
    );
    const s = openSettings(t.dir);
    assert.equal(s.problem?.code, 'SETTINGS_CORRUPT');
    assert.match(s.problem.message, /language/);
    assert.match(s.problem.message, /sounds/);
    assert.equal(s.get().stationId, 'dock-9', 'the good field is kept');
    assert.equal(s.get().language, DEFAULT_SETTINGS.language);
    assert.deepEqual(s.get().sounds, DEFAULT_SETTINGS.sounds);
  } finally {
    t.remove();
  }
});

test('a settings file missing fields (an older version) is filled in silently', () => {
  const t = tempDir();
  try {
    writeFileSync(settingsPath(t.dir), JSON.stringify({ stationId: 'dock-4', dockName: 'East Dock' }));
    const s = openSettings(t.dir);
    assert.equal(s.problem, null);
    assert.equal(s.get().dockName, 'East Dock');
    assert.deepEqual(s.get().operators, DEFAULT_SETTINGS.operators);
  } finally {
    t.remove();
  }
});

test('an update the schema refuses changes nothing, in memory or on disk', () => {
  const t = tempDir();
  try {
    const s = openSettings(t.dir);
    const onDisk = readFileSync(settingsPath(t.dir), 'utf8');
    for (const patch of [{ stationId: 'has spaces' }, { labelSize: 'A4' }, { sounds: { enabled: true, volume: 2 } }, { unknown: 1 }]) {
      assert.throws(() => s.update(patch as never));
    }
    assert.deepEqual(s.get(), DEFAULT_SETTINGS);
    assert.equal(readFileSync(settingsPath(t.dir), 'utf8'), onDisk);
  } finally {
    t.remove();
  }
});

test('saving settings after a corrupt start clears the report: the staff have seen them (setting the station up again)', async () => {
  const t = tempDir();
  try {
    writeFileSync(settingsPath(t.dir), 'not json');
    const station = openStation({ dataDir: t.dir, transport: 'http', demo: false });
    try {
      const info = await station.dispatcher.dispatch('station.info', {});
      assert.ok(info.ok && (info.result as { settingsProblem: unknown }).settingsProblem);
      // the defaults a corrupt file falls back to have no supervisor: the station asks to be set up again
      assert.equal((info.result as { setupNeeded: boolean }).setupNeeded, true);
      const saved = await station.dispatcher.dispatch('station.setup', {
        dockName: 'West Dock',
        dockAddress: { name: 'West Dock', streetAddress1: '9 Harbour Rd', city: 'Keelung', postalCode: '200', countryOrRegion: 'TW' },
        supervisor: { name: 'Dana Wu', badge: 'OP-0009', pin: '2468' },
      });
      assert.ok(saved.ok, JSON.stringify(saved));
      const after = await station.dispatcher.dispatch('station.info', {});
      assert.ok(after.ok);
      assert.equal((after.result as { settingsProblem: unknown }).settingsProblem, null);
      assert.equal((after.result as { dockName: string }).dockName, 'West Dock');
    } finally {
      station.close();
    }
  } finally {
    t.remove();
  }
});

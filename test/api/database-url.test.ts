// Which store a station opens: the dock's PostgreSQL database named by --database= or DOCK_INTAKE_DATABASE_URL,
// else its data directory's SQLite file; a password never on a command line, never in a message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { databaseFrom } from '../../electron/station.ts';
import { redactUrl } from '../../electron/core/store/pg-bridge.ts';

test('without --database or DOCK_INTAKE_DATABASE_URL the station keeps its records in its SQLite file', () => {
  assert.equal(databaseFrom(['--data-dir=/srv/dock-1'], {}), undefined);
  assert.equal(databaseFrom([], { DOCK_INTAKE_DATABASE_URL: '  ' }), undefined);
});

test('--database names the dock database, and wins over DOCK_INTAKE_DATABASE_URL', () => {
  const env = { DOCK_INTAKE_DATABASE_URL: 'postgres://dock_station@db2/dock_intake' };
  assert.equal(
    databaseFrom(['--database=postgres://dock_station@db1/dock_intake?sslmode=verify-full'], env),
    'postgres://dock_station@db1/dock_intake?sslmode=verify-full',
  );
  assert.equal(databaseFrom([], env), env.DOCK_INTAKE_DATABASE_URL);
});

test('a password on the command line is refused, and the refusal does not repeat it', () => {
  for (const arg of [
    '--database=postgres://dock_station:s3cret-pw@db1/dock_intake',
    '--database=postgres://dock_station@db1/dock_intake?password=s3cret-pw',
  ]) {
    assert.throws(
      () => databaseFrom([arg], {}),
      (e: unknown) =>
        e instanceof Error && /password/.test(e.message) && /PGPASSWORD|pgpass/.test(e.message) && !e.message.includes('s3cret-pw'),
    );
  }
  // in the environment (readable only by the station's own account) it is taken
  assert.equal(
    databaseFrom([], { DOCK_INTAKE_DATABASE_URL: 'postgres://dock_station:s3cret-pw@db1/dock_intake' })?.includes('s3cret-pw'),
    true,
  );
});

test('anything but a postgres:// URL is refused', () => {
  assert.throws(() => databaseFrom(['--database=mysql://db1/dock'], {}), /postgres:\/\//);
  assert.throws(() => databaseFrom(['--database=db1'], {}), /postgres:\/\//);
});

test('a database URL in a message keeps everything but its password', () => {
  assert.equal(
    redactUrl('postgres://dock_station:s3cret-pw@db1:5433/dock_intake?sslmode=require'),
    'postgres://dock_station:***@db1:5433/dock_intake?sslmode=require',
  );
  assert.equal(redactUrl('postgres://dock_station@db1/dock_intake'), 'postgres://dock_station@db1/dock_intake');
});

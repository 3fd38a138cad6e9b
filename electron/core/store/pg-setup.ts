// A dock's PostgreSQL database set up in one step: the database (byte order, UTF-8), the stations' role, the
// schema (every migration, owned by the administrator who ran it) and the grants that keep custody
// append-only for the stations: they may read and add custody records, never change or delete one.
import { PgBridge, redactUrl } from './pg-bridge.ts';
import { PostgresStore } from './postgres.ts';

export interface SetupOptions {
  /** An administrator's URL (a role that may create databases and roles), e.g. postgres://postgres@db1/postgres. */
  adminUrl: string;
  /** The dock's database (created when missing). */
  database: string;
  /** The role every station connects as (created when missing, LOGIN, no other rights). */
  role: string;
  /** The role's password, set when given (never printed). */
  password?: string;
}

export interface SetupResult {
  createdDatabase: boolean;
  createdRole: boolean;
  version: number;
  /** What the stations are given (no password in it). */
  stationUrl: string;
}

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** The tables a station changes; custody is only read and added to. */
const STATION_TABLES = ['jobs', 'drives', 'packages', 'package_jobs', 'station_clock'];

function withDatabase(url: string, db: string, user?: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  if (user !== undefined) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
}

export function setupDatabase(o: SetupOptions): SetupResult {
  if (!NAME.test(o.database)) throw new Error(`The database name ${o.database} must be lower-case letters, digits and _.`);
  if (!NAME.test(o.role)) throw new Error(`The role name ${o.role} must be lower-case letters, digits and _.`);
  const admin = new PgBridge({
    url: o.adminUrl,
    timeoutMs: 120_000,
    connectTimeoutMs: 10_000,
    readOnly: false,
    listen: false,
    applicationName: 'dock-intake setup',
  });
  let createdDatabase = false;
  let createdRole = false;
  try {
    if (!admin.call(null, 'SELECT 1 FROM pg_database WHERE datname = $1', [o.database]).rows.length) {
      admin.call(`CREATE DATABASE ${o.database} LOCALE 'C' ENCODING 'UTF8' TEMPLATE template0`, null);
      createdDatabase = true;
    }
    if (!admin.call(null, 'SELECT 1 FROM pg_roles WHERE rolname = $1', [o.role]).rows.length) {
      admin.call(`CREATE ROLE ${o.role} LOGIN`, null);
      createdRole = true;
    }
    if (o.password !== undefined) {
      // quoted by the server (format %L), sent as a parameter: the password is in no statement text or log line
      const sql = admin.call(null, 'SELECT format($1, $2::text, $3::text) AS s', ['ALTER ROLE %I PASSWORD %L', o.role, o.password]).rows[0]!
        .s as string;
      admin.call(sql, null);
    }
  } finally {
    admin.close();
  }

  const dockAdminUrl = withDatabase(o.adminUrl, o.database);
  const store = new PostgresStore(dockAdminUrl);
  const version = store.version;
  try {
    const grants = [
      `REVOKE ALL ON DATABASE ${o.database} FROM PUBLIC`,
      `GRANT CONNECT, TEMPORARY ON DATABASE ${o.database} TO ${o.role}`,
      `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
      `GRANT USAGE ON SCHEMA public TO ${o.role}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ${STATION_TABLES.join(', ')} TO ${o.role}`,
      // custody: read and appended to, never changed, deleted or emptied (the trigger refuses it too, for every role)
      `REVOKE ALL ON custody FROM ${o.role}`,
      `GRANT SELECT, INSERT ON custody TO ${o.role}`,
      `GRANT SELECT ON schema_version TO ${o.role}`,
      `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${o.role}`,
    ];
    store.exec(grants.join(';\n'));
  } finally {
    store.close();
  }
  return { createdDatabase, createdRole, version, stationUrl: redactUrl(withDatabase(o.adminUrl, o.database, o.role)) };
}

// `npm run db:setup -- postgres://ADMIN@HOST[:PORT]/postgres [--database=dock_intake] [--role=dock_station]`:
// the dock's shared PostgreSQL database, its stations' role and its schema, in one step (run it again after
// an update: it migrates the schema and renews the grants). The administrator's password comes from
// PGPASSWORD or ~/.pgpass, never the command line; the stations' password, if one is wanted, from
// DOCK_STATION_PASSWORD. Nothing prints a password.
import { argValue } from './station.ts';
import { redactUrl } from './core/store/pg-bridge.ts';
import { setupDatabase } from './core/store/pg-setup.ts';

function main(argv: string[], env: NodeJS.ProcessEnv): void {
  const url = argv.find((a) => !a.startsWith('--'));
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('Usage: npm run db:setup -- postgres://ADMIN@HOST[:PORT]/postgres [--database=dock_intake] [--role=dock_station]');
  }
  if (new URL(url).password) {
    throw new Error(
      `${redactUrl(url)} carries a password, which every local account could read on the command line: ` +
        'set PGPASSWORD or use ~/.pgpass instead.',
    );
  }
  const database = argValue(argv, 'database') ?? 'dock_intake';
  const role = argValue(argv, 'role') ?? 'dock_station';
  const password = env.DOCK_STATION_PASSWORD || undefined;
  const r = setupDatabase({ adminUrl: url, database, role, ...(password ? { password } : {}) });
  console.log(`Dock database ${database}: ${r.createdDatabase ? 'created' : 'already there'}, schema version ${r.version}.`);
  console.log(
    `Station role ${role}: ${r.createdRole ? 'created' : 'already there'}${password ? ', password set' : ''}; ` +
      'it may not change or delete custody.',
  );
  console.log(`Start each station with DOCK_INTAKE_DATABASE_URL=${r.stationUrl} (its password in ~/.pgpass, PGPASSWORD or that URL).`);
}

try {
  main(process.argv.slice(2), process.env);
  process.exit(0);
} catch (e) {
  console.error(`npm run db:setup: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

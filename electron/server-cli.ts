// `npm run serve`: the station in browser mode. Starts the station server on 127.0.0.1 and prints the
// address to open; the token travels in the address's fragment, which the browser never sends anywhere.
//   --data-dir=<dir>   (or DOCK_INTAKE_DATA_DIR; default ~/.dock-intake)
//   --port=<n>         (default: a free port)
//   --database=postgres://user@host/db   the dock's shared database (or DOCK_INTAKE_DATABASE_URL; default: SQLite)
//   --demo / --no-demo a new data directory starts as the demo dock, or blank with the first-run setup
//                      (default: the demo from a development checkout, blank otherwise)
import { join } from 'node:path';
import { argValue, databaseFrom, dataDirFrom, demoWanted } from './station.ts';
import { startStationServer, type StationServer } from './server.ts';

export async function serve(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  mode = 'station server (npm run serve)',
): Promise<StationServer> {
  const dataDir = dataDirFrom(argv, env);
  const portText = argValue(argv, 'port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${portText}"`);
  const database = databaseFrom(argv, env);
  return startStationServer({
    dataDir,
    port,
    mode,
    blank: !demoWanted(argv, join(import.meta.dirname, '..')),
    ...(database ? { database } : {}),
  });
}

/** What a new data directory started as: the demo dock, or a blank station that opens its first-run setup. */
export function newStationNote(server: StationServer): string {
  if (!server.station.created) return '';
  return server.station.store.counts().jobs ? ' (new: the demo dock)' : ' (new: blank, the screens open the first-run setup)';
}

/** Closes the server on Ctrl+C or a kill, once. */
export function closeOnSignals(server: StationServer, after?: () => void): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: closing the station…`);
    void server.close().finally(() => {
      after?.();
      process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (import.meta.main) {
  try {
    const server = await serve(process.argv.slice(2), process.env);
    console.log(`Dock Intake station server: data in ${server.station.dataDir}${newStationNote(server)}`);
    console.log(`Open the station at: ${server.url}`);
    console.log('Listening on 127.0.0.1 only. Ctrl+C stops it.');
    closeOnSignals(server);
  } catch (e) {
    console.error(`The station server could not start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}

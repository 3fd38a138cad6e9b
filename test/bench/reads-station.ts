// The station server the reads benchmark measures, in a process of its own (as a station runs): the data
// directory, the clock and the number of reader threads come from the environment; it prints its address and
// token as one JSON line, and stops on SIGTERM.
import { ManualClock } from '../../electron/core/clock.ts';
import { startStationServer } from '../../electron/server.ts';

const dataDir = process.env.READS_DATA_DIR!;
const threads = Number(process.env.READS_THREADS ?? 1);
const server = await startStationServer({
  dataDir,
  clock: new ManualClock(process.env.READS_CLOCK),
  demo: false,
  readers: { threads },
});
// measured from the moment the readers answer (the first reads after opening are the station's own)
const readers = (await server.station.readers?.whenReady()) ?? false;
console.log(JSON.stringify({ origin: server.origin, token: server.token, readers }));
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});

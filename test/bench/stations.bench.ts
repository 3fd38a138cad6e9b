// Four station servers on one PostgreSQL for a minute, 20 scans a second each over loopback HTTP, two stations
// on every drive, the database stopped and started again and one station SIGKILLed and started again (the
// run of test/pg/stations.test.ts at full length). Prints each station's scan latency (answers from the store:
// received, or another station had it) and the run's losses: acknowledged scans missing from the store (must be 0).
// BENCH_STATIONS_SECONDS shortens it. Skipped, saying why, without PostgreSQL's programs.
import { checkCustody } from '../core/helpers.ts';
import { PG_MISSING, pgBin } from '../pg-cluster.ts';
import { latencies, runDock, verdict } from '../pg/fixtures/dock-stations.ts';

const SECONDS = Number(process.env.BENCH_STATIONS_SECONDS ?? 60);
const log = (s: string) => process.stderr.write(`[stations.bench] ${s}\n`);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

if (!pgBin()) {
  log(`skipped: ${PG_MISSING}`);
} else {
  const run = await runDock({ seconds: SECONDS, log });
  try {
    const v = verdict(run);
    let replay = 'equal';
    try {
      checkCustody(run.store);
    } catch (e) {
      replay = e instanceof Error ? e.message : String(e);
    }
    for (const l of latencies(run)) {
      console.log(
        JSON.stringify({
          bench: 'stations',
          store: 'postgres',
          seconds: SECONDS,
          station: l.station,
          answered: l.answered,
          per_s: round3(l.answered / SECONDS),
          p50_ms: round3(l.p50),
          p99_ms: round3(l.p99),
          unreachable: l.unreachable,
          no_answer: l.noAnswer,
        }),
      );
    }
    const p99 = latencies(run).reduce((m, l) => Math.max(m, l.p99), 0);
    console.log(
      JSON.stringify({
        bench: 'stations',
        store: 'postgres',
        seconds: SECONDS,
        stations: 4,
        received: v.receivedAcks.length,
        lost: v.lost.length,
        received_twice: v.receivedTwice.length + v.ackedTwice.length,
        custody_replay: replay,
        worst_station_p99_ms: round3(p99),
        db_down_ms: run.db.up - run.db.stopping,
        killed_station_back_after_ms: run.kill.back - run.kill.at,
      }),
    );
    if (v.lost.length || v.receivedTwice.length || v.ackedTwice.length || replay !== 'equal') process.exitCode = 1;
  } finally {
    await run.close();
  }
}

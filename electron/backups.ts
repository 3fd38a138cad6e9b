// Backups the station takes by itself: one a day into the backup folder (settings: backup.dir, empty for
// backups/ in the data directory), files older than backup.keepDays removed. A day's backup is taken once; the
// station checks every hour, so a station switched on late in the day still gets its backup.
import { mkdirSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Intake } from './core/intake.ts';
import { fail } from './core/errors.ts';
import type { SettingsStore } from './api/settings-schema.ts';

export const DAILY_PREFIX = 'intake-daily-';
const DAILY = /^intake-daily-(\d{4}-\d{2}-\d{2})\.sqlite$/;

const pad = (n: number) => String(n).padStart(2, '0');
/** The station's local day, YYYY-MM-DD. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A store in the dock's PostgreSQL database (its path is the database's URL) is backed up on the database server. */
const inDatabase = (storePath: string) => /^postgres(ql)?:/.test(storePath);

export function backupDir(dir: string, storePath: string): string {
  if (inDatabase(storePath)) {
    fail(
      'BACKUP_TARGET_INVALID',
      "This station's records are in the dock's PostgreSQL database: it is backed up with pg_dump on the database server.",
      {
        message: 'the dock database is backed up with pg_dump',
      },
    );
  }
  return dir.trim() ? resolve(dir.trim()) : join(dirname(resolve(storePath)), 'backups');
}

/** Where "Back up now" writes when no file is chosen: the backup folder, stamped to the second. */
export function defaultBackupPath(dir: string, storePath: string, now: Date): string {
  const folder = backupDir(dir, storePath);
  mkdirSync(folder, { recursive: true, mode: 0o700 }); // backups hold the keys, as the store does
  const stamp = `${localDay(now)}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return join(folder, `intake-backup-${stamp}.sqlite`);
}

/** Today's backup if none was taken yet, then the daily files older than `keepDays` removed. */
export async function dailyBackup(
  intake: Intake,
  settings: SettingsStore,
  now: Date,
): Promise<{ taken: string | null; removed: string[] }> {
  const { keepDays, dir } = settings.get().backup;
  if (keepDays <= 0 || inDatabase(intake.store.path)) return { taken: null, removed: [] };
  const folder = backupDir(dir, intake.store.path);
  mkdirSync(folder, { recursive: true, mode: 0o700 }); // backups hold the keys, as the store does
  const today = join(folder, `${DAILY_PREFIX}${localDay(now)}.sqlite`);
  let taken: string | null = null;
  if (!existsSync(today)) {
    await intake.backup(today);
    taken = today;
  }
  const oldest = new Date(now.getFullYear(), now.getMonth(), now.getDate() - keepDays + 1);
  const removed: string[] = [];
  for (const f of readdirSync(folder)) {
    const m = DAILY.exec(f);
    if (m && m[1]! < localDay(oldest)) {
      rmSync(join(folder, f), { force: true });
      removed.push(f);
    }
  }
  return { taken, removed };
}

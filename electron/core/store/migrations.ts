// The store's schema as numbered migrations: a store's user_version is how many of them it has applied.

/** Numbered migrations: the store's user_version is how many of them it has applied. */
export const MIGRATIONS: readonly string[] = [
  // 1: jobs, drives, packages and the append-only custody log
  `
  CREATE TABLE jobs (
    name TEXT PRIMARY KEY,
    job_type TEXT NOT NULL,
    state TEXT NOT NULL,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    faulted_from TEXT,
    fault_reason TEXT,
    delivery_package TEXT,
    delivery_tracking TEXT,
    delivery_tracking_base TEXT,
    return_address TEXT,
    return_shipping TEXT,
    return_package TEXT,
    diagnostics_path TEXT,
    log_level TEXT NOT NULL DEFAULT 'Error',
    incomplete_blob_list_uri TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    creating_since TEXT,
    shipping_since TEXT,
    notified_at TEXT,
    wait_until TEXT,
    finished_at TEXT,
    deleted_at TEXT
  ) STRICT;
  CREATE INDEX jobs_delivery_tracking ON jobs(delivery_tracking);
  CREATE INDEX jobs_delivery_tracking_base ON jobs(delivery_tracking_base);
  CREATE INDEX jobs_state ON jobs(state);

  CREATE TABLE drives (
    id INTEGER PRIMARY KEY,
    drive_id TEXT NOT NULL,
    job_name TEXT,
    role TEXT NOT NULL,
    state TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    faulted_from TEXT,
    fault_reason TEXT,
    copy_status TEXT,
    percent_complete INTEGER NOT NULL DEFAULT 0,
    bytes_succeeded INTEGER NOT NULL DEFAULT 0,
    error_log_uri TEXT,
    verbose_log_uri TEXT,
    manifest_uri TEXT,
    manifest_file TEXT,
    manifest_hash TEXT,
    bitlocker_key TEXT,
    held_since TEXT,
    hold_reason TEXT,
    package_tracking TEXT,
    received_at TEXT,
    destroyed_at TEXT
  ) STRICT;
  -- a serial is in at most one live job at a time; shipped-back drives may come back in a new job
  CREATE UNIQUE INDEX drives_active_serial ON drives(drive_id) WHERE active = 1;
  CREATE INDEX drives_serial ON drives(drive_id);
  CREATE INDEX drives_job ON drives(job_name);
  CREATE INDEX drives_held ON drives(held_since) WHERE held_since IS NOT NULL;

  CREATE TABLE packages (
    tracking_number TEXT PRIMARY KEY,
    carrier_name TEXT,
    state TEXT NOT NULL,
    station TEXT NOT NULL,
    opened_by TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    held_since TEXT
  ) STRICT;
  CREATE INDEX packages_open ON packages(station, state);
  CREATE TABLE package_jobs (
    tracking_number TEXT NOT NULL,
    job_name TEXT NOT NULL,
    PRIMARY KEY (tracking_number, job_name)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX package_jobs_job ON package_jobs(job_name);

  CREATE TABLE custody (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    operator TEXT NOT NULL,
    station TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    job_name TEXT,
    drive_id TEXT,
    tracking_number TEXT,
    reason TEXT,
    state_before TEXT,
    state_after TEXT,
    detail TEXT
  ) STRICT;
  CREATE INDEX custody_job ON custody(job_name, seq);
  CREATE INDEX custody_drive ON custody(drive_id, seq);
  CREATE INDEX custody_tracking ON custody(tracking_number, seq);
  CREATE INDEX custody_station_action ON custody(station, action, seq);
  -- append-only: a correction is a new record, never an edit
  CREATE TRIGGER custody_no_update BEFORE UPDATE ON custody BEGIN SELECT RAISE(ABORT, 'custody records are append-only'); END;
  CREATE TRIGGER custody_no_delete BEFORE DELETE ON custody BEGIN SELECT RAISE(ABORT, 'custody records are append-only'); END;
  `,
  // 2: lookups the exception and deadline queries make
  `
  CREATE INDEX jobs_shipping_since ON jobs(shipping_since) WHERE state = 'Shipping';
  CREATE INDEX jobs_creating_since ON jobs(creating_since) WHERE state = 'Creating' AND deleted_at IS NULL;
  CREATE INDEX jobs_finished ON jobs(finished_at) WHERE finished_at IS NOT NULL;
  CREATE INDEX drives_state_job ON drives(state, job_name);
  `,
  // 3: the drives scanned into a package, which every scan shows (without it a scan reads every drive)
  `
  CREATE INDEX drives_package ON drives(package_tracking) WHERE package_tracking IS NOT NULL;
  `,
  // 4: the deadline, exception and job-list queries read their first rows in order instead of sorting every
  // job (at 1,000,000 drives each took 60-100 ms; SQLite preferred jobs_state over the partial indexes)
  `
  CREATE INDEX jobs_state_creating ON jobs(state, creating_since);
  CREATE INDEX jobs_state_shipping ON jobs(state, shipping_since);
  CREATE INDEX jobs_state_finished ON jobs(state, finished_at);
  CREATE INDEX jobs_updated ON jobs(updated_at, name);
  `,
  // 5: the last results file sent (by action) and the daily dock report (by local day)
  `
  CREATE INDEX custody_action ON custody(action, seq);
  CREATE INDEX custody_at ON custody(at);
  `,
  // 6: each job carries its deadline (what the lists show, and when the sweep must next act on it), kept by the
  // operations' shared plumbing, so the sweep and each Exceptions list read only what is due through an index
  // of their own; a return address found wanting, and the contact tried about it; the station's clock as last
  // seen. Existing rows get their deadlines here, once.
  `
  ALTER TABLE jobs ADD COLUMN deadline_kind TEXT;
  ALTER TABLE jobs ADD COLUMN deadline_at TEXT;
  ALTER TABLE jobs ADD COLUMN sweep_at TEXT;
  ALTER TABLE jobs ADD COLUMN address_wanting_since TEXT;
  ALTER TABLE jobs ADD COLUMN address_wrong_at TEXT;
  ALTER TABLE jobs ADD COLUMN address_wrong_reason TEXT;
  ALTER TABLE jobs ADD COLUMN address_wrong_was TEXT;
  ALTER TABLE jobs ADD COLUMN contact_outcome TEXT;
  ALTER TABLE jobs ADD COLUMN contacted_at TEXT;
  ALTER TABLE drives ADD COLUMN other_box INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE station_clock (id INTEGER PRIMARY KEY CHECK (id = 1), seen_at TEXT NOT NULL) STRICT;

  UPDATE drives SET other_box = 1 WHERE active = 1 AND role = 'listed' AND package_tracking IS NOT NULL AND job_name IS NOT NULL
    AND held_since IS NULL AND state <> 'NeverReceived'
    AND NOT EXISTS (SELECT 1 FROM package_jobs pj WHERE pj.tracking_number = drives.package_tracking AND pj.job_name = drives.job_name);
  UPDATE jobs SET address_wanting_since = updated_at WHERE deleted_at IS NULL AND state IN ('Transferring', 'Packaging') AND (
    return_address IS NULL
    OR coalesce(trim(json_extract(return_address, '$.recipientName')), '') = ''
    OR coalesce(trim(json_extract(return_address, '$.streetAddress1')), '') = ''
    OR coalesce(trim(json_extract(return_address, '$.city')), '') = ''
    OR coalesce(trim(json_extract(return_address, '$.postalCode')), '') = ''
    OR coalesce(trim(json_extract(return_address, '$.countryOrRegion')), '') = ''
    OR coalesce(trim(json_extract(return_address, '$.phone')), '') = ''
    OR coalesce(trim(json_extract(return_address, '$.email')), '') = '');
  UPDATE jobs SET deadline_kind = 'purge', deadline_at = strftime('%Y-%m-%dT%H:%M:%fZ', deleted_at, '+90 days'),
    sweep_at = strftime('%Y-%m-%dT%H:%M:%fZ', deleted_at, '+90 days') WHERE deleted_at IS NOT NULL;
  UPDATE jobs SET deadline_kind = 'creatingDeletion', deadline_at = strftime('%Y-%m-%dT%H:%M:%fZ', creating_since, '+14 days'),
    sweep_at = strftime('%Y-%m-%dT%H:%M:%fZ', creating_since, '+14 days') WHERE deleted_at IS NULL AND state = 'Creating' AND creating_since IS NOT NULL;
  UPDATE jobs SET deadline_kind = 'purge', deadline_at = strftime('%Y-%m-%dT%H:%M:%fZ', finished_at, '+90 days'),
    sweep_at = strftime('%Y-%m-%dT%H:%M:%fZ', finished_at, '+90 days') WHERE deleted_at IS NULL AND state IN ('Completed', 'Closed') AND finished_at IS NOT NULL;
  UPDATE jobs SET deadline_kind = 'addressDestruction', deadline_at = strftime('%Y-%m-%dT%H:%M:%fZ', address_wanting_since, '+90 days')
    WHERE address_wanting_since IS NOT NULL;
  WITH s AS (
    SELECT name,
      max(strftime('%Y-%m-%dT%H:%M:%fZ', shipping_since, '+14 days'), coalesce(wait_until, '')) AS overdue,
      CASE WHEN notified_at IS NOT NULL THEN max(strftime('%Y-%m-%dT%H:%M:%fZ', notified_at, '+30 days'), coalesce(wait_until, '')) END AS close,
      EXISTS (SELECT 1 FROM drives d WHERE d.job_name = jobs.name AND d.active = 1 AND d.role = 'listed' AND d.state = 'Specified' AND d.held_since IS NULL) AS expected
    FROM jobs WHERE deleted_at IS NULL AND state = 'Shipping' AND shipping_since IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM package_jobs pj WHERE pj.job_name = jobs.name)
      AND NOT EXISTS (SELECT 1 FROM drives d WHERE d.job_name = jobs.name AND d.active = 1 AND d.package_tracking IS NOT NULL AND d.state <> 'NeverReceived')
  )
  UPDATE jobs SET
    deadline_kind = CASE WHEN s.close IS NULL THEN 'shippingOverdue' ELSE 'noticeClose' END,
    deadline_at = coalesce(s.close, s.overdue),
    sweep_at = CASE WHEN s.close IS NULL THEN CASE WHEN s.expected THEN s.overdue END
      ELSE CASE WHEN s.expected THEN min(s.overdue, s.close) ELSE s.close END END
  FROM s WHERE s.name = jobs.name;

  CREATE INDEX jobs_sweep ON jobs(sweep_at, name) WHERE sweep_at IS NOT NULL;
  CREATE INDEX jobs_deadline ON jobs(deadline_at, name) WHERE deadline_at IS NOT NULL;
  CREATE INDEX jobs_deadline_kind ON jobs(deadline_kind, deadline_at, name) WHERE deadline_kind IS NOT NULL;
  CREATE INDEX jobs_faulted ON jobs(name) WHERE state = 'Faulted' AND deleted_at IS NULL;
  CREATE INDEX drives_held_here ON drives(held_since, id) WHERE held_since IS NOT NULL AND active = 1;
  CREATE INDEX drives_extra_here ON drives(id) WHERE role = 'extra' AND active = 1 AND held_since IS NULL;
  CREATE INDEX drives_never_received ON drives(id) WHERE state = 'NeverReceived' AND active = 1;
  CREATE INDEX drives_faulted ON drives(id) WHERE state = 'Faulted' AND active = 1;
  CREATE INDEX drives_other_box ON drives(id) WHERE other_box = 1 AND active = 1;
  CREATE INDEX packages_held ON packages(held_since, tracking_number) WHERE state = 'held' AND held_since IS NOT NULL;
  `,
  // 7: the station's own custody (settings changed by a supervisor), read newest first on the Settings screen
  `
  CREATE INDEX custody_subject ON custody(subject, seq);
  `,
];

/** A step of MIGRATIONS as written, with each replacement required to apply (a step that changes fails loudly here). */
function rewrite(step: string, pairs: readonly (readonly [string | RegExp, string])[]): string {
  let out = step;
  for (const [from, to] of pairs) {
    const next = out.replace(typeof from === 'string' ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : from, () => to);
    if (next === out) throw new Error(`a PostgreSQL migration no longer matches its SQLite step: ${String(from)}`);
    out = next;
  }
  return out;
}

/**
 * The same numbered migrations for PostgreSQL, step for step: PostgreSQL's words where SQLite's differ
 * (identity keys, bigint for SQLite's 64-bit INTEGER, a trigger function), the rest as written. The schema
 * version is kept in `schema_version`, as SQLite keeps it in user_version.
 */
export const PG_MIGRATIONS: readonly string[] = [
  rewrite(MIGRATIONS[0]!, [
    [') STRICT, WITHOUT ROWID;', ');'],
    [') STRICT;', ');'],
    ['id INTEGER PRIMARY KEY,', 'id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,'],
    ['seq INTEGER PRIMARY KEY AUTOINCREMENT,', 'seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,'],
    [/ INTEGER NOT NULL/g, ' bigint NOT NULL'],
    [
      /CREATE TRIGGER custody_no_update[^\n]*\n\s*CREATE TRIGGER custody_no_delete[^\n]*\n/,
      `CREATE FUNCTION custody_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'custody records are append-only' USING ERRCODE = 'insufficient_privilege'; END $$;
  CREATE TRIGGER custody_no_update BEFORE UPDATE OR DELETE ON custody FOR EACH ROW EXECUTE FUNCTION custody_append_only();
  CREATE TRIGGER custody_no_truncate BEFORE TRUNCATE ON custody FOR EACH STATEMENT EXECUTE FUNCTION custody_append_only();
`,
    ],
  ]),
  MIGRATIONS[1]!,
  MIGRATIONS[2]!,
  MIGRATIONS[3]!,
  MIGRATIONS[4]!,
  // 6 without its backfill: that fills the new columns of rows an older SQLite store already held, and a dock
  // store on PostgreSQL starts at this release, whose operations keep every job's deadline from its first write
  rewrite(MIGRATIONS[5]!.slice(0, MIGRATIONS[5]!.indexOf('UPDATE drives SET other_box')), [
    [/ INTEGER NOT NULL/g, ' bigint NOT NULL'],
    [/ INTEGER PRIMARY KEY/g, ' bigint PRIMARY KEY'],
    [') STRICT;', ');'],
  ]) + MIGRATIONS[5]!.slice(MIGRATIONS[5]!.indexOf('CREATE INDEX jobs_sweep')),
  MIGRATIONS[6]!,
];

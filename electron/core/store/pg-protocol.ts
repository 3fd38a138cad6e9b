// What the station's thread and its PostgreSQL worker say to each other (pg-bridge.ts, pg-worker.ts).

/** The channel every station NOTIFYs its committed changes on, and LISTENs to. */
export const CHANGES_CHANNEL = 'dock_intake_changes';

export interface WorkerData {
  url: string;
  connectTimeoutMs: number;
  applicationName: string;
  readOnly: boolean;
  /** Whether this worker LISTENs for other stations' changes (a station's store does; a reader does not). */
  listen: boolean;
  /** Set to 1 by the worker when an answer is on `replies`. */
  signal: SharedArrayBuffer;
  replies: unknown;
  events: unknown;
}

export interface BridgeRequest {
  id: number;
  /** Run first, as a simple query (BEGIN, COMMIT, ROLLBACK, the dock's write lock). */
  prelude: string | null;
  /** The statement, with $n placeholders; null: only the prelude. */
  text: string | null;
  params: readonly unknown[];
}

export type BridgeReply =
  | { id: number; ok: true; rows: Record<string, unknown>[]; rowCount: number }
  | { id: number; ok: false; unreachable: boolean; code: string; message: string };

export type BridgeEvent = { kind: 'change'; payload: string };

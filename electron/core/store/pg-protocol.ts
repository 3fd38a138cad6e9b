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

/** One statement of a request: simple SQL (several statements, no parameters) or one statement with $n placeholders. */
export type BridgeStep = { simple: string } | { text: string; params: readonly unknown[] };

export interface BridgeRequest {
  id: number;
  /**
   * Sent to the database together (pipelined) and answered in order: a transaction's writes whose answers
   * nobody waits for travel with the next statement that is waited for, in one round trip.
   */
  steps: BridgeStep[];
  /**
   * The steps continue a transaction an earlier request began: on a connection that has none open (it was
   * lost and opened again, or the server ended the session) they are not run, and the request is unreachable.
   */
  inTransaction?: boolean;
}

export type BridgeReply =
  /** The rows and the row count of every step, in order. */
  | { id: number; ok: true; rows: Record<string, unknown>[][]; rowCounts: number[] }
  /** The first step that failed (the steps after it in a transaction fail because it did). */
  | { id: number; ok: false; unreachable: boolean; code: string; message: string; step: number };

export type BridgeEvent = { kind: 'change'; payload: string };

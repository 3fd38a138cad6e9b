// The station's own changes (its address, operators, printers): each is a custody record of subject
// `station` naming who changed what, written in the same transaction as the change is applied, so a change
// that cannot be kept leaves no record and a record never lacks its change.
import type { Actor } from '../model.ts';
import type { Context } from './context.ts';

export interface StationChange {
  /** What changed, e.g. `settings.dockAddress`, `operator.added`, `station.setUp`. */
  action: string;
  detail: Record<string, unknown>;
  reason?: string | null;
}

/**
 * Records `changes` and runs `apply` (which writes them where they live) in one transaction: when `apply`
 * throws, no record is kept. `before` runs first in the same transaction: records it writes with clocks of
 * their own (the demo dock's history) must come before the record of the change, or the station's clock
 * check would find its own record ahead of them. Returns the records' sequence numbers.
 */
export function recordStationChanges(
  c: Context,
  actor: Actor,
  changes: readonly StationChange[],
  apply: () => void,
  before?: () => void,
): number[] {
  c.checkActor(actor);
  return c.op(() => {
    before?.();
    const records = changes.map((ch) =>
      c.custody(actor, {
        action: ch.action,
        subject: 'station',
        detail: ch.detail,
        reason: ch.reason ?? null,
      }),
    );
    apply();
    return records.map((r) => r.seq);
  });
}

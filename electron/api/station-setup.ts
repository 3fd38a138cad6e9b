// The station's setup as the contract runs it: who may change settings (a supervisor, with their PIN,
// checked here in the station and not only on the screen), what a change from the Settings screen becomes
// (PINs hashed, duplicates refused, a supervisor always left), and the custody records that say who changed what.
import { IntakeError } from '../core/errors.ts';
import type { Actor } from '../core/model.ts';
import type { StationChange } from '../core/intake.ts';
import type { OperationContext } from './operation.ts';
import { hashPin, verifyPin } from './pins.ts';
import {
  settingsSchema,
  settingsView,
  type Operator,
  type OperatorEdit,
  type Settings,
  type SettingsEdit,
  type SettingsView,
} from './settings-schema.ts';

/** The supervisor making a change, once their PIN is checked; refused with nothing changed otherwise. */
export function supervisor(ctx: OperationContext, operator: string, pin: string): Actor {
  const actor = ctx.actor(operator);
  const o = ctx.settings.get().operators.find((x) => x.name === actor.operator);
  if (!o || !o.supervisor) {
    throw new IntakeError('NOT_SUPERVISOR', `${operator} is not a supervisor of this station: a supervisor signs this with their PIN.`);
  }
  if (!verifyPin(pin, o.pinHash)) throw new IntakeError('PIN_WRONG', 'That PIN is not right; nothing was changed.');
  return actor;
}

const same = (a: string | undefined, b: string | undefined) => (a ?? '').toUpperCase() === (b ?? '').toUpperCase();

/** Refuses operators a station cannot tell apart, supervisors who could not sign, and a station nobody could open. */
export function checkOperators(ops: readonly Operator[]): void {
  ops.forEach((o, i) => {
    const twin = ops.findIndex((x, j) => j !== i && x.name.toLowerCase() === o.name.toLowerCase());
    if (twin >= 0) throw new IntakeError('OPERATOR_DUPLICATE', `"${o.name}" is listed twice.`, { name: o.name });
    const badgeTwin = o.badge ? ops.find((x, j) => j !== i && x.badge && same(x.badge, o.badge)) : undefined;
    if (badgeTwin) {
      throw new IntakeError('OPERATOR_DUPLICATE', `${o.name} and ${badgeTwin.name} have the same badge ${o.badge}.`, { badge: o.badge });
    }
    // a badge is read by the same scanner as a name is typed: one operator's badge may not be another's name
    const nameTwin = o.badge ? ops.find((x) => x !== o && x.name.toLowerCase() === o.badge!.toLowerCase()) : undefined;
    if (nameTwin) {
      throw new IntakeError('OPERATOR_DUPLICATE', `${o.name}'s badge ${o.badge} is ${nameTwin.name}'s name.`, { badge: o.badge });
    }
    if (o.supervisor && !o.pinHash) {
      throw new IntakeError('SUPERVISOR_WITHOUT_PIN', `give ${o.name} a PIN, or make them an operator.`, { name: o.name });
    }
  });
  if (!ops.some((o) => o.supervisor && o.pinHash)) {
    throw new IntakeError('LAST_SUPERVISOR', 'The station needs at least one supervisor with a PIN, or nobody could open Settings again.');
  }
}

/** The operators a Settings screen's list becomes: new PINs hashed, kept ones carried over, none ever sent back. */
export function operatorsFrom(current: readonly Operator[], edits: readonly OperatorEdit[]): Operator[] {
  return edits.map((e) => {
    const prev = current.find((o) => o.name === (e.was ?? e.name));
    const pinHash = e.pin === null ? undefined : e.pin ? hashPin(e.pin) : prev?.pinHash;
    return { name: e.name, ...(e.badge ? { badge: e.badge } : {}), supervisor: e.supervisor, ...(pinHash ? { pinHash } : {}) };
  });
}

/** The whole settings after an edit, checked by the one schema; refused (nothing changed) when any field is wrong. */
export function settingsAfter(current: Settings, edit: SettingsEdit): Settings {
  const { operators, ...rest } = edit;
  const ops = operators ? operatorsFrom(current.operators, operators) : current.operators;
  const next = settingsSchema.parse({ ...current, ...rest, operators: ops });
  checkOperators(next.operators);
  return next;
}

/** One custody record per field changed, and per operator added, removed or changed; a PIN is only "set" or "removed". */
export function describeChanges(before: Settings, after: Settings, edits?: readonly OperatorEdit[]): StationChange[] {
  const out: StationChange[] = [];
  for (const key of Object.keys(settingsSchema.shape) as (keyof Settings)[]) {
    if (key === 'operators') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      out.push({ action: `settings.${key}`, detail: { field: key, before: before[key], after: after[key] } });
    }
  }
  const matched = new Set<string>();
  after.operators.forEach((o, i) => {
    const was = edits?.[i]?.was ?? o.name;
    const prev = before.operators.find((p) => p.name === was);
    if (!prev) {
      const detail = { name: o.name, badge: o.badge ?? null, supervisor: o.supervisor, pin: Boolean(o.pinHash) };
      out.push({ action: 'operator.added', detail });
      return;
    }
    matched.add(prev.name);
    const changes: Record<string, unknown> = {};
    if (prev.name !== o.name) changes.renamedFrom = prev.name;
    if ((prev.badge ?? null) !== (o.badge ?? null)) changes.badge = { before: prev.badge ?? null, after: o.badge ?? null };
    if (prev.supervisor !== o.supervisor) changes.supervisor = { before: prev.supervisor, after: o.supervisor };
    if (prev.pinHash !== o.pinHash) changes.pin = o.pinHash ? (prev.pinHash ? 'changed' : 'set') : 'removed';
    if (Object.keys(changes).length) out.push({ action: 'operator.changed', detail: { name: o.name, ...changes } });
  });
  for (const p of before.operators) {
    if (!matched.has(p.name)) out.push({ action: 'operator.removed', detail: { name: p.name, badge: p.badge ?? null } });
  }
  return out;
}

/** Writes new settings and their custody records together; with nothing changed, nothing is written. */
export function saveSettings(ctx: OperationContext, actor: Actor, next: Settings, changes: readonly StationChange[]): SettingsView {
  if (changes.length)
    ctx.intake.recordStationChanges(actor, changes, () => {
      ctx.settings.update(next);
    });
  return settingsView(ctx.settings.get());
}

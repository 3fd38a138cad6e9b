// Where a scan goes. The wedge listens on the whole window; what a scan means depends on what is shown:
// the Receive flow (and its questions), a screen that takes scans (Jobs search, Packaging), or the text
// field that has focus inside an open dialog. A screen registers its handler with `useScanHandler`; on a screen
// that takes no scans, a scan opens the job it names.
import { useEffect, useEffectEvent } from 'react';
import { dock, go, theApi, type Screen } from './store.ts';
import { parseCommand, submitScan } from './flow.ts';
import { Wedge } from './scanner.ts';
import { play } from './sounds.ts';

export type ScanHandler = (code: string, at: number) => void;

const handlers = new Map<Screen, ScanHandler>();
let openModals = 0;

/** Dialogs count themselves, so a scan never lands behind one. */
export function modalOpened(): () => void {
  openModals++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    openModals--;
  };
}

export function useScanHandler(screen: Screen, handler: ScanHandler): void {
  // the latest handler, registered once per screen
  const latest = useEffectEvent(handler);
  useEffect(() => {
    const h: ScanHandler = (c, at) => latest(c, at);
    handlers.set(screen, h);
    return () => {
      if (handlers.get(screen) === h) handlers.delete(screen);
    };
  }, [screen]);
}

function focusedField(): HTMLInputElement | HTMLTextAreaElement | null {
  const el = document.activeElement;
  if (el instanceof HTMLTextAreaElement) return el;
  if (el instanceof HTMLInputElement && ['text', 'search', 'email', 'tel', 'url', ''].includes(el.type)) return el;
  return null;
}

/** A scan into a focused field fills it, as if typed, and tells the field it was a scan. */
export function fillField(el: HTMLInputElement | HTMLTextAreaElement, code: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, code);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new CustomEvent('dock-scan', { bubbles: true, detail: code }));
}

export function routeScan(code: string, at: number): void {
  const s = dock.get();
  if (s.dialog) return submitScan(code, 'scanner', at); // the Receive flow's own question
  if (openModals > 0) {
    const field = focusedField();
    if (field) return fillField(field, code);
    // a question with no text field is on screen: the scan is refused out loud, never dropped in silence
    play('rejected');
    window.dispatchEvent(new CustomEvent('dock-scan-refused', { detail: code.trim().toUpperCase() }));
    return;
  }
  if (s.info?.setupNeeded) {
    // first run: a badge scanned into the supervisor's badge field fills it; there is no one to sign in yet
    const field = focusedField();
    if (field) return fillField(field, code);
    play('rejected');
    return;
  }
  if (!s.operator || s.screen === 'receive' || parseCommand(code)) return submitScan(code, 'scanner', at);
  const h = handlers.get(s.screen);
  if (h) return h(code, at);
  const field = focusedField();
  if (field) return fillField(field, code);
  void lookUp(code);
}

/** What a screen is left to answer of a scan: a drive the station knows, or a code it does not. */
export type ScanElsewhereOther = (id: IdentityOf) => void;
export type IdentityOf =
  | { kind: 'drive'; code: string; driveId: string; jobName: string | null; jobState: string | null; held: boolean }
  | { kind: 'unknown'; code: string };

/**
 * What a scan means on a screen that is not Receive: a box's tracking number opens that box on Receive (the
 * same as scanning it there, sound and all), a job's label opens the job, a badge hands the station over; a
 * drive, or a code the station does not know, is the screen's own to answer (`other`).
 */
export async function scanElsewhere(code: string, other: ScanElsewhereOther): Promise<void> {
  const q = code.trim();
  let id;
  try {
    id = await theApi().call('codes.identify', { code: q });
  } catch {
    return other({ kind: 'unknown', code: q.toUpperCase() });
  }
  switch (id.kind) {
    case 'package':
      go('receive');
      return submitScan(q, 'scanner');
    case 'badge':
    case 'command':
      return submitScan(q, 'scanner');
    case 'job':
      play('notice');
      return go('jobs', id.jobName);
    case 'drive':
    case 'heldDrive':
      return other({
        kind: 'drive',
        code: id.code,
        driveId: id.driveId,
        jobName: id.jobName,
        jobState: id.jobState,
        held: id.kind === 'heldDrive',
      });
    default:
      return other({ kind: 'unknown', code: id.code });
  }
}

/** A held drive handed to Packaging, to go into the return box of held drives there. */
let heldReturnFor: string | null = null;

/** Opens Packaging with this held drive offered to the return box (as if scanned there). */
export function openHeldReturn(serial: string): void {
  heldReturnFor = serial;
  go('packaging');
}

/** The held drive handed over by `openHeldReturn`, once. */
export function takeHeldReturn(): string | null {
  const s = heldReturnFor;
  heldReturnFor = null;
  return s;
}

/**
 * Elsewhere a scan opens what it names: a box on Receive, the page of the job a job label or a drive belongs
 * to, or else the job search for the code.
 */
async function lookUp(code: string): Promise<void> {
  const q = code.trim();
  await scanElsewhere(q, (id) => {
    if (id.kind === 'drive' && id.jobName) {
      play('notice');
      return go('jobs', id.jobName);
    }
    play(id.kind === 'drive' ? 'notice' : 'rejected');
    dock.set({ jobsQuery: { query: q, state: '', offset: 0 } });
    go('jobs');
  });
}

let wedge: Wedge | null = null;

/** Starts listening for scanners, once, for the life of the window. */
export function startWedge(): void {
  if (wedge) return;
  wedge = new Wedge({ onScan: routeScan });
  wedge.attach(window);
  (window as unknown as { __dockWedge: Wedge }).__dockWedge = wedge;
}

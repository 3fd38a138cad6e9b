// The preload: exposes the contract, and only the contract, to the page as `window.intake`. No ipcRenderer,
// no Node, no channel names reach the page. A refusal is rejected as the plain `{ code, message }` body,
// because contextBridge keeps only the message of an Error (renderer/src/api turns it back into ApiError).
import { contextBridge, ipcRenderer } from 'electron';
import { IPC, type Change, type IntakeApi, type OpName, type Reply } from './api/contract.ts';

const listeners = new Set<(c: Change) => void>();
ipcRenderer.on(IPC.change, (_event, change: Change) => {
  for (const l of [...listeners]) {
    try {
      l(change);
    } catch {
      /* one listener's failure is not the others' */
    }
  }
});

const intake = {
  async call(op, input) {
    const reply = (await ipcRenderer.invoke(IPC.call, op, input)) as Reply<OpName>;
    if (reply.ok) return reply.result as never;
    const { code, message, detail } = reply.error;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- see the header
    throw detail ? { code, message, detail } : { code, message };
  },
  onChange(listener) {
    if (typeof listener !== 'function') return () => undefined;
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
} satisfies IntakeApi;

contextBridge.exposeInMainWorld('intake', intake);

// The contract over IPC: one `ipcMain.handle` for every call, answered by the same dispatcher as the
// station server, and every change pushed to the station's windows. A call is answered only when it comes
// from the station's own page in a window's top frame; the dispatcher validates every payload.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC, type Change, type OpName, type Reply } from './api/contract.ts';
import type { Dispatcher } from './api/dispatcher.ts';
import { isAppUrl } from './security-policy.ts';

/** Whether an IPC message comes from the station's page itself (not a subframe, not a page navigated away). */
export function fromStationPage(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed?.()) return false;
  return frame.parent === null && isAppUrl(frame.url);
}

export function bindIpc(dispatcher: Dispatcher): () => void {
  ipcMain.handle(IPC.call, async (event, op: unknown, input: unknown): Promise<Reply<OpName>> => {
    if (!fromStationPage(event)) {
      return { ok: false, error: { code: 'FOREIGN_SENDER', message: "Only the station's own page may call the station." } };
    }
    return dispatcher.dispatch(typeof op === 'string' ? op : String(op), input);
  });
  const off = dispatcher.onChange((change: Change) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (win.isDestroyed()) continue;
      const contents = win.webContents;
      if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(IPC.change, change);
    }
  });
  return () => {
    ipcMain.removeHandler(IPC.call);
    off();
  };
}

// The Electron main process: thin. It picks the data directory, takes the single-instance lock (a station
// never opens its store twice), opens the station (store, intake, settings, dispatcher), binds the contract
// to IPC and shows one window of the station's page, remembering where the window was.
// Bundled by electron/scripts/build-electron.ts to dist/electron/main.cjs.
import { app, BrowserWindow, dialog, Menu, screen, session, shell, type MenuItemConstructorOptions, type Rectangle } from 'electron';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { argValue, databaseFrom, demoWanted, invokedFrom, openStation, type Station } from './station.ts';
import { openElectronSettings } from './settings-electron.ts';
import { bindIpc } from './ipc.ts';
import { electronLabelOutputs } from './print.ts';
import { beforeReady, hardenContents, hardenSession, serveRenderer } from './security.ts';
import { APP_URL, secureWebPreferences } from './security-policy.ts';

// ---- the data directory: --data-dir=, then DOCK_INTAKE_DATA_DIR, then Electron's userData -----------
// An explicit directory also becomes userData, so the single-instance lock is per data directory: two
// stations on one PC run side by side, one station never twice.
const explicitDir = argValue(process.argv, 'data-dir') ?? (process.env.DOCK_INTAKE_DATA_DIR?.trim() || undefined);
if (explicitDir) app.setPath('userData', resolve(invokedFrom(process.env), explicitDir));
const dataDir = app.getPath('userData');
// the label font is read by the main process: in the installed app it is packed in app.asar beside the code
if (app.isPackaged) process.env.DOCK_ASSETS_DIR ??= join(app.getAppPath(), 'assets');

// ---- the window's place, kept in a small file next to the store ---------------------------------------
interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}
const STATE_FILE = join(dataDir, 'window-state.json');
const DEFAULT_STATE: WindowState = { width: 1280, height: 860, maximized: false };

function readWindowState(): WindowState {
  try {
    const raw = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as Partial<WindowState>;
    const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
    if (!num(raw.width) || !num(raw.height)) return DEFAULT_STATE;
    const s: WindowState = {
      width: Math.max(800, Math.min(raw.width!, 10_000)),
      height: Math.max(600, Math.min(raw.height!, 10_000)),
      maximized: raw.maximized === true,
    };
    if (num(raw.x) && num(raw.y)) {
      // only where a display still is: a monitor unplugged since must not hide the window
      const bounds: Rectangle = { x: raw.x!, y: raw.y!, width: s.width, height: s.height };
      const area = screen.getDisplayMatching(bounds).workArea;
      const visible =
        bounds.x < area.x + area.width - 100 &&
        bounds.x + bounds.width > area.x + 100 &&
        bounds.y >= area.y - 10 &&
        bounds.y < area.y + area.height - 100;
      if (visible) {
        s.x = raw.x!;
        s.y = raw.y!;
      }
    }
    return s;
  } catch {
    return DEFAULT_STATE;
  }
}

function saveWindowState(win: BrowserWindow): void {
  if (win.isDestroyed()) return;
  const b = win.getNormalBounds();
  const s: WindowState = { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
  try {
    writeFileSync(`${STATE_FILE}.tmp`, JSON.stringify(s));
    renameSync(`${STATE_FILE}.tmp`, STATE_FILE);
  } catch {
    /* the window's place is a nicety, not data */
  }
}

// ---- the menu -------------------------------------------------------------------------------------
function buildMenu(getWindow: () => BrowserWindow | null): Menu {
  const isMac = process.platform === 'darwin';
  const about = () => {
    const win = getWindow();
    const options = {
      type: 'info' as const,
      title: 'Dock Intake',
      message: `Dock Intake ${app.getVersion()}`,
      detail: `Station data: ${dataDir}`,
    };
    void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'Station',
      submenu: [
        { label: 'Reload Station', accelerator: 'CmdOrCtrl+R', click: () => getWindow()?.webContents.reload() },
        { label: 'Open Data Folder', accelerator: 'CmdOrCtrl+Shift+D', click: () => void shell.openPath(dataDir) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
        { role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
        { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
        { type: 'separator' },
        { role: 'togglefullscreen', accelerator: isMac ? 'Ctrl+Cmd+F' : 'F11' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const, accelerator: 'CmdOrCtrl+Shift+I' }]),
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Dock Intake', accelerator: 'F1', click: about }] },
  ];
  return Menu.buildFromTemplate(template);
}

// ---- start ----------------------------------------------------------------------------------------
beforeReady();
hardenContents();

if (!app.requestSingleInstanceLock()) {
  // this station is already open: the first instance brings its window forward
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let station: Station | null = null;
  let unbind: (() => void) | null = null;

  const showWindow = () => {
    const state = readWindowState();
    win = new BrowserWindow({
      ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
      width: state.width,
      height: state.height,
      minWidth: 800,
      minHeight: 600,
      show: false,
      title: 'Dock Intake',
      backgroundColor: '#ffffff',
      webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs'), { packaged: app.isPackaged }),
    });
    if (state.maximized) win.maximize();
    const w = win;
    let timer: NodeJS.Timeout | null = null;
    const later = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => saveWindowState(w), 500);
    };
    w.on('resize', later);
    w.on('move', later);
    w.on('close', () => saveWindowState(w));
    w.on('closed', () => {
      if (timer) clearTimeout(timer);
      win = null;
    });
    w.once('ready-to-show', () => w.show());
    void w.loadURL(APP_URL);
  };

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app
    .whenReady()
    .then(() => {
      try {
        // the bundle is dist/electron/main.cjs: the checkout (or the installed app) is two folders up
        const blank = !demoWanted(process.argv, join(__dirname, '..', '..'));
        const database = databaseFrom(process.argv, process.env);
        station = openStation({
          dataDir,
          ...(database ? { database } : {}),
          transport: 'ipc',
          openSettings: openElectronSettings,
          version: app.getVersion(),
          labels: electronLabelOutputs(),
          blank,
          // the reader thread's bundle sits beside this one
          readers: { workerFile: join(__dirname, 'read-worker.cjs') },
        });
      } catch (e) {
        dialog.showErrorBox(
          'Dock Intake cannot open its data',
          `${e instanceof Error ? e.message : String(e)}\n\nData directory: ${dataDir}`,
        );
        app.exit(1);
        return;
      }
      hardenSession();
      // the built renderer sits next to this bundle: dist/electron/main.cjs, dist/renderer/
      serveRenderer(session.defaultSession, join(__dirname, '..', 'renderer'));
      unbind = bindIpc(station.dispatcher);
      Menu.setApplicationMenu(buildMenu(() => win));
      showWindow();
      app.on('activate', () => {
        if (!win) showWindow();
      });
    })
    .catch((e: unknown) => {
      dialog.showErrorBox('Dock Intake could not start', e instanceof Error ? e.message : String(e));
      app.exit(1);
    });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    unbind?.();
    station?.close();
    station = null;
  });
}

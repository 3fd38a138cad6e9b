// The Electron security checklist (https://www.electronjs.org/docs/latest/tutorial/security), applied in
// one place. The station's page is served from its own privileged scheme (app://station/), never file://,
// with the strict Content-Security-Policy of security-policy.ts; the page cannot navigate, open windows, attach
// webviews, ask for permissions the station does not use, or reach the network: the station is offline.
// Fuses are flipped at packaging time (electron/scripts/packaging.ts). In the installed app there are no
// developer tools: `devtools:` is not loadable and no window has them.
import { app, protocol, session, type Session, type WebContents } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { APP_SCHEME, SECURITY_HEADERS, isAppUrl, mayHavePermission, mayLoad } from './security-policy.ts';

export { APP_ORIGIN, APP_SCHEME, APP_URL, isAppUrl, secureWebPreferences } from './security-policy.ts';

/** Must run before `app.whenReady()`: the scheme the page is served from, and the sandbox everywhere. */
export function beforeReady(): void {
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.pdf': 'application/pdf',
};

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>Dock Intake</title><body style="font:16px system-ui;margin:3em"><h1>Dock Intake</h1><p>renderer not built: run npm run build:renderer</p></body>';

/** Serves the built renderer under app://station/, inside `rendererDir` only, with the CSP on every answer. */
export function serveRenderer(ses: Session, rendererDir: string): void {
  const root = resolve(rendererDir);
  const answer = (status: number, body: BodyInit | null, type: string) =>
    new Response(body, { status, headers: { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': 'no-cache' } });
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'station' || (request.method !== 'GET' && request.method !== 'HEAD')) return answer(404, null, 'text/plain');
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return answer(404, null, 'text/plain');
    }
    let file = resolve(root, `.${rel}`);
    if (rel.includes('\0') || (file !== root && !file.startsWith(root + sep))) return answer(404, null, 'text/plain');
    const isFile = async (p: string) => (await stat(p).catch(() => null))?.isFile() ?? false;
    if (!(await isFile(file))) {
      if (extname(rel) !== '' && !rel.endsWith('/')) return answer(404, null, 'text/plain');
      file = join(root, 'index.html');
      if (!(await isFile(file))) return answer(503, NOT_BUILT, 'text/html; charset=utf-8');
    }
    const data = await readFile(file);
    return answer(200, new Uint8Array(data), MIME[extname(file).toLowerCase()] ?? 'application/octet-stream');
  });
}

/** Checklist 5, 6: deny permissions by default; nothing leaves the machine. */
export function hardenSession(ses: Session = session.defaultSession): void {
  ses.setPermissionRequestHandler((contents, permission, callback) => {
    callback(mayHavePermission(permission, contents.getURL()));
  });
  ses.setPermissionCheckHandler((_contents, permission, origin) => mayHavePermission(permission, origin));
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  // the station is offline: a page may load only the station's own files and data:/blob: it made itself
  const mode = { packaged: app.isPackaged };
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !mayLoad(details.url, mode) });
  });
}

/** Checklist 12-15: no navigation away, no new windows, no webviews, for every web contents ever made. */
export function hardenContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    // devTools is off in every window of the installed app; should anything open them anyway, they close
    if (app.isPackaged) contents.on('devtools-opened', () => contents.closeDevTools());
  });
}

// The station's security policy as data and pure functions, so plain Node can test it and the station
// server can share it: the one Content-Security-Policy of the station's page however it is served (the
// app's own protocol in security.ts, the station server in server.ts), the app's origin, what the app's
// pages may load, and the web preferences every window gets. No runtime import of 'electron' here.
import type { WebPreferences } from 'electron';

// Scripts only from the page's own origin, nothing fetched from anywhere else (the station works offline),
// no plugins, no framing, no forms posting away. Inline styles are allowed: label previews (HTML/SVG
// documents) carry style attributes, and a style cannot run code.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every answer of the station carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=()',
};

// ---- the app (Electron) ------------------------------------------------------------------------------

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://station`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * Whether a URL is the station's own page (and not some other app:// host or a lookalike). Compared by
 * scheme, host and credentials rather than `URL.origin`, which Node's URL gives as "null" for app://.
 */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host.toLowerCase() === 'station' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** What differs between a development run (`npm start`) and the installed app. */
export interface ShellMode {
  /** The installed app (Electron's `app.isPackaged`): no developer tools at all. */
  packaged: boolean;
}

/**
 * What any page of the app's own session may load: the station's own files and data:/blob: it made
 * itself. Nothing from the network, no file:// at all, and the developer tools (`devtools:`) only in a
 * development run: in the installed app they would be a console on a page that can call the store.
 */
export function mayLoad(url: string, mode: ShellMode): boolean {
  if (isAppUrl(url) || url.startsWith('data:') || url.startsWith('blob:')) return true;
  return !mode.packaged && url.startsWith('devtools:');
}

// ---- label pages: printed from memory, never from a file ---------------------------------------------

/**
 * Labels are printed from a window of their own, in an in-memory session of their own, whose app://
 * handler answers only with the label documents print.ts holds in memory: no label is ever written to a
 * shared temporary directory, where another account could read (or swap) it before it prints.
 */
export const LABEL_PARTITION = 'dock-labels';
export const LABEL_HOST = 'label';

export const labelUrl = (id: string): string => `${APP_SCHEME}://${LABEL_HOST}/${id}`;

/** The id of a label page's URL, or null for anything else. */
export function labelIdOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== `${APP_SCHEME}:` || u.host !== LABEL_HOST || u.username || u.password || u.search || u.hash) return null;
    const m = /^\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(u.pathname);
    return m ? m[1]! : null;
  } catch {
    return null;
  }
}

/** A label page loads itself and what it carries inline (fonts and barcodes as data: URLs), nothing else. */
export function labelMayLoad(url: string): boolean {
  return labelIdOf(url) !== null || url.startsWith('data:');
}

/** The label page's policy: no script at all; styles, fonts and images only inline or as data:. */
export const LABEL_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The Electron checklist's web preferences (1-4, 7, 10, 11, 14, 16): every window of the station gets these. */
export function secureWebPreferences(preload: string, mode: ShellMode): WebPreferences {
  return {
    preload,
    // the installed app has no developer tools: no console beside a page that reaches the store
    devTools: !mode.packaged,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/** Permissions the station's page may be given: copying text to the clipboard and going full screen. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function mayHavePermission(permission: string, requestingUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

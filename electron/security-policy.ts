// The station's security policy as data and pure functions, so plain Node can test it and the station
// server can share it: the one Content-Security-Policy of the station's page however it is served (the
// app's own protocol in security.ts, the station server in server.ts), the app's origin, what the app's
// pages may load, and the web preferences every window gets. No runtime import of 'electron' here.
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
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

const LABEL_DIR = `${pathToFileURL(tmpdir()).href.replace(/\/?$/, '/')}dock-label-`;

/**
 * What any page of the app may load: the station's own files, data:/blob: it made itself, and the label
 * documents print.ts writes to a temporary directory to print them. Nothing from the network.
 */
export function mayLoad(url: string): boolean {
  if (isAppUrl(url) || url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('devtools:')) return true;
  if (!url.startsWith(LABEL_DIR)) return false;
  try {
    // only file:///<tmp>/dock-label-XXXX/<file>, after the URL is normalised
    return new URL(url).href.startsWith(LABEL_DIR) && !/%2e%2e|%2f|%5c/i.test(url.slice(LABEL_DIR.length));
  } catch {
    return false;
  }
}

/** The Electron checklist's web preferences (1-4, 7, 10, 11, 14, 16): every window of the station gets these. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
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

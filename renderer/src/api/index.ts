// The one way a screen reaches the station: `getApi()`. In the app it is the preload's `window.intake`
// (IPC); in a browser it is the HTTP client, with the token the station server put in the page's address.
import './zod-jitless.ts';
import { ApiError, type IntakeApi } from '../../../electron/api/contract.ts';
import { createHttpClient, isErrorBody } from './http-client.ts';

declare global {
  interface Window {
    /** Set by the app's preload (Electron only). Use `getApi()` rather than this directly. */
    intake?: IntakeApi;
  }
}

export { ApiError };
export type { IntakeApi };

const TOKEN_KEY = 'dock-intake.token';

/**
 * The token from `#token=...` (then kept in sessionStorage for reloads and taken out of the visible address,
 * so it is not copied along with it), or the one kept earlier in this tab.
 */
export function tokenFromPage(loc: Location = window.location, storage: Storage = window.sessionStorage): string {
  const hash = loc.hash.replace(/^#/, '');
  const parts = hash ? hash.split('&') : [];
  const found = parts.find((p) => p.startsWith('token='));
  if (found) {
    let token = found.slice('token='.length);
    try {
      token = decodeURIComponent(token);
    } catch {
      /* keep it as written */
    }
    try {
      storage.setItem(TOKEN_KEY, token);
    } catch {
      /* storage may be off; the token still works for this page */
    }
    const rest = parts.filter((p) => p !== found).join('&');
    try {
      window.history.replaceState(window.history.state, '', `${loc.pathname}${loc.search}${rest ? `#${rest}` : ''}`);
    } catch {
      /* not fatal: the address just keeps showing the token */
    }
    return token;
  }
  try {
    return storage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * The preload's object, with its refusals turned back into `ApiError`: contextBridge copies an Error's
 * message but drops its other properties, so the preload rejects with the plain `{ code, message }` body.
 */
export function fromBridge(bridge: IntakeApi): IntakeApi {
  return {
    call: (op, input) => bridge.call(op, input).catch((e: unknown) => {
      if (e instanceof ApiError) throw e;
      if (isErrorBody(e)) throw new ApiError(e);
      throw new ApiError({ code: 'INTERNAL', message: e instanceof Error ? e.message : 'The station could not complete this.' });
    }),
    onChange: (listener) => bridge.onChange(listener),
  } satisfies IntakeApi;
}

let api: IntakeApi | null = null;

export function getApi(): IntakeApi {
  if (api) return api;
  api = window.intake
    ? fromBridge(window.intake)
    : createHttpClient({ baseUrl: window.location.origin, token: tokenFromPage() });
  return api;
}

// The one way a screen reaches the station: `getApi()`. In the app it is the preload's `window.intake`
// (IPC); in a browser it is the HTTP client, with the token the station server put in the page's address.
import './zod-jitless.ts';
import { ApiError, type IntakeApi } from '../../../electron/api/contract.ts';
import { createHttpClient, exchangeTicket, isErrorBody } from './http-client.ts';

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
 * The token for this tab. The address carries either the token itself (`#token=...`, the address `npm run
 * serve` prints) or a one-time ticket (`#ticket=...`, the address put on a browser's command line), which
 * is exchanged once for the token. Either way it is kept in sessionStorage for reloads and taken out of
 * the visible address, so it is not copied along with it; without either, the one kept earlier in this tab.
 */
export function tokenFromPage(loc: Location = window.location, storage: Storage = window.sessionStorage): string | Promise<string> {
  const hash = loc.hash.replace(/^#/, '');
  const parts = hash ? hash.split('&') : [];
  const found = parts.find((p) => p.startsWith('token=') || p.startsWith('ticket='));
  if (found) {
    const [key, ...rest] = found.split('=');
    let value = rest.join('=');
    try {
      value = decodeURIComponent(value);
    } catch {
      /* keep it as written */
    }
    const others = parts.filter((p) => p !== found).join('&');
    try {
      window.history.replaceState(window.history.state, '', `${loc.pathname}${loc.search}${others ? `#${others}` : ''}`);
    } catch {
      /* not fatal: the address just keeps showing it */
    }
    const keep = (token: string) => {
      try {
        storage.setItem(TOKEN_KEY, token);
      } catch {
        /* storage may be off; the token still works for this page */
      }
      return token;
    };
    return key === 'ticket' ? exchangeTicket(loc.origin, value).then(keep) : keep(value);
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
    call: (op, input) =>
      bridge.call(op, input).catch((e: unknown) => {
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
  api = window.intake ? fromBridge(window.intake) : createHttpClient({ baseUrl: window.location.origin, token: tokenFromPage() });
  return api;
}

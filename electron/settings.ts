// Station settings over `conf` with an explicit directory (plain Node: the station server, tests, tools).
// The app uses the same logic over electron-store (settings-electron.ts); both write <dir>/settings.json.
//
// A settings file that cannot be read never stops the station: what is unreadable is set aside next to it
// (settings.json.corrupt-<time>), replaced by defaults, and reported through `.problem` so the screens can
// say so. A field that fails the schema is reset alone; the fields that are still good are kept.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from './data-dir.ts';
import { join } from 'node:path';
import Conf from 'conf';
import {
  DEFAULT_SETTINGS,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
  type SettingsProblem,
  type SettingsStore,
} from './api/settings-schema.ts';

/** What both `conf` and electron-store give us: the file's path and its whole content. */
export interface ConfLike {
  readonly path: string;
  store: Record<string, unknown>;
}

export const SETTINGS_NAME = 'settings';
export const settingsPath = (dir: string): string => join(dir, `${SETTINGS_NAME}.json`);

const KEYS = Object.keys(settingsSchema.shape) as (keyof Settings)[];

/**
 * The settings file's text as JSON. A UTF-8 byte-order mark is dropped first: Windows PowerShell 5
 * (`Set-Content -Encoding UTF8`) and Notepad of old write one, and a file edited that way is still the
 * dock's settings, not a corrupt file.
 */
export const parseSettingsText = (text: string): unknown => JSON.parse(text.replace(/^\uFEFF/, ''));

/** What conf and electron-store are both given: the file is the owner's alone, and read through parseSettingsText. */
export const SETTINGS_FILE_OPTIONS = {
  configFileMode: PRIVATE_FILE_MODE,
  deserialize: (text: string) => parseSettingsText(text) as Record<string, unknown>,
} as const;

/** Moves an unreadable file aside so nothing is lost and a fresh one can be written. */
function setAside(path: string, now: Date): string | null {
  if (!existsSync(path)) return null;
  const aside = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(path, aside);
    return aside;
  } catch {
    return null;
  }
}

/** Why the settings file cannot be used, or null when it can (or there is none yet). */
function peek(path: string): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : `it cannot be read: ${(e as NodeJS.ErrnoException).code ?? 'error'}`;
  }
  let value: unknown;
  try {
    value = parseSettingsText(text);
  } catch {
    return 'it is not valid JSON';
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? null : 'it does not hold settings';
}

/**
 * Keeps every field of `raw` that passes the schema; the rest are defaults. Returns the names that failed.
 * A missing field is not a fault: a newer version may add settings an older file does not have.
 */
export function salvage(raw: unknown): { settings: Settings; bad: string[] } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { settings: structuredClone(DEFAULT_SETTINGS), bad: ['(the whole file)'] };
  const src = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const bad: string[] = [];
  for (const key of KEYS) {
    const value = src[key];
    if (value === undefined) {
      out[key] = structuredClone(DEFAULT_SETTINGS[key]);
      continue;
    }
    const r = settingsSchema.shape[key].safeParse(value);
    if (r.success) out[key] = r.data;
    else {
      out[key] = structuredClone(DEFAULT_SETTINGS[key]);
      bad.push(key);
    }
  }
  return { settings: settingsSchema.parse(out), bad };
}

/**
 * The SettingsStore over any conf-like backend (conf, electron-store). A file that does not hold settings
 * is set aside before `make` constructs the backend; should the backend still throw reading it, the file is
 * set aside and `make` is called once more; should that fail too, the station runs on defaults in memory.
 */
export function createSettingsStore(
  make: () => ConfLike,
  path: string,
  now: () => Date = () => new Date(),
  initial?: Settings,
): SettingsStore {
  let problem: SettingsProblem | null = null;
  const fresh = !existsSync(path);
  const kept = (aside: string | null) => (aside ? ` The file as it was is kept as ${aside}.` : '');

  // what the file holds, judged before the backend reads it: conf takes `null`, `[]` or `42` for an empty
  // store without a word, and those are files someone or something broke
  const unreadable = peek(path);
  if (unreadable) {
    const aside = setAside(path, now());
    problem = {
      code: 'SETTINGS_CORRUPT',
      message: `The station settings file could not be read (${unreadable}); default settings are in use.${kept(aside)}`,
    };
  }

  let backend: ConfLike;
  let raw: unknown;
  try {
    backend = make();
    raw = backend.store;
  } catch (e) {
    const why = e instanceof SyntaxError ? 'it is not valid JSON' : `${e instanceof Error ? e.name : 'error'} while reading it`;
    const aside = setAside(path, now());
    problem = {
      code: 'SETTINGS_CORRUPT',
      message: `The station settings file could not be read (${why}); default settings are in use.${kept(aside)}`,
    };
    try {
      backend = make();
    } catch {
      // the directory itself cannot hold a settings file: run on defaults in memory rather than not at all
      backend = { path, store: {} };
      problem = {
        code: 'SETTINGS_CORRUPT',
        message: `The station settings file ${path} cannot be read or written; default settings are in use and changes will not be kept.`,
      };
    }
    raw = {};
  }

  // a station with no settings file yet starts from what its opener asked for (the demo dock, or a blank one)
  const onDisk = raw;
  if (fresh && initial && !problem) raw = structuredClone(initial);
  const { settings: start, bad } = salvage(raw);
  if (bad.length && !problem) {
    // keep a copy of what was there before the bad fields are overwritten with defaults
    const aside = setAside(path, now());
    problem = {
      code: 'SETTINGS_CORRUPT',
      message: `Some station settings were not valid (${bad.join(', ')}) and are back to their defaults.${kept(aside)}`,
    };
  }
  let current: Settings = start;
  const stored = JSON.stringify(onDisk);
  // write the file when it is new, repaired, or missing fields, so what is on disk is what is in use
  if (stored !== JSON.stringify(current)) {
    try {
      backend.store = structuredClone(current);
    } catch (e) {
      problem = {
        code: 'SETTINGS_CORRUPT',
        message: `The station settings file ${path} cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'}); the settings in use will not be kept.`,
      };
    }
  }

  return {
    get problem() {
      return problem;
    },
    get: () => structuredClone(current),
    update(patch: SettingsPatch): Settings {
      const p = settingsPatchSchema.parse(patch);
      const next = settingsSchema.parse({ ...current, ...p });
      backend.store = structuredClone(next);
      current = next;
      // the staff have now saved settings they have seen: the startup report has done its job
      problem = null;
      return structuredClone(current);
    },
  };
}

/** Settings in `<dir>/settings.json`, through `conf` (plain Node). */
export function openSettings(dir: string, now?: () => Date, initial?: Settings): SettingsStore {
  const make = () =>
    new Conf<Record<string, unknown>>({
      cwd: dir,
      configName: SETTINGS_NAME,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      watch: false,
      ...SETTINGS_FILE_OPTIONS,
    });
  return createSettingsStore(make, settingsPath(dir), now, initial);
}

/**
 * The settings as they are on disk, for tools that only read (`npm run label`): the same salvage as the
 * station's, but nothing is written, set aside or repaired, and `update` is refused.
 */
export function readSettings(dir: string): SettingsStore {
  const path = settingsPath(dir);
  let raw: unknown = {};
  let problem: SettingsProblem | null = null;
  try {
    raw = parseSettingsText(readFileSync(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      problem = { code: 'SETTINGS_CORRUPT', message: `The station settings file ${path} could not be read; default settings are in use.` };
    }
  }
  const { settings, bad } = salvage(raw);
  if (bad.length && !problem) {
    problem = { code: 'SETTINGS_CORRUPT', message: `Some station settings are not valid (${bad.join(', ')}); their defaults are in use.` };
  }
  return {
    get problem() {
      return problem;
    },
    get: () => structuredClone(settings),
    update(): Settings {
      throw new Error('These settings were opened to read only.');
    },
  };
}

// Station settings in the app: the same SettingsStore as settings.ts, over electron-store, in the same file
// (<dataDir>/settings.json), so a data directory moves between the app and browser mode unchanged.
import ElectronStore from 'electron-store';
import type { Settings, SettingsStore } from './api/settings-schema.ts';
import { createSettingsStore, settingsPath, SETTINGS_FILE_OPTIONS, SETTINGS_NAME } from './settings.ts';

export function openElectronSettings(dir: string, now?: () => Date, initial?: Settings): SettingsStore {
  const make = () =>
    new ElectronStore<Record<string, unknown>>({
      cwd: dir,
      name: SETTINGS_NAME,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      watch: false,
      ...SETTINGS_FILE_OPTIONS,
    });
  return createSettingsStore(make, settingsPath(dir), now, initial);
}

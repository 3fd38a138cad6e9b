// Station settings: not data. Kept by electron-store in the app, by conf with an explicit directory in
// plain Node; both behind SettingsStore and this one schema.
import { z } from 'zod';

export const operatorSchema = z.object({
  name: z.string().trim().min(1).max(64),
  /** What the operator's badge barcode reads. */
  badge: z.string().trim().min(1).max(64).optional(),
});

export const dockAddressSchema = z.object({
  name: z.string().max(120),
  streetAddress1: z.string().max(200),
  streetAddress2: z.string().max(200).optional(),
  city: z.string().max(100),
  stateOrProvince: z.string().max(100).optional(),
  postalCode: z.string().max(20),
  countryOrRegion: z.string().max(60),
  phone: z.string().max(40).optional(),
});

export const settingsSchema = z.object({
  stationId: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/),
  dockName: z.string().max(120),
  dockAddress: dockAddressSchema,
  operators: z.array(operatorSchema).max(500),
  labelPrinter: z.string().max(200).nullable(),
  labelSize: z.enum(['4x6', '4x4', '2x1']),
  zplPrinter: z.object({ host: z.string().max(255), port: z.number().int().min(1).max(65535) }).nullable(),
  sounds: z.object({ enabled: z.boolean(), volume: z.number().min(0).max(1) }),
  language: z.enum(['en', 'zh-TW']),
  /** The daily automatic backup: kept this many days (0: none taken), in `dir` (empty: backups/ in the data directory). */
  backup: z.object({ keepDays: z.number().int().min(0).max(365), dir: z.string().max(1024) }),
});
export type Settings = z.infer<typeof settingsSchema>;
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  stationId: 'dock-1',
  dockName: 'Datacenter Receiving Dock',
  dockAddress: {
    name: 'Import/Export Receiving Dock',
    streetAddress1: '1 Datacenter Way',
    city: 'Taoyuan',
    postalCode: '330',
    countryOrRegion: 'TW',
    phone: '+886 3 000 0000',
  },
  operators: [
    { name: 'Amy Lin', badge: 'OP-0001' },
    { name: 'Ben Chen', badge: 'OP-0002' },
  ],
  labelPrinter: null,
  labelSize: '4x6',
  zplPrinter: null,
  sounds: { enabled: true, volume: 0.7 },
  language: 'en',
  backup: { keepDays: 14, dir: '' },
};

/** Where a report of a corrupt settings file goes: the station starts on defaults, never crashes. */
export interface SettingsProblem {
  code: 'SETTINGS_CORRUPT';
  message: string;
}

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
  /** Set when the file on disk was unreadable and replaced by defaults. */
  readonly problem: SettingsProblem | null;
}

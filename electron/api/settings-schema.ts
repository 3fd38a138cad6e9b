// Station settings: not data. Kept by electron-store in the app, by conf with an explicit directory in
// plain Node; both behind SettingsStore and this one schema.
import { z } from 'zod';

/** A PIN is 4 to 8 digits: typed on the station's keypad, never shown, stored only as a hash. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');

export const operatorSchema = z.object({
  name: z.string().trim().min(1).max(64),
  /** What the operator's badge barcode reads. */
  badge: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\x21-\x7e]+$/, 'a badge code is printable ASCII without spaces')
    .optional(),
  /** A supervisor may change the station's settings, with their PIN. */
  supervisor: z.boolean().default(false),
  /** The PIN's scrypt hash (`scrypt$N$r$p$salt$hash`); the PIN itself is never kept, and the hash never leaves the station. */
  pinHash: z
    .string()
    .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    .max(300)
    .optional(),
});
export type Operator = z.infer<typeof operatorSchema>;

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

/** The dock's address as a carrier needs it: what every label prints must be there (a blank station has none yet). */
export const completeAddressSchema = dockAddressSchema
  .extend({
    name: z.string().trim().min(1).max(120),
    streetAddress1: z.string().trim().min(1).max(200),
    city: z.string().trim().min(1).max(100),
    postalCode: z.string().trim().min(1).max(20),
    countryOrRegion: z.string().trim().min(1).max(60),
  })
  .strict();

export const settingsSchema = z.object({
  stationId: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/),
  dockName: z.string().max(120),
  dockAddress: dockAddressSchema,
  operators: z.array(operatorSchema).max(500),
  labelPrinter: z.string().max(200).nullable(),
  labelSize: z.enum(['4x6', '4x4', '2x1']),
  zplPrinter: z.object({ host: z.string().max(255), port: z.number().int().min(1).max(65535) }).nullable(),
  sounds: z.object({ enabled: z.boolean(), volume: z.number().min(0).max(1) }),
  language: z.enum(['en', 'zh-TW']),
  /** Minutes without a key or a touch before the screens sign the operator out. */
  idleSignOutMinutes: z.number().int().min(1).max(480),
  /** The daily automatic backup: kept this many days (0: none taken), in `dir` (empty: backups/ in the data directory). */
  backup: z.object({ keepDays: z.number().int().min(0).max(365), dir: z.string().max(1024) }),
});
export type Settings = z.infer<typeof settingsSchema>;
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/**
 * A station as it starts for real: no dock address and no operators, so the screens open the first-run setup
 * (the dock's address and a first supervisor) instead of a dock that is not this one.
 */
export const DEFAULT_SETTINGS: Settings = {
  stationId: 'dock-1',
  dockName: '',
  dockAddress: { name: '', streetAddress1: '', city: '', postalCode: '', countryOrRegion: '' },
  operators: [],
  labelPrinter: null,
  labelSize: '4x6',
  zplPrinter: null,
  sounds: { enabled: true, volume: 0.7 },
  language: 'en',
  idleSignOutMinutes: 15,
  backup: { keepDays: 14, dir: '' },
};

/** The demo supervisor's PIN (documented in README): the demo dock is for trying the station, not for real drives. */
export const DEMO_SUPERVISOR_PIN = '2468';

/** The demo dock's settings: its address on every label, two operators who sign in with a badge, and a supervisor. */
export const DEMO_SETTINGS: Settings = {
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
    { name: 'Amy Lin', badge: 'OP-0001', supervisor: false },
    { name: 'Ben Chen', badge: 'OP-0002', supervisor: false },
    // the hash of DEMO_SUPERVISOR_PIN, made once: a demo need not pay for scrypt when it opens
    {
      name: 'Dana Wu',
      badge: 'OP-0009',
      supervisor: true,
      pinHash: 'scrypt$16384$8$1$ZGVtby1kb2NrLXNhbHQ=$ABoMFZhtjsCkz5J7SJfHTFz3G5keUo7OXNJXvrgy9Vc=',
    },
  ],
  labelPrinter: null,
  labelSize: '4x6',
  zplPrinter: null,
  sounds: { enabled: true, volume: 0.7 },
  language: 'en',
  idleSignOutMinutes: 15,
  backup: { keepDays: 14, dir: '' },
};

/** Whether the station still needs its first-run setup: no supervisor who can open Settings with a PIN. */
export function setupNeeded(s: Settings): boolean {
  return !s.operators.some((o) => o.supervisor && o.pinHash);
}

/** An operator as the screens see one: never the PIN's hash, only whether there is a PIN. */
export interface OperatorView {
  name: string;
  badge?: string | undefined;
  supervisor: boolean;
  hasPin: boolean;
}
export type SettingsView = Omit<Settings, 'operators'> & { operators: OperatorView[] };

export function settingsView(s: Settings): SettingsView {
  return {
    ...s,
    operators: s.operators.map((o) => ({
      name: o.name,
      ...(o.badge ? { badge: o.badge } : {}),
      supervisor: o.supervisor,
      hasPin: Boolean(o.pinHash),
    })),
  };
}

/**
 * An operator as the Settings screen sends one. `pin` absent keeps the PIN the operator had (found by `was`,
 * the name before a rename, else by name); null takes it away; digits set a new one.
 */
export const operatorEditSchema = z
  .object({
    name: operatorSchema.shape.name,
    badge: operatorSchema.shape.badge,
    supervisor: z.boolean(),
    pin: pinSchema.nullable().optional(),
    was: z.string().max(64).optional(),
  })
  .strict();
export type OperatorEdit = z.infer<typeof operatorEditSchema>;

/** What the Settings screen may change: every field, operators with PINs rather than hashes. */
export const settingsEditSchema = settingsSchema
  .omit({ operators: true })
  .extend({
    dockName: z.string().trim().min(1).max(120),
    dockAddress: completeAddressSchema,
    operators: z.array(operatorEditSchema).max(500),
  })
  .partial()
  .strict();
export type SettingsEdit = z.infer<typeof settingsEditSchema>;

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

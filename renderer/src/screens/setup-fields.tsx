// The dock's address as both the first-run screen and Settings ask for it: the fields a carrier reads, in
// the order a label prints them.
import { useSetupT, type SetupKey } from '../i18n-setup.ts';

export interface Address {
  name: string;
  streetAddress1: string;
  streetAddress2: string;
  city: string;
  stateOrProvince: string;
  postalCode: string;
  countryOrRegion: string;
  phone: string;
}

export const emptyAddress: Address = {
  name: '',
  streetAddress1: '',
  streetAddress2: '',
  city: '',
  stateOrProvince: '',
  postalCode: '',
  countryOrRegion: '',
  phone: '',
};

export function addressFrom(a: Partial<Record<keyof Address, string | undefined>>): Address {
  const out = { ...emptyAddress };
  for (const k of Object.keys(emptyAddress) as (keyof Address)[]) out[k] = a[k] ?? '';
  return out;
}

const FIELDS: { key: keyof Address; label: SetupKey; required: boolean; max: number; wide?: boolean }[] = [
  { key: 'name', label: 'addr.name', required: false, max: 120, wide: true },
  { key: 'streetAddress1', label: 'addr.street1', required: true, max: 200, wide: true },
  { key: 'streetAddress2', label: 'addr.street2', required: false, max: 200, wide: true },
  { key: 'city', label: 'addr.city', required: true, max: 100 },
  { key: 'stateOrProvince', label: 'addr.state', required: false, max: 100 },
  { key: 'postalCode', label: 'addr.postal', required: true, max: 20 },
  { key: 'countryOrRegion', label: 'addr.country', required: true, max: 60 },
  { key: 'phone', label: 'addr.phone', required: false, max: 40, wide: true },
];

export function AddressFields({ prefix, value, onChange }: { prefix: string; value: Address; onChange: (a: Address) => void }) {
  const st = useSetupT();
  return (
    <div className="setup-address">
      {FIELDS.map((f) => (
        <div key={f.key} className={`form-field ${f.wide ? 'setup-wide' : ''}`}>
          <label htmlFor={`${prefix}-addr-${f.key}`}>{st(f.label)}</label>
          <input
            id={`${prefix}-addr-${f.key}`}
            className="setup-input"
            value={value[f.key]}
            required={f.required}
            maxLength={f.max}
            autoComplete="off"
            onChange={(e) => onChange({ ...value, [f.key]: e.target.value })}
          />
        </div>
      ))}
    </div>
  );
}

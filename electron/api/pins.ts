// PINs are kept as scrypt hashes (node:crypto): a stolen settings file gives no PIN away, and a check takes
// the same time whether the PIN is right or wrong.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(pin, salt, KEY_BYTES, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function verifyPin(pin: string, hash: string | undefined): boolean {
  const m = hash ? /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(hash) : null;
  if (!m) return false;
  const [n, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // a hash from elsewhere never makes the station spend more than this one's own cost
  if (n > 1 << 17 || r > 16 || p > 4) return false;
  const expected = Buffer.from(m[5]!, 'base64');
  const key = scryptSync(pin, Buffer.from(m[4]!, 'base64'), expected.length, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

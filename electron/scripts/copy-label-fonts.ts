// Copies the label font (Noto Sans TC, OFL-1.1) from the @fontsource package into assets/fonts/, with a
// manifest of which file covers which characters. The copied files are committed, so a fresh clone and the
// packaged app render labels the same way without this package; run this only to refresh the font:
//   npm install --no-save @fontsource/noto-sans-tc@5.3.0 && node electron/scripts/copy-label-fonts.ts
// Only woff2 files of weights 400 and 700 are kept (about 4.5 MB): the label uses no other weight.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const from = resolve(process.argv[2] ?? join(root, 'node_modules/@fontsource/noto-sans-tc'));
const to = join(root, 'assets/fonts/noto-sans-tc');
const WEIGHTS = [400, 700] as const;

const pkg = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')) as { name: string; version: string; license: string };
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });

interface Face {
  file: string;
  weight: number;
  ranges: [number, number][];
}
const faces: Face[] = [];
for (const weight of WEIGHTS) {
  const css = readFileSync(join(from, `${weight}.css`), 'utf8');
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !range) throw new Error(`unexpected @font-face in ${weight}.css: ${block.slice(0, 200)}`);
    const ranges = range.split(',').map((r): [number, number] => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      const lo = parseInt(a!, 16);
      return [lo, b ? parseInt(b, 16) : lo];
    });
    copyFileSync(join(from, 'files', file), join(to, file));
    faces.push({ file, weight, ranges });
  }
}
copyFileSync(join(from, 'LICENSE'), join(to, 'LICENSE'));
writeFileSync(
  join(to, 'manifest.json'),
  JSON.stringify({ source: `${pkg.name}@${pkg.version}`, license: pkg.license, family: 'Noto Sans TC', faces }) + '\n',
);
const copied = readdirSync(to).filter((f) => f.endsWith('.woff2')).length;
console.log(`copied ${copied} woff2 files of ${pkg.name}@${pkg.version} to ${to}`);

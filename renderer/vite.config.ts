// The renderer is built once and served two ways: from file:// inside Electron and by the station server
// in browser mode. `base: './'` keeps every asset path relative so both work.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
const fontsDir = fileURLToPath(new URL('../assets/fonts/noto-sans-tc/', import.meta.url));

interface FontManifest {
  family: string;
  faces: { file: string; weight: number; ranges: [number, number][] }[];
}

/**
 * The UI's CJK font is the one the labels use (assets/fonts/noto-sans-tc: Noto Sans TC in unicode-range
 * subsets, listed in its manifest). Its @font-face rules are made from that manifest at build time, so the
 * screens and the labels cannot drift apart, and the browser loads only the subsets a page shows.
 */
function uiFonts(): Plugin {
  const id = 'virtual:ui-fonts.css';
  // a real directory, so the url()s below resolve relative to the font files
  const resolved = join(fontsDir, '__ui-fonts.css');
  const hex = (n: number) => n.toString(16);
  return {
    name: 'dock-ui-fonts',
    resolveId: (source) => (source === id ? resolved : null),
    load(loadId) {
      if (loadId !== resolved) return null;
      const manifest = JSON.parse(readFileSync(join(fontsDir, 'manifest.json'), 'utf8')) as FontManifest;
      return manifest.faces
        .map(
          (f) =>
            `@font-face{font-family:'${manifest.family}';font-style:normal;font-weight:${f.weight};font-display:swap;src:url('./${f.file}') format('woff2');unicode-range:${f.ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(',')};}`,
        )
        .join('\n');
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), uiFonts()],
  // the station works offline: nothing is fetched from a CDN; fonts ship in the bundle
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    assetsInlineLimit: 0,
    // the font plugin's CSS is made once per build; its timing note is noise in `npm run build:renderer`
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { host: '127.0.0.1', strictPort: false, fs: { allow: [join(here, '..')] } },
});

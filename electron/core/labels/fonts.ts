// The label font is bundled (assets/fonts/noto-sans-tc, Noto Sans TC split in unicode-range subsets), so a
// label looks the same on every station whatever fonts the machine has. Each document embeds, as data URLs,
// only the subsets its own text needs: typically a few tens of kilobytes, and no file access from the page.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The family name used in label CSS; distinct from any system font, so only the bundled files are used. */
export const LABEL_FONT_FAMILY = 'Dock Label Sans';

interface Face {
  file: string;
  weight: number;
  ranges: [number, number][];
}
interface Manifest {
  source: string;
  license: string;
  family: string;
  faces: Face[];
}

/** assets/ beside the source tree; the Electron build and tests may point elsewhere (DOCK_ASSETS_DIR). */
export function defaultAssetsDir(): string {
  if (process.env.DOCK_ASSETS_DIR) return resolve(process.env.DOCK_ASSETS_DIR);
  try {
    return resolve(dirname(fileURLToPath(import.meta.url)), '../../../assets');
  } catch {
    return resolve(process.cwd(), 'assets');
  }
}

export class LabelFonts {
  readonly dir: string;
  private manifest: Manifest | null = null;
  private readonly data = new Map<string, string>();

  constructor(assetsDir: string = defaultAssetsDir()) {
    this.dir = join(assetsDir, 'fonts', 'noto-sans-tc');
  }

  private load(): Manifest {
    if (!this.manifest) {
      try {
        this.manifest = JSON.parse(readFileSync(join(this.dir, 'manifest.json'), 'utf8')) as Manifest;
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        throw new Error(`The label font is missing from ${this.dir} (run electron/scripts/copy-label-fonts.ts): ${why}`, { cause: e });
      }
    }
    return this.manifest;
  }

  /** The font files (weight 400 and 700) whose ranges cover some character of `text`. */
  facesFor(text: string): Face[] {
    const faces = this.load().faces;
    const points = new Set<number>();
    for (const ch of text) points.add(ch.codePointAt(0)!);
    return faces.filter((f) => {
      for (const p of points) {
        for (const [lo, hi] of f.ranges) if (p >= lo && p <= hi) return true;
      }
      return false;
    });
  }

  /** `@font-face` rules, with the needed files inlined as data URLs. */
  css(text: string): string {
    return this.facesFor(text)
      .map((f) => {
        let b64 = this.data.get(f.file);
        if (b64 === undefined) {
          b64 = readFileSync(join(this.dir, f.file)).toString('base64');
          this.data.set(f.file, b64);
        }
        const ranges = f.ranges
          .map(([lo, hi]) => (lo === hi ? `U+${lo.toString(16)}` : `U+${lo.toString(16)}-${hi.toString(16)}`))
          .join(',');
        return (
          `@font-face{font-family:'${LABEL_FONT_FAMILY}';font-style:normal;font-weight:${f.weight};font-display:block;` +
          `src:url(data:font/woff2;base64,${b64}) format('woff2');unicode-range:${ranges}}`
        );
      })
      .join('\n');
  }
}

let shared: LabelFonts | null = null;
export function labelFonts(): LabelFonts {
  shared ??= new LabelFonts();
  return shared;
}

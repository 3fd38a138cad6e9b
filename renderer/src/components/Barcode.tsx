// A Code 128 barcode drawn in the page with bwip-js (its browser build, loaded only when a barcode is shown).
import { useEffect, useState } from 'react';

type Bwip = typeof import('bwip-js');
let loading: Promise<Bwip> | null = null;
const bwip = (): Promise<Bwip> => (loading ??= import('bwip-js'));

export function Barcode({ text, label, height = 18 }: { text: string; label: string; height?: number }) {
  const [svg, setSvg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    bwip()
      .then((b) => {
        // the human-readable text is printed by the page (larger than bwip's), not inside the barcode
        const out = b.toSVG({ bcid: 'code128', text, scale: 3, height, includetext: false, paddingwidth: 10, paddingheight: 4 });
        if (live) setSvg(out);
      })
      .catch((e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      live = false;
    };
  }, [text, height]);
  if (error) return <p role="alert">{error}</p>;
  // bwip-js's SVG is made from our own fixed text, never from outside input
  return (
    <div className="barcode" role="img" aria-label={label} data-code={text} dangerouslySetInnerHTML={svg ? { __html: svg } : undefined} />
  );
}

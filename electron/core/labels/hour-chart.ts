// The chart of drives received per hour, as SVG: the printed dock report and the Reports dialog draw the same one.
import { html } from './escape.ts';

/** Drives received per hour, 0–23, as bars with their counts written above them. */
export function hourChartSvg(counts: readonly number[], label: string): string {
  const W = 640,
    H = 170,
    left = 30,
    bottom = 22,
    top = 14;
  const max = Math.max(1, ...counts);
  const step = Math.max(1, Math.ceil(max / 4));
  const scaleMax = step * Math.ceil(max / step);
  const bw = (W - left) / 24;
  const y = (n: number) => top + (H - top - bottom) * (1 - n / scaleMax);
  const grid: string[] = [];
  for (let v = 0; v <= scaleMax; v += step) {
    grid.push(
      `<line x1="${left}" x2="${W}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ccc" stroke-width="0.6"/>` +
        `<text x="${left - 4}" y="${(y(v) + 3).toFixed(1)}" font-size="8" text-anchor="end">${v}</text>`,
    );
  }
  const bars = counts
    .map((n, h) => {
      const x = left + h * bw + 2;
      const label = `<text x="${(x + (bw - 4) / 2).toFixed(1)}" y="${H - bottom + 11}" font-size="8" text-anchor="middle">${String(h).padStart(2, '0')}</text>`;
      if (!n) return label;
      const top = y(n);
      return (
        `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${(bw - 4).toFixed(1)}" height="${(H - bottom - top).toFixed(1)}" fill="#1f5f99"><title>${n}</title></rect>` +
        `<text x="${(x + (bw - 4) / 2).toFixed(1)}" y="${(top - 2).toFixed(1)}" font-size="8" text-anchor="middle">${n}</text>${label}`
      );
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${html(label)}" data-chart="hours">` +
    `${grid.join('')}<line x1="${left}" x2="${W}" y1="${H - bottom}" y2="${H - bottom}" stroke="#000" stroke-width="0.8"/>${bars}</svg>`
  );
}

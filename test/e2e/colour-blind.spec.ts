// Colour is never the only signal: every outcome of a scan is shown under a simulated deuteranopia (an SVG
// feColorMatrix over the whole page) and screenshot, and each outcome's shape, pattern, icon and word differ
// from every other's once colour is taken away.
import { test, expect, putJob, signIn, scanAndWait, shot, OPERATOR } from './dock.ts';
import type { Page } from '@playwright/test';

test.describe.configure({ timeout: 120_000 });

// Machado, Oliveira and Fernandes (2009), deuteranopia at full severity
const DEUTERANOPIA = '0.367 0.861 -0.228 0 0  0.280 0.673 0.047 0 0  -0.012 0.043 0.969 0 0  0 0 0 1 0';

async function simulateDeuteranopia(page: Page): Promise<void> {
  await page.evaluate((matrix) => {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '0');
    svg.setAttribute('height', '0');
    svg.style.position = 'absolute';
    svg.innerHTML = `<filter id="deuteranopia"><feColorMatrix type="matrix" values="${matrix}"/></filter>`;
    document.body.appendChild(svg);
    document.documentElement.style.filter = 'url(#deuteranopia)';
  }, DEUTERANOPIA);
}

/** What the banner shows apart from its colours. */
async function look(page: Page) {
  return page.getByTestId('scan-feedback').evaluate((el) => {
    const cs = getComputedStyle(el);
    const strip = (s: string) => s.replace(/rgba?\([^)]*\)|#[0-9a-f]{3,8}/gi, 'C');
    return {
      kind: el.getAttribute('data-kind'),
      shape: `${cs.borderTopLeftRadius} ${cs.borderTopStyle} ${cs.borderTopWidth} ${cs.clipPath}`,
      pattern: strip(cs.backgroundImage),
      icon: el.querySelector('.banner-icon path')?.getAttribute('d') ?? '',
      word: el.querySelector('.banner-title')?.childNodes[0]?.textContent ?? '',
    };
  });
}

test('every outcome differs by shape, pattern, icon and word under simulated deuteranopia', async ({ page, station }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await putJob(station, { name: 'CB-A', tracking: 'TRK-CB-A', drives: ['WCC4CBA001', 'WCC4CBA002'] });
  await putJob(station, { name: 'CB-B', tracking: 'TRK-CB-B', drives: ['WCC4CBB001'] });
  await putJob(station, { name: 'CB-C', state: 'Creating', tracking: 'TRK-CB-C', drives: ['WCC4CBC001'] });
  await signIn(page, station);
  await simulateDeuteranopia(page);
  const looks: Awaited<ReturnType<typeof look>>[] = [];
  const record = async (name: string) => {
    looks.push(await look(page));
    await shot(page, `deuteranopia-${name}`);
  };
  await scanAndWait(page, 'TRK-CB-A');
  await scanAndWait(page, 'WCC4CBA001');
  await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-kind', 'received');
  await record('received');
  await scanAndWait(page, 'WCC4CBB001');
  await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-kind', 'otherJob');
  await record('other-job');
  await scanAndWait(page, 'WCC4CBX999');
  await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-kind', /extra|rejected|unknown|confirm/);
  if ((await page.getByTestId('scan-feedback').getAttribute('data-kind')) === 'extra') await record('extra');
  await scanAndWait(page, 'BAD CODE!');
  await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-kind', 'rejected');
  await record('rejected');
  await station.api.call('packages.close', { operator: OPERATOR, trackingNumber: 'TRK-CB-A' }).catch(() => {});
  await page.reload();
  await expect(page.getByTestId('receive-screen').or(page.getByTestId('signin-screen'))).toBeVisible();
  if (await page.getByTestId('signin-screen').isVisible()) await signIn(page, station);
  await simulateDeuteranopia(page);
  await scanAndWait(page, 'TRK-CB-C');
  await scanAndWait(page, 'WCC4CBC001');
  await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-kind', 'held');
  await record('held');

  const kinds = looks.map((l) => l.kind);
  expect(kinds).toEqual(expect.arrayContaining(['received', 'otherJob', 'rejected', 'held']));
  for (let i = 0; i < looks.length; i++) {
    for (let j = i + 1; j < looks.length; j++) {
      const [a, b] = [looks[i]!, looks[j]!];
      expect(a.shape === b.shape && a.pattern === b.pattern, `${a.kind} and ${b.kind} have the same shape and pattern`).toBe(false);
      expect(a.icon, `${a.kind} and ${b.kind} have the same icon`).not.toBe(b.icon);
      expect(a.word, `${a.kind} and ${b.kind} say the same word`).not.toBe(b.word);
    }
  }
});

// Opens the CSI report page served by the surveys service (adapters/csi_page_server.h, started by
// csi_page_fixture over the events it seeds) in Debian's headless Chromium through playwright-core,
// on a desktop and a phone viewport, and checks what a manager sees: the figures of the month, the
// 12-month trend, the advisor × item heat map, the complaint funnel; no console error, no request
// outside loopback, no script; the token is required and scoped to the store. Keeps a screenshot
// of each viewport.
//
//   node csi_page_check.mjs FIXTURE_BINARY SCREENSHOT_PREFIX
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(resolve(here, '../../tools/pagecheck/package.json'));
const { chromium } = require('playwright-core');

const [fixture_path, screenshot_prefix] = process.argv.slice(2);
const failures = [];
const expect = (ok, what) => { if (!ok) failures.push(what); };

const fixture = spawn(fixture_path, [], { stdio: ['pipe', 'pipe', 'inherit'] });
const ready = await new Promise((resolveReady, rejectReady) => {
  const lines = createInterface({ input: fixture.stdout });
  lines.once('line', (line) => resolveReady(JSON.parse(line)));
  fixture.once('exit', (code) => rejectReady(new Error('fixture exited with ' + code)));
});
const expected = ready.expected;

const loopback = (url) => {
  const { hostname, protocol } = new URL(url);
  return protocol === 'data:' || protocol === 'about:' || hostname === '127.0.0.1' || hostname === 'localhost';
};

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  // Without a token, or with another store's, the page is refused.
  {
    const context = await browser.newContext();
    const bare = await context.request.get(ready.url);
    expect(bare.status() === 401, 'no token: 401, got ' + bare.status());
    const other = await context.request.get(ready.url, { headers: { Authorization: 'Bearer ' + ready.other_token } });
    expect(other.status() === 403, "another store's token: 403, got " + other.status());
    await context.close();
  }
  for (const [name, viewport, mobile] of [['desktop', { width: 1280, height: 900 }, false],
                                          ['phone', { width: 390, height: 844 }, true]]) {
    const context = await browser.newContext({
      viewport, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: mobile ? 2 : 1,
      extraHTTPHeaders: { Authorization: 'Bearer ' + ready.token },
    });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (message) => { if (message.type() === 'error') errors.push('console: ' + message.text()); });
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('requestfailed', (request) => errors.push('request failed: ' + request.url()));
    page.on('request', (request) => { if (!loopback(request.url())) errors.push('external request: ' + request.url()); });
    const response = await page.goto(ready.url);
    expect(response.status() === 200, `${name}: status ${response.status()}`);
    const headers = response.headers();
    expect((headers['content-security-policy'] || '').includes("default-src 'none'"), `${name}: CSP ${headers['content-security-policy']}`);
    expect(!(headers['content-security-policy'] || '').includes('script-src'), `${name}: the CSP allows no script`);
    expect(headers['x-content-type-options'] === 'nosniff', `${name}: nosniff`);
    expect(errors.length === 0, `${name}: page errors or external requests: ` + errors.join('; '));
    expect((await page.title()).includes('客户满意度报告'), `${name}: title ` + (await page.title()));
    expect(await page.$$eval('script', (s) => s.length) === 0, `${name}: no script element`);

    // Chinese is drawn as glyphs (a CJK font is installed), not as the same missing-glyph box.
    const distinct = await page.evaluate(() => {
      const font = getComputedStyle(document.body).font;
      const paint = (text) => {
        const canvas = document.createElement('canvas');
        canvas.width = 64; canvas.height = 64;
        const context = canvas.getContext('2d');
        context.font = font.replace(/\d+px/, '40px');
        context.fillText(text, 4, 48);
        return Array.from(context.getImageData(0, 0, 64, 64).data).join(',');
      };
      return paint('满') !== paint('意');
    });
    expect(distinct, `${name}: Chinese characters render as glyphs (fonts-wqy-zenhei?)`);

    // The month's figures, each in its card, visible.
    for (const figure of ['csi', 'responses', 'response_rate', 'nps', 'cases', 'median_hours', 'p90_hours', 'within_sla']) {
      const card = await page.$(`[data-figure="${figure}"]`);
      expect(card !== null, `${name}: the ${figure} card is there`);
      if (!card) continue;
      const value = (await card.$eval('.value', (v) => v.innerText)).trim();
      expect(value === expected[figure], `${name}: ${figure} shows ${value}, expected ${expected[figure]}`);
      const box = await card.boundingBox();
      expect(box && box.width > 0 && box.x >= 0 && box.x + box.width <= viewport.width + 1,
        `${name}: the ${figure} card fits the screen`);
    }

    // The trend: twelve months, each month with answers a bar at its CSI, the current one last.
    const bars = await page.$$eval('#trend [data-month]', (els) => els.map((e) => ({ month: e.dataset.month, csi: e.dataset.csi, tag: e.tagName })));
    expect(bars.length === 12, `${name}: 12 months in the trend, got ${bars.length}`);
    expect(bars.length > 0 && bars[bars.length - 1].month === '2027-01' && bars[bars.length - 1].csi === expected.january_csi,
      `${name}: January last at ${expected.january_csi}: ` + JSON.stringify(bars[bars.length - 1]));
    for (const [month, csi] of Object.entries(expected.trend)) {
      const bar = bars.find((b) => b.month === month);
      expect(bar && bar.csi === csi && bar.tag === 'rect', `${name}: ${month} bar at ${csi}: ` + JSON.stringify(bar));
    }
    const trendBox = await (await page.$('#trend svg')).boundingBox();
    expect(trendBox.width > 200 && trendBox.width <= viewport.width, `${name}: the trend chart fits (${trendBox.width}px)`);

    // The heat map: the advisors' item averages; the advisor whose id is markup shows as text.
    for (const cell of expected.heat) {
      const score = await page.$$eval('#heatmap rect[data-advisor]', (rects, want) => {
        const found = rects.find((r) => r.dataset.advisor === want.advisor && Number(r.dataset.item) === want.item);
        return found ? found.dataset.score : null;
      }, cell);
      expect(score === cell.score, `${name}: heat ${cell.advisor} × ${cell.item} = ${score}, expected ${cell.score}`);
    }
    expect(await page.$$eval('i', (els) => els.length) === 0, `${name}: data markup is escaped, never rendered`);
    const labels = await page.$$eval('#heatmap [data-advisor-label]', (els) => els.map((e) => e.textContent));
    expect(labels.includes('<i>adv-3</i>'), `${name}: the advisor id shows as written: ` + labels.join(','));

    // The funnel: opened → in progress → resolved in time → satisfied.
    const stages = await page.$$eval('#funnel [data-stage]', (els) => Object.fromEntries(els.map((e) => [e.dataset.stage, Number(e.dataset.count)])));
    const order = await page.$$eval('#funnel [data-stage]', (els) => els.map((e) => e.dataset.stage));
    expect(JSON.stringify(order) === JSON.stringify(['opened', 'in_progress', 'within_sla', 'satisfied']),
      `${name}: funnel stages in order: ${order}`);
    for (const [stage, count] of Object.entries(expected.funnel)) {
      expect(stages[stage] === count, `${name}: funnel ${stage} ${stages[stage]}, expected ${count}`);
    }

    const lowest = await page.$eval('#lowest tbody tr td', (td) => td.innerText).catch(() => '');
    expect(lowest === expected.lowest_first, `${name}: lowest item ${lowest}`);

    // Nothing spills sideways on a phone but the scrollable heat map and tables.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow <= 1, `${name}: the page scrolls sideways by ${overflow}px`);

    const shot = await page.screenshot({ path: `${screenshot_prefix}-${name}.png`, fullPage: true });
    expect(shot.length > 10000, `${name}: the page paints something (${shot.length} bytes)`);
    await context.close();
  }
} finally {
  await browser.close();
  fixture.stdin.end();
}
if (failures.length) {
  console.error('csi page: ' + failures.length + ' failure(s)\n  ' + failures.join('\n  '));
  process.exit(1);
}
console.log('csi page: ok');

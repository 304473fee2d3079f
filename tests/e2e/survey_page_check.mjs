// Opens a survey invitation's link (read from the fake gateway's ledger by survey_page_path.sh) in
// Debian's headless Chromium through playwright-core on a phone viewport, as the customer would:
// the page is Chinese, names the store, fits the screen, loads nothing from outside and runs no
// script; answers 4/10 on the overall item, submits, sees the thanks; opening the link again and
// posting again are refused politely. Keeps a screenshot of the form and of the thanks.
//
//   node survey_page_check.mjs LINK STORE_NAME SCREENSHOT_PREFIX
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(resolve(here, '../../tools/pagecheck/package.json'));
const { chromium } = require('playwright-core');

const [link, storeName, screenshotPrefix] = process.argv.slice(2);
const failures = [];
const expect = (ok, what) => { if (!ok) failures.push(what); };
const refusal = '您已提交过本次评价，感谢您的反馈';

const loopback = (url) => {
  const { hostname, protocol } = new URL(url);
  return protocol === 'data:' || protocol === 'about:' || hostname === '127.0.0.1' || hostname === 'localhost';
};

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const viewport = { width: 390, height: 844 };
  const context = await browser.newContext({ viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push('console: ' + message.text()); });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('requestfailed', (request) => errors.push('request failed: ' + request.url()));
  page.on('request', (request) => { if (!loopback(request.url())) errors.push('external request: ' + request.url()); });

  const response = await page.goto(link);
  expect(response.status() === 200, 'the link opens the form: status ' + response.status());
  const headers = response.headers();
  const csp = headers['content-security-policy'] || '';
  for (const part of ["default-src 'none'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'"]) {
    expect(csp.includes(part), `CSP has ${part}: ${csp}`);
  }
  expect(headers['x-frame-options'] === 'DENY', 'X-Frame-Options DENY');
  expect(headers['cache-control'] === 'no-store', 'Cache-Control no-store');
  expect(headers['referrer-policy'] === 'no-referrer', 'Referrer-Policy no-referrer');
  expect(await page.getAttribute('html', 'lang') === 'zh-CN', 'the page is in Chinese (lang zh-CN)');
  expect((await page.textContent('header .store')).trim() === storeName, 'the store is named: ' + storeName);
  expect((await page.textContent('body')).includes('满意'), 'the questions are in Chinese');
  expect(await page.$$eval('script', (s) => s.length) === 0, 'no script element');
  // The style sheet is allowed by its hash: the radio buttons are drawn as large buttons.
  const tap = await page.locator('label.opt:has(input[name="s_overall"][value="4"]) span').boundingBox();
  expect(tap && tap.height >= 44 && tap.width >= 44, 'the score buttons are large tap targets: ' + JSON.stringify(tap));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow <= 1, `the page scrolls sideways by ${overflow}px`);

  await page.locator('label.opt:has(input[name="s_overall"][value="4"])').tap();
  expect(await page.isChecked('input[name="s_overall"][value="4"]'), '4 is chosen on the overall item');
  await page.fill('textarea[name="comment"]', '等待时间太长 <b>不满意</b>');
  const form = await page.screenshot({ path: `${screenshotPrefix}-form.png`, fullPage: true });
  expect(form.length > 10000, `the form paints something (${form.length} bytes)`);

  const [submitted] = await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  expect(submitted.status() === 200, 'the submit is taken: status ' + submitted.status());
  expect((await page.textContent('h1')).includes('感谢您的评价'), 'the thank-you page: ' + (await page.textContent('h1')));
  const thanks = await page.screenshot({ path: `${screenshotPrefix}-thanks.png`, fullPage: true });
  expect(thanks.length > 5000, `the thanks page paints something (${thanks.length} bytes)`);

  const again = await page.goto(link);
  expect(again.status() === 200 && (await page.textContent('body')).includes(refusal),
    'opening the link again says it was answered: ' + again.status());
  expect(await page.$('form') === null, 'no form on an answered link');
  const resubmit = await context.request.post(link, { form: { s_overall: '10' } });
  expect(resubmit.status() === 409 && (await resubmit.text()).includes(refusal),
    'a second submit is refused politely: ' + resubmit.status());
  expect(errors.length === 0, 'page errors or external requests: ' + errors.join('; '));
  await context.close();
} finally {
  await browser.close();
}

if (failures.length > 0) {
  console.error('FAIL:\n  ' + failures.join('\n  '));
  process.exit(1);
}
console.log('survey page: ok');

// Opens the care calendar page (careloopctl calendar upcoming --html) in Debian's headless
// Chromium through playwright-core and checks what a manager sees: it renders, every day of the
// range is a cell and no other day is, each day shows its count and kinds, the months are there.
//
//   node calendar_page_check.mjs PAGE.html EXPECTED.json SCREENSHOT.png
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(resolve(here, '../../tools/pagecheck/package.json'));
const { chromium } = require('playwright-core');

const [page_path, expected_path, screenshot_path] = process.argv.slice(2);
const expected = JSON.parse(readFileSync(expected_path, 'utf8'));
const failures = [];
const expect = (ok, what) => { if (!ok) failures.push(what); };

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('requestfailed', (request) => errors.push('request failed: ' + request.url()));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) errors.push('external request: ' + request.url());
  });
  await page.goto(pathToFileURL(resolve(page_path)).href);
  expect(errors.length === 0, 'page errors or external requests: ' + errors.join('; '));
  expect((await page.title()).includes('关怀日历'), 'title names the care calendar: ' + (await page.title()));
  // The Chinese labels are drawn as glyphs, not as the same "missing glyph" box: two different
  // characters in the page's font must paint differently.
  const distinct = await page.evaluate(() => {
    const font = getComputedStyle(document.body).font;
    const paint = (text) => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      const context = canvas.getContext('2d');
      context.font = font.replace(/\d+px/, '40px');
      context.fillText(text, 4, 48);
      return Array.from(context.getImageData(0, 0, 64, 64).data).join(',');
    };
    return paint('关') !== paint('日') && paint('周') !== paint('保');
  });
  expect(distinct, 'Chinese characters render as glyphs (is a CJK font installed? fonts-wqy-zenhei)');

  // Every day of the range, and no other, is a cell; its count is what the care says.
  const cells = await page.$$eval('td[data-date]', (tds) => tds.map((td) => ({
    date: td.dataset.date, count: Number(td.dataset.count), text: td.innerText,
    visible: td.getBoundingClientRect().width > 0 && td.getBoundingClientRect().height > 0,
  })));
  const from = new Date(expected.from + 'T00:00:00Z');
  const range = Array.from({ length: expected.days }, (_, i) =>
    new Date(from.getTime() + i * 86400000).toISOString().slice(0, 10));
  expect(JSON.stringify(cells.map((c) => c.date)) === JSON.stringify(range),
    'cells are the days of the range: ' + cells.map((c) => c.date).join(','));
  const care = new Map(expected.care.map((day) => [day.date, day]));
  for (const cell of cells) {
    const day = care.get(cell.date);
    expect(cell.visible, cell.date + ' is visible');
    expect(cell.count === (day ? day.total : 0), `${cell.date} counts ${cell.count}, expected ${day ? day.total : 0}`);
    expect(cell.text.trim().startsWith(String(Number(cell.date.slice(8)))), `${cell.date} shows its day number`);
    if (day) {
      expect(cell.text.includes(`${day.total} 条`), `${cell.date} shows its total: ${cell.text}`);
      for (const kind of day.kinds) {
        expect(cell.text.includes(String(kind.count)), `${cell.date} shows ${kind.kind} ${kind.count}`);
        for (const reminder of kind.reminders) {
          expect(cell.text.includes(reminder.customer_id), `${cell.date} lists ${reminder.customer_id}`);
        }
      }
      const kinds = await page.$$eval(`td[data-date="${cell.date}"] li[data-kind]`, (lis) => lis.map((li) => li.dataset.kind));
      expect(JSON.stringify(kinds) === JSON.stringify(day.kinds.map((k) => k.kind)), `${cell.date} kinds ${kinds}`);
    }
  }
  // Each month the range touches is a calendar with Chinese weekday headers.
  const months = await page.$$eval('table.month caption', (captions) => captions.map((c) => c.innerText));
  const wanted = [...new Set(range.map((d) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月`))];
  expect(JSON.stringify(months) === JSON.stringify(wanted), 'months ' + months.join(',') + ' expected ' + wanted.join(','));
  const headers = await page.$$eval('table.month:first-of-type th', (ths) => ths.map((th) => th.innerText));
  expect(headers.join('') === '周一周二周三周四周五周六周日', 'weekday headers: ' + headers.join(''));
  // The first of each month sits under its weekday (2027-02-01 is a Monday).
  const firstColumn = await page.$eval('td[data-date="2027-02-01"]', (td) => td.cellIndex).catch(() => -1);
  if (range.includes('2027-02-01')) expect(firstColumn === 0, '2027-02-01 is in the Monday column, got ' + firstColumn);
  const shot = await page.screenshot({ path: screenshot_path, fullPage: true });
  expect(shot.length > 10000, 'the page paints something (screenshot of ' + shot.length + ' bytes)');
} finally {
  await browser.close();
}
if (failures.length) {
  console.error('calendar page: ' + failures.length + ' failure(s)\n  ' + failures.join('\n  '));
  process.exit(1);
}
console.log('calendar page: ok');

// Drives the local dashboard in headless Debian chromium (playwright-core, no browser download) and exits non-zero
// on the first expectation that fails. Usage: node dashboard-check.mjs BASE_URL PLAYER_ID SCREENSHOT_PNG
import { chromium } from 'playwright-core';

const [baseUrl, playerId, screenshot] = process.argv.slice(2);
if (!baseUrl || !playerId || !screenshot) {
  console.error('usage: dashboard-check.mjs BASE_URL PLAYER_ID SCREENSHOT_PNG');
  process.exit(2);
}

function expect(condition, message) {
  if (!condition) throw new Error('expectation failed: ' + message);
  console.log('ok - ' + message);
}

// Pixels of the chart's canvas in the given series colour: a drawn line, not just axes and grid.
async function seriesPixels(page, chartId, rgb) {
  return page.evaluate(([id, [r, g, b]]) => {
    const canvas = document.querySelector('#' + id + ' canvas');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r) < 24 && Math.abs(data[i + 1] - g) < 24 && Math.abs(data[i + 2] - b) < 24 && data[i + 3] > 200) count++;
    }
    return count;
  }, [chartId, rgb]);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));

  await page.goto(baseUrl + '/dashboard', { waitUntil: 'load' });
  expect(await page.title() === 'playerlens · local dashboard', 'the page loads with its title');
  await page.waitForFunction(() => document.querySelector('#status').dataset.state === 'live', null, { timeout: 15000 });
  expect(true, 'the page reaches the live metrics endpoint');

  // Live data: several one-second points, with traced profile writes among them.
  await page.waitForFunction(() => Number(document.body.dataset.points || 0) >= 3
    && /\d+ ms/.test(document.querySelector('#tile-p50').textContent), null, { timeout: 30000 });
  expect(Number(await page.getAttribute('body', 'data-points')) >= 3, 'the charts hold at least 3 live points');
  expect(/\d+ ms/.test(await page.textContent('#tile-p50')), 'the freshness tile shows a measured p50: ' + await page.textContent('#tile-p50'));
  expect(Number((await page.textContent('#tile-ingest')).replace(/[^0-9.]/g, '')) >= 0, 'the ingest tile shows a rate');

  const charts = ['chart-ingest', 'chart-freshness', 'chart-stages', 'chart-offers', 'chart-share', 'chart-resources'];
  for (const id of charts) {
    expect(await page.locator('#' + id + ' canvas').count() === 1, id + ' has a canvas');
  }
  // The first series colour (#4cc38a): accepted events, freshness p50 and the ingest stage are drawn.
  for (const id of ['chart-ingest', 'chart-freshness', 'chart-stages']) {
    const pixels = await seriesPixels(page, id, [76, 195, 138]);
    expect(pixels > 50, id + ' draws its first series from live data (' + pixels + ' pixels)');
  }

  // Player lookup: the profile and one answer per model.
  await page.fill('#player-id', playerId);
  await page.click('#lookup-form button');
  await page.waitForSelector('#profile-table tr td', { timeout: 10000 });
  const features = await page.$$eval('#profile-table tr', (trs) => Object.fromEntries(trs.slice(1).map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent])));
  expect(Number(features.events_total) > 0, 'the lookup shows the player\'s profile (events_total ' + features.events_total + ')');
  const models = await page.$$eval('.model', (boxes) => boxes.map((b) => b.dataset.model));
  expect(models.length >= 2, 'the lookup shows every model\'s offers: ' + models.join(', '));
  expect(await page.locator('.model .assigned').count() === 1, 'exactly one model is marked as serving this player');
  expect(await page.locator('.model table tr td').count() > 0, 'the models return offers');

  await page.screenshot({ path: screenshot, fullPage: true });
  console.log('screenshot: ' + screenshot);
  expect(errors.length === 0, 'no script errors (' + errors.join('; ') + ')');
  expect(failed.length === 0, 'every request of the page succeeded (' + failed.join(', ') + ')');
} finally {
  await browser.close();
}

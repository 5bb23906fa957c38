// Records one run against the stand-in the way browsertime, sitespeed.io and
// puppeteer HAR recorders do: headless Chromium driven over the DevTools
// protocol (puppeteer-core), every Network.* and Page.* event handed to
// chrome-har's harFromMessages. Input in the environment: CHROMIUM (the
// browser), FLAGS (JSON: the stand-in's browser flags), STEPS (JSON: the
// scenario's steps as record.ParseSteps gives them), HAR (where to write).
// Run by TestRecordChromeHAR (internal/standin, -update-chromehar).
const puppeteer = require('puppeteer-core');
const { harFromMessages } = require('chrome-har');
const fs = require('fs');
const os = require('os');
const path = require('path');

const events = [
  'Page.loadEventFired', 'Page.domContentEventFired', 'Page.frameStartedLoading', 'Page.frameAttached',
  'Page.frameNavigated', 'Page.frameRequestedNavigation', 'Page.navigatedWithinDocument',
  'Network.requestWillBeSent', 'Network.requestWillBeSentExtraInfo', 'Network.requestServedFromCache',
  'Network.dataReceived', 'Network.responseReceived', 'Network.responseReceivedExtraInfo',
  'Network.resourceChangedPriority', 'Network.loadingFinished', 'Network.loadingFailed',
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

(async () => {
  const steps = JSON.parse(process.env.STEPS);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromehar-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM,
    headless: true,
    userDataDir: profile,
    acceptInsecureCerts: true,
    args: JSON.parse(process.env.FLAGS).concat(['--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']),
  });
  try {
    const page = await browser.newPage();
    const client = await page.createCDPSession();
    const messages = [];
    for (const method of events) {
      client.on(method, (params) => messages.push({ method, params }));
    }
    await client.send('Page.enable');
    await client.send('Network.enable');

    // The first visible element a selector matches, waiting for it across
    // navigations.
    const visible = async (sel) => {
      for (let i = 0; i < 150; i++) {
        try {
          for (const h of await page.$$(sel)) {
            if (await h.isVisible()) return h;
          }
        } catch (e) { /* a navigation replaced the document */ }
        await sleep(100);
      }
      throw new Error('no visible ' + sel);
    };
    const urlMatches = (pattern, u) =>
      new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$').test(u);

    for (const st of steps) {
      switch (st.Kind) {
        case 'goto': await page.goto(st.URL, { waitUntil: 'networkidle0' }).catch(() => {}); break;
        case 'fill': { const h = await visible(st.Selector); await h.click({ clickCount: 3 }); await h.type(st.Value); break; }
        case 'click': { const h = await visible(st.Selector); await h.click(); break; }
        case 'wait': await visible(st.Selector); break;
        case 'wait-url': {
          let ok = false;
          for (let i = 0; i < 150 && !ok; i++) { ok = urlMatches(st.URL, page.url()); if (!ok) await sleep(100); }
          if (!ok) throw new Error('never reached ' + st.URL + ' (at ' + page.url() + ')');
          break;
        }
        case 'sleep': await sleep(st.Duration / 1e6); break;
      }
    }
    await sleep(1000); // let the last requests finish
    const har = harFromMessages(messages, { includeTextFromResponseBody: false });
    fs.writeFileSync(process.env.HAR, JSON.stringify(har, null, 2));
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
})().catch((e) => { console.error(e); process.exit(1); });

// The app's security policy, as plain functions: which URLs are the station's own page, what its pages may
// load, which permissions they may have, the web preferences of every window, and the CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  APP_URL,
  CONTENT_SECURITY_POLICY,
  LABEL_CONTENT_SECURITY_POLICY,
  isAppUrl,
  labelIdOf,
  labelMayLoad,
  labelUrl,
  mayHavePermission,
  mayLoad,
  secureWebPreferences,
} from '../../electron/security-policy.ts';

test("only app://station/ is the station's own page", () => {
  for (const url of [APP_URL, 'app://station/', 'app://station/receive?x=1#y', 'APP://STATION/index.html']) assert.ok(isAppUrl(url), url);
  for (const url of [
    'app://station.evil/',
    'app://stationx/',
    'app://evil/station',
    'app://user@station/',
    'app://station:8080/',
    'http://station/',
    'https://station/',
    'file:///station/index.html',
    'http://127.0.0.1:5173/',
    'about:blank',
    'data:text/html,<script>1</script>',
    'javascript:alert(1)',
    '',
    'not a url',
  ])
    assert.ok(!isAppUrl(url), url);
});

const packaged = { packaged: true };
const development = { packaged: false };

test("the app's pages load nothing from the network or the disk", () => {
  const temp = pathToFileURL(join(tmpdir(), 'dock-label-Ab12Cd', 'label.html')).href;
  for (const mode of [packaged, development]) {
    for (const url of [APP_URL, 'app://station/assets/app.js', 'data:font/woff2;base64,AAAA', 'blob:app://station/1234']) {
      assert.ok(mayLoad(url, mode), url);
    }
    for (const url of [
      'https://example.com/x.js',
      'http://127.0.0.1:8080/',
      'ws://127.0.0.1/',
      'file:///etc/passwd',
      temp,
      labelUrl('0f8fad5b-d9cb-469f-a165-70867728950e'),
    ])
      assert.ok(!mayLoad(url, mode), url);
  }
});

test('in the installed app the developer tools cannot be loaded; in a development run they can', () => {
  for (const url of ['devtools://devtools/bundled/devtools_app.html', 'devtools://devtools/bundled/inspector.html?x=1']) {
    assert.equal(mayLoad(url, packaged), false, url);
    assert.equal(mayLoad(url, development), true, url);
  }
  assert.equal(secureWebPreferences('/x/preload.cjs', packaged).devTools, false);
  assert.equal(secureWebPreferences('/x/preload.cjs', development).devTools, true);
});

test('a label is printed from memory (app://label/<id>), never from a file; its page loads only what it carries', () => {
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
  assert.equal(labelIdOf(labelUrl(id)), id);
  assert.ok(labelMayLoad(labelUrl(id)));
  assert.ok(labelMayLoad('data:font/woff2;base64,AAAA'));
  for (const url of [
    pathToFileURL(join(tmpdir(), 'dock-label-Ab12Cd', 'label.html')).href,
    'file:///etc/passwd',
    APP_URL,
    'app://station/assets/app.js',
    `app://label/${id}/../x`,
    `app://label/${id}?x`,
    `app://label/${id}#x`,
    `app://user@label/${id}`,
    'app://label/not-an-id',
    `app://labelx/${id}`,
    'https://example.com/',
    'blob:app://label/1',
    'devtools://devtools/bundled/devtools_app.html',
  ]) {
    assert.equal(labelMayLoad(url), false, url);
  }
  const d = LABEL_CONTENT_SECURITY_POLICY;
  assert.match(d, /default-src 'none'/);
  assert.ok(!/script-src|unsafe-eval|https?:|file:|\*/.test(d), 'no script, nothing remote, no files');
});

test("the station's page may copy to the clipboard and go full screen, and nothing else", () => {
  assert.ok(mayHavePermission('clipboard-sanitized-write', APP_URL));
  assert.ok(mayHavePermission('fullscreen', APP_URL));
  for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'hid', 'usb', 'serial', 'clipboard-read', 'unknown']) {
    assert.ok(!mayHavePermission(p, APP_URL), p);
  }
  assert.ok(!mayHavePermission('fullscreen', 'https://example.com/'), 'no page but the station');
});

test('every window is isolated, sandboxed and without Node', () => {
  const p = secureWebPreferences('/x/preload.cjs', packaged);
  assert.equal(p.contextIsolation, true);
  assert.equal(p.sandbox, true);
  assert.equal(p.nodeIntegration, false);
  assert.equal(p.nodeIntegrationInWorker, false);
  assert.equal(p.nodeIntegrationInSubFrames, false);
  assert.equal(p.webSecurity, true);
  assert.equal(p.allowRunningInsecureContent, false);
  assert.equal(p.experimentalFeatures, false);
  assert.equal(p.webviewTag, false);
  assert.equal(p.enableBlinkFeatures, undefined);
  assert.equal(p.preload, '/x/preload.cjs');
});

test('the CSP allows scripts from the page itself only, and nothing from elsewhere', () => {
  const d = Object.fromEntries(
    CONTENT_SECURITY_POLICY.split('; ').map((x) => {
      const [k, ...v] = x.split(' ');
      return [k!, v.join(' ')];
    }),
  );
  assert.equal(d['default-src'], "'none'");
  assert.equal(d['script-src'], "'self'");
  assert.equal(d['connect-src'], "'self'");
  assert.equal(d['object-src'], "'none'");
  assert.equal(d['frame-ancestors'], "'none'");
  assert.equal(d['base-uri'], "'none'");
  assert.ok(!/unsafe-eval|https?:|\*/.test(CONTENT_SECURITY_POLICY), 'no eval, no remote hosts, no wildcards');
});

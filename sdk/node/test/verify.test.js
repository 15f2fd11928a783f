'use strict';

// Signs deliveries the way docs/formats.md says Dispatcher does, then checks verify() accepts them
// and says why it refuses tampered ones. Real deliveries are checked by the .NET functional tests.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { verify, verifyOrThrow, WebhookVerificationError } = require('..');

const NOW = 1_800_000_000;
const BODY = Buffer.from('{"id":"evt_1","type":"link.clicked","data":{"emoji":"😀","n":50}}', 'utf8');
const SECRET = 'a_secret_of_sixteen_plus';
const OLD = 'an_older_secret_still_live';
const WHSEC = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
const WHSEC_OLD = 'whsec_' + Buffer.alloc(32, 9).toString('base64');

const hex = (key, ...parts) => parts.reduce((m, p) => m.update(p), crypto.createHmac('sha256', key)).digest('hex');
const b64 = (key, ...parts) => parts.reduce((m, p) => m.update(p), crypto.createHmac('sha256', key)).digest('base64');
const whsecKey = (s) => Buffer.from(s.slice(6), 'base64');

function sign(format, secrets, body = BODY, t = NOW, id = 'evt_1') {
  switch (format) {
    case 'cd4cd':
    case 'elido':
      return { [`${format === 'cd4cd' ? 'CD4CD' : 'Elido'}-Signature`]: `t=${t}` + secrets.map((s) => `,v1=${hex(s, `${t}.`, body)}`).join('') };
    case 'snip':
      return { 'X-Snip-Signature': hex(secrets[0], body), 'X-Snip-Event-Id': id };
    case 'georedir':
      return { 'X-GeoRedir-Signature': hex(secrets[0], body), 'X-GeoRedir-Event-Id': id };
    case 'awsys':
      return { 'X-Awsys-Signature': hex(secrets[0], body), 'X-Awsys-Event-Id': id };
    default:
      return {
        'webhook-id': id,
        'webhook-timestamp': String(t),
        'webhook-signature': secrets.map((s) => `v1,${b64(whsecKey(s), `${id}.${t}.`, body)}`).join(' '),
      };
  }
}

const FORMATS = ['cd4cd', 'elido', 'snip', 'georedir', 'awsys', 'standard-webhooks'];
const secretOf = (format) => (format === 'standard-webhooks' ? WHSEC : SECRET);
const oldOf = (format) => (format === 'standard-webhooks' ? WHSEC_OLD : OLD);
const at = new Date(NOW * 1000);

for (const format of FORMATS) {
  test(`${format}: a signed delivery verifies over the raw bytes, as Buffer or string`, () => {
    const headers = sign(format, [secretOf(format)]);
    assert.equal(verify({ format, headers, body: BODY, secret: secretOf(format), now: at }).ok, true);
    assert.equal(verify({ format, headers, body: BODY.toString('utf8'), secret: secretOf(format), now: at }).ok, true);
  });

  test(`${format}: a changed body, a wrong secret and a missing header are refused with their reason`, () => {
    const headers = sign(format, [secretOf(format)]);
    const tampered = Buffer.from(BODY.toString('utf8').replace('50', '51'));
    assert.equal(verify({ format, headers, body: tampered, secret: secretOf(format), now: at }).reason, 'signature_mismatch');
    assert.equal(verify({ format, headers, body: BODY, secret: oldOf(format), now: at }).reason, 'signature_mismatch');
    assert.equal(verify({ format, headers: {}, body: BODY, secret: secretOf(format), now: at }).reason, 'missing_header');
  });

  test(`${format}: during a rotation a receiver holding both secrets accepts what is sent`, () => {
    // The server signs with [new, old] where the header holds several, else with the new one only.
    const headers = sign(format, [secretOf(format), oldOf(format)]);
    const result = verify({ format, headers, body: BODY, secrets: [oldOf(format), secretOf(format)], now: at });
    assert.equal(result.ok, true);
    const multi = format !== 'snip' && format !== 'georedir' && format !== 'awsys';
    assert.equal(result.secretIndex, multi ? 0 : 1);
    assert.equal(verify({ format, headers, body: BODY, secret: oldOf(format), now: at }).ok, multi);
  });
}

for (const format of ['cd4cd', 'elido', 'standard-webhooks']) {
  test(`${format}: a signed timestamp outside the tolerance is refused, either way`, () => {
    const headers = sign(format, [secretOf(format)]);
    const old = verify({ format, headers, body: BODY, secret: secretOf(format), now: (NOW + 301) * 1000 });
    assert.equal(old.reason, 'timestamp_out_of_tolerance');
    assert.match(old.message, /301 s old/);
    assert.equal(verify({ format, headers, body: BODY, secret: secretOf(format), now: (NOW - 301) * 1000 }).reason, 'timestamp_out_of_tolerance');
    assert.equal(verify({ format, headers, body: BODY, secret: secretOf(format), now: (NOW + 301) * 1000, toleranceSeconds: 600 }).ok, true);
  });
}

test('header names are matched ignoring case, from plain objects, Maps and Fetch Headers', () => {
  const signed = sign('cd4cd', [SECRET]);
  const lower = Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toLowerCase(), v]));
  assert.equal(verify({ format: 'cd4cd', headers: lower, body: BODY, secret: SECRET, now: at }).ok, true);
  assert.equal(verify({ format: 'cd4cd', headers: new Map(Object.entries(signed)), body: BODY, secret: SECRET, now: at }).ok, true);
  assert.equal(verify({ format: 'cd4cd', headers: new Headers(signed), body: BODY, secret: SECRET, now: at }).ok, true);
});

test('the event id of formats that carry it in a header is returned', () => {
  const result = verify({ format: 'awsys', headers: sign('awsys', [SECRET], BODY, NOW, 'evt_42'), body: BODY, secret: SECRET });
  assert.equal(result.eventId, 'evt_42');
});

test('malformed headers, unknown formats, missing secrets and parsed bodies say so', () => {
  assert.equal(verify({ format: 'cd4cd', headers: { 'CD4CD-Signature': 'v1=abc' }, body: BODY, secret: SECRET }).reason, 'malformed_header');
  assert.equal(verify({ format: 'snip', headers: { 'X-Snip-Signature': 'zz' }, body: BODY, secret: SECRET }).reason, 'malformed_header');
  assert.equal(verify({ format: 'stripe', headers: {}, body: BODY, secret: SECRET }).reason, 'unknown_format');
  assert.equal(verify({ format: 'cd4cd', headers: sign('cd4cd', [SECRET]), body: BODY }).reason, 'no_secret');
  assert.equal(verify({ format: 'cd4cd', headers: sign('cd4cd', [SECRET]), body: JSON.parse(BODY), secret: SECRET }).reason, 'invalid_body');
  assert.equal(verify({ format: 'standard-webhooks', headers: sign('standard-webhooks', [WHSEC]), body: BODY, secret: 'not base64!', now: at }).reason, 'invalid_secret');
});

test('verifyOrThrow throws the reason', () => {
  assert.throws(() => verifyOrThrow({ format: 'snip', headers: sign('snip', [SECRET]), body: BODY, secret: OLD }),
    (error) => error instanceof WebhookVerificationError && error.reason === 'signature_mismatch');
});

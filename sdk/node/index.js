'use strict';

// Verifies Dispatcher's webhook signatures over the raw body bytes. No dependencies: node:crypto only.
const crypto = require('node:crypto');

const DEFAULT_TOLERANCE_SECONDS = 300;

// What each format signs and where it puts the signature (docs/formats.md). Header names are
// lower case: Node lower-cases incoming names, and lookups below ignore case anyway.
const FORMATS = Object.freeze({
  'cd4cd': { scheme: 'timestamped', signatureHeader: 'cd4cd-signature' },
  'elido': { scheme: 'timestamped', signatureHeader: 'elido-signature' },
  'snip': { scheme: 'body', signatureHeader: 'x-snip-signature', idHeader: 'x-snip-event-id' },
  'georedir': { scheme: 'body', signatureHeader: 'x-georedir-signature', idHeader: 'x-georedir-event-id' },
  'awsys': { scheme: 'body', signatureHeader: 'x-awsys-signature', idHeader: 'x-awsys-event-id' },
  'standard-webhooks': {
    scheme: 'standard', signatureHeader: 'webhook-signature', idHeader: 'webhook-id', timestampHeader: 'webhook-timestamp',
  },
});

class WebhookVerificationError extends Error {
  constructor(reason, message) {
    super(message);
    this.name = 'WebhookVerificationError';
    this.reason = reason;
  }
}

function fail(reason, message) {
  return { ok: false, reason, message };
}

function header(headers, name) {
  if (!headers) {
    return undefined;
  }
  // Fetch's Headers answers get() ignoring case; Maps and plain objects (Node's req.headers) are searched ignoring case.
  let value;
  if (typeof headers.get === 'function' && !(headers instanceof Map)) {
    value = headers.get(name);
  } else {
    const entries = headers instanceof Map ? [...headers.entries()] : Object.entries(headers);
    const entry = entries.find(([k]) => String(k).toLowerCase() === name);
    value = entry === undefined ? undefined : entry[1];
  }
  if (Array.isArray(value)) {
    value = value[0];
  }
  return value === undefined || value === null ? undefined : String(value);
}

function bodyBytes(body) {
  if (Buffer.isBuffer(body)) {
    return body;
  }
  if (body instanceof Uint8Array) {
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }
  if (typeof body === 'string') {
    return Buffer.from(body, 'utf8');
  }
  return undefined;
}

function hmac(key, ...parts) {
  const mac = crypto.createHmac('sha256', key);
  for (const part of parts) {
    mac.update(part);
  }
  return mac.digest();
}

function sameBytes(a, b) {
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

// Every candidate against every secret: the first match wins, its secret's index is reported.
function firstMatch(keys, candidates, compute) {
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] === undefined) {
      continue;
    }
    const expected = compute(keys[i]);
    if (candidates.some((candidate) => sameBytes(expected, candidate))) {
      return i;
    }
  }
  return -1;
}

function parseTimestamped(value) {
  let t;
  const v1 = [];
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      continue;
    }
    const name = part.slice(0, eq).trim();
    const text = part.slice(eq + 1).trim();
    if (name === 't' && /^\d{1,15}$/.test(text)) {
      t = Number(text);
    } else if (name === 'v1' && /^[0-9a-fA-F]{64}$/.test(text)) {
      v1.push(Buffer.from(text, 'hex'));
    }
  }
  return { t, v1 };
}

function standardKey(secret) {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
    return undefined;
  }
  return Buffer.from(encoded, 'base64');
}

function nowSeconds(now) {
  if (now === undefined) {
    return Date.now() / 1000;
  }
  return (now instanceof Date ? now.getTime() : Number(now)) / 1000;
}

function checkTolerance(t, options, result) {
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const drift = nowSeconds(options.now) - t;
  if (Math.abs(drift) > tolerance) {
    return fail('timestamp_out_of_tolerance',
      `the signed timestamp ${t} is ${Math.round(Math.abs(drift))} s ${drift > 0 ? 'old' : 'in the future'}; the tolerance is ${tolerance} s`);
  }
  return result;
}

/**
 * Verifies one delivery. Never throws for a bad delivery: the result says why it failed.
 * @param {import('./index').VerifyOptions} options
 * @returns {import('./index').VerifyResult}
 */
function verify(options) {
  const { format, headers } = options ?? {};
  const spec = FORMATS[format];
  if (!spec) {
    return fail('unknown_format', `format must be one of ${Object.keys(FORMATS).join(', ')}; got ${JSON.stringify(format)}`);
  }
  const secrets = [].concat(options.secrets ?? options.secret ?? []).filter((s) => typeof s === 'string' && s.length > 0);
  if (secrets.length === 0) {
    return fail('no_secret', 'give the webhook secret (secret) or, during a rotation, every live one (secrets)');
  }
  const body = bodyBytes(options.body);
  if (body === undefined) {
    return fail('invalid_body', 'body must be the raw request body: a Buffer, Uint8Array or string, before any JSON parsing');
  }
  const signature = header(headers, spec.signatureHeader);
  if (signature === undefined) {
    return fail('missing_header', `the ${spec.signatureHeader} header is missing`);
  }
  const eventId = spec.idHeader ? header(headers, spec.idHeader) : undefined;

  if (spec.scheme === 'body') {
    const candidate = signature.trim();
    if (!/^[0-9a-fA-F]{64}$/.test(candidate)) {
      return fail('malformed_header', `${spec.signatureHeader} is not a 64-digit hex HMAC`);
    }
    const index = firstMatch(secrets, [Buffer.from(candidate, 'hex')], (secret) => hmac(secret, body));
    return index < 0
      ? fail('signature_mismatch', `no secret given produced the ${spec.signatureHeader} of this body`)
      : { ok: true, format, secretIndex: index, eventId };
  }

  if (spec.scheme === 'timestamped') {
    const { t, v1 } = parseTimestamped(signature);
    if (t === undefined || v1.length === 0) {
      return fail('malformed_header', `${spec.signatureHeader} must look like t=<unix seconds>,v1=<64 hex digits>`);
    }
    const index = firstMatch(secrets, v1, (secret) => hmac(secret, `${t}.`, body));
    if (index < 0) {
      return fail('signature_mismatch', `no v1 in ${spec.signatureHeader} matches t.body under any secret given`);
    }
    return checkTolerance(t, options, { ok: true, format, secretIndex: index, timestamp: t });
  }

  const id = eventId;
  const timestamp = header(headers, spec.timestampHeader);
  if (id === undefined || timestamp === undefined) {
    return fail('missing_header', `${spec.idHeader} and ${spec.timestampHeader} must both be present`);
  }
  if (!/^\d{1,15}$/.test(timestamp.trim())) {
    return fail('malformed_header', `${spec.timestampHeader} is not unix seconds`);
  }
  const t = Number(timestamp.trim());
  const candidates = signature.split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => Buffer.from(s.slice(3), 'base64'));
  if (candidates.length === 0) {
    return fail('malformed_header', `${spec.signatureHeader} holds no v1,<base64> signature`);
  }
  const keys = secrets.map(standardKey);
  if (keys.every((k) => k === undefined)) {
    return fail('invalid_secret', 'a standard-webhooks secret is whsec_ followed by base64');
  }
  const index = firstMatch(keys, candidates, (key) => hmac(key, `${id}.${t}.`, body));
  if (index < 0) {
    return fail('signature_mismatch', `no v1 in ${spec.signatureHeader} matches id.timestamp.body under any secret given`);
  }
  return checkTolerance(t, options, { ok: true, format, secretIndex: index, timestamp: t, eventId: id });
}

/** Like verify, but throws WebhookVerificationError (with .reason) when the delivery does not verify. */
function verifyOrThrow(options) {
  const result = verify(options);
  if (!result.ok) {
    throw new WebhookVerificationError(result.reason, result.message);
  }
  return result;
}

module.exports = {
  verify, verifyOrThrow, WebhookVerificationError, FORMATS, DEFAULT_TOLERANCE_SECONDS,
};

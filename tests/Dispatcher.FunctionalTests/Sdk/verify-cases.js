'use strict';
// Runs sdk/node's verify() on captured deliveries: node verify-cases.js <sdk/node> <cases.json>.
// Prints one JSON array of {name, ok, reason}; the .NET test decides what each should have been.
const fs = require('node:fs');
const path = require('node:path');
const { verify } = require(path.resolve(process.argv[2]));

const cases = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const results = cases.map((c) => {
  const result = verify({
    format: c.format,
    headers: c.headers,
    body: Buffer.from(c.body, 'base64'),
    secrets: c.secrets,
    now: c.nowMs ?? undefined,
  });
  return { name: c.name, ok: result.ok, reason: result.reason ?? null };
});
process.stdout.write(JSON.stringify(results));

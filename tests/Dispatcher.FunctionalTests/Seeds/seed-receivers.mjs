// Receivers written from the seed documents in ../shared/seeds/, each verifying a delivery exactly
// as its document shows (same header parsing, same signing input, same comparison). One path per
// format; secrets come from the environment. Prints "listening <port>", then one JSON line per
// request: {"format", "valid", "body"} where body is the parsed JSON.
import http from 'node:http';
import crypto from 'node:crypto';

const secrets = JSON.parse(process.env.SEED_SECRETS);

// cd4cd-webhooks.txt: split the header on ',' into t= and v1=, HMAC(secret, `${t}.${rawBody}`) hex, compare with !==.
function cd4cd(req, rawBody) {
  const sig = req.headers['cd4cd-signature']; // t=..,v1=..
  const [tPart, vPart] = sig.split(',');
  const t = tPart.slice(2);
  const v1 = vPart.slice(3);
  const expected = crypto.createHmac('sha256', secrets.cd4cd).update(`${t}.${rawBody}`).digest('hex');
  return expected === v1;
}

// snip-webhooks.txt: express.json() parses the body; the HMAC is over JSON.stringify(payload), timingSafeEqual.
function snip(req, rawBody) {
  const payload = JSON.parse(rawBody);
  const signature = req.headers['x-snip-signature'];
  const hmac = crypto.createHmac('sha256', secrets.snip);
  const digest = hmac.update(JSON.stringify(payload)).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(digest));
}

// georedir-webhooks.txt (Node): rawBody = JSON.stringify(req.body); HMAC(secret, payload, 'utf8') hex; timingSafeEqual.
function georedir(req, rawBody) {
  const body = JSON.parse(rawBody);
  const signature = req.headers['x-georedir-signature'];
  const payload = JSON.stringify(body);
  const expected = crypto.createHmac('sha256', secrets.georedir).update(payload, 'utf8').digest('hex');
  return crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

// awsys-webhooks.txt: express.raw() Buffer; HMAC over the raw bytes, hex, compared with !==.
function awsys(req, rawBody, rawBytes) {
  const sig = crypto.createHmac('sha256', secrets.awsys).update(rawBytes).digest('hex');
  return sig === req.headers['x-awsys-signature'];
}

// elido-webhooks.txt: Object.fromEntries(header.split(",").map(p => p.split("="))), HMAC(`${parts.t}.${body}`) hex,
// and reject |now - t| > 300 seconds.
function elido(req, rawBody) {
  const header = req.headers['elido-signature'];
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=')));
  const expected = crypto.createHmac('sha256', secrets.elido).update(`${parts.t}.${rawBody}`).digest('hex');
  if (Math.abs(Date.now() / 1000 - Number(parts.t)) > 300) return false;
  return expected === parts.v1;
}

// Standard Webhooks specification: key = base64 after whsec_, signed content `${id}.${timestamp}.${body}`,
// base64 HMAC, header "v1,<sig> v1,<sig>"; any match; timestamp within 5 minutes.
function standardWebhooks(req, rawBody) {
  const id = req.headers['webhook-id'];
  const timestamp = req.headers['webhook-timestamp'];
  const key = Buffer.from(secrets['standard-webhooks'].slice('whsec_'.length), 'base64');
  const expected = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest('base64');
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  return req.headers['webhook-signature'].split(' ').some((s) => {
    const [version, signature] = s.split(',');
    return version === 'v1' && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
  });
}

const verifiers = { cd4cd, snip, georedir, awsys, elido, 'standard-webhooks': standardWebhooks };

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const rawBytes = Buffer.concat(chunks);
    const rawBody = rawBytes.toString('utf8');
    const format = req.url.slice(1);
    let valid = false;
    let body = null;
    try {
      body = JSON.parse(rawBody);
      valid = verifiers[format](req, rawBody, rawBytes);
    } catch (e) {
      valid = false;
    }
    console.log(JSON.stringify({ format, valid, body }));
    res.statusCode = valid ? 200 : 401;
    res.end(valid ? 'OK' : 'Invalid signature');
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

# GeoRedir's Python sample (georedir-webhooks.txt): HMAC-SHA256 of the raw body with the secret's
# UTF-8 bytes, hexdigest, hmac.compare_digest. Prints "listening <port>", then one JSON line per request.
import hashlib
import hmac
import http.server
import json
import os
import sys
import threading

SECRET = os.environ['GEOREDIR_WEBHOOK_SECRET']
# Requests are handled on several threads: one line at a time, or two could interleave.
OUTPUT = threading.Lock()


def verify_signature(payload: bytes, signature: str, secret: str) -> bool:
    expected = hmac.new(
        secret.encode('utf-8'),
        payload,
        hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(signature, expected)


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        raw_body = self.rfile.read(int(self.headers['Content-Length']))
        signature = self.headers.get('X-GeoRedir-Signature', '')
        valid = verify_signature(raw_body, signature, SECRET)
        line = json.dumps({'format': 'georedir-python', 'valid': valid, 'body': json.loads(raw_body)})
        with OUTPUT:
            sys.stdout.write(line + '\n')
            sys.stdout.flush()
        self.send_response(200 if valid else 401)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Receiver)
print(f'listening {server.server_address[1]}', flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()

"""Signs deliveries the way docs/formats.md says Dispatcher does, then checks verify() accepts them
and says why it refuses tampered ones. Real deliveries are checked by the .NET functional tests."""

import base64
import hashlib
import hmac
import json
import unittest
from datetime import datetime, timezone

from dispatcher_webhooks import WebhookVerificationError, verify, verify_or_raise

NOW = 1_800_000_000
BODY = '{"id":"evt_1","type":"link.clicked","data":{"emoji":"😀","n":50}}'.encode("utf-8")
SECRET = "a_secret_of_sixteen_plus"
OLD = "an_older_secret_still_live"
WHSEC = "whsec_" + base64.b64encode(bytes([7]) * 32).decode()
WHSEC_OLD = "whsec_" + base64.b64encode(bytes([9]) * 32).decode()
FORMATS = ["cd4cd", "elido", "snip", "georedir", "awsys", "standard-webhooks"]
SINGLE_SIGNATURE = {"snip", "georedir", "awsys"}


def _hmac(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).digest()


def sign(fmt, secrets, body=BODY, t=NOW, event_id="evt_1"):
    if fmt in ("cd4cd", "elido"):
        name = "CD4CD-Signature" if fmt == "cd4cd" else "Elido-Signature"
        return {name: f"t={t}" + "".join(f",v1={_hmac(s.encode(), f'{t}.'.encode() + body).hex()}" for s in secrets)}
    if fmt in SINGLE_SIGNATURE:
        prefix = {"snip": "X-Snip", "georedir": "X-GeoRedir", "awsys": "X-Awsys"}[fmt]
        return {f"{prefix}-Signature": _hmac(secrets[0].encode(), body).hex(), f"{prefix}-Event-Id": event_id}
    signed = f"{event_id}.{t}.".encode() + body
    return {
        "webhook-id": event_id,
        "webhook-timestamp": str(t),
        "webhook-signature": " ".join("v1," + base64.b64encode(_hmac(base64.b64decode(s[6:]), signed)).decode() for s in secrets),
    }


def secret_of(fmt):
    return WHSEC if fmt == "standard-webhooks" else SECRET


def old_of(fmt):
    return WHSEC_OLD if fmt == "standard-webhooks" else OLD


class VerifyTests(unittest.TestCase):
    def test_a_signed_delivery_verifies_over_the_raw_bytes_or_their_text(self):
        for fmt in FORMATS:
            with self.subTest(fmt):
                headers = sign(fmt, [secret_of(fmt)])
                self.assertTrue(verify(fmt, headers, BODY, secret_of(fmt), now=NOW).ok)
                self.assertTrue(verify(fmt, headers, BODY.decode("utf-8"), [secret_of(fmt)], now=NOW).ok)

    def test_a_changed_body_a_wrong_secret_and_a_missing_header_are_refused_with_their_reason(self):
        tampered = BODY.replace(b"50", b"51")
        for fmt in FORMATS:
            with self.subTest(fmt):
                headers = sign(fmt, [secret_of(fmt)])
                self.assertEqual("signature_mismatch", verify(fmt, headers, tampered, secret_of(fmt), now=NOW).reason)
                self.assertEqual("signature_mismatch", verify(fmt, headers, BODY, old_of(fmt), now=NOW).reason)
                self.assertEqual("missing_header", verify(fmt, {}, BODY, secret_of(fmt), now=NOW).reason)

    def test_during_a_rotation_a_receiver_holding_both_secrets_accepts_what_is_sent(self):
        for fmt in FORMATS:
            with self.subTest(fmt):
                # The server signs with [new, old] where the header holds several, else with the new one only.
                headers = sign(fmt, [secret_of(fmt), old_of(fmt)])
                result = verify(fmt, headers, BODY, [old_of(fmt), secret_of(fmt)], now=NOW)
                self.assertTrue(result.ok)
                multi = fmt not in SINGLE_SIGNATURE
                self.assertEqual(0 if multi else 1, result.secret_index)
                self.assertEqual(multi, verify(fmt, headers, BODY, old_of(fmt), now=NOW).ok)

    def test_a_signed_timestamp_outside_the_tolerance_is_refused_either_way(self):
        for fmt in ["cd4cd", "elido", "standard-webhooks"]:
            with self.subTest(fmt):
                headers = sign(fmt, [secret_of(fmt)])
                stale = verify(fmt, headers, BODY, secret_of(fmt), now=NOW + 301)
                self.assertEqual("timestamp_out_of_tolerance", stale.reason)
                self.assertIn("301 s old", stale.message)
                self.assertEqual("timestamp_out_of_tolerance", verify(fmt, headers, BODY, secret_of(fmt), now=NOW - 301).reason)
                self.assertTrue(verify(fmt, headers, BODY, secret_of(fmt), now=NOW + 301, tolerance_seconds=600).ok)
                as_datetime = datetime.fromtimestamp(NOW + 10, tz=timezone.utc)
                self.assertTrue(verify(fmt, headers, BODY, secret_of(fmt), now=as_datetime).ok)

    def test_header_names_match_ignoring_case_in_dicts_and_pair_lists(self):
        headers = sign("cd4cd", [SECRET])
        lower = {k.lower(): v for k, v in headers.items()}
        self.assertTrue(verify("cd4cd", lower, BODY, SECRET, now=NOW).ok)
        self.assertTrue(verify("cd4cd", list(headers.items()), BODY, SECRET, now=NOW).ok)

    def test_the_event_id_of_formats_that_carry_it_in_a_header_is_returned(self):
        result = verify("awsys", sign("awsys", [SECRET], event_id="evt_42"), BODY, SECRET)
        self.assertEqual("evt_42", result.event_id)

    def test_malformed_headers_unknown_formats_missing_secrets_and_parsed_bodies_say_so(self):
        self.assertEqual("malformed_header", verify("cd4cd", {"CD4CD-Signature": "v1=abc"}, BODY, SECRET).reason)
        self.assertEqual("malformed_header", verify("snip", {"X-Snip-Signature": "zz"}, BODY, SECRET).reason)
        self.assertEqual("unknown_format", verify("stripe", {}, BODY, SECRET).reason)
        self.assertEqual("no_secret", verify("cd4cd", sign("cd4cd", [SECRET]), BODY, []).reason)
        self.assertEqual("invalid_body", verify("cd4cd", sign("cd4cd", [SECRET]), json.loads(BODY), SECRET).reason)
        self.assertEqual("invalid_secret", verify("standard-webhooks", sign("standard-webhooks", [WHSEC]), BODY, "not base64!", now=NOW).reason)

    def test_verify_or_raise_raises_the_reason(self):
        with self.assertRaises(WebhookVerificationError) as raised:
            verify_or_raise("snip", sign("snip", [SECRET]), BODY, OLD)
        self.assertEqual("signature_mismatch", raised.exception.reason)


if __name__ == "__main__":
    unittest.main()

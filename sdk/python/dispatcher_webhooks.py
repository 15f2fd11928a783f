"""Verify the signature of a webhook delivery from Dispatcher, in every format it sends.

Standard library only. Pass the raw request body bytes, before any JSON parsing::

    from dispatcher_webhooks import verify

    result = verify("cd4cd", request.headers, request.get_data(), secrets=[os.environ["WEBHOOK_SECRET"]])
    if not result.ok:
        abort(400, result.message)  # result.reason is a stable code

The formats and what each signs are in Dispatcher's docs/formats.md.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

__all__ = ["verify", "verify_or_raise", "VerifyResult", "WebhookVerificationError", "FORMATS", "DEFAULT_TOLERANCE_SECONDS"]

DEFAULT_TOLERANCE_SECONDS = 300

# scheme, signature header, event id header, timestamp header (names matched ignoring case).
FORMATS: Mapping[str, tuple] = {
    "cd4cd": ("timestamped", "cd4cd-signature", None, None),
    "elido": ("timestamped", "elido-signature", None, None),
    "snip": ("body", "x-snip-signature", "x-snip-event-id", None),
    "georedir": ("body", "x-georedir-signature", "x-georedir-event-id", None),
    "awsys": ("body", "x-awsys-signature", "x-awsys-event-id", None),
    "standard-webhooks": ("standard", "webhook-signature", "webhook-id", "webhook-timestamp"),
}

_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")
_SECONDS = re.compile(r"^[0-9]{1,15}$")
_BASE64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")


@dataclass(frozen=True)
class VerifyResult:
    """ok, or why not: reason is a stable code, message says it for people."""

    ok: bool
    reason: Optional[str] = None
    message: Optional[str] = None
    format: Optional[str] = None
    secret_index: Optional[int] = None
    """Which of the secrets given matched (0 for the first)."""
    timestamp: Optional[int] = None
    """The signed unix seconds (cd4cd, elido, standard-webhooks)."""
    event_id: Optional[str] = None
    """The event id from the format's id header (snip, georedir, awsys, standard-webhooks)."""

    def __bool__(self) -> bool:
        return self.ok


class WebhookVerificationError(Exception):
    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def _fail(reason: str, message: str) -> VerifyResult:
    return VerifyResult(ok=False, reason=reason, message=message)


def _header(headers: Any, name: str) -> Optional[str]:
    if headers is None:
        return None
    items = headers.items() if hasattr(headers, "items") else headers
    for key, value in items:
        if str(key).lower() == name:
            if isinstance(value, (list, tuple)):
                value = value[0] if value else None
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            return None if value is None else str(value)
    return None


def _mac(key: bytes, *parts: bytes) -> bytes:
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in parts:
        mac.update(part)
    return mac.digest()


def _first_match(keys: Sequence[Optional[bytes]], candidates: Sequence[bytes], compute) -> int:
    for index, key in enumerate(keys):
        if key is None:
            continue
        expected = compute(key)
        # compare_digest against every candidate: the time taken does not say which one matched.
        if any([hmac.compare_digest(expected, candidate) for candidate in candidates]):
            return index
    return -1


def _standard_key(secret: str) -> Optional[bytes]:
    encoded = secret[len("whsec_"):] if secret.startswith("whsec_") else secret
    if not _BASE64.match(encoded) or len(encoded) % 4 != 0:
        return None
    return base64.b64decode(encoded)


def _now_seconds(now: Union[None, float, int, datetime]) -> float:
    if now is None:
        return time.time()
    if isinstance(now, datetime):
        return now.timestamp()
    return float(now)


def _within_tolerance(t: int, tolerance: float, now, result: VerifyResult) -> VerifyResult:
    drift = _now_seconds(now) - t
    if abs(drift) > tolerance:
        direction = "old" if drift > 0 else "in the future"
        return _fail("timestamp_out_of_tolerance",
                     f"the signed timestamp {t} is {round(abs(drift))} s {direction}; the tolerance is {tolerance:g} s")
    return result


def verify(
    format: str,
    headers: Any,
    body: Union[bytes, bytearray, memoryview, str],
    secrets: Union[str, Iterable[str]],
    tolerance_seconds: float = DEFAULT_TOLERANCE_SECONDS,
    now: Union[None, float, int, datetime] = None,
) -> VerifyResult:
    """Verifies one delivery; never raises for a bad delivery.

    format: the webhook's format, as chosen at create.
    headers: any mapping (dict, Flask/Django/Starlette headers) or list of (name, value) pairs; names match ignoring case.
    body: the raw body bytes (a str is encoded as UTF-8).
    secrets: the secret, or every secret to accept during a rotation's overlap, e.g. [new, old].
    tolerance_seconds: how far the signed timestamp may be from now, either way; formats that sign none ignore it.
    now: the receiver's clock, unix seconds or a datetime; default time.time().
    """
    spec = FORMATS.get(format)
    if spec is None:
        return _fail("unknown_format", f"format must be one of {', '.join(FORMATS)}; got {format!r}")
    scheme, signature_header, id_header, timestamp_header = spec
    secret_list = [secrets] if isinstance(secrets, str) else list(secrets or [])
    secret_list = [s for s in secret_list if isinstance(s, str) and s]
    if not secret_list:
        return _fail("no_secret", "give the webhook secret or, during a rotation, every live one")
    if isinstance(body, str):
        body = body.encode("utf-8")
    if not isinstance(body, (bytes, bytearray, memoryview)):
        return _fail("invalid_body", "body must be the raw request body (bytes), before any JSON parsing")
    body = bytes(body)
    signature = _header(headers, signature_header)
    if signature is None:
        return _fail("missing_header", f"the {signature_header} header is missing")
    event_id = _header(headers, id_header) if id_header else None

    if scheme == "body":
        candidate = signature.strip()
        if not _HEX64.match(candidate):
            return _fail("malformed_header", f"{signature_header} is not a 64-digit hex HMAC")
        keys = [s.encode("utf-8") for s in secret_list]
        index = _first_match(keys, [bytes.fromhex(candidate)], lambda key: _mac(key, body))
        if index < 0:
            return _fail("signature_mismatch", f"no secret given produced the {signature_header} of this body")
        return VerifyResult(ok=True, format=format, secret_index=index, event_id=event_id)

    if scheme == "timestamped":
        t = None
        v1 = []
        for part in signature.split(","):
            name, eq, value = part.partition("=")
            name, value = name.strip(), value.strip()
            if not eq:
                continue
            if name == "t" and _SECONDS.match(value):
                t = int(value)
            elif name == "v1" and _HEX64.match(value):
                v1.append(bytes.fromhex(value))
        if t is None or not v1:
            return _fail("malformed_header", f"{signature_header} must look like t=<unix seconds>,v1=<64 hex digits>")
        keys = [s.encode("utf-8") for s in secret_list]
        index = _first_match(keys, v1, lambda key: _mac(key, f"{t}.".encode("ascii"), body))
        if index < 0:
            return _fail("signature_mismatch", f"no v1 in {signature_header} matches t.body under any secret given")
        return _within_tolerance(t, tolerance_seconds, now, VerifyResult(ok=True, format=format, secret_index=index, timestamp=t))

    timestamp = _header(headers, timestamp_header)
    if event_id is None or timestamp is None:
        return _fail("missing_header", f"{id_header} and {timestamp_header} must both be present")
    if not _SECONDS.match(timestamp.strip()):
        return _fail("malformed_header", f"{timestamp_header} is not unix seconds")
    t = int(timestamp.strip())
    candidates = []
    for entry in signature.split(" "):
        if entry.startswith("v1,"):
            try:
                candidates.append(base64.b64decode(entry[3:], validate=True))
            except (binascii.Error, ValueError):
                continue
    if not candidates:
        return _fail("malformed_header", f"{signature_header} holds no v1,<base64> signature")
    keys = [_standard_key(s) for s in secret_list]
    if all(k is None for k in keys):
        return _fail("invalid_secret", "a standard-webhooks secret is whsec_ followed by base64")
    prefix = f"{event_id}.{t}.".encode("utf-8")
    index = _first_match(keys, candidates, lambda key: _mac(key, prefix, body))
    if index < 0:
        return _fail("signature_mismatch", f"no v1 in {signature_header} matches id.timestamp.body under any secret given")
    return _within_tolerance(t, tolerance_seconds, now,
                             VerifyResult(ok=True, format=format, secret_index=index, timestamp=t, event_id=event_id))


def verify_or_raise(*args, **kwargs) -> VerifyResult:
    """Like verify, but raises WebhookVerificationError (with .reason) when the delivery does not verify."""
    result = verify(*args, **kwargs)
    if not result.ok:
        raise WebhookVerificationError(result.reason, result.message)
    return result

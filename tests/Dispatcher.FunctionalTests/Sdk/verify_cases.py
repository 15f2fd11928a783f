"""Runs sdk/python's verify() on captured deliveries: python3 verify_cases.py <sdk/python> <cases.json>.
Prints one JSON array of {name, ok, reason}; the .NET test decides what each should have been."""
import base64
import json
import sys

sys.path.insert(0, sys.argv[1])
from dispatcher_webhooks import verify  # noqa: E402

with open(sys.argv[2], encoding="utf-8") as f:
    cases = json.load(f)
results = []
for case in cases:
    now = case.get("nowMs")
    result = verify(case["format"], case["headers"], base64.b64decode(case["body"]), case["secrets"],
                    now=None if now is None else now / 1000)
    results.append({"name": case["name"], "ok": result.ok, "reason": result.reason})
sys.stdout.write(json.dumps(results))

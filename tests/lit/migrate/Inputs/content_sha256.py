"""Prints the SHA-256 of a JSON file's canonical content, computed independently of
sqlmodel-migrate: the JSON with sorted keys and no whitespace, UTF-8.

usage: content_sha256.py FILE
"""
import hashlib
import json
import sys

with open(sys.argv[1], encoding="utf-8-sig") as f:
    document = json.load(f)
canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
print(hashlib.sha256(canonical.encode("utf-8")).hexdigest())

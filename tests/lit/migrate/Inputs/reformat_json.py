"""Rewrites a JSON file the ways an editor or git may, keeping its content: a UTF-8 byte-order
mark, four-space indentation, sorted keys, CRLF line endings, trailing blank lines, and the first
"teams" spelt with a \\u escape.

usage: reformat_json.py FILE
"""
import json
import sys

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    document = json.load(f)
text = json.dumps(document, indent=4, sort_keys=True, ensure_ascii=False)
text = text.replace('"teams"', '"\\u0074eams"', 1)
with open(path, "wb") as f:
    f.write(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8") + b"\r\n\r\n")

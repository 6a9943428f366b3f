#!/usr/bin/env bash
# Renders an HTML file to PNG with headless Chromium, then counts the pixels of the given colours.
# Usage: render.sh PAGE.html OUT.png [#rrggbb ...]
# Prints "size WIDTH HEIGHT" and one "colour #rrggbb COUNT" line per colour (exact RGB matches).
# Exit 0 ok, 3 chromium not installed (apt-get install -y chromium), 1 anything else.
set -euo pipefail
page="${1:?usage: render.sh PAGE.html OUT.png [#rrggbb ...]}"
out="${2:?usage: render.sh PAGE.html OUT.png [#rrggbb ...]}"
shift 2
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "chromium is not installed: apt-get install -y chromium" >&2
  exit 3
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
abs="$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
rm -f "$out"
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --user-data-dir="$profile" --force-device-scale-factor=1 --window-size=1280,2000 \
  --screenshot="$out" "file://$abs" >/dev/null 2>&1 || true
if [ ! -s "$out" ]; then
  echo "chromium did not write $out" >&2
  exit 1
fi
python3 - "$out" "$@" <<'PY'
import struct, sys, zlib

path, colours = sys.argv[1], sys.argv[2:]
data = open(path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("not a PNG: " + path)
pos, idat, width, height, depth, ctype = 8, b"", 0, 0, 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
if depth != 8 or ctype not in (2, 6):
    sys.exit(f"unsupported PNG: bit depth {depth}, colour type {ctype}")
bpp = 3 if ctype == 2 else 4
raw = zlib.decompress(idat)
stride = width * bpp
rows, prev, i = [], bytearray(stride), 0
for _ in range(height):
    f = raw[i]
    line = bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1:
            line[x] = (line[x] + a) & 255
        elif f == 2:
            line[x] = (line[x] + b) & 255
        elif f == 3:
            line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line))
    prev = line
wanted = {bytes.fromhex(c.lstrip("#")): c for c in colours}
counts = dict.fromkeys(colours, 0)
for line in rows:
    for x in range(0, stride, bpp):
        name = wanted.get(line[x:x + 3])
        if name:
            counts[name] += 1
print("size", width, height)
for c in colours:
    print("colour", c, counts[c])
PY

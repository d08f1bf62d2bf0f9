#!/usr/bin/env bash
# Bombs and deep trees (issue 11, item 5): each file of a test set of
# decompression bombs must be abandoned in under 0.2 s, and a tree 10,000
# levels deep walked in under a second. Prints the wall time of one
# `mamori scan` per case (best of BENCH_RUNS) and the notices it gave.
# Usage: bash tests/bench/bombs.sh BUILD_DIR   (a Release build)
set -euo pipefail
build=$(cd "${1:?usage: bombs.sh BUILD_DIR}" && pwd)
mamori="$build/mamori"
runs=${BENCH_RUNS:-3}
corpus=${BENCH_CORPUS:-/tmp/mamori-bench-bombs-v2}
for tool in "$mamori" python3 7z; do
  command -v "$tool" >/dev/null || { echo "bombs bench: $tool not found" >&2; exit 1; }
done

make_corpus() {
  rm -rf "$corpus.tmp" && mkdir -p "$corpus.tmp"
  python3 - "$corpus.tmp" <<'PY'
import io, os, struct, sys, tarfile, zipfile, zlib
root = sys.argv[1]
def put(name, data):
    with open(os.path.join(root, name), "wb") as f:
        f.write(data)
def zipped(members, method=zipfile.ZIP_DEFLATED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", method, allowZip64=True) as z:
        for name, data in members:
            z.writestr(name, data)
    return b.getvalue()
zeros = bytes(64 << 20)
leaf = zipped([("zeros.bin", zeros)])                      # 64 MiB, ~64 KB
# Nested: ten zips of ten zips of the leaf (6.4 GiB).
mid = zipped([("m%d.zip" % i, leaf) for i in range(10)], zipfile.ZIP_STORED)
put("nested.zip", zipped([("n%d.zip" % i, mid) for i in range(10)], zipfile.ZIP_STORED))
# 42.zip-style: 16 x 16 x 16 leaves of 64 MiB behind small stored layers.
small = zipped([("zeros.bin", bytes(4 << 20))])
layer = small
for depth in range(3):
    layer = zipped([("l%d-%02d.zip" % (depth, i), layer) for i in range(16)])
put("42-style.zip", layer)
# Zeros: one zip holding 4 GiB of zeros in 64 MiB members.
put("zeros.zip", zipped([("z%02d.bin" % i, zeros) for i in range(64)]))
# Wide: 3,000 members of 1 MiB of zeros, each under the ratio floor, the
# zip's headers keeping the whole under the ratio (3 GiB).
put("wide.zip", zipped([("w%04d.bin" % i, bytes(1 << 20)) for i in range(3000)]))
# Overlapping entries (Fifield's kind): many central-directory entries
# pointing at one deflated kernel of 256 MiB.
kernel = zlib.compressobj(9, zlib.DEFLATED, -15)
data = kernel.compress(bytes(256 << 20)) + kernel.flush()
crc = zlib.crc32(bytes(256 << 20))
out = io.BytesIO()
local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), 256 << 20, 5, 0) + b"k.bin"
out.write(local); out.write(data)
cd_start = out.tell()
n = 1000
for i in range(n):
    name = b"f%04d.bin" % i
    out.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), 256 << 20, len(name), 0, 0, 0, 0, 0, 0) + name)
cd_end = out.tell()
out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, cd_end - cd_start, cd_start, 0))
put("overlap.zip", out.getvalue())
# tar.gz: a tar of 16 members of 256 MiB of zeros (4 GiB).
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w:gz", compresslevel=9) as t:
    block = bytes(256 << 20)
    for i in range(16):
        info = tarfile.TarInfo("z%02d.bin" % i); info.size = len(block)
        t.addfile(info, io.BytesIO(block))
put("zeros.tar.gz", b.getvalue())
# PDF: 200 FlateDecode streams of 50 MB of zeros.
stream = zlib.compress(bytes(50_000_000), 9)
parts = [b"%PDF-1.7\n"]
for i in range(200):
    parts.append(b"%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % (i + 1, len(stream)) + stream + b"\nendstream\nendobj\n")
parts.append(b"%%EOF\n")
put("streams.pdf", b"".join(parts))
# PDF, wide: 3,000 streams of 1 MiB of zeros (3 GiB).
small = zlib.compress(bytes(1 << 20), 6)
parts = [b"%PDF-1.7\n"]
for i in range(3000):
    parts.append(b"%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % (i + 1, len(small)) + small + b"\nendstream\nendobj\n")
parts.append(b"%%EOF\n")
put("wide.pdf", b"".join(parts))
PY
  # 7z: 4 GiB of zeros (LZMA2 compresses it to under a megabyte).
  head -c $((4 << 30)) /dev/zero > "$corpus.tmp/zeros.bin"
  (cd "$corpus.tmp" && 7z a -bd -mx=9 zeros.7z zeros.bin >/dev/null && rm zeros.bin)
  # 10,000 levels deep, a file every 1,000 levels.
  python3 - "$corpus.tmp/deep" <<'PY'
import os, sys
os.makedirs(sys.argv[1])
fd = os.open(sys.argv[1], os.O_RDONLY)
for i in range(10000):
    os.mkdir("d", dir_fd=fd)
    if i % 1000 == 0:
        os.close(os.open("f.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
    nxt = os.open("d", os.O_RDONLY, dir_fd=fd)
    os.close(fd); fd = nxt
PY
  mv "$corpus.tmp" "$corpus"
}
[ -d "$corpus" ] || make_corpus

rules=$(mktemp /tmp/mamori-bench-bombs-rules.XXXXXX)
trap 'rm -f "$rules"' EXIT
echo 'rule secret { strings: $a = "PRJ-SECRET-0042" condition: $a }' > "$rules"

printf '%-16s %10s %8s  %s\n' case size seconds notices
for path in "$corpus"/*; do
  best=
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    notes=$("$mamori" scan --format jsonl --no-default-rules --rules "$rules" \
              -j 1 "$path" 2>/dev/null | grep -o '"code":"[a-z_]*"' | cut -d'"' -f4 |
              sort | uniq -c | tr -s ' ' | tr '\n' ' ') || true
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  size=$(du -sh --apparent-size "$path" | cut -f1)
  printf '%-16s %10s %8.3f  %s\n' "$(basename "$path")" "$size" "$best" "$notes"
done

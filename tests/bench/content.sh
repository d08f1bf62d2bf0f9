#!/usr/bin/env bash
# Content scanning speed (issue 4, item 8). Builds a reproducible mixed
# corpus in /tmp (text, documents, binaries, 5% archives; about 300 MB),
# then measures in the same run:
#   plain files:  mamori scan  vs  yara -r -p N          (target ratio <= 1.0)
#   archives:     mamori scan  vs  bsdtar -x every archive, then yara -r
#                                                         (target ratio <= 0.5)
# and mamori's peak memory on the whole corpus (target < 512 MB).
# Usage: bash tests/bench/content.sh BUILD_DIR   (a Release build)
set -euo pipefail
build=$(cd "${1:?usage: content.sh BUILD_DIR}" && pwd)
mamori="$build/mamori"
threads=${BENCH_THREADS:-$(nproc)}
runs=${BENCH_RUNS:-5}
corpus=${BENCH_CORPUS:-/tmp/mamori-bench-content-v2}
for tool in "$mamori" yara bsdtar python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "content bench: $tool not found" >&2; exit 1; }
done

make_corpus() {
  rm -rf "$corpus.tmp" && mkdir -p "$corpus.tmp"
  python3 - "$corpus.tmp" <<'PY'
import io, os, random, sys, tarfile, zipfile, zlib
root = sys.argv[1]
rng = random.Random(20261125)
words = ("substrate layer glass frit sintering ceramic capacitor dielectric "
         "electrode paste viscosity firing profile shrinkage tolerance lot "
         "inspection yield wafer thickness report meeting schedule budget").split()
def text(size, marker=None):
    out, n = [], 0
    while n < size:
        line = " ".join(rng.choice(words) for _ in range(12)) + "\n"
        out.append(line); n += len(line)
    if marker:
        out.insert(len(out) // 2, marker + "\n")
    return "".join(out).encode()
def marker(i):
    return "PRJ-ASSET-%04d \u6750\u6599\u914d\u5408" % (i % 100)
def put(rel, data):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
# Plain files: 600 texts of 256 KiB (10% with a marker), 100 binaries of
# 1 MiB, 30 PDF-like documents with a FlateDecode page.
for i in range(600):
    put("plain/text/t%03d.txt" % i, text(256 << 10, marker(i) if i % 10 == 0 else None))
for i in range(100):
    put("plain/bin/b%03d.bin" % i, rng.randbytes(1 << 20))
for i in range(30):
    page = b"BT (" + text(64 << 10, marker(i) if i % 4 == 0 else None) + b") Tj ET"
    z = zlib.compress(page)
    pdf = (b"%PDF-1.7\n4 0 obj\n<< /Length " + str(len(z)).encode() +
           b" /Filter /FlateDecode >>\nstream\n" + z + b"\nendstream\nendobj\n%%EOF\n")
    put("plain/docs/d%02d.pdf" % i, pdf)
# Archives (38 of 768 files, about 5%): zips of ten texts, tar.gz, and a
# zip nested three deep.
def zip_of(entries):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(name, data)
    return b.getvalue()
for i in range(28):
    put("arch/z%02d.zip" % i, zip_of([("docs/m%d.txt" % j,
        text(512 << 10, marker(i * 10 + j) if j % 3 == 0 else None)) for j in range(10)]))
for i in range(9):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w:gz") as t:
        for j in range(10):
            data = text(512 << 10, marker(j) if j % 4 == 0 else None)
            info = tarfile.TarInfo("logs/l%d.txt" % j); info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    put("arch/t%02d.tar.gz" % i, b.getvalue())
inner = zip_of([("deep.txt", text(256 << 10, marker(7)))])
for level in range(2):
    inner = zip_of([("level%d.zip" % level, inner), ("note.txt", text(64 << 10))])
put("arch/nested.zip", inner)
PY
  # 100 asset rules like peers.md Table 5: ascii/wide/nocase text and hex.
  python3 - "$corpus.tmp/rules.yar" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(100):
        hexed = " ".join("%02X" % b for b in ("RCP-%04d" % i).encode())
        f.write('rule asset_%04d : core_tech asset_%04d {\n'
                '  strings:\n'
                '    $a = "PRJ-ASSET-%04d" ascii wide nocase\n'
                '    $b = "K%02d-LAYERS-STACKUP" ascii wide\n'
                '    $c = "frit-recipe-%04d" nocase\n'
                '    $d = { %s }\n'
                '  condition: any of them\n}\n' % (i, i, i, i % 100, i, hexed))
    f.write('rule recipe_jp { strings: $a = "\u6750\u6599\u914d\u5408" condition: $a }\n')
PY
  mv "$corpus.tmp" "$corpus"
}
[ -f "$corpus/rules.yar" ] || make_corpus
rules="$corpus/rules.yar"

# (The corpus lives outside the scanned trees: rules.yar and assets.toml sit
# at its top, next to plain/ and arch/.)
# Runs two commands alternately $runs times (so a burst of load from other
# processes hits both alike) and prints, for each, the best wall time (s),
# the CPU time (user + system, s) of that run and its peak RSS (KiB).
# The page cache is warm after the first run.
compare() {  # compare "command A" "command B"
  local stats best_a="" best_b="" line_a="" line_b="" t u s m
  stats=$(mktemp /tmp/mamori-bench-time.XXXXXX)
  for _ in $(seq "$runs"); do
    for which in a b; do
      local cmd=$1
      [ "$which" = b ] && cmd=$2
      /usr/bin/time -o "$stats" -f "%e %U %S %M" bash -c "$cmd" >/dev/null 2>&1 || true
      read -r t u s m < "$stats"
      local line="$t $(awk "BEGIN{print $u + $s}") $m"
      if [ "$which" = a ]; then
        if [ -z "$best_a" ] || awk "BEGIN{exit !($t < $best_a)}"; then best_a=$t; line_a=$line; fi
      else
        if [ -z "$best_b" ] || awk "BEGIN{exit !($t < $best_b)}"; then best_b=$t; line_b=$line; fi
      fi
    done
  done
  rm -f "$stats"
  echo "$line_a $line_b"
}

mamori_scan() {  # exit 1 (findings) is expected
  "$mamori" scan --format jsonl --no-default-rules --rules "$rules" \
    -j "$threads" "$@" || [ $? -le 1 ]
}

extract_then_yara() {  # bsdtar every archive (nested ones too), then yara -r
  local dir
  dir=$(mktemp -d /tmp/mamori-bench-extract.XXXXXX)
  local n=0
  for a in "$corpus"/arch/*; do
    n=$((n + 1)); mkdir -p "$dir/$n"; bsdtar -xf "$a" -C "$dir/$n"
  done
  while IFS= read -r inner; do
    mkdir -p "$inner.d"; bsdtar -xf "$inner" -C "$inner.d"; rm -f "$inner"
  done < <(find "$dir" -name '*.zip' -o -name '*.tar.gz')
  # A second pass for the third level of nested.zip.
  while IFS= read -r inner; do
    mkdir -p "$inner.d"; bsdtar -xf "$inner" -C "$inner.d"; rm -f "$inner"
  done < <(find "$dir" -name '*.zip')
  yara -w -r -p "$threads" "$rules" "$dir"
  rm -rf "$dir"
}

size_of() { du -sm "$1" | cut -f1; }
files_in() { find "$1" -type f | wc -l; }
echo "corpus: $corpus, $(size_of "$corpus/plain") MB plain in $(files_in "$corpus/plain") files," \
     "$(size_of "$corpus/arch") MB archives in $(files_in "$corpus/arch") files; threads $threads; best of $runs"

# Sanity: both tools must find something, or the timings mean nothing.
yara_hits=$(yara -w -r -p "$threads" "$rules" "$corpus/plain" | cut -d' ' -f2 | sort -u | wc -l)
mamori_hits=$(mamori_scan "$corpus/plain" | grep -c '"detector":"content_match"' || true)
echo "plain files flagged: yara $yara_hits, mamori content_match findings $mamori_hits"
[ "$yara_hits" -gt 0 ] && [ "$mamori_hits" -gt 0 ]

scan_cmd="$(declare -f mamori_scan); mamori=$mamori rules=$rules threads=$threads mamori_scan"
read -r mamori_plain mamori_plain_cpu mem_plain yara_plain yara_plain_cpu _ < <(
  compare "$scan_cmd $corpus/plain" "yara -w -r -p $threads $rules $corpus/plain")
# With a register that declares a hash, every object is hashed as well.
if [ ! -f "$corpus/assets.toml" ]; then
  printf 'version = 1\n[[asset]]\nid = "asset_0001"\nname = "bench"\nsensitivity = "core"\nhashes = ["%s"]\n' \
    "$(sha256sum "$corpus/plain/bin/b000.bin" | cut -d' ' -f1)" > "$corpus/assets.toml"
fi
read -r mamori_hashed mamori_hashed_cpu _ yara_again yara_again_cpu _ < <(
  compare "$scan_cmd --assets $corpus/assets.toml $corpus/plain" "yara -w -r -p $threads $rules $corpus/plain")
read -r mamori_arch mamori_arch_cpu mem_arch extract_arch extract_arch_cpu _ < <(
  compare "$scan_cmd $corpus/arch" "$(declare -f extract_then_yara); corpus=$corpus rules=$rules threads=$threads extract_then_yara")
runs=1
read -r mamori_all _ mem_all _ < <(compare "$scan_cmd $corpus" "true")

ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }
echo "plain:    mamori ${mamori_plain}s  yara -r -p $threads ${yara_plain}s  ratio $(ratio "$mamori_plain" "$yara_plain") (target <= 1.0; CPU time ratio $(ratio "$mamori_plain_cpu" "$yara_plain_cpu"))"
echo "plain, register with hashes (every file hashed): mamori ${mamori_hashed}s  yara ${yara_again}s  ratio $(ratio "$mamori_hashed" "$yara_again") (CPU time ratio $(ratio "$mamori_hashed_cpu" "$yara_again_cpu"))"
echo "archives: mamori ${mamori_arch}s  bsdtar+yara ${extract_arch}s  ratio $(ratio "$mamori_arch" "$extract_arch") (target <= 0.5; CPU time ratio $(ratio "$mamori_arch_cpu" "$extract_arch_cpu"))"
echo "whole corpus: mamori ${mamori_all}s, peak memory $((mem_all / 1024)) MB (target < 512 MB);" \
     "plain $((mem_plain / 1024)) MB, archives $((mem_arch / 1024)) MB"

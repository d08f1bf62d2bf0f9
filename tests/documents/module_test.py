#!/usr/bin/env python3
"""The PDF and e-mail readers are a module loaded when first needed
(lib/documents/documents.h). Checks, with the built program:

- a run that reads only logs, and `mamori events`, never load poppler or
  GMime (LD_DEBUG lists every library the loader opens);
- a scan of a PDF loads the module and reads the PDF's text: no notice;
- a copy of the program without its module says so: `mamori version`
  exits 2 naming the module, and a scanned PDF gets an error notice
  (exit 3), never a silent loss of its text.

Usage: module_test.py MAMORI   (exit 77: skipped, a module is installed
in the system folder the copy would fall back to)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


def pdf_with_text(text):
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        None,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    stream = b"BT /F1 12 Tf 20 50 Td (" + text.encode() + b") Tj ET"
    objects[3] = (b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n"
                  + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += str(number).encode() + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n"
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (b"trailer\n<< /Size " + str(len(objects) + 1).encode() +
            b" /Root 1 0 R >>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n")
    return bytes(out)


def run(cmd, env=None):
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def notices(stdout):
    return [r for r in map(json.loads, stdout.splitlines())
            if r.get("type") == "notice"]


def main():
    mamori = os.path.abspath(sys.argv[1])
    failures = []

    def check(ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory() as work:
        pdf = os.path.join(work, "memo.pdf")
        with open(pdf, "wb") as f:
            f.write(pdf_with_text("Quarterly substrate yield review"))
        log = os.path.join(ROOT, "samples", "logs", "fs01-samba-audit.log")

        env = dict(os.environ, LD_DEBUG="libs")
        for cmd in ([mamori, "scan", "-f", "jsonl", "--log", log],
                    [mamori, "events", log]):
            loaded = run(cmd, env).stderr
            check("libpoppler" not in loaded and "libgmime" not in loaded and
                  "mamori-documents" not in loaded,
                  f"{cmd[1]} over a log loads neither poppler nor GMime")
        loaded = run([mamori, "scan", "-f", "jsonl", pdf], env)
        check("mamori-documents.so" in loaded.stderr,
              "a scan of a PDF loads the module")

        scan = run([mamori, "scan", "-f", "jsonl", pdf])
        check(scan.returncode == 0 and notices(scan.stdout) == [],
              f"the PDF is read with no notice (exit {scan.returncode})")
        version = run([mamori, "version"])
        check(version.returncode == 0 and "poppler" in version.stdout and
              "GMime" in version.stdout, "version names poppler and GMime")

        # The program alone, without its module.
        alone = os.path.join(work, "alone")
        os.makedirs(alone)
        copy = os.path.join(alone, "mamori")
        shutil.copy2(mamori, copy)
        version = run([copy, "version"])
        if version.returncode == 0:
            print("skipped: a mamori-documents.so is installed where the "
                  "copy falls back to")
            return 77
        check(version.returncode == 2 and
              "mamori-documents.so" in version.stderr,
              f"without the module, version exits 2 and names it "
              f"(exit {version.returncode}: {version.stderr.strip()})")
        scan = run([copy, "scan", "-f", "jsonl", pdf])
        said = [n for n in notices(scan.stdout)
                if n.get("level") == "error" and
                "PDF's text cannot be read" in n.get("message", "")]
        check(scan.returncode == 3 and len(said) == 1,
              f"without the module, a PDF is an error notice, exit 3 "
              f"(exit {scan.returncode})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

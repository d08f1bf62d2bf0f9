#!/usr/bin/env python3
"""Writes a corpus of ordinary files (issue 12 item 2): documents and binaries
in which nothing is a leak, but which hold the words and byte patterns that
made the first rule pack fire. Each file is one class of false alarm seen on
real disks:

* prose that uses a marking's word as a word: 秘密鍵 in a crypto manual,
  極秘裏に in a novel, "confidential computing" in a changelog, "for internal
  use only" and "PROPRIETARY RIGHTS" inside licence sentences;
* the same prose in every encoding the rules are written for (UTF-8,
  UTF-16LE, Shift_JIS, EUC-JP), in a .docx (split runs), HTML and RTF;
* binaries and compressed data whose bytes happen to spell a stamp such as
  CP932 【秘】: an ELF-like object, a gzip stream, random data;
* words that contain a short keyword-like sequence (便秘, 神秘, 秘書).

Usage: make_corpus.py DIR   (DIR is created; deterministic output)
"""
import gzip
import io
import os
import random
import sys
import zipfile

JA_PROSE = (
    "秘密鍵は利用者の端末で生成し、公開鍵だけを送ります。\n"
    "彼は計画を極秘裏に進めたが、秘密を守ることは難しかった。\n"
    "神秘的な夜空と、社長秘書の便秘の話。取扱注意の荷物は玄関に置いてください。\n"
    "秘匿性の高い通信には TLS を使います。\n"
)

EN_PROSE = (
    "2023-05-01  Add support for confidential computing enclaves (SEV-SNP).\n"
    "This manual is provided for internal use only by the maintainers of the\n"
    "package and its derivatives, as described in the licence below.\n"
    "THE SOFTWARE IS PROVIDED WITHOUT ANY PROPRIETARY RIGHTS OR WARRANTY.\n"
    "Keys are confidential and must never be logged; trade secrets law does\n"
    "not apply to public domain code.\n"
    "A proprietary driver is not required; the strictly confidential flag\n"
    "of the X.509 extension is ignored.\n"
)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def docx(text):
    """A Word document whose paragraphs are split into runs mid-word, as
    Word does at every edit."""
    paragraphs = []
    for line in text.splitlines():
        half = len(line) // 2
        runs = "".join(
            f"<w:r><w:t xml:space=\"preserve\">{part}</w:t></w:r>"
            for part in (line[:half], line[half:]))
        paragraphs.append(f"<w:p>{runs}</w:p>")
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/'
        'wordprocessingml/2006/main"><w:body>'
        + "".join(paragraphs) + "</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://'
            'schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main'
            '+xml"/></Types>')
        z.writestr("word/document.xml", document)
    return buffer.getvalue()


def rtf(text):
    body = "".join(
        c if ord(c) < 128 else f"\\u{ord(c) if ord(c) < 32768 else ord(c) - 65536}?"
        for c in text).replace("\n", "\\par\n")
    return ("{\\rtf1\\ansi\\ansicpg932\\deff0 " + body + "}").encode("ascii")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(12)
    text = JA_PROSE + EN_PROSE
    write(os.path.join(out, "manual-utf8.txt"), text.encode("utf-8"))
    write(os.path.join(out, "manual-utf16.txt"),
          b"\xff\xfe" + text.encode("utf-16-le"))
    write(os.path.join(out, "manual-sjis.txt"), text.encode("cp932"))
    write(os.path.join(out, "manual-eucjp.txt"), text.encode("euc_jp"))
    write(os.path.join(out, "changelog.gz"),
          gzip.compress(EN_PROSE.encode() * 20, mtime=0))
    write(os.path.join(out, "manual.docx"), docx(text))
    write(os.path.join(out, "manual.html"),
          ("<!doctype html><html><head><meta charset=utf-8><title>Manual"
           "</title></head><body><p>" + text.replace("\n", "</p><p>")
           + "</p></body></html>").encode("utf-8"))
    write(os.path.join(out, "manual.rtf"), rtf(text))

    # Byte patterns of stamps inside binary data: CP932 【秘】 and ㊙ in
    # UTF-8, inside an ELF-like object and inside random data.
    stamps = ["【秘】".encode("cp932"), "【極秘】".encode("cp932"),
              "(秘)".encode("cp932"), "㊙".encode("utf-8"),
              "CONFIDENTIAL".encode()]
    elf = bytearray(b"\x7fELF\x02\x01\x01" + bytes(9))
    for i in range(64):
        elf += bytes(rng.randrange(256) for _ in range(200))
        elf += stamps[i % len(stamps)] + b"\x00\x00"
    write(os.path.join(out, "libexample.so.1"), bytes(elf))
    noise = bytearray(rng.randbytes(256 * 1024))
    for i in range(0, len(noise) - 16, 4096):
        stamp = stamps[(i // 4096) % len(stamps)]
        noise[i:i + len(stamp)] = stamp
    write(os.path.join(out, "noise.bin"), bytes(noise))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes staged-lens.zip for the golden cases tests/cli/evidence-*: 25
members that hold the keyword of assets.toml, 23 in UTF-8, one in CP932
(with a tab and CR LF around it) and one UTF-16LE text file (with a U+202E
after it). Fixed timestamps: the bytes, and so the SHA-256, never change."""
import zipfile

KEYWORD = '非球面研磨'


def main():
    with zipfile.ZipFile('staged-lens.zip', 'w', zipfile.ZIP_DEFLATED) as z:
        def add(name, data):
            info = zipfile.ZipInfo(name, date_time=(2026, 3, 1, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
        for i in range(23):
            add('notes/n%02d.txt' % i,
                ('メモ %d: %sの条件\n' % (i, KEYWORD)).encode('utf-8'))
        add('sjis/spec.txt', ('工程: \t%s 120rpm\r\n' % KEYWORD).encode('cp932'))
        add('wide/report.txt',
            b'\xff\xfe' + ('報告 %s\u202e完了\n' % KEYWORD).encode('utf-16-le'))


if __name__ == '__main__':
    main()

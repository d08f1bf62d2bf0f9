#!/usr/bin/env python3
"""Writes rules/markings.yar, the shipped confidentiality-marking rules.

Japanese markings must be matched in UTF-8, UTF-16LE, Shift_JIS (CP932) and
EUC-JP. Writing those byte patterns by hand is error-prone, so this script
derives them from the Japanese text with Python's codecs (the same tables as
iconv for these characters). Run it after changing a marking:

    python3 rules/tools/make_marking_rules.py > rules/markings.yar

The design of the conditions is written at the top of the generated file.
"""

ENCODINGS = [  # (label, Python codec)
    ("utf8", "utf-8"),
    ("utf16le", "utf-16-le"),
    ("cp932", "cp932"),
    ("eucjp", "euc-jp"),
]

# What may stand before and after a marking for it to count as a stamp or a
# label: brackets of every width, the end of an XML text node (">" before,
# "<" after: the whole text of a Word or Excel cell), and line breaks (a
# header or footer line of a text export).
OPENERS = ["【", "「", "『", "［", "[", "（", "(", "〔", "＜", "<", "《", "≪",
           "〈", "■", "●", "◆", "㊙", ">", "\n"]
CLOSERS = ["】", "」", "』", "］", "]", "）", ")", "〕", "＞", ">", "》", "≫",
           "〉", "<", "\r", "\n"]
# Classification labels: "機密区分：秘密", "取扱区分: 極秘".
LABELS = ["区分", "機密性", "機密レベル", "秘密度", "格付"]
# Nouns that turn a word into a marking of the thing: "極秘資料", "秘密情報".
SUFFIXES = ["扱い", "扱", "資料", "文書", "情報", "事項"]


def encode(text, codec):
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        return None


def hex_of(data):
    return " ".join(f"{b:02X}" for b in data)


def alternatives(items, codec):
    encoded = []
    for item in items:
        data = encode(item, codec)
        if data is not None and data not in encoded:
            encoded.append(data)
    return "( " + " | ".join(hex_of(d) for d in encoded) + " )"


def word_hex(words, codec):
    """One word or an alternative of several spellings; None when no
    spelling exists in this encoding."""
    encoded = [w for w in words if encode(w, codec) is not None]
    if not encoded:
        return None
    if len(encoded) == 1:
        return hex_of(encode(encoded[0], codec))
    return alternatives(encoded, codec)


def strings_for(prefix, words, forms):
    lines = []
    for label, codec in ENCODINGS:
        w = word_hex(words, codec)
        if w is None:
            continue
        if "plain" in forms:
            lines.append(f"    ${prefix}_plain_{label} = {{ {w} }}")
        if "bracketed" in forms:
            lines.append(f"    ${prefix}_bracketed_{label} = {{ "
                         f"{alternatives(OPENERS, codec)} {w} "
                         f"{alternatives(CLOSERS, codec)} }}")
        if "suffixed" in forms:
            lines.append(f"    ${prefix}_suffixed_{label} = {{ {w} "
                         f"{alternatives(SUFFIXES, codec)} }}")
        if "labelled" in forms:
            lines.append(f"    ${prefix}_labelled_{label} = {{ "
                         f"{alternatives(LABELS, codec)} [0-4] {w} }}")
    return lines


# The measured figure each rule carries (make bench-fp).
FALSE_POSITIVES = ('    false_positives = "0 per GB at every severity on Debian 12 '
                   '/usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, '
                   'make bench-fp, 2026-12-04)"')


# Each description in Japanese (meta description_ja: the reports in
# --lang ja say it).
DESCRIPTIONS_JA = {
    'Japanese marking: 社外秘 (not for outside the company)': '日本語の表示: 社外秘（社外に出さない）',
    'Japanese marking: 部外秘 (not for outside the department)': '日本語の表示: 部外秘（部外に出さない）',
    'Japanese marking: 関係者外秘 (need-to-know only)': '日本語の表示: 関係者外秘（知る必要のある人だけ）',
    'Japanese marking: 極秘 or 厳秘 (top secret) as a stamp or label': '日本語の表示: 極秘または厳秘（スタンプまたはラベル）',
    'Japanese marking: 秘密 or ㊙ as a stamp or label, 秘密情報': '日本語の表示: 秘密または㊙（スタンプまたはラベル）、秘密情報',
    'Japanese marking: 取扱注意 (handle with care) as a stamp or label': '日本語の表示: 取扱注意（スタンプまたはラベル）',
    'English marking: CONFIDENTIAL as a stamp or label, Company Confidential': '英語の表示: CONFIDENTIAL（スタンプまたはラベル）、Company Confidential',
    'English marking: Strictly Confidential or Highly Confidential as a stamp or label': '英語の表示: Strictly Confidential または Highly Confidential（スタンプまたはラベル）',
    'English marking: PROPRIETARY as a stamp or label, Proprietary and Confidential': '英語の表示: PROPRIETARY（スタンプまたはラベル）、Proprietary and Confidential',
    'English marking: Internal Use Only as a stamp or label': '英語の表示: Internal Use Only（スタンプまたはラベル）',
    'English marking: TRADE SECRET, Contains Trade Secrets': '英語の表示: TRADE SECRET、Contains Trade Secrets',
}


def japanese_rule(name, severity, description, groups):
    out = [f"rule {name}", "{", "  meta:",
           f'    description = "{description}"',
           f'    description_ja = "{DESCRIPTIONS_JA[description]}"',
           f'    severity = "{severity}"', '    layer = "text"', FALSE_POSITIVES,
           "  strings:"]
    for prefix, words, forms in groups:
        out += strings_for(prefix, words, forms)
    out += ["  condition:", "    any of them", "}", ""]
    return "\n".join(out)


HEADER = r"""// Confidentiality markings (issue 3 item 4): general rules, tied to no
// asset, that find documents stamped as confidential.
//
// GENERATED by rules/tools/make_marking_rules.py; edit that script, not
// this file.
//
// Layer. Every marking rule has `layer = "text"`: it counts only in text a
// person reads (a text file, or the text extracted from an Office, ODF,
// RTF, HTML or PDF document), never in the bytes of executables,
// libraries, images or compressed data, where a four-byte 【秘】 occurs by
// chance (spec/assets.md, rule layers).
//
// Design. A marking is a word used as a stamp or label, not the word in a
// sentence, so each rule names the forms it accepts:
//
// * 社外秘, 部外秘, 関係者外秘 are compounds that exist only as
//   classification labels; they match anywhere ("plain").
// * 極秘 (and 厳秘), 秘密, 取扱注意 are also ordinary words (極秘裏に進める,
//   秘密を守る, 取扱注意 on a parcel), so they match only when
//     - bracketed or stamped: 【極秘】「秘密」［取扱注意］(秘) ■極秘■; a line
//       break or an XML text node boundary counts as a bracket, so a header
//       line "極秘" and a Word/Excel cell whose whole text is "極秘" match;
//     - suffixed by the thing marked: 極秘資料, 秘密情報, 取扱注意文書,
//       秘密扱い;
//     - after a classification label: 機密区分：秘密, 区分: 極秘 (at most 4
//       bytes of separator between label and word).
//   秘 alone and ㊙ count only bracketed (【秘】, (秘), a line or cell that
//   is just ㊙): as two or three bytes on their own they would fire inside
//   any binary file. ㊙ has no Shift_JIS or EUC-JP code, so it is matched
//   as UTF-8 and UTF-16LE only; ㊙ also counts as an opening stamp before a
//   word (㊙極秘 followed by a bracket or line end).
// * Every Japanese pattern is written for UTF-8, UTF-16LE, Shift_JIS (CP932)
//   and EUC-JP as hex strings generated from the text.
// * English markings are ASCII, hence the same bytes in UTF-8, Shift_JIS and
//   EUC-JP; `wide` adds UTF-16LE. They count only as stamps and labels,
//   never in running prose, where "for internal use only", a CONFIDENTIAL
//   flag or PROPRIETARY RIGHTS are ordinary words of changelogs, licences
//   and contracts:
//     - alone on a line ("CONFIDENTIAL", "For Internal Use Only"), the
//       first line of a text included;
//     - bracketed tightly or alone in an XML/HTML text node:
//       [Confidential], (PROPRIETARY), <b>Internal Use Only</b>, but not
//       "(proprietary )", a string shown by PostScript;
//     - after a classification label: "Classification: Confidential";
//     - in upper case at a line's end after a separator, or at its start
//       before one: "ACME Corp. | CONFIDENTIAL", "CONFIDENTIAL - DRAFT";
//     - the fixed label phrases "Company Confidential", "Business
//       Confidential", "Strictly Confidential", "Highly Confidential",
//       "Proprietary and Confidential", "Contains Trade Secrets", in any
//       case, and upper-case "INTERNAL USE ONLY" and "TRADE SECRET" (the
//       latter more often than the legal "TRADE SECRETS").
// Severity: 極秘/厳秘, Strictly Confidential and Trade Secret are high;
// 社外秘, 部外秘, 関係者外秘, 秘密 and Confidential medium; 取扱注意,
// Proprietary and Internal Use Only low.
"""

def stamp_strings(words, upper):
    """The stamp and label forms of an English marking. `words` are the
    marking's literal forms (matched in any case), `upper` its upper-case
    stamp. Literal strings keep the scan fast; where each stands (alone on a
    line, or next to a separator) is checked in the condition."""
    out = [f'    $w{i} = "{w}" nocase ascii wide' for i, w in enumerate(words)]
    out.append(f'    $u = "{upper}" ascii wide')
    alt = "|".join(w.replace(" ", r"[ \t]+") for w in words)
    out.append(f"    $bracketed = /[\\[\\(<>]({alt})[\\]\\)<>]/ nocase ascii wide")
    out.append(f"    $label = /(classification|classified|marking|security level|sensitivity)"
               f"[ \\t]*:[ \\t]*({alt})\\b/ nocase ascii wide")
    return "\n".join(out)


# Tests on the characters around a match at offset p ending at e, in an
# ASCII superset (width 1) or UTF-16LE (width 2, the low byte first); the
# expression for a match accepts either width.
def char_is(at, values):
    return "(" + " or ".join(f"uint8({at}) == 0x{v:02X}" for v in values) + ")"


BLANK = (0x20, 0x09)
SEPARATOR = (0x2D, 0x7C, 0x3A)  # - | :
BREAK = (0x0A, 0x0D)


def either_width(make):
    return f"({make(1)} or {make(2)})"


def char_at(at, values, w):
    """The character whose low byte is at `at`, in width `w`, is one of
    `values` (in UTF-16LE its high byte is 0)."""
    test = char_is(at, values)
    return test if w == 1 else f"({test} and uint8({at} + 1) == 0)"


def before(p, k, w):  # offset of the k-th character before p
    return f"{p} - {k * w}"


def after(e, k, w):  # offset of the character k after the first at e
    return f"{e} + {k * w}" if k else e


def line_start(p):
    def one(w):
        return (f"({p} >= {w} and {char_at(before(p, 1, w), (0x0A,), w)}) or "
                f"({p} >= {2 * w} and {char_at(before(p, 1, w), BLANK, w)} and "
                f"{char_at(before(p, 2, w), (0x0A,), w)})")
    return (f"({p} == 0 or ({p} == 2 and uint16(0) == 0xFEFF) or "
            f"({p} == 3 and uint16(0) == 0xBBEF) or {either_width(one)})")


def line_end(e):
    def one(w):
        return (f"{char_at(e, BREAK, w)} or ({char_at(e, BLANK, w)} and "
                f"({after(e, 1, w)} >= filesize or "
                f"{char_at(after(e, 1, w), BREAK, w)}))")
    return f"({e} >= filesize or {either_width(one)})"


def separator_after(e):
    def one(w):
        return (f"{char_at(e, SEPARATOR, w)} or ({char_at(e, BLANK, w)} and "
                f"{char_at(after(e, 1, w), SEPARATOR, w)})")
    return f"({e} < filesize and {either_width(one)})"


def separator_before(p):
    def one(w):
        return (f"({p} >= {2 * w} and ({char_at(before(p, 1, w), SEPARATOR, w)} or "
                f"({char_at(before(p, 1, w), BLANK, w)} and "
                f"{char_at(before(p, 2, w), SEPARATOR, w)})))")
    return either_width(one)


def stamp_condition(n_words):
    parts = ["$bracketed", "$label"]
    for i in range(n_words):
        p, e = f"@w{i}[i]", f"@w{i}[i] + !w{i}[i]"
        parts.append(f"for any i in (1..#w{i}) : ({line_start(p)} and {line_end(e)})")
    p, e = "@u[i]", "@u[i] + !u[i]"
    parts.append(f"for any i in (1..#u) : (({line_start(p)} and {separator_after(e)}) or "
                 f"({separator_before(p)} and {line_end(e)}))")
    return " or\n    ".join(parts)


def english_rule(name, severity, description, words, upper, extra, condition):
    out = [f"rule {name}", "{", "  meta:",
           f'    description = "{description}"',
           f'    description_ja = "{DESCRIPTIONS_JA[description]}"',
           f'    severity = "{severity}"', '    layer = "text"', FALSE_POSITIVES,
           "  strings:"]
    if words:
        out.append(stamp_strings(words, upper))
    out += [f"    {line}" for line in extra]
    if words:
        cond = stamp_condition(len(words)) + (" or\n    " + condition if condition else "")
    else:
        cond = condition
    out += ["  condition:", f"    {cond}", "}", ""]
    return "\n".join(out)


def english_rules():
    return "\n".join([
        english_rule(
            "marking_confidential_en", "medium",
            "English marking: CONFIDENTIAL as a stamp or label, Company Confidential",
            ["confidential"], "CONFIDENTIAL",
            ['$company = "company confidential" ascii wide nocase fullword',
             '$business = "business confidential" ascii wide nocase fullword',
             r'$internal = /confidential[ \t]{1,2}-[ \t]{1,2}internal/ nocase ascii wide'],
            "$company or $business or $internal"),
        english_rule(
            "marking_strictly_confidential_en", "high",
            "English marking: Strictly Confidential or Highly Confidential as a stamp or label",
            # As words of a sentence ("shall be kept strictly confidential",
            # in every NDA and licence) they are no marking: stamp forms
            # only, and the upper-case phrase anywhere.
            ["strictly confidential", "highly confidential"], "STRICTLY CONFIDENTIAL",
            ['$upper_strictly = "STRICTLY CONFIDENTIAL" ascii wide fullword',
             '$upper_highly = "HIGHLY CONFIDENTIAL" ascii wide fullword'],
            "$upper_strictly or $upper_highly"),
        english_rule(
            "marking_proprietary_en", "low",
            "English marking: PROPRIETARY as a stamp or label, Proprietary and Confidential",
            ["proprietary"], "PROPRIETARY",
            [r'$and_conf = /proprietary[ \t\r\n]{1,3}(and|&|&amp;)[ \t\r\n]{1,3}confidential/ nocase ascii wide',
             r'$conf_and = /confidential[ \t\r\n]{1,3}(and|&|&amp;)[ \t\r\n]{1,3}proprietary/ nocase ascii wide'],
            "$and_conf or $conf_and"),
        english_rule(
            "marking_internal_use_only_en", "low",
            "English marking: Internal Use Only as a stamp or label",
            ["internal use only", "for internal use only"], "INTERNAL USE ONLY",
            ['$upper = "INTERNAL USE ONLY" ascii wide fullword'],
            "$upper"),
        english_rule(
            "marking_trade_secret_en", "high",
            "English marking: TRADE SECRET, Contains Trade Secrets",
            ["trade secret", "trade secrets"], "TRADE SECRET",
            ['$upper = "TRADE SECRET" ascii wide fullword',
             '$legal = "TRADE SECRETS" ascii wide',
             r'$contains = /contains[ \t\r\n]{1,3}trade[ \t\r\n]{1,3}secrets?\b/ nocase ascii wide'],
            "#upper > #legal or $contains"),
    ])



def main():
    print(HEADER)
    print(japanese_rule(
        "marking_shagaihi", "medium", "Japanese marking: 社外秘 (not for outside the company)",
        [("m", ["社外秘"], ["plain"])]))
    print(japanese_rule(
        "marking_bugaihi", "medium", "Japanese marking: 部外秘 (not for outside the department)",
        [("m", ["部外秘"], ["plain"])]))
    print(japanese_rule(
        "marking_kankeishagaihi", "medium", "Japanese marking: 関係者外秘 (need-to-know only)",
        [("m", ["関係者外秘"], ["plain"])]))
    print(japanese_rule(
        "marking_gokuhi", "high", "Japanese marking: 極秘 or 厳秘 (top secret) as a stamp or label",
        [("m", ["極秘", "厳秘"], ["bracketed", "suffixed", "labelled"])]))
    print(japanese_rule(
        "marking_himitsu", "medium", "Japanese marking: 秘密 or ㊙ as a stamp or label, 秘密情報",
        [("m", ["秘密"], ["bracketed", "suffixed", "labelled"]),
         ("hi", ["秘", "㊙"], ["bracketed"])]))
    print(japanese_rule(
        "marking_toriatsukai_chui", "low", "Japanese marking: 取扱注意 (handle with care) as a stamp or label",
        [("m", ["取扱注意", "取扱い注意", "取り扱い注意"], ["bracketed", "suffixed", "labelled"])]))
    print(english_rules(), end="")


if __name__ == "__main__":
    main()

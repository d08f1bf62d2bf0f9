// Engineering and manufacturing file kinds (issue 3 item 4), recognised by
// their real signatures rather than by file name, so a drawing renamed to
// .jpg or packed in an archive is still found. Each rule is general (no
// asset tag) and of severity low: the kind of a file alone says only that
// design data moved; an asset's hashes, keywords or paths say whose.
//
// Signatures (offsets from the start of the object):
//   DWG        "AC10" + two digits at 0 (AC1012 R13 ... AC1032 R2018+),
//              followed by binary bytes, not text
//   DXF        ASCII group pairs "0 / SECTION / 2 / HEADER" (or CLASSES,
//              TABLES, BLOCKS, ENTITIES) at the start, optionally after a
//              999 comment; binary DXF "AutoCAD Binary DXF\r\n\x1a\0" at 0
//   STEP       "ISO-10303-21;" in the first 16 bytes and "HEADER;" soon after
//   IGES       fixed 80-column records: the first is printable text ending
//              with "S      1" in columns 73-80, and the next record ends
//              with "G      1"
//   Parasolid  transmit header "**ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijkl..."
//              near the start (.x_t), or "PS" at 0 followed by it (.x_b);
//              or the "**PART1;" section with "TRANSMIT FILE"
//   SolidWorks OLE compound file with SolidWorks stream names (UTF-16LE
//              directory entries: ISolidWorksInformation, swXmlContents,
//              Header2 + PreviewPNG); the 2015+ container is undocumented,
//              so it is matched by the same section names as plain ASCII
//              or UTF-16LE in the first 1 MiB (not verified against a real
//              2015+ file)
//   CATIA V5   "V5_CFV2" in the first 32 bytes (.CATPart, .CATProduct, ...)
//   JT         "Version N.N JT" at 0 (80-byte version string, JT 8, 9, 10)
//   Gerber     RS-274X extended commands: format "%FSLAX..Y..*%" and units
//              "%MOMM*%" / "%MOIN*%" in the header
//   Excellon   "M48" header line at the start, then METRIC/INCH or a tool
//              definition "T01C0.300"
//   ODB++      the matrix/matrix file: STEP { ... } and LAYER { ROW=,
//              CONTEXT=, TYPE= } blocks; or an uncompressed tar whose member
//              names contain "/matrix/matrix" and "/steps/"
//   GDSII      HEADER record 00 06 00 02 at 0, then BGNLIB 00 1C 01 02
//   OASIS      "%SEMI-OASIS\r\n" at 0
//   KiCad      s-expression "(kicad_pcb (version", "(kicad_sch (version",
//              "(kicad_symbol_lib (version" at the start; legacy
//              "EESchema Schematic File Version" / "PCBNEW-BOARD Version"
//   Altium     "|HEADER=Protel for Windows - " (the FileHeader stream of
//              .PcbDoc/.SchDoc, raw inside the OLE file, or an ASCII
//              .SchDoc), or several "|RECORD=" records with Altium fields
//   Source     a zip or uncompressed tar with ".git/" members or at least 20
//              source-file members (counted from zip local headers / tar
//              header names); a git bundle; the git files themselves (HEAD,
//              config, pack index) as members of any archive.
//              Limitation: the member names of a compressed tarball
//              (.tar.gz, .tar.xz) are not visible in its bytes; those are
//              caught only per member, by the git-file rule, when the
//              content engine expands the archive. "Many source files" in a
//              compressed tarball cannot be judged from bytes alone.

rule file_dwg
{
  meta:
    description = "AutoCAD DWG drawing"
    description_ja = "AutoCAD DWG 図面"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  condition:
    uint32be(0) == 0x41433130 and                 // "AC10"
    uint8(4) >= 0x30 and uint8(4) <= 0x39 and
    uint8(5) >= 0x30 and uint8(5) <= 0x39 and
    (uint8(6) < 0x20 or uint8(6) > 0x7E)         // binary, not text
}

rule file_dxf
{
  meta:
    description = "AutoCAD DXF drawing exchange file"
    description_ja = "AutoCAD DXF 図面交換ファイル"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  strings:
    $ascii = /(\s{0,8}999\r?\n[^\n]{0,255}\n)?\s{0,8}0\r?\n\s{0,8}SECTION\r?\n\s{0,8}2\r?\n\s{0,8}(HEADER|CLASSES|TABLES|BLOCKS|ENTITIES)\r?\n/
    $binary = { 41 75 74 6F 43 41 44 20 42 69 6E 61 72 79 20 44 58 46 0D 0A 1A 00 }
  condition:
    $ascii at 0 or $binary at 0
}

rule file_step
{
  meta:
    description = "STEP (ISO 10303-21) product model"
    description_ja = "STEP（ISO 10303-21）製品モデル"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  strings:
    $magic = "ISO-10303-21;"
    $header = "HEADER;"
  condition:
    $magic in (0..16) and $header in (0..1024)
}

rule file_iges
{
  meta:
    description = "IGES drawing exchange file (fixed 80-column records)"
    description_ja = "IGES 図面交換ファイル（80 桁固定レコード）"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  condition:
    // Columns 73-80 of the first record: "S      1" (or "S0000001").
    for all i in (0..71) : (uint8(i) >= 0x20 and uint8(i) <= 0x7E) and
    (uint8(0 + 72) == 0x53 and (uint32be(0 + 73) == 0x20202020 and uint16be(0 + 77) == 0x2020 or
      uint32be(0 + 73) == 0x30303030 and uint16be(0 + 77) == 0x3030) and
     uint8(0 + 79) == 0x31) and
    // The next record, after LF or CRLF, is the first of the G section.
    ((uint8(80) == 0x0A and uint8(81 + 72) == 0x47 and (uint32be(81 + 73) == 0x20202020 and uint16be(81 + 77) == 0x2020 or
      uint32be(81 + 73) == 0x30303030 and uint16be(81 + 77) == 0x3030) and
     uint8(81 + 79) == 0x31) or
     (uint16be(80) == 0x0D0A and uint8(82 + 72) == 0x47 and (uint32be(82 + 73) == 0x20202020 and uint16be(82 + 77) == 0x2020 or
      uint32be(82 + 73) == 0x30303030 and uint16be(82 + 77) == 0x3030) and
     uint8(82 + 79) == 0x31))
}

rule file_parasolid
{
  meta:
    description = "Parasolid transmit file (.x_t, .x_b)"
    description_ja = "Parasolid 転送ファイル（.x_t、.x_b）"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  strings:
    $alphabet = "**ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    $part = "**PART1;"
    $transmit = "TRANSMIT FILE"
  condition:
    $alphabet in (0..256) or
    (uint16be(0) == 0x5053 and $alphabet in (0..64)) or
    ($part in (0..4096) and $transmit in (0..4096))
}

rule file_solidworks
{
  meta:
    description = "SolidWorks part, assembly or drawing"
    description_ja = "SolidWorks の部品、アセンブリまたは図面"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  strings:
    $info = "ISolidWorksInformation" ascii wide
    $xml = "swXmlContents" ascii wide
    $header2 = "Header2" wide
    $preview = "PreviewPNG" wide
  condition:
    (uint32be(0) == 0xD0CF11E0 and uint32be(4) == 0xA1B11AE1 and
     ($info or $xml or ($header2 and $preview))) or
    (uint32be(0) != 0xD0CF11E0 and $info in (0..1048576) and
     $xml in (0..1048576))
}

rule file_catia_v5
{
  meta:
    description = "CATIA V5 document (.CATPart, .CATProduct, .CATDrawing)"
    description_ja = "CATIA V5 ドキュメント（.CATPart、.CATProduct、.CATDrawing）"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  strings:
    $magic = "V5_CFV2"
  condition:
    $magic in (0..32)
}

rule file_jt
{
  meta:
    description = "JT visualisation file (ISO 14306)"
    description_ja = "JT 可視化ファイル（ISO 14306）"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  strings:
    $version = /Version [0-9]{1,2}\.[0-9]{1,2} JT/
  condition:
    $version at 0
}

rule file_gerber_rs274x
{
  meta:
    description = "Gerber RS-274X PCB artwork"
    description_ja = "Gerber RS-274X 基板アートワーク"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  strings:
    $format = /%FS[LTD]?[AI]X[0-9]{2}Y[0-9]{2}\*%/
    $units = /%MO(MM|IN)\*%/
  condition:
    $format in (0..8192) and $units in (0..8192)
}

rule file_excellon
{
  meta:
    description = "Excellon NC drill file"
    description_ja = "Excellon NC ドリルファイル"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  strings:
    $m48 = /(^|\n)M48\r?\n/
    $units = /\n(METRIC|INCH)(,(LZ|TZ))?(,[0-9]{3}\.[0-9]{3})?\r?\n/
    $tool = /\nT[0-9]{1,3}(F[0-9]+)?(S[0-9]+)?C[0-9]*\.[0-9]+/
  condition:
    $m48 in (0..512) and ($units in (0..4096) or $tool in (0..4096))
}

rule file_odbpp
{
  meta:
    description = "ODB++ PCB design (matrix file, or a tar of an ODB++ job)"
    description_ja = "ODB++ 基板設計（matrix ファイル、または ODB++ ジョブの tar）"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  strings:
    $step = /STEP \{\r?\n\s*COL=[0-9]+/
    $layer = /LAYER \{\r?\n\s*ROW=[0-9]+/
    $context = /\n\s*CONTEXT=(BOARD|MISC)\r?\n/
    $type = /\n\s*TYPE=(SIGNAL|POWER_GROUND|SOLDER_MASK|SILK_SCREEN|DRILL|ROUT|DOCUMENT|COMPONENT|SOLDER_PASTE|MIXED|MASK|CONDUCTIVE_PASTE|DIELECTRIC)\r?\n/
    $tar_matrix = "/matrix/matrix"
    $tar_steps = "/steps/"
  condition:
    ($step and $layer and $context and $type) or
    (uint32be(257) == 0x75737461 and $tar_matrix and $tar_steps)   // "usta"
}

rule file_gdsii
{
  meta:
    description = "GDSII stream (IC layout)"
    description_ja = "GDSII ストリーム（IC レイアウト）"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  condition:
    uint32be(0) == 0x00060002 and uint32be(6) == 0x001C0102
}

rule file_oasis
{
  meta:
    description = "OASIS (SEMI P39) IC layout"
    description_ja = "OASIS（SEMI P39）IC レイアウト"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  strings:
    $magic = "%SEMI-OASIS\r\n"
  condition:
    $magic at 0
}

rule file_kicad
{
  meta:
    description = "KiCad board, schematic or symbol library"
    description_ja = "KiCad の基板、回路図またはシンボルライブラリ"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  strings:
    $sexpr = /(\xEF\xBB\xBF)?\s{0,8}\(kicad_(pcb|sch|symbol_lib)\s+\(version\s+[0-9]+\)/
    $legacy_sch = "EESchema Schematic File Version"
    $legacy_pcb = "PCBNEW-BOARD Version"
  condition:
    $sexpr at 0 or $legacy_sch at 0 or $legacy_pcb at 0
}

rule file_altium
{
  meta:
    description = "Altium Designer / Protel board or schematic"
    description_ja = "Altium Designer / Protel の基板または回路図"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  strings:
    $header = "|HEADER=Protel for Windows - "
    $record = "|RECORD="
    $owner = "|OWNERPARTID="
    $location = "|LOCATION.X="
  condition:
    $header in (0..1048576) or (#record >= 3 and ($owner or $location))
}

rule source_code_archive
{
  meta:
    description = "Archive of source code: a git working copy or many source files"
    description_ja = "ソースコードのアーカイブ: git の作業コピーまたは多数のソースファイル"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  strings:
    $git = /\.git\/(HEAD|config|index|packed-refs|objects\/|refs\/)/
    $zip_entry = { 50 4B 03 04 }
    $tar_magic = "ustar"
  condition:
    // zip: a member name ends at local header + 30 + its length (at +26).
    (uint32be(0) == 0x504B0304 and
     ($git or
      for 20 i in (1..#zip_entry) : (
        (uint16be(@zip_entry[i] + 30 + uint16(@zip_entry[i] + 26) - 2) == 0x2E63 or        // .c
         uint16be(@zip_entry[i] + 30 + uint16(@zip_entry[i] + 26) - 2) == 0x2E68 or        // .h
         uint32be(@zip_entry[i] + 30 + uint16(@zip_entry[i] + 26) - 4) == 0x2E637070 or    // .cpp
         uint32be(@zip_entry[i] + 30 + uint16(@zip_entry[i] + 26) - 4) == 0x2E687070 or    // .hpp
         uint32be(@zip_entry[i] + 30 + uint16(@zip_entry[i] + 26) - 4) == 0x6A617661 or    // java
         (uint16be(@zip_entry[i] + 30 + uint16(@zip_entry[i] + 26) - 3) == 0x2E70 and uint8(@zip_entry[i] + 30 + uint16(@zip_entry[i] + 26) - 1) == 0x79) or   // .py
         (uint16be(@zip_entry[i] + 30 + uint16(@zip_entry[i] + 26) - 3) == 0x2E67 and uint8(@zip_entry[i] + 30 + uint16(@zip_entry[i] + 26) - 1) == 0x6F) or   // .go
         (uint16be(@zip_entry[i] + 30 + uint16(@zip_entry[i] + 26) - 3) == 0x2E72 and uint8(@zip_entry[i] + 30 + uint16(@zip_entry[i] + 26) - 1) == 0x73))     // .rs
      ))) or
    // tar: "ustar" is at header + 257; the name is NUL-terminated in the
    // header's first 100 bytes.
    (uint32be(257) == 0x75737461 and
     ($git or
      for 20 i in (1..#tar_magic) : (
        for any j in (3..99) : (
          uint8(@tar_magic[i] - 257 + j) == 0 and
          (uint16be(@tar_magic[i] - 257 + j - 2) == 0x2E63 or        // .c
         uint16be(@tar_magic[i] - 257 + j - 2) == 0x2E68 or        // .h
         uint32be(@tar_magic[i] - 257 + j - 4) == 0x2E637070 or    // .cpp
         uint32be(@tar_magic[i] - 257 + j - 4) == 0x2E687070 or    // .hpp
         uint32be(@tar_magic[i] - 257 + j - 4) == 0x6A617661 or    // java
         (uint16be(@tar_magic[i] - 257 + j - 3) == 0x2E70 and uint8(@tar_magic[i] - 257 + j - 1) == 0x79) or   // .py
         (uint16be(@tar_magic[i] - 257 + j - 3) == 0x2E67 and uint8(@tar_magic[i] - 257 + j - 1) == 0x6F) or   // .go
         (uint16be(@tar_magic[i] - 257 + j - 3) == 0x2E72 and uint8(@tar_magic[i] - 257 + j - 1) == 0x73))     // .rs
        ))))
}

rule source_git_files
{
  meta:
    description = "Git repository internals: HEAD, config, pack index or bundle"
    description_ja = "Git リポジトリの内部: HEAD、config、pack index または bundle"
    severity = "low"
    false_positives = "0 per GB at every severity on Debian 12 /usr/lib/x86_64-linux-gnu and /usr/share/doc (1.12 GB, make bench-fp, 2026-12-04)"
  strings:
    $head = /ref: refs\/heads\/[^\n]{1,200}\n/
    $config = /\[core\]\r?\n\s*repositoryformatversion = [01]\r?\n/
    $bundle = /# v[23] git bundle\n/
  condition:
    ($head at 0 and filesize < 256) or
    $config at 0 or
    $bundle at 0 or
    (uint32be(0) == 0xFF744F63 and uint32be(4) == 2)    // pack index v2
}

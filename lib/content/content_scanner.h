// Content, the module's public face: walks files, directories and the
// containers inside them (archives, compressed files, documents, nested),
// hashes every object and matches it against the rules. Produces plain
// records that lib/detect turns into findings. Inside: tree_walker lists
// the files, file_examiner examines each one (a worker each), and one
// member source per kind of container (member_source.h) opens what it
// finds; libarchive is reached only through lib/unpack.
#pragma once

#include "assets/register.h"
#include "common/diagnostics.h"
#include "common/severity.h"
#include "rules/rule_set.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mamori {
class Progress;
}

namespace mamori::content {

// The file on disk, then each archive member down to the object. Names are
// the raw bytes as stored (control characters, invalid UTF-8 and all); the
// report layer escapes them. Parts of documents are named "12 0 obj" (PDF)
// or by their stream path (OLE: "WordDocument", "ObjectPool/_1/Package").
using Location = std::vector<std::string>;

// Where a string of a matching rule matched. `layer` says which scan found
// it: "bytes", the object's own bytes, or "text", the UTF-8 text the
// examiner matches besides (an object's UTF-16 text, text extracted from a
// document); `offset` counts bytes of that layer.
struct StringMatch {
  std::string id;        // the rule's string: "$k0_cp932", "$m_plain_utf8"
  std::string keyword;   // the register's keyword, as declared; "" if none
  std::string encoding;  // of the string: "CP932", "UTF-16LE"...; "" unknown
  uint64_t offset = 0;
  uint64_t length = 0;
  // The bytes around the match, decoded in `encoding` when known and
  // escaped (excerpt.h); "" when excerpts are off.
  std::string excerpt;
  std::string layer;  // "bytes" or "text"
  bool operator==(const StringMatch&) const = default;
};

struct RuleHit {
  std::string rule;
  std::vector<std::string> assets;
  std::optional<Severity> severity;
  std::string description;
  // The first matches of its strings (rules::kMatchesPerString each,
  // rules::kMatchesPerRule in all per layer), by layer then offset.
  std::vector<StringMatch> strings =
      {};                        // "= {}": {rule, assets...} stays whole
  uint64_t strings_omitted = 0;  // matches not listed
};

// An object (file, archive member or document part) that matched a rule or
// a declared hash. `sha256` and `size` are the object's own.
struct ObjectHit {
  Location location;
  std::string sha256;
  uint64_t size = 0;
  std::vector<RuleHit> rules;            // sorted by rule name
  std::vector<std::string> hash_assets;  // assets declaring this SHA-256
  // An archive or document that was opened (it has a ContainerRecord). An
  // archive fully examined member by member is not matched as a blob, so
  // such a hit comes from a document's own bytes, or from an archive that
  // could not be fully read (a notice says why).
  bool container = false;
  // Declared files the object resembles (similar_file), one per asset by
  // asset id; empty when hash_assets is not.
  std::vector<assets::Resemblance> similar = {};
};

// A container that was opened: an archive, a compressed file or a document
// (Office, ODF, PDF), even when reading it failed part way (a notice says
// why).
struct ContainerRecord {
  Location location;
  std::string sha256;
  uint64_t size = 0;
  bool document = false;   // Office/ODF/PDF: reported as document + part
  uint64_t members = 0;    // members examined
  bool encrypted = false;  // some members could not be read
  std::vector<std::string> encrypted_members;  // names the format shows
};
// The record's former name, still used by lib/detect (which this change
// does not touch); remove once it says ContainerRecord.
using ArchiveInfo = ContainerRecord;

struct Limits {
  // Levels of nested containers opened: members of the file on disk are at
  // level 1; an archive at level max_depth is noted, not opened.
  int max_depth = 8;
  // The largest member held in memory to be matched; also the most a worker
  // holds at once for all the nested members it is inside.
  uint64_t max_member_size = 512ull << 20;
  uint64_t max_expanded = 8ull << 30;  // per top-level file
  // Bytes read out of one archive, or one of its members, over the bytes
  // they were read from (ignored below 1 MiB). Deflate reaches about 1,030
  // on zeros, and the most repetitive real files (generated source tables)
  // about 70: 200 stops a deflated bomb with a margin, and not them.
  double max_ratio = 200.0;
  int rule_timeout_seconds = 60;
  // Follow symbolic links below the roots (off: each is a `symlink` notice).
  bool follow_links = false;
  // Examine the files in sandboxed worker processes (sandbox.h), so a
  // library that crashes on a hostile file costs that file only. Off: in
  // threads of this process. Workers are forked, so the caller must have no
  // other thread running while scan_paths runs (a lock held by another
  // thread at the fork stays held in the worker): run_scan examines the
  // content before it starts reading logs.
  bool sandbox = true;
  // Wall-clock seconds a sandboxed worker may spend on one file on disk
  // (--file-timeout); then it is stopped and the file is a `timeout`.
  int file_timeout_seconds = 300;
  // Excerpts of the bytes around each string match (content::StringMatch):
  // off (--no-excerpts) keeps what the files say out of the report.
  bool excerpts = true;
  // The least ssdeep score (1-100) at which an object resembles a declared
  // file (similar_file; --similarity-threshold). Near copies measured 74
  // and up, unrelated files of the same kind 0 (common/similarity_hash.h).
  int similarity_threshold = 50;
  // Tests only: called in the worker (process or thread) before each file,
  // with the diagnostics its notices go to.
  std::function<void(const std::filesystem::path&, Diagnostics&)> test_hook;
};

struct Stats {
  uint64_t files_scanned = 0;
  uint64_t bytes_scanned = 0;
  uint64_t archive_members = 0;
  // Unchanged files whose results an earlier run kept (FileCache): not
  // read, not counted above.
  uint64_t files_cached = 0;
};

struct Results {
  std::vector<ObjectHit> hits;  // sorted by location
  // Every container opened, sorted by location. (Named "archives" for
  // lib/detect, which reads it; documents are containers too.)
  std::vector<ContainerRecord> archives;
  Stats stats;
};

struct WalkedFile;

// What earlier runs found in files that have not changed since (--state):
// a file's hits and containers, kept as result_of() encodes them, under a
// key that changes with the file (size, modification time, inode) and with
// everything that decides what is found in it (result_key()). Called on the
// scanning thread only.
class FileCache {
 public:
  virtual ~FileCache() = default;
  // The kept result of `file`, when it and the key are unchanged.
  virtual std::optional<std::string> find(const WalkedFile& file) = 0;
  virtual void keep(const WalkedFile& file, std::string result) = 0;
  // The walk of `roots` found exactly `files` (sorted by path): a result
  // kept for anything else under them is of a file that is gone.
  virtual void walked(const std::vector<std::filesystem::path>& roots,
                      const std::vector<WalkedFile>& files) = 0;
};

// What decides a file's result besides the file: the compiled rules'
// sources, the register's hashes and fingerprints, the limits that change
// what is read, and mamori's version.
std::string result_key(const rules::RuleSet& rules, const assets::Register& reg,
                       const Limits& limits);

// Scans every root (a file or a directory, walked recursively, links not
// followed; a root that is itself a link is followed) with `threads`
// workers (0: all cores), sandboxed processes unless Limits::sandbox is
// off. Problems with an input become notices in `diag`: errors unreadable,
// corrupt_archive, rule_error, limit_memory, worker_crash (the worker
// examining the file died: a library crashed, or a memory or processor
// limit of the sandbox was hit), timeout (the file took longer than
// Limits::file_timeout_seconds); warnings symlink, special_file, loop,
// encrypted, limit_depth, limit_member_size, limit_ratio, limit_expanded,
// limit_text (a document's text layer cut at its limits), rule_timeout. Nothing
// under a root is ever written, and access times are left alone where the
// system allows.
// `progress`, when given, counts the files as they are done. With a
// `cache`, a file whose result it keeps is not examined; the results of
// the files examined without any notice are given to it to keep (a file
// that gave a notice is examined again next time, and says it again).
Results scan_paths(const std::vector<std::filesystem::path>& roots,
                   const rules::RuleSet& rules, const assets::Register& reg,
                   const Limits& limits, unsigned threads, Diagnostics& diag,
                   Progress* progress = nullptr, FileCache* cache = nullptr);

}  // namespace mamori::content

// scan_paths: the walk, then a pool of workers over the files (largest
// first, so one big file does not finish last on its own): sandboxed
// processes (sandbox.h), or threads of this process when Limits::sandbox is
// off; then the merged results in a deterministic order whatever the
// timing.
#include "content/content_scanner.h"

#include "common/i18n.h"
#include "common/progress.h"
#include "common/sha256.h"
#include "common/worker_pool.h"
#include "content/file_examiner.h"
#include "content/sandbox.h"
#include "content/tree_walker.h"
#include "content/worker_protocol.h"

#include <fmt/format.h>

#include <algorithm>
#include <new>
#include <numeric>
#include <set>
#include <thread>

namespace mamori::content {
namespace {

std::vector<size_t> largest_first(const std::vector<WalkedFile>& files) {
  std::vector<size_t> order(files.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return files[a].size > files[b].size;
  });
  return order;
}

Results merge(std::vector<WorkerOutput>& outputs) {
  Results results;
  for (WorkerOutput& out : outputs) {
    std::move(out.hits.begin(), out.hits.end(),
              std::back_inserter(results.hits));
    std::move(out.containers.begin(), out.containers.end(),
              std::back_inserter(results.archives));
    results.stats.files_scanned += out.stats.files_scanned;
    results.stats.bytes_scanned += out.stats.bytes_scanned;
    results.stats.archive_members += out.stats.archive_members;
  }
  std::sort(results.hits.begin(), results.hits.end(),
            [](const ObjectHit& a, const ObjectHit& b) {
              return a.location < b.location;
            });
  std::sort(results.archives.begin(), results.archives.end(),
            [](const ContainerRecord& a, const ContainerRecord& b) {
              return a.location < b.location;
            });
  return results;
}

// A file's part of the results, to keep: its hits and containers, as the
// worker protocol's frames.
std::string result_of(const std::string& path, const Results& results) {
  std::string out;
  for (const ObjectHit& hit : results.hits) {
    if (hit.location.front() == path)
      out += encode_frame(MessageKind::kHit, encode_hit(hit));
  }
  for (const ContainerRecord& c : results.archives) {
    if (c.location.front() == path)
      out += encode_frame(MessageKind::kContainer, encode_container(c));
  }
  return out;
}

// Adds a kept result to `results`; false when it does not decode (then the
// file is examined again).
bool add_kept(std::string_view kept, Results& results) {
  FrameReader reader;
  reader.feed(kept);
  Results one;
  while (std::optional<Frame> frame = reader.next()) {
    if (frame->kind == MessageKind::kHit) {
      std::optional<ObjectHit> hit = decode_hit(frame->payload);
      if (!hit)
        return false;
      one.hits.push_back(std::move(*hit));
    } else if (frame->kind == MessageKind::kContainer) {
      std::optional<ContainerRecord> c = decode_container(frame->payload);
      if (!c)
        return false;
      one.archives.push_back(std::move(*c));
    } else {
      return false;
    }
  }
  if (reader.broken() || reader.pending())
    return false;
  std::move(one.hits.begin(), one.hits.end(), std::back_inserter(results.hits));
  std::move(one.archives.begin(), one.archives.end(),
            std::back_inserter(results.archives));
  return true;
}

Results examine(const std::vector<WalkedFile>& files,
                const rules::RuleSet& rules, const assets::Register& reg,
                const Limits& limits, unsigned threads, Diagnostics& diag,
                Progress* progress);

}  // namespace

std::string result_key(const rules::RuleSet& rules, const assets::Register& reg,
                       const Limits& limits) {
  Sha256 hash;
  // The language too: rule descriptions are kept in the report's.
  hash.update(fmt::format("mamori {}\nrules {}\nlanguage {}\n", MAMORI_VERSION,
                          rules.sources_digest(),
                          static_cast<int>(current_language())));
  for (const assets::Asset& a : reg.assets()) {
    hash.update(fmt::format("asset {} {}\n", a.id.size(), a.id));
    for (const std::string& h : a.hashes)
      hash.update(fmt::format("hash {}\n", h));
    for (const assets::Fingerprint& f : a.fingerprints) {
      hash.update(fmt::format("print {} {} {} {} {} {} {}\n", f.file.size(),
                              f.file, f.part.size(), f.part, f.layer,
                              f.digest.size(), f.digest));
    }
  }
  hash.update(fmt::format("limits {} {} {} {} {} {} {}\n", limits.max_depth,
                          limits.max_member_size, limits.max_expanded,
                          limits.max_ratio, limits.rule_timeout_seconds,
                          limits.excerpts, limits.similarity_threshold));
  return hash.hex_digest();
}

Results scan_paths(const std::vector<std::filesystem::path>& roots,
                   const rules::RuleSet& rules, const assets::Register& reg,
                   const Limits& limits, unsigned threads, Diagnostics& diag,
                   Progress* progress, FileCache* cache) {
  std::vector<WalkedFile> files = walk_roots(roots, diag, limits.follow_links);
  if (cache == nullptr)
    return examine(files, rules, reg, limits, threads, diag, progress);
  cache->walked(roots, files);
  // Unchanged files give what they gave; the others are examined.
  Results kept;
  std::vector<WalkedFile> changed;
  for (WalkedFile& file : files) {
    const std::optional<std::string> result = cache->find(file);
    if (result && add_kept(*result, kept))
      ++kept.stats.files_cached;
    else
      changed.push_back(std::move(file));
  }
  const size_t notices_before = diag.size();
  Results results =
      examine(changed, rules, reg, limits, threads, diag, progress);
  // A file that gave a notice is examined again next time.
  std::set<std::string> noticed;
  if (diag.size() > notices_before) {
    for (const Notice& n : diag.sorted()) {
      if (!n.location.empty())
        noticed.insert(n.location.front());
    }
  }
  for (const WalkedFile& file : changed) {
    const std::string path = file.path.string();
    if (!noticed.contains(path))
      cache->keep(file, result_of(path, results));
  }
  std::vector<WorkerOutput> outputs(2);
  outputs[0].hits = std::move(results.hits);
  outputs[0].containers = std::move(results.archives);
  outputs[0].stats = results.stats;
  outputs[1].hits = std::move(kept.hits);
  outputs[1].containers = std::move(kept.archives);
  Results merged = merge(outputs);
  merged.stats.files_cached = kept.stats.files_cached;
  return merged;
}

namespace {

Results examine(const std::vector<WalkedFile>& files,
                const rules::RuleSet& rules, const assets::Register& reg,
                const Limits& limits, unsigned threads, Diagnostics& diag,
                Progress* progress) {
  if (progress != nullptr) {
    uint64_t bytes = 0;
    for (const WalkedFile& file : files)
      bytes += file.size;
    progress->start_content(files.size(), bytes);
  }
  if (threads == 0)
    threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(
      std::clamp<size_t>(files.size(), size_t{1}, size_t{threads}));
  std::vector<size_t> order = largest_first(files);
  if (limits.sandbox) {
    std::vector<WorkerOutput> outputs;
    outputs.push_back(examine_in_sandbox(files, order, rules, reg, limits,
                                         threads, diag, progress));
    return merge(outputs);
  }

  // Scanners are made here, on the calling thread, one per worker: libyara
  // objects are set up on the thread that owns the RuleSet, and a scanner
  // is never shared between workers.
  std::vector<rules::Scanner> scanners;
  for (unsigned i = 0; i < threads; ++i) {
    scanners.emplace_back(rules, limits.rule_timeout_seconds);
  }
  std::vector<WorkerOutput> outputs(threads);
  WorkerPool pool(order.size());
  pool.start(threads, [&](unsigned id, WorkerPool::Items& items) {
    FileExaminer scanner(scanners[id], reg, limits, diag, outputs[id]);
    while (const auto i = items.next()) {
      const WalkedFile& file = files[order[*i]];
      try {
        if (limits.test_hook)
          limits.test_hook(file.path, diag);
        scanner.examine_file(file);
        if (progress != nullptr)
          progress->file_done(file.size);
      } catch (const std::bad_alloc&) {
        diag.error_in("limit_memory", {file.path.string()},
                      "not enough memory to examine this file");
      }
    }
  });
  pool.join();  // the first failure of a worker, after all stopped
  return merge(outputs);
}

}  // namespace
}  // namespace mamori::content

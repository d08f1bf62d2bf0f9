// scan_paths: the walk, then a pool of workers over the files (largest
// first, so one big file does not finish last on its own): sandboxed
// processes (sandbox.h), or threads of this process when Limits::sandbox is
// off; then the merged results in a deterministic order whatever the
// timing.
#include "content/content_scanner.h"

#include "common/progress.h"
#include "common/worker_pool.h"
#include "content/file_examiner.h"
#include "content/sandbox.h"
#include "content/tree_walker.h"

#include <algorithm>
#include <new>
#include <numeric>
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

}  // namespace

Results scan_paths(const std::vector<std::filesystem::path>& roots,
                   const rules::RuleSet& rules, const assets::Register& reg,
                   const Limits& limits, unsigned threads, Diagnostics& diag,
                   Progress* progress) {
  std::vector<WalkedFile> files = walk_roots(roots, diag, limits.follow_links);
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

}  // namespace mamori::content

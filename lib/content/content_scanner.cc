// scan_paths: the walk, then a pool of workers over the files (largest
// first, so one big file does not finish last on its own), then the merged
// results in a deterministic order whatever the thread timing.
#include "content/content_scanner.h"

#include "content/file_examiner.h"
#include "content/tree_walker.h"

#include <algorithm>
#include <atomic>
#include <exception>
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
                   const Limits& limits, unsigned threads, Diagnostics& diag) {
  std::vector<WalkedFile> files = walk_roots(roots, diag, limits.follow_links);
  if (threads == 0)
    threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(
      std::clamp<size_t>(files.size(), size_t{1}, size_t{threads}));
  std::vector<size_t> order = largest_first(files);

  // Scanners are made here, on the calling thread (STYLE.md §7).
  std::vector<rules::Scanner> scanners;
  for (unsigned i = 0; i < threads; ++i) {
    scanners.emplace_back(rules, limits.rule_timeout_seconds);
  }
  std::vector<WorkerOutput> outputs(threads);
  std::vector<std::exception_ptr> failures(threads);
  std::atomic<size_t> next{0};
  auto work = [&](unsigned id) {
    try {
      FileExaminer scanner(scanners[id], reg, limits, diag, outputs[id]);
      for (size_t i = next++; i < order.size(); i = next++) {
        try {
          scanner.examine_file(files[order[i]]);
        } catch (const std::bad_alloc&) {
          diag.error_in("limit_memory", {files[order[i]].path.string()},
                        "not enough memory to examine this file");
        }
      }
    } catch (...) {
      failures[id] = std::current_exception();
      next = order.size();  // the others stop after their current file
    }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned i = 1; i < threads; ++i)
      pool.emplace_back(work, i);
    work(0);
  }
  for (const std::exception_ptr& failure : failures) {
    if (failure)
      std::rethrow_exception(failure);
  }
  return merge(outputs);
}

}  // namespace mamori::content

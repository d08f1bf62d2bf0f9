// Diagnostics: collects notices under a mutex from any thread and hands them
// back sorted by place, numbers compared as numbers ("file:9" before
// "file:10"), so the report's order does not depend on thread timing.
#include "common/diagnostics.h"

#include "common/text.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace mamori {

void Diagnostics::add(Notice notice) {
  std::lock_guard lock(mutex_);
  notices_.push_back(std::move(notice));
}

std::vector<Notice> Diagnostics::sorted() const {
  std::vector<Notice> copy;
  {
    std::lock_guard lock(mutex_);
    copy = notices_;
  }
  // By place ("file:9" before "file:10"); at one place, in the order said
  // (one place is only ever examined by one thread).
  std::stable_sort(copy.begin(), copy.end(),
                   [](const Notice& a, const Notice& b) {
                     if (natural_less(a.source, b.source))
                       return true;
                     if (natural_less(b.source, a.source))
                       return false;
                     return std::tie(a.source, a.location, a.code) <
                            std::tie(b.source, b.location, b.code);
                   });
  return copy;
}

bool Diagnostics::has_errors() const {
  std::lock_guard lock(mutex_);
  return std::any_of(notices_.begin(), notices_.end(),
                     [](const Notice& n) { return n.level == Level::kError; });
}

size_t Diagnostics::size() const {
  std::lock_guard lock(mutex_);
  return notices_.size();
}

std::map<std::string, size_t> Diagnostics::count_by_code() const {
  std::lock_guard lock(mutex_);
  std::map<std::string, size_t> counts;
  for (const Notice& n : notices_)
    ++counts[n.code];
  return counts;
}

std::vector<Notice> Diagnostics::take() {
  std::lock_guard lock(mutex_);
  return std::exchange(notices_, {});
}

}  // namespace mamori

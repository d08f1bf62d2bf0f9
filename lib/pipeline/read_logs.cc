#include "pipeline/read_logs.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace mamori::pipeline {
namespace {

using Batch = std::vector<logs::Event>;

constexpr size_t kBatchEvents = 2048;
constexpr size_t kQueuedBatches = 8;

// Thrown inside a worker's sink once the reader stopped waiting for it.
struct Cancelled {};

// The events of one log on their way from its worker to the reader.
class Channel {
 public:
  // Blocks while the queue is full; false once cancelled.
  bool push(Batch&& batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock,
                  [&] { return cancelled_ || queue_.size() < kQueuedBatches; });
    if (cancelled_)
      return false;
    queue_.push_back(std::move(batch));
    changed_.notify_all();
    return true;
  }

  // Blocks until a batch arrives; nullopt when the log is read to its end.
  std::optional<Batch> pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || !queue_.empty(); });
    if (queue_.empty())
      return std::nullopt;
    Batch batch = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
    return batch;
  }

  void close(logs::ReadStats stats, std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    stats_ = std::move(stats);
    error_ = std::move(error);
    closed_ = true;
    changed_.notify_all();
  }

  void cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    queue_.clear();
    changed_.notify_all();
  }

  // After pop() returned nullopt.
  const logs::ReadStats& stats() const { return stats_; }
  std::exception_ptr error() const { return error_; }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queue_;
  logs::ReadStats stats_;
  std::exception_ptr error_;
  bool closed_ = false;
  bool cancelled_ = false;
};

void read_into(const std::vector<std::string>& series,
               const logs::ReadOptions& options, Diagnostics& diag,
               Channel& channel) {
  logs::ReadStats stats;
  std::exception_ptr error;
  try {
    Batch batch;
    batch.reserve(kBatchEvents);
    logs::read_log_series(series, options, diag, stats, [&](logs::Event&& e) {
      batch.push_back(std::move(e));
      if (batch.size() == kBatchEvents) {
        if (!channel.push(std::move(batch)))
          throw Cancelled{};
        batch = Batch();
        batch.reserve(kBatchEvents);
      }
    });
    if (!batch.empty() && !channel.push(std::move(batch)))
      throw Cancelled{};
  } catch (const Cancelled&) {
  } catch (...) {
    error = std::current_exception();
  }
  channel.close(std::move(stats), std::move(error));
}

}  // namespace

logs::ReadStats read_logs(const std::vector<std::string>& logs,
                          const logs::ReadOptions& options, unsigned threads,
                          Diagnostics& diag, const logs::EventSink& sink,
                          const SeriesDone& done) {
  logs::ReadStats total;
  const std::vector<std::vector<std::string>> series =
      logs::rotation_series(logs);
  const size_t workers = std::min<size_t>(std::max(1u, threads), series.size());
  if (workers <= 1) {
    for (const auto& files : series) {
      logs::ReadStats stats;
      logs::read_log_series(files, options, diag, stats, sink);
      if (done)
        done(files, stats);
      total.merge(stats);
    }
    return total;
  }

  // Workers take the series in order, so the one the reader waits for has
  // always been started: no wait can close a cycle.
  std::vector<Channel> channels(series.size());
  std::atomic<size_t> next{0};
  std::vector<std::jthread> pool;
  pool.reserve(workers);
  try {
    for (size_t w = 0; w < workers; ++w) {
      pool.emplace_back([&] {
        for (size_t i; (i = next.fetch_add(1)) < series.size();)
          read_into(series[i], options, diag, channels[i]);
      });
    }
    for (size_t i = 0; i < channels.size(); ++i) {
      Channel& channel = channels[i];
      while (std::optional<Batch> batch = channel.pop()) {
        for (logs::Event& e : *batch)
          sink(std::move(e));
      }
      if (channel.error())
        std::rethrow_exception(channel.error());
      if (done)
        done(series[i], channel.stats());
      total.merge(channel.stats());
    }
  } catch (...) {
    // A sink or a worker failed, or a thread could not start: let every
    // worker finish its current log without waiting for us.
    next = series.size();
    for (Channel& channel : channels)
      channel.cancel();
    throw;
  }
  return total;
}

}  // namespace mamori::pipeline

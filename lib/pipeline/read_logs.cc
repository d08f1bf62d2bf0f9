// read_logs_in_parallel: one worker per rotation series, events handed back in
// order through a short queue per series.
#include "pipeline/read_logs.h"

#include "common/bounded_queue.h"
#include "common/worker_pool.h"

#include <algorithm>
#include <exception>
#include <optional>

namespace mamori::pipeline {
namespace {

using Batch = std::vector<logs::Event>;

constexpr size_t kBatchEvents = 2048;
constexpr size_t kQueuedBatches = 8;

// Thrown inside a worker's sink once the reader stopped waiting for it.
struct Cancelled {};

// The events of one series on their way from its worker to the reader,
// then how the reading ended.
struct Channel {
  BoundedQueue<Batch> batches{kQueuedBatches};
  // Written by the worker before it closes `batches`.
  logs::ReadStats stats;
  std::exception_ptr error;
};

// On a worker: reads one rotation series and sends its events down
// `channel` in batches; a failure goes down the channel too.
void read_series_to_channel(const std::vector<std::string>& series,
                            const logs::ReadOptions& options, Diagnostics& diag,
                            Channel& channel) {
  try {
    Batch batch;
    batch.reserve(kBatchEvents);
    logs::read_log_series(series, options, diag, channel.stats,
                          [&](logs::Event&& e) {
                            batch.push_back(std::move(e));
                            if (batch.size() == kBatchEvents) {
                              if (!channel.batches.push(std::move(batch)))
                                throw Cancelled{};
                              batch = Batch();
                              batch.reserve(kBatchEvents);
                            }
                          });
    if (!batch.empty() && !channel.batches.push(std::move(batch)))
      throw Cancelled{};
  } catch (const Cancelled&) {
  } catch (...) {
    channel.error = std::current_exception();
  }
  channel.batches.close();
}

}  // namespace

logs::ReadStats read_logs_in_parallel(const std::vector<std::string>& logs,
                                      const logs::ReadOptions& options,
                                      unsigned threads, Diagnostics& diag,
                                      const logs::EventSink& sink,
                                      const SeriesDone& done) {
  logs::ReadStats total;
  const std::vector<std::vector<std::string>> series =
      logs::rotation_series(logs);
  // With a second core, even one log is read on a worker while this thread
  // feeds the sink: parsing and correlation overlap.
  const size_t workers = std::min<size_t>(std::max(1u, threads), series.size());
  if (threads <= 1 || series.empty()) {
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
  WorkerPool pool(series.size());
  try {
    pool.start(static_cast<unsigned>(workers), [&](unsigned,
                                                   WorkerPool::Items& items) {
      while (const auto i = items.next()) {
        read_series_to_channel(series[*i], options, diag, channels[*i]);
      }
    });
    for (size_t i = 0; i < channels.size(); ++i) {
      Channel& channel = channels[i];
      while (std::optional<Batch> batch = channel.batches.pop()) {
        for (logs::Event& e : *batch)
          sink(std::move(e));
      }
      if (channel.error)
        std::rethrow_exception(channel.error);
      if (done)
        done(series[i], channel.stats);
      total.merge(channel.stats);
    }
  } catch (...) {
    // A sink or a worker failed, or a thread could not start: let every
    // worker finish its current log without waiting for us.
    pool.stop();
    for (Channel& channel : channels)
      channel.batches.cancel();
    throw;
  }
  pool.join();
  return total;
}

}  // namespace mamori::pipeline

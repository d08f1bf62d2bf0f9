// The log pass of `scan`: every log parsed on its own worker, the events
// handed over in a fixed order so that findings never depend on timing.
#pragma once

#include "common/diagnostics.h"
#include "logs/log_reader.h"

#include <functional>
#include <string>
#include <vector>

namespace mamori::pipeline {

// Reads `logs` (as for logs::read_log_file) on up to `threads` workers and
// calls `sink` on the calling thread for every event. The files of a rotation
// series (logs::rotation_series) are read together, oldest first, so an
// event straddling two of them is joined; the series are handed over in
// the order given, each in its own order, exactly as one thread reading
// them one after another would. Each worker hands over batches through a
// short bounded queue, so memory stays flat however large the logs are.
//
// `done`, when set, is called on the calling thread after the last event of
// each series was handed to `sink`, with the series' specs and its own
// counts, so a caller can judge each log by what came of it.
using SeriesDone = std::function<void(const std::vector<std::string>& specs,
                                      const logs::ReadStats& stats)>;
logs::ReadStats read_logs_in_parallel(const std::vector<std::string>& logs,
                                      const logs::ReadOptions& options,
                                      unsigned threads, Diagnostics& diag,
                                      const logs::EventSink& sink,
                                      const SeriesDone& done = {});

}  // namespace mamori::pipeline

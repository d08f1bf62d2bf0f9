// What the behaviour model learnt on earlier nights (--state, issue 13):
// per person and local day, the event store's merged records (one per file,
// action and day), the hours of activity and the device events, kept in the
// state's `person_day` table. Tonight's run reads only tonight's lines and
// restores the days before it, so baselines, windows and sequences see the
// same days as one run over all the logs would: the findings of nightly
// runs are those of one run over the whole period.
//
// A day that tonight's logs touch is written again whole (what was kept of
// it merged with what is new); other days are left as they are. Memory
// grows with distinct files per person and day over the restored window,
// never with log lines.
#pragma once

#include "state/sqlite.h"

#include "detect/event_store.h"

#include <cstdint>
#include <set>

namespace mamori::state {

// Days restored before the latest day a run sees: the behaviour model's
// 90-day baselines.
inline constexpr int32_t kHistoryDays = 90;

// Adds to `store` the person-days kept from `from_day` (days since
// 1970-01-01) on; returns how many were restored.
size_t load_history(Database& db, detect::EventStore& store, int32_t from_day);

// The latest day kept, if any.
std::optional<int32_t> latest_history_day(Database& db);

// Replaces the kept person-days of `days` by what `store` (finished) holds
// of them.
void save_history(Database& db, const detect::EventStore& store,
                  const std::set<int32_t>& days);

}  // namespace mamori::state

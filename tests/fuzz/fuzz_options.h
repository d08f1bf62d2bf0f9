// The ReadOptions the log fuzz targets read with: a [columns] mapping for
// the csv and jsonl formats (their sniffers and parsers need one), the
// year of syslog lines fixed, one thread for EVTX (fuzzing uses one core).
#pragma once

#include "common/time.h"
#include "logs/log_reader.h"

#include <chrono>

namespace mamori::fuzz {

inline logs::ReadOptions fuzz_read_options() {
  logs::ReadOptions options;
  options.reference_time =
      Timestamp(std::chrono::seconds(1774915200));  // 2026-03-31
  options.threads = 1;
  logs::ColumnMapping& c = options.columns;
  c.time = "time";
  c.user = "user";
  c.host = "host";
  c.action = "action";
  c.path = "path";
  c.target = "target";
  c.bytes = "bytes";
  c.process = "process";
  c.vendor_id = "vendor_id";
  c.product_id = "product_id";
  c.serial = "serial";
  c.mount = "a.mount";  // a nested key
  c.actions = {{"FileRead", "read"}, {"Copy", "copy_removable"}};
  return options;
}

}  // namespace mamori::fuzz

// libevtx record iteration (placeholder until the Windows mapping lands).
#include "logs/evtx_reader.h"

namespace mamori::logs {

bool read_evtx_file(const std::string&, ParseContext&, std::string* error) {
  *error = "EVTX reading is not available yet";
  return false;
}

}  // namespace mamori::logs

// The parser of each line-based format, made for one log.
#pragma once

#include <memory>

#include "logs/parse_context.h"
#include "logs/syslog_parser.h"

namespace mamori::logs {}  // namespace mamori::logs

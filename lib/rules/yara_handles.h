// The one header that includes <yara.h> (STYLE.md §7): owning handles for
// libyara objects and the reference-counted library initialisation. Only
// lib/rules/*.cc include it, so libyara stays private to this module.
#pragma once

#include "common/handle.h"

#include <yara.h>

#include <string>

namespace mamori::rules {

using CompilerHandle = CHandle<YR_COMPILER, yr_compiler_destroy>;
using RulesHandle = CHandle<YR_RULES, yr_rules_destroy>;
using ScannerHandle = CHandle<YR_SCANNER, yr_scanner_destroy>;

// Holds one reference to libyara's global state (yr_initialize is
// reference-counted by libyara itself). Every object that owns YARA handles
// holds one of these, declared before the handles so it dies after them.
class YaraLibrary {
 public:
  YaraLibrary();
  ~YaraLibrary();
  YaraLibrary(const YaraLibrary&) = delete;
  YaraLibrary& operator=(const YaraLibrary&) = delete;
};

// A short English text for a libyara error code.
std::string yara_error_message(int code);

}  // namespace mamori::rules

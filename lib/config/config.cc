// Reads the settings file (config.h): scan options by their long names
// (keys of the option table, option_table.h), [thresholds], [detection],
// [columns], [report], samba_prefix and suppress, collecting every problem
// first.
#include "config/config.h"

#include "config/option_table.h"

#include "common/glob.h"
#include "common/text.h"
#include "common/time.h"
#include "common/toml_depth.h"
#include "detect/registry.h"
#include "logs/log_formats.h"
#include "logs/log_reader.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>

namespace mamori::config {
namespace {

std::string where(const std::filesystem::path& file,
                  const toml::source_region& src) {
  return fmt::format("{}:{}:{}", file.string(), src.begin.line,
                     src.begin.column);
}

std::string where(const std::filesystem::path& file, const toml::node& node) {
  return where(file, node.source());
}

std::string where(const std::filesystem::path& file, const toml::key& key) {
  return where(file, key.source());
}

// The file's problems, each an error notice (code "config") at the
// "file:line:column" of the key, value or table it is about.
class Problems {
 public:
  Problems(const std::filesystem::path& file, Diagnostics& diag)
      : file_(file), diag_(diag) {}

  template <typename At, typename... Args>
  void add(const At& at, fmt::format_string<Args...> format, Args&&... args) {
    diag_.error_at("config", where(file_, at), format,
                   std::forward<Args>(args)...);
  }

 private:
  const std::filesystem::path& file_;
  Diagnostics& diag_;
};

// Values of an option key: a string, a number, a boolean or an array of them.
std::vector<std::string> option_values(const toml::node& node,
                                       Problems& problems) {
  std::vector<std::string> out;
  auto scalar = [&](const toml::node& n) {
    // value<T>() converts permissively (a boolean reads as an integer):
    // ask each node for its own type.
    if (const auto* s = n.as_string()) {
      out.push_back(s->get());
    } else if (const auto* i = n.as_integer()) {
      out.push_back(std::to_string(i->get()));
    } else if (const auto* b = n.as_boolean()) {
      out.push_back(b->get() ? "true" : "false");
    } else {
      problems.add(n, "expected a string, number or boolean");
    }
  };
  if (const toml::array* arr = node.as_array()) {
    for (const toml::node& item : *arr)
      scalar(item);
  } else {
    scalar(node);
  }
  return out;
}

void read_thresholds(const toml::table& t, detect::Settings& s,
                     Problems& problems) {
  for (const auto& [key, node] : t) {
    if (key == "removable_roots") {
      s.removable_roots = option_values(node, problems);
      continue;
    }
    auto number = node.value<int64_t>();
    if (!number || *number < 0) {
      problems.add(node, "`{}` must be a whole number >= 0", key.str());
      continue;
    }
    const auto n = static_cast<uint64_t>(*number);
    // Day counts are ints; byte and file floors take any size.
    const int days = static_cast<int>(std::min<uint64_t>(n, INT32_MAX));
    if (key == "bulk_window_minutes") {
      s.bulk_window = std::chrono::minutes(n);
    } else if (key == "bulk_floor") {
      s.bulk_floor = n;
    } else if (key == "bulk_core_floor") {
      s.bulk_core_floor = n;
    } else if (key == "bulk_mass_floor") {
      s.bulk_mass_floor = n;
    } else if (key == "departing_days") {
      s.departing_days = days;
    } else if (key == "departed_days") {
      s.departed_days = days;
    } else if (key == "removable_floor") {
      s.removable_floor = n;
    } else if (key == "removable_bytes_floor") {
      s.removable_bytes_floor = n;
    } else if (key == "sequence_window_hours") {
      s.sequence_window = std::chrono::hours(n);
    } else if (key == "cumulative_days") {
      s.cumulative_days = days;
    } else if (key == "cumulative_floor") {
      s.cumulative_floor = n;
    } else if (key == "cumulative_core_floor") {
      s.cumulative_core_floor = n;
    } else if (key == "off_hours_min_days") {
      s.off_hours_min_days = days;
    } else if (key == "own_baseline_days") {
      s.own_baseline_days = days;
    } else if (key == "peer_min") {
      s.peer_min = days;
    } else {
      problems.add(key, "unknown threshold `{}`", key.str());
    }
  }
  if (s.bulk_window.count() == 0 || s.cumulative_days == 0) {
    problems.add(
        t, "`bulk_window_minutes` and `cumulative_days` must be at least 1");
  }
}

// [detection]: who is a machine, where the company's own sites are.
void read_detection(const toml::table& t, detect::Settings& s,
                    Problems& problems) {
  for (const auto& [key, node] : t) {
    std::vector<std::string>* list =
        key == "machine_processes"       ? &s.machine_processes
        : key == "company_destinations"  ? &s.company_destinations
        : key == "personal_destinations" ? &s.personal_destinations
                                         : nullptr;
    if (list == nullptr) {
      problems.add(key, "unknown detection setting `{}`", key.str());
      continue;
    }
    if (node.as_array() == nullptr) {
      problems.add(node, "`{}` must be a list of strings", key.str());
      continue;
    }
    *list = option_values(node, problems);
  }
}

// [columns]: where the fields of a csv or jsonl log are (spec/inputs.md).
void read_columns(const toml::table& t, logs::ColumnMapping& m,
                  Problems& problems) {
  const std::pair<const char*, std::string*> fields[] = {
      {"time", &m.time},           {"user", &m.user},
      {"host", &m.host},           {"action", &m.action},
      {"path", &m.path},           {"target", &m.target},
      {"bytes", &m.bytes},         {"process", &m.process},
      {"vendor_id", &m.vendor_id}, {"product_id", &m.product_id},
      {"serial", &m.serial},       {"mount", &m.mount},
  };
  for (const auto& [key, node] : t) {
    if (key == "actions") {
      const toml::table* actions = node.as_table();
      if (actions == nullptr) {
        problems.add(node,
                     "`columns.actions` must be a table of value = \"action\"");
        continue;
      }
      for (const auto& [value, action] : *actions) {
        if (auto a = action.value<std::string>()) {
          m.actions[std::string(value.str())] = *a;
        } else {
          problems.add(action, "the action of `{}` must be a string",
                       value.str());
        }
      }
      continue;
    }
    auto text = node.value<std::string>();
    if (!text) {
      problems.add(node, "`columns.{}` must be a string", key.str());
      continue;
    }
    if (key == "delimiter") {
      if (text->size() != 1) {
        problems.add(node, "`columns.delimiter` must be one character");
      } else {
        m.delimiter = text->front();
      }
      continue;
    }
    // Not the binding itself: clang 14 cannot capture one (the fuzz build).
    const toml::key& name = key;
    auto field = std::find_if(std::begin(fields), std::end(fields),
                              [&](const auto& f) { return name == f.first; });
    if (field == std::end(fields)) {
      problems.add(key, "unknown column `{}`", key.str());
      continue;
    }
    *field->second = *text;
  }
  if (m.time.empty()) {
    problems.add(t, "`columns.time` is required");
  }
}

// [report]: `excerpts = false` is the option `no-excerpts`, named for the
// person who must keep what files say out of reports.
void read_report(const toml::table& t,
                 std::map<std::string, std::vector<std::string>>& options,
                 Problems& problems) {
  for (const auto& [key, node] : t) {
    if (key != "excerpts") {
      problems.add(key, "unknown report setting `{}` (excerpts)", key.str());
      continue;
    }
    const auto* value = node.as_boolean();
    if (value == nullptr) {
      problems.add(node, "`report.excerpts` must be true or false");
      continue;
    }
    if (options.count("no-excerpts") > 0) {
      problems.add(key, "`report.excerpts` and `no-excerpts` both set");
      continue;
    }
    options["no-excerpts"] = {value->get() ? "false" : "true"};
  }
}

// One `suppress` matcher table (spec/cli.md --config; man page "suppress").
std::optional<detect::Suppression> read_suppress_matcher(
    const std::filesystem::path& file, const toml::table& t,
    Problems& problems) {
  detect::Suppression s;
  s.source = fmt::format("{}:{}", file.string(), t.source().begin.line);
  bool ok = true;
  auto problem = [&](const auto& at, std::string message) {
    problems.add(at, "{}", message);
    ok = false;
  };
  const std::pair<const char*, std::string*> text_fields[] = {
      {"user", &s.user}, {"detector", &s.detector}, {"asset", &s.asset},
      {"id", &s.id},     {"reason", &s.reason},
  };
  for (const auto& [key, node] : t) {
    if (key == "expires") {
      // A TOML date, or the same as a string.
      std::optional<Days> day;
      if (const auto* d = node.as_date()) {
        day = parse_date(fmt::format("{:04}-{:02}-{:02}", d->get().year,
                                     d->get().month, d->get().day));
      } else if (const auto* text = node.as_string()) {
        day = parse_date(text->get());
      }
      if (!day) {
        problem(node, "`expires` must be a date: 2026-06-30 or \"2026-06-30\"");
      } else {
        s.expires = day;
      }
      continue;
    }
    const std::string name(key.str());
    const bool is_path = name == "path";
    auto field = std::find_if(std::begin(text_fields), std::end(text_fields),
                              [&](const auto& f) { return name == f.first; });
    if (!is_path && field == std::end(text_fields)) {
      problem(key, fmt::format("unknown key `{}` in a suppress matcher (user, "
                               "detector, asset, path, id, reason, expires)",
                               name));
      continue;
    }
    const auto* text = node.as_string();
    if (text == nullptr || text->get().empty()) {
      problem(node, fmt::format("`{}` must be a non-empty string", name));
      continue;
    }
    if (is_path) {
      std::string error;
      s.path = PathGlob::compile(text->get(), &error);
      if (!s.path)
        problem(node, fmt::format("`path`: {}", error));
      continue;
    }
    *field->second = text->get();
    if (name == "detector" && detect::find_detector(s.detector) == nullptr) {
      std::vector<std::string_view> names;
      for (const detect::DetectorInfo& d : detect::detectors())
        names.push_back(d.name);
      problem(node, fmt::format("unknown detector `{}` (one of {})", s.detector,
                                fmt::join(names, ", ")));
    }
  }
  if (s.user.empty() && s.detector.empty() && s.asset.empty() && !s.path &&
      s.id.empty() && ok) {
    problem(t,
            "a suppress matcher must set at least one of user, detector, "
            "asset, path, id");
  }
  if (!t.contains("reason"))
    problem(t, "a suppress matcher needs a `reason`");
  if (!t.contains("expires"))
    problem(t, "a suppress matcher needs an `expires` date");
  if (!ok)
    return std::nullopt;
  return s;
}

// `suppress`: an array whose elements are finding ids (strings) or matcher
// tables, so `suppress = ["id", ...]`, `[[suppress]]` sections and a mixed
// `suppress = ["id", {user = ..., ...}]` all read the same way.
std::vector<detect::Suppression> read_suppress(
    const std::filesystem::path& file, const toml::node& node,
    Problems& problems) {
  std::vector<detect::Suppression> out;
  std::map<std::string, std::string> seen;  // label -> where
  auto add = [&](detect::Suppression s, const toml::node& at) {
    const std::string label = s.label();
    const auto [it, fresh] = seen.emplace(label, where(file, at));
    if (fresh) {
      out.push_back(std::move(s));
    } else if (!s.plain_id) {
      // Two matchers under one key would share one summary count.
      problems.add(at, "the same suppress matcher as {}", it->second);
    }
    // A repeated plain id is harmless, as it always was.
  };
  auto entry = [&](const toml::node& n) {
    if (const auto* id = n.as_string()) {
      detect::Suppression s;
      s.plain_id = true;
      s.id = id->get();
      s.source = fmt::format("{}:{}", file.string(), n.source().begin.line);
      add(std::move(s), n);
    } else if (const auto* t = n.as_table()) {
      if (auto s = read_suppress_matcher(file, *t, problems))
        add(std::move(*s), n);
    } else {
      problems.add(n,
                   "a `suppress` entry is a finding id (a string) or a matcher "
                   "table");
    }
  };
  if (const toml::array* arr = node.as_array()) {
    for (const toml::node& item : *arr)
      entry(item);
  } else {
    entry(node);
  }
  return out;
}

// A key of the option table (option_table.h): a `scan` option by its long
// name. A relative path is made relative to `base`, the file's folder; a
// log keeps its FORMAT: in front, and "-" (standard input) stays as it is.
void read_option(const std::filesystem::path& base, const toml::key& key,
                 const toml::node& node,
                 std::map<std::string, std::vector<std::string>>& options,
                 Problems& problems) {
  const std::string name(key.str());
  const OptionRow* row = find_scan_option(name);
  if (row == nullptr || row->place == OptionPlace::kCommandLineOnly) {
    problems.add(key, "unknown key `{}`", name);
    return;
  }
  std::vector<std::string> values = option_values(node, problems);
  if (!row->repeatable && values.size() > 1) {
    problems.add(node, "`{}` takes one value", name);
    return;
  }
  if (row->value == OptionValue::kPath) {
    for (std::string& value : values) {
      const logs::LogSpec spec = name == "log" ? logs::split_log_spec(value)
                                               : logs::LogSpec{{}, value};
      const std::filesystem::path path(spec.file);
      if (spec.file == "-" || !path.is_relative())
        continue;
      const std::string format(spec.format.name());
      value = (format.empty() ? "" : format + ":") +
              (base / path).lexically_normal().string();
    }
  }
  options[name] = std::move(values);
}

}  // namespace

std::optional<ConfigFile> load_config(const std::filesystem::path& file,
                                      Diagnostics& diag) {
  ConfigFile config;
  config.file = file;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    diag.error_at("config", file.string(), "cannot open: {}",
                  std::strerror(errno));
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = std::move(buffer).str();
  if (const auto deep = find_deep_toml_nesting(text)) {
    diag.error_at("config", fmt::format("{}:{}", file.string(), deep->line),
                  "TOML nested deeper than {} levels (table names, dotted "
                  "keys, arrays): not read",
                  kMaxTomlNesting);
    return std::nullopt;
  }
  toml::table root;
  try {
    root = toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    diag.error_at("config", where(file, e.source()), "{}", e.description());
    return std::nullopt;
  }
  Diagnostics found;
  Problems problems(file, found);
  const auto base = file.parent_path();
  for (const auto& [key, node] : root) {
    const std::string name(key.str());
    if (name == "thresholds") {
      if (const toml::table* t = node.as_table()) {
        read_thresholds(*t, config.settings, problems);
      } else {
        problems.add(node, "`thresholds` must be a table");
      }
      continue;
    }
    if (name == "detection") {
      if (const toml::table* t = node.as_table()) {
        read_detection(*t, config.settings, problems);
      } else {
        problems.add(node, "`detection` must be a table");
      }
      continue;
    }
    if (name == "columns") {
      if (const toml::table* t = node.as_table()) {
        read_columns(*t, config.columns, problems);
      } else {
        problems.add(node, "`columns` must be a table");
      }
      continue;
    }
    if (name == "report") {
      if (const toml::table* t = node.as_table()) {
        read_report(*t, config.options, problems);
      } else {
        problems.add(node, "`report` must be a table");
      }
      continue;
    }
    if (name == "samba_prefix") {
      if (auto s = node.value<std::string>()) {
        config.samba_prefix = *s;
      } else {
        problems.add(node, "`samba_prefix` must be a string");
      }
      continue;
    }
    if (name == "suppress") {
      config.suppress = read_suppress(file, node, problems);
      continue;
    }
    read_option(base, key, node, config.options, problems);
  }
  const bool ok = !found.has_errors();
  // Sorted: TOML tables iterate by key; a person reads top to bottom.
  for (Notice& n : found.sorted())
    diag.add(std::move(n));
  if (!ok)
    return std::nullopt;
  return config;
}

}  // namespace mamori::config

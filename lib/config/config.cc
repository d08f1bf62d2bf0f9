#include "config/config.h"

#include "common/error.h"
#include "logs/log_reader.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>

namespace mamori::config {
namespace {

std::string where(const std::filesystem::path& file, const toml::node& node) {
  const auto& src = node.source();
  return fmt::format("{}:{}:{}", file.string(), src.begin.line,
                     src.begin.column);
}

// Values of an option key: a string, a number, a boolean or an array of them.
std::vector<std::string> option_values(const std::filesystem::path& file,
                                       const toml::node& node,
                                       std::vector<std::string>& errors) {
  std::vector<std::string> out;
  auto scalar = [&](const toml::node& n) {
    if (auto s = n.value<std::string>()) {
      out.push_back(*s);
    } else if (auto i = n.value<int64_t>()) {
      out.push_back(std::to_string(*i));
    } else if (auto b = n.value<bool>()) {
      out.push_back(*b ? "true" : "false");
    } else {
      errors.push_back(fmt::format("{}: expected a string, number or boolean",
                                   where(file, n)));
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

void read_thresholds(const std::filesystem::path& file, const toml::table& t,
                     detect::Settings& s, std::vector<std::string>& errors) {
  for (const auto& [key, node] : t) {
    auto number = node.value<int64_t>();
    if (!number || *number < 0) {
      errors.push_back(fmt::format("{}: `{}` must be a whole number >= 0",
                                   where(file, node), key.str()));
      continue;
    }
    const auto n = static_cast<uint64_t>(*number);
    if (key == "bulk_window_minutes") {
      s.bulk_window = std::chrono::minutes(n);
    } else if (key == "bulk_floor") {
      s.bulk_floor = n;
    } else if (key == "bulk_core_floor") {
      s.bulk_core_floor = n;
    } else if (key == "bulk_mass_floor") {
      s.bulk_mass_floor = n;
    } else if (key == "departing_days") {
      s.departing_days = static_cast<int>(n);
    } else if (key == "departed_days") {
      s.departed_days = static_cast<int>(n);
    } else {
      errors.push_back(fmt::format("{}: unknown threshold `{}`",
                                   where(file, node), key.str()));
    }
  }
}

}  // namespace

const std::vector<OptionSpec>& scan_option_specs() {
  static const std::vector<OptionSpec> kSpecs = {
      {"assets", true, false},
      {"rules", true, true},
      {"log", true, true},
      {"roster", true, false},
      {"devices", true, false},
      {"tz", false, false},
      {"since", false, false},
      {"until", false, false},
      {"state", true, false},
      {"format", false, false},
      {"output", true, false},
      {"fail-on", false, false},
      {"threads", false, false},
      {"quiet", false, false},
      {"max-depth", false, false},
      {"max-member-size", false, false},
      {"max-expanded", false, false},
      {"no-default-rules", false, false},
      {"paths", true, true},
  };
  return kSpecs;
}

ConfigFile load_config(const std::filesystem::path& file) {
  ConfigFile config;
  config.file = file;
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    const auto& src = e.source();
    fail("{}:{}:{}: {}", file.string(), src.begin.line, src.begin.column,
         e.description());
  }
  const auto base = file.parent_path();
  std::vector<std::string> errors;
  for (const auto& [key, node] : root) {
    const std::string name(key.str());
    if (name == "thresholds") {
      if (const toml::table* t = node.as_table()) {
        read_thresholds(file, *t, config.settings, errors);
      } else {
        errors.push_back(
            fmt::format("{}: `thresholds` must be a table", where(file, node)));
      }
      continue;
    }
    if (name == "samba_prefix") {
      if (auto s = node.value<std::string>()) {
        config.samba_prefix = *s;
      } else {
        errors.push_back(fmt::format("{}: `samba_prefix` must be a string",
                                     where(file, node)));
      }
      continue;
    }
    if (name == "suppress") {
      config.suppress = option_values(file, node, errors);
      continue;
    }
    const auto& specs = scan_option_specs();
    auto spec =
        std::find_if(specs.begin(), specs.end(),
                     [&](const OptionSpec& s) { return name == s.name; });
    if (spec == specs.end()) {
      errors.push_back(
          fmt::format("{}: unknown key `{}`", where(file, node), name));
      continue;
    }
    std::vector<std::string> values = option_values(file, node, errors);
    if (!spec->repeatable && values.size() > 1) {
      errors.push_back(
          fmt::format("{}: `{}` takes one value", where(file, node), name));
      continue;
    }
    if (spec->is_path) {
      for (std::string& v : values) {
        // "FORMAT:FILE" log specs keep their prefix; "-" is standard input.
        std::string prefix;
        if (name == "log") {
          const auto colon = v.find(':');
          const auto& formats = logs::format_names();
          if (colon != std::string::npos &&
              std::find(formats.begin(), formats.end(),
                        std::string_view(v).substr(0, colon)) !=
                  formats.end()) {
            prefix = v.substr(0, colon + 1);
            v = v.substr(colon + 1);
          }
        }
        if (v != "-" && std::filesystem::path(v).is_relative()) {
          v = (base / v).lexically_normal().string();
        }
        v = prefix + v;
      }
    }
    config.options[name] = std::move(values);
  }
  if (!errors.empty()) {
    std::string all = errors.front();
    for (size_t i = 1; i < errors.size(); ++i)
      all += "\n" + errors[i];
    throw Error(all);
  }
  return config;
}

}  // namespace mamori::config

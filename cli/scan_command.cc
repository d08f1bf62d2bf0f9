// `mamori scan`: options (command line, then the settings file), the scan,
// the report and the exit code.
#include "cli/cli.h"
#include "config/config.h"
#include "pipeline/scan.h"

#include "common/error.h"
#include "logs/log_formats.h"
#include "report/output_formats.h"
#include "report/report.h"

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace po = boost::program_options;

namespace mamori::cli {
namespace {

po::options_description scan_options() {
  po::options_description o("scan options");
  const std::string_view default_format =
      report::output_format_table().front().name;
  const std::string format_help = report::output_format_names(", ", " or ");
  // clang-format off
  o.add_options()
    ("help,h", "show this help")
    ("config,c", po::value<std::string>(), "settings file (TOML); default /etc/mamori/mamori.toml when present")
    ("assets,a", po::value<std::string>(), "the asset register (TOML)")
    ("rules,r", po::value<std::vector<std::string>>(), "extra YARA rule file or directory; repeatable")
    ("no-default-rules", po::bool_switch(), "do not load the shipped rules")
    ("log,l", po::value<std::vector<std::string>>(), "a log to ingest: FILE, FORMAT:FILE or - ; repeatable")
    ("roster", po::value<std::string>(), "people roster (CSV)")
    ("devices", po::value<std::string>(), "approved removable devices (CSV)")
    ("tz", po::value<std::string>(), "IANA zone for log times without an offset (default: the machine's)")
    ("since", po::value<std::string>(), "only events at or after this ISO 8601 date or time")
    ("until", po::value<std::string>(), "only events at or before this ISO 8601 date or time")
    ("state", po::value<std::string>(), "incremental state directory for scheduled runs (not supported yet: refused)")
    ("format,f", po::value<std::string>()->default_value(std::string(default_format)), format_help.c_str())
    ("output,o", po::value<std::string>(), "write the report to FILE (atomically)")
    ("fail-on", po::value<std::string>()->default_value("medium"), "exit 1 when a finding is at or above: info, low, medium, high, critical")
    ("threads,j", po::value<unsigned>(), "worker threads (default: all cores)")
    ("quiet,q", po::bool_switch(), "print nothing when nothing is at or above --fail-on")
    ("max-depth", po::value<int>(), "archive nesting limit (default 8)")
    ("max-member-size", po::value<std::string>(), "largest archive member examined (default 512M)")
    ("max-expanded", po::value<std::string>(), "bytes expanded per file on disk (default 8G)")
    ("follow-links", po::bool_switch(), "follow symbolic links below the PATHs (default: a notice each)");
  // clang-format on
  return o;
}

// Options from the settings file, as "--name=value" arguments, parsed after
// the command line so that the command line wins.
std::vector<std::string> config_arguments(const config::ConfigFile& config) {
  std::vector<std::string> out;
  for (const auto& [name, values] : config.options) {
    for (const std::string& v : values) {
      if (name == "paths") {
        out.push_back(v);
      } else if (name == "quiet" || name == "no-default-rules" ||
                 name == "follow-links") {
        if (v == "true")
          out.push_back("--" + name);
      } else {
        out.push_back(fmt::format("--{}={}", name, v));
      }
    }
  }
  return out;
}

template <typename T>
std::optional<T> get(const po::variables_map& vm, const char* name) {
  if (!vm.count(name))
    return std::nullopt;
  return vm[name].as<T>();
}

std::optional<Timestamp> parse_time_option(const po::variables_map& vm,
                                           const char* name, const Zone& zone) {
  auto text = get<std::string>(vm, name);
  if (!text)
    return std::nullopt;
  auto t = parse_timestamp(*text, zone);
  if (!t)
    fail("--{}: `{}` is not an ISO 8601 date or date-time", name, *text);
  return t;
}

pipeline::ScanRequest build_request(const po::variables_map& vm,
                                    const config::ConfigFile* config) {
  pipeline::ScanRequest r;
  if (auto v = get<std::string>(vm, "state")) {
    fail("--state is not supported yet");
  }
  if (auto v = get<std::string>(vm, "assets"))
    r.assets = *v;
  if (auto v = get<std::string>(vm, "roster"))
    r.roster = *v;
  if (auto v = get<std::string>(vm, "devices"))
    r.devices = *v;
  if (auto v = get<std::vector<std::string>>(vm, "rules")) {
    r.rules.assign(v->begin(), v->end());
  }
  r.default_rules = !vm["no-default-rules"].as<bool>();
  if (auto v = get<std::vector<std::string>>(vm, "log"))
    r.logs = *v;
  if (auto v = get<std::vector<std::string>>(vm, "paths")) {
    r.paths.assign(v->begin(), v->end());
  }
  if (r.logs.empty() && r.paths.empty()) {
    fail("nothing to scan: give a PATH or a --log (see `mamori scan --help`)");
  }
  if (auto v = get<std::string>(vm, "tz")) {
    auto zone = Zone::find(*v);
    if (!zone)
      fail("--tz: `{}` is not an IANA time zone", *v);
    r.zone = *zone;
  } else {
    r.zone = Zone::machine();
  }
  r.since = parse_time_option(vm, "since", r.zone);
  r.until = parse_time_option(vm, "until", r.zone);
  if (r.since && r.until && *r.until < *r.since) {
    fail("--until is before --since");
  }
  const std::string fail_on = vm["fail-on"].as<std::string>();
  auto severity = parse_severity(fail_on);
  if (!severity) {
    fail("--fail-on: `{}` is not one of info, low, medium, high, critical",
         fail_on);
  }
  r.fail_on = *severity;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  r.threads = get<unsigned>(vm, "threads").value_or(cores);
  if (r.threads == 0)
    fail("--threads must be at least 1");
  if (auto v = get<int>(vm, "max-depth")) {
    if (*v < 0)
      fail("--max-depth must be 0 or more");
    r.limits.max_depth = *v;
  }
  if (auto v = get<std::string>(vm, "max-member-size")) {
    r.limits.max_member_size = parse_size("max-member-size", *v);
  }
  if (auto v = get<std::string>(vm, "max-expanded")) {
    r.limits.max_expanded = parse_size("max-expanded", *v);
  }
  r.limits.follow_links = vm["follow-links"].as<bool>();
  if (config != nullptr) {
    r.settings = config->settings;
    r.samba_prefix = config->samba_prefix;
    r.columns = config->columns;
    r.suppress = config->suppress;
  }
  r.rules_cache = rules_cache_dir();
  return r;
}

// The report format named by --format; a usage error when there is none.
const report::OutputFormatRow& output_format(const std::string& name) {
  const report::OutputFormatRow* row = report::find_output_format(name);
  if (row == nullptr) {
    fail("--format: `{}` is not one of {}", name,
         report::output_format_names(", ", ", "));
  }
  return *row;
}

}  // namespace

int scan_command(const Args& args) {
  const po::options_description options = scan_options();
  po::options_description hidden;
  hidden.add_options()("paths", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("paths", -1);

  po::variables_map vm;
  po::store(
      po::command_line_parser(args).options(all).positional(positional).run(),
      vm);
  if (vm.count("help")) {
    std::cout << "usage: mamori scan [OPTIONS] [PATH...]\n\n"
              << "Reads the logs given with --log, walks every PATH (files, "
                 "directories, archives),\nmatches content against the rules, "
                 "correlates per person and reports findings.\n\n"
              << options
              << "\nlog formats (--log FORMAT:FILE; detected from the content "
                 "otherwise):\n"
              << logs::describe_log_formats(2)
              << "\nexit codes: 0 clean, 1 findings at or above --fail-on, 2 "
                 "usage or configuration\nerror, 3 some input could not be "
                 "examined (see the notices).\n";
    return kExitClean;
  }
  std::optional<config::ConfigFile> config;
  if (auto file = get<std::string>(vm, "config")) {
    config = config::load_config(*file);
  } else if (std::filesystem::exists(config::kSystemConfig)) {
    config = config::load_config(config::kSystemConfig);
  }
  if (config) {
    po::store(po::command_line_parser(config_arguments(*config))
                  .options(all)
                  .positional(positional)
                  .run(),
              vm);
  }
  po::notify(vm);

  const pipeline::ScanRequest request =
      build_request(vm, config ? &*config : nullptr);
  const report::OutputFormatRow& format =
      output_format(vm["format"].as<std::string>());
  const std::string output = get<std::string>(vm, "output").value_or("");
  const report::Report report = pipeline::run_scan(request);
  const int code = report.summary.exit_code;
  const bool quiet = vm["quiet"].as<bool>() && code != kExitFindings;
  const bool to_file = !output.empty() && output != "-";
  if (!(quiet && !to_file)) {
    // Colour only for a terminal, and never when NO_COLOR is set.
    const report::RenderOptions render_options{
        .color =
            !to_file && ::isatty(1) == 1 && std::getenv("NO_COLOR") == nullptr};
    write_output(output, format.render(report, render_options));
  }
  // The report went to a file: say what is in it, so that cron mails a
  // line when something matters (and, with -q, only then).
  if (to_file && !quiet) {
    std::cerr << fmt::format("mamori: {}; report written to {}\n",
                             report::summary_line(report), output);
  }
  return code;
}

}  // namespace mamori::cli

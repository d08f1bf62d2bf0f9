// `mamori scan`: options (command line, then the settings file, both read
// through the option table of command_options.h), the scan, the report and
// the exit code.
#include "cli/cli.h"
#include "cli/command_options.h"
#include "config/config.h"
#include "pipeline/configuration.h"
#include "pipeline/scan.h"
#include "state/state_store.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/progress.h"
#include "logs/log_formats.h"
#include "report/output_formats.h"
#include "report/report.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <unistd.h>

namespace mamori::cli {
namespace {

// The value of option `name`, or nothing when it was not given.
template <typename T>
std::optional<T> option_value(const po::variables_map& vm, const char* name) {
  if (!vm.count(name))
    return std::nullopt;
  return vm[name].as<T>();
}

// --evidence: a whole number of at least 1, or `all`.
size_t parse_evidence(const std::string& text) {
  if (text == "all")
    return SIZE_MAX;
  size_t value = 0;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value == 0) {
    fail("--evidence: `{}` is not a number of at least 1, or all", text);
  }
  return value;
}

pipeline::ScanRequest build_request(const po::variables_map& vm,
                                    const config::ConfigFile* config) {
  pipeline::ScanRequest request;
  request.only_new = vm["only-new"].as<bool>();
  if (auto value = option_value<unsigned>(vm, "state-keep-days")) {
    if (*value == 0 || *value > 36'500)
      fail("--state-keep-days must be between 1 and 36500");
    request.state_keep_days = static_cast<int>(*value);
  }
  if (request.only_new && !vm.count("state"))
    fail("--only-new needs --state (what earlier runs reported)");
  if (auto value = option_value<std::string>(vm, "assets"))
    request.assets = *value;
  if (auto value = option_value<std::string>(vm, "roster"))
    request.roster = *value;
  if (auto value = option_value<std::string>(vm, "devices"))
    request.devices = *value;
  if (auto value = option_value<std::vector<std::string>>(vm, "rules")) {
    request.rules.assign(value->begin(), value->end());
  }
  request.default_rules = !vm["no-default-rules"].as<bool>();
  if (auto value = option_value<std::vector<std::string>>(vm, "log"))
    request.logs = *value;
  if (auto value = option_value<std::vector<std::string>>(vm, "paths")) {
    request.paths.assign(value->begin(), value->end());
  }
  if (request.logs.empty() && request.paths.empty()) {
    fail("nothing to scan: give a PATH or a --log (see `mamori scan --help`)");
  }
  const TimeWindow window = parse_time_window(vm);
  request.zone = window.zone;
  request.since = window.since;
  request.until = window.until;
  if (request.since && request.until && *request.until < *request.since) {
    fail("--until is before --since");
  }
  const std::string fail_on = vm["fail-on"].as<std::string>();
  auto severity = parse_severity(fail_on);
  if (!severity) {
    fail("--fail-on: `{}` is not one of info, low, medium, high, critical",
         fail_on);
  }
  request.fail_on = *severity;
  request.threads = parse_threads(vm);
  if (auto value = option_value<int>(vm, "max-depth")) {
    if (*value < 0)
      fail("--max-depth must be 0 or more");
    request.limits.max_depth = *value;
  }
  if (auto value = option_value<std::string>(vm, "max-member-size")) {
    request.limits.max_member_size = parse_size("max-member-size", *value);
  }
  if (auto value = option_value<std::string>(vm, "max-expanded")) {
    request.limits.max_expanded = parse_size("max-expanded", *value);
  }
  if (auto value = option_value<int>(vm, "similarity-threshold")) {
    if (*value < 1 || *value > 100)
      fail("--similarity-threshold must be from 1 to 100");
    request.limits.similarity_threshold = *value;
  }
  request.limits.follow_links = vm["follow-links"].as<bool>();
  if (auto value = option_value<unsigned>(vm, "file-timeout")) {
    if (*value == 0 || *value > 86'400)
      fail("--file-timeout must be between 1 and 86400 seconds");
    request.limits.file_timeout_seconds = static_cast<int>(*value);
  }
  request.limits.excerpts = !vm["no-excerpts"].as<bool>();
  if (config != nullptr) {
    request.settings = config->settings;
    request.samba_prefix = config->samba_prefix;
    request.columns = config->columns;
    request.suppress = config->suppress;
  }
  // An HTML report is a case file: every evidence record, unless asked.
  const bool html = vm["format"].as<std::string>() == "html";
  request.settings.max_evidence = parse_evidence(
      html && vm["evidence"].defaulted() ? std::string("all")
                                         : vm["evidence"].as<std::string>());
  request.rules_cache = rules_cache_dir();
  return request;
}

// The report format named by --format; a usage error when there is none.
// An exit 3 is always said on standard error, whatever the report's format
// and destination: cron mails only what is printed (spec/cli.md, -q).
void say_unexamined(const report::Report& report) {
  std::vector<const Notice*> errors;
  for (const Notice& n : report.notices) {
    if (pipeline::leaves_unexamined(n))
      errors.push_back(&n);
  }
  std::cerr << "mamori: "
            << trnf("{count} input could not be examined (exit 3):",
                    "{count} inputs could not be examined (exit 3):",
                    errors.size(), fmt::arg("count", errors.size()))
            << '\n';
  constexpr size_t kShown = 10;
  for (size_t i = 0; i < errors.size() && i < kShown; ++i)
    std::cerr << "  " << report::notice_line(*errors[i]) << '\n';
  if (errors.size() > kShown)
    std::cerr << "  "
              << trf("... and {count} more in the report",
                     fmt::arg("count", errors.size() - kShown))
              << '\n';
}

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
  const CommandOptions options = scan_command_options();
  const po::options_description all = options.all();

  po::variables_map vm;
  po::store(po::command_line_parser(args)
                .options(all)
                .positional(options.positional)
                .run(),
            vm);
  if (vm.count("help")) {
    std::cout << tr("usage: mamori scan [OPTIONS] [PATH...]\n\nReads the logs "
                    "given with --log, walks every PATH (files, directories, "
                    "archives),\nmatches content against the rules, correlates "
                    "per person and reports findings.\n")
              << '\n'
              << options.visible << '\n'
              << tr("log formats (--log FORMAT:FILE; detected from the content "
                    "otherwise):")
              << '\n'
              << logs::describe_log_formats(2) << '\n'
              << tr("exit codes: 0 clean, 1 findings at or above --fail-on, 2 "
                    "usage or configuration\nerror, 3 some input could not be "
                    "examined (see the notices).\n");
    return kExitClean;
  }
  std::optional<config::ConfigFile> config;
  if (auto file = option_value<std::string>(vm, "config")) {
    config = pipeline::require_config(*file);
  } else if (std::filesystem::exists(config::kSystemConfig)) {
    config = pipeline::require_config(config::kSystemConfig);
  }
  if (config) {
    po::store(po::command_line_parser(config_arguments(*config))
                  .options(all)
                  .positional(options.positional)
                  .run(),
              vm);
  }
  po::notify(vm);

  // --lang, or the environment's language for the reports people read; the
  // machine formats stay English unless asked (spec: field names never
  // change, titles and reasons follow --lang).
  const std::string format_name = vm["format"].as<std::string>();
  if (auto lang = option_value<std::string>(vm, "lang")) {
    const auto language = parse_language(*lang);
    if (!language)
      fail("--lang: `{}` is not a language mamori speaks (ja, en)", *lang);
    if (!set_language(*language))
      fail("--lang {}: the message catalogue is not installed", *lang);
  } else if (format_name != "text" && format_name != "html") {
    set_language(Language::kEnglish);
  }
  pipeline::ScanRequest request =
      build_request(vm, config ? &*config : nullptr);
  // An HTML report is a case file: it records the command and each input
  // file's size and SHA-256.
  request.command = {"mamori", "scan"};
  request.command.insert(request.command.end(), args.begin(), args.end());
  request.describe_inputs = vm["format"].as<std::string>() == "html";
  request.timelines = request.describe_inputs;
  if (config)
    request.config_file = config->file;
  const report::OutputFormatRow& format =
      output_format(vm["format"].as<std::string>());
  const std::string output =
      option_value<std::string>(vm, "output").value_or("");
  const bool to_file = !output.empty() && output != "-";
  // The report file is opened before the scan, so that an unwritable -o
  // fails now and not after hours of work.
  std::optional<Output> report_file;
  if (to_file)
    report_file.emplace(output);
  // The state too: opened (and locked for this run) before any work; its
  // writes are committed only once the report is out, so a run killed on
  // the way leaves the state as the last finished run left it.
  std::optional<state::StateStore> state;
  if (auto path = option_value<std::string>(vm, "state")) {
    state.emplace(*path, state::StoreOptions{});
    request.state = &*state;
  }
  // A progress line on standard error when it is a terminal, never in a
  // report and never for -q.
  std::optional<Progress> progress;
  if (::isatty(2) == 1 && !vm["quiet"].as<bool>()) {
    progress.emplace([](const Progress::Counts& counts) {
      const std::string line = progress_line(counts);
      std::fputs(("\r" + line + "\x1b[K").c_str(), stderr);
      if (line.empty())
        std::fflush(stderr);
    });
    request.progress = &*progress;
  }
  const report::Report report = pipeline::run_scan(request);
  if (progress)
    progress->finish();
  const int code = report.summary.exit_code;
  // -q keeps silent only about a clean run (spec/cli.md).
  const bool quiet = vm["quiet"].as<bool>() && code == kExitClean;
  if (to_file) {
    format.render(report, {.color = false, .zone = request.zone},
                  [&](std::string_view text) { report_file->write(text); });
    report_file->commit();
  } else if (!quiet) {
    // Colour only for a terminal that has it, and never when NO_COLOR is
    // set (no-color.org: whatever its value).
    const char* term = std::getenv("TERM");
    const report::RenderOptions render_options{
        .color = ::isatty(1) == 1 && std::getenv("NO_COLOR") == nullptr &&
                 !(term != nullptr && std::string_view(term) == "dumb"),
        .zone = request.zone};
    Output out(output);
    format.render(report, render_options,
                  [&out](std::string_view text) { out.write(text); });
    out.commit();
  }
  if (state)
    state->commit();
  if (code == kExitUnexamined)
    say_unexamined(report);
  // The report went to a file: say what is in it, so that cron mails a
  // line when something matters (and, with -q, only then).
  if (to_file && !quiet) {
    std::cerr << fmt::format("mamori: {}; report written to {}\n",
                             report::summary_line(report), output);
  }
  return code;
}

}  // namespace mamori::cli

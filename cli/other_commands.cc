// `mamori events`, `rules check`, `assets check` and `version`.
#include "cli/cli.h"
#include "cli/command_options.h"
#include "config/config.h"
#include "documents/documents.h"
#include "pipeline/configuration.h"
#include "pipeline/read_logs.h"

#include "assets/register.h"
#include "common/diagnostics.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/text.h"
#include "content/archive_version.h"
#include "logs/log_formats.h"
#include "logs/log_reader.h"
#include "rules/rule_set.h"
#include "rules/yara_version.h"

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

namespace mamori::cli {
namespace {

// Parses `args`; prints help and returns false when --help was asked.
bool parse(const Args& args, const po::options_description& visible,
           const po::positional_options_description* positional,
           const po::options_description* hidden, po::variables_map& vm,
           const char* usage) {
  po::options_description all;
  all.add(visible);
  if (hidden != nullptr)
    all.add(*hidden);
  auto parser = po::command_line_parser(args).options(all);
  if (positional != nullptr)
    parser.positional(*positional);
  po::store(parser.run(), vm);
  if (vm.count("help")) {
    std::cout << usage << "\n\n" << visible;
    return false;
  }
  po::notify(vm);
  return true;
}

void print_problems(const Diagnostics& problems, std::ostream& out) {
  for (const Notice& n : problems.sorted()) {
    out << fmt::format("{}: {}{}\n", escape_for_display(n.source),
                       n.level == Level::kWarning ? "warning: " : "",
                       escape_for_display(n.message));
  }
}

}  // namespace

int events_command(const Args& args) {
  const CommandOptions options = events_command_options();
  po::variables_map vm;
  std::string usage =
      std::string(
          tr("usage: mamori events [OPTIONS] LOG...\n\nPrints the normalised "
             "events of each LOG (FILE, FORMAT:FILE or -) as JSON Lines.\n"
             "Formats (detected from the content when FORMAT: is not "
             "given):\n")) +
      logs::describe_log_formats(2);
  usage.pop_back();  // parse() adds the blank line
  if (!parse(args, options.visible, &options.positional, &options.hidden, vm,
             usage.c_str())) {
    return kExitClean;
  }
  if (!vm.count("logs"))
    fail("no LOG given (see `mamori events --help`)");
  logs::ReadOptions read_options;
  if (vm.count("config")) {
    const config::ConfigFile config =
        pipeline::require_config(vm["config"].as<std::string>());
    read_options.columns = config.columns;
    read_options.samba_prefix = config.samba_prefix;
    // Of the file's options only the zone, as --help says; the command
    // line, stored first, wins.
    const std::vector<std::string_view> zone_only = {"tz"};
    po::store(po::command_line_parser(config_arguments(config, &zone_only))
                  .options(options.all())
                  .run(),
              vm);
  }
  const TimeWindow window = parse_time_window(vm);
  read_options.zone = window.zone;
  read_options.since = window.since;
  read_options.until = window.until;
  const unsigned threads = parse_threads(vm);

  Output output(vm.count("output") ? vm["output"].as<std::string>() : "");
  Diagnostics diag;
  std::string block;
  const logs::ReadStats stats = pipeline::read_logs_in_parallel(
      vm["logs"].as<std::vector<std::string>>(), read_options, threads, diag,
      [&](logs::Event&& e) {
        logs::append_event_json(block, e);
        block += '\n';
        if (block.size() >= (1u << 20)) {  // logs may be huge: stream
          output.write(block);
          block.clear();
        }
      });
  output.write(block);
  output.commit();
  for (const Notice& n : diag.sorted()) {
    std::cerr << fmt::format(
        "mamori: {}: {}: {}\n", n.level == Level::kError ? "error" : "warning",
        escape_for_display(n.source), escape_for_display(n.message));
  }
  if (stats.lines_rejected > 0) {
    std::cerr << fmt::format("mamori: {} line{} rejected\n",
                             stats.lines_rejected,
                             stats.lines_rejected == 1 ? "" : "s");
  }
  return diag.has_errors() ? kExitUnexamined : kExitClean;
}

int rules_command(const Args& args) {
  if (args.empty() ||
      (args[0] != "check" && args[0] != "--help" && args[0] != "-h")) {
    fail("usage: mamori rules check [--rules PATH...] [--assets FILE]");
  }
  po::options_description o(tr("rules check options"));
  // clang-format off
  o.add_options()
    ("help,h", tr("show this help"))
    ("rules,r", po::value<std::vector<std::string>>(), tr("YARA rule file or directory; repeatable"))
    ("assets,a", po::value<std::string>(), tr("the asset register, for generated rules and tags"))
    ("no-default-rules", po::bool_switch(), tr("do not load the shipped rules"));
  // clang-format on
  po::variables_map vm;
  const Args rest(args.begin() + (args[0] == "check" ? 1 : 0), args.end());
  if (!parse(rest, o, nullptr, nullptr, vm,
             tr("usage: mamori rules check [--rules PATH...] [--assets "
                "FILE]\n\nCompiles the shipped rules, the given rules and "
                "the rules generated from the register;\nprints each problem "
                "as file:line: message; exits 2 on any error."))) {
    return kExitClean;
  }
  Diagnostics problems;
  assets::Register reg;
  if (vm.count("assets")) {
    auto loaded =
        assets::load_register(vm["assets"].as<std::string>(), problems);
    if (!loaded) {
      print_problems(problems, std::cout);
      return kExitUsage;
    }
    reg = std::move(*loaded);
  }
  rules::RuleSources sources;
  if (vm.count("rules")) {
    for (const auto& p : vm["rules"].as<std::vector<std::string>>()) {
      sources.paths.emplace_back(p);
    }
  }
  sources.default_rules = !vm["no-default-rules"].as<bool>();
  sources.cache_dir = rules_cache_dir();
  auto compiled = rules::RuleSet::compile(sources, reg, problems);
  print_problems(problems, std::cout);
  if (!compiled)
    return kExitUsage;
  std::cerr << fmt::format("{} rules compiled\n", compiled->size());
  return kExitClean;
}

int assets_command(const Args& args) {
  if (args.empty() ||
      (args[0] != "check" && args[0] != "--help" && args[0] != "-h")) {
    fail("usage: mamori assets check --assets FILE");
  }
  po::options_description o(tr("assets check options"));
  o.add_options()("help,h", tr("show this help"))(
      "assets,a", po::value<std::string>(), tr("the asset register (TOML)"));
  po::variables_map vm;
  const Args rest(args.begin() + (args[0] == "check" ? 1 : 0), args.end());
  if (!parse(rest, o, nullptr, nullptr, vm,
             tr("usage: mamori assets check --assets FILE\n\nValidates the "
                "asset register; prints each problem as file:line:column: "
                "message."))) {
    return kExitClean;
  }
  if (!vm.count("assets"))
    fail("assets check needs --assets FILE");
  Diagnostics problems;
  auto reg = assets::load_register(vm["assets"].as<std::string>(), problems);
  print_problems(problems, std::cout);
  if (!reg)
    return kExitUsage;
  const size_t warnings = problems.sorted().size();
  std::cerr << fmt::format(
      "{}: {} asset{}, {}\n", vm["assets"].as<std::string>(),
      reg->assets().size(), reg->assets().size() == 1 ? "" : "s",
      warnings == 0
          ? std::string("no problems")
          : fmt::format("{} warning{}", warnings, warnings == 1 ? "" : "s"));
  return kExitClean;
}

int version_command(const Args& args) {
  if (!args.empty())
    fail("`version` takes no arguments");
  std::cout << fmt::format(
      "mamori {}\nlibyara {}\nlibarchive {}\nfmt {}.{}.{}\n", MAMORI_VERSION,
      rules::yara_version(), content::archive_version(), FMT_VERSION / 10000,
      FMT_VERSION / 100 % 100, FMT_VERSION % 100);
  // The PDF and e-mail readers are a module of their own: say whether it
  // loads, since without it PDFs and messages are not read.
  std::string why;
  if (const documents::Readers* readers = documents::load_documents(&why)) {
    std::cout << readers->versions() << '\n';
    return kExitClean;
  }
  std::cerr << "mamori: "
            << trf("the PDF and e-mail readers cannot be loaded: {why}",
                   fmt::arg("why", why))
            << '\n';
  return kExitUsage;
}

}  // namespace mamori::cli

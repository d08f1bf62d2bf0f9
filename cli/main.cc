// mamori: finds signs of core-technology exfiltration in logs, files and
// archives. This file dispatches subcommands and turns errors into the exit
// codes of spec/cli.md.
#include "cli/cli.h"

#include "common/error.h"
#include "common/i18n.h"

#include <boost/program_options/errors.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <optional>
#include <string_view>

namespace {

using mamori::N_;

constexpr const char* kUsage = N_(R"(usage: mamori <command> [options]

commands:
  scan [OPTIONS] [PATH...]    read logs (--log), walk files and archives,
                              match rules, correlate per person, report findings
  events [OPTIONS] LOG...     print the normalised events of logs as JSON Lines
  rules check                 compile the shipped, given and generated rules
  assets check --assets FILE  validate the asset register
  state show|prune PATH       what the nightly state keeps; drop old data
  version                     print versions of mamori and its libraries

`mamori help <command>` or `mamori <command> --help` describes each
command's options.
exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or
configuration error, 3 some input could not be examined.
)");

int dispatch(const std::string& command, const mamori::cli::Args& args) {
  using namespace mamori::cli;
  if (command == "scan")
    return scan_command(args);
  if (command == "events")
    return events_command(args);
  if (command == "rules")
    return rules_command(args);
  if (command == "assets")
    return assets_command(args);
  if (command == "state")
    return state_command(args);
  if (command == "version" || command == "--version") {
    return version_command(args);
  }
  if (command == "help" || command == "--help" || command == "-h") {
    // `mamori help scan` is `mamori scan --help`.
    if (command == "help" && !args.empty() && args.front() != "help")
      return dispatch(args.front(), {"--help"});
    std::fputs(mamori::tr(kUsage), stdout);
    return mamori::kExitClean;
  }
  throw mamori::Error(
      mamori::trf("unknown command `{command}` (scan, events, rules, assets, "
                  "state, version)",
                  fmt::arg("command", command)));
}

// The language of help, messages and the reports for people: --lang when
// given (anywhere in the arguments), else the environment's.
void choose_language(int argc, char** argv) {
  mamori::Language language = mamori::language_from_environment();
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::optional<std::string_view> value;
    if (arg.starts_with("--lang="))
      value = arg.substr(7);
    else if (arg == "--lang" && i + 1 < argc)
      value = argv[i + 1];
    if (value) {
      if (const auto chosen = mamori::parse_language(*value))
        language = *chosen;
    }
  }
  mamori::set_language(language);
}

}  // namespace

int main(int argc, char** argv) {
  choose_language(argc, argv);
  if (argc < 2) {
    std::fputs(mamori::tr(kUsage), stderr);
    return mamori::kExitUsage;
  }
  const std::string command = argv[1];
  const mamori::cli::Args args(argv + 2, argv + argc);
  try {
    return dispatch(command, args);
  } catch (const boost::program_options::error& e) {
    std::cerr << "mamori: "
              << mamori::trf("error: {message} (see `mamori {command} --help`)",
                             fmt::arg("message", e.what()),
                             fmt::arg("command", command))
              << '\n';
    return mamori::kExitUsage;
  } catch (const mamori::Error& e) {
    // Several problems (a broken register) come one per line, each line a
    // whole message for grep and for editors that jump to file:line.
    std::string_view text = e.what();
    while (true) {
      const size_t end = text.find('\n');
      std::cerr << "mamori: "
                << mamori::trf("error: {message}",
                               fmt::arg("message", text.substr(0, end)))
                << '\n';
      if (end == std::string_view::npos || end + 1 == text.size())
        break;
      text.remove_prefix(end + 1);
    }
    return e.exit_code();
  } catch (const std::exception& e) {
    // A bug or resource exhaustion: still a one-line message, never a trace.
    std::cerr << "mamori: "
              << mamori::trf("internal error: {message}",
                             fmt::arg("message", e.what()))
              << '\n';
    return mamori::kExitUsage;
  }
}

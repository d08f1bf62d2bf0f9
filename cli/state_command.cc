// `mamori state show PATH` and `mamori state prune PATH`: what the nightly
// state (lib/state/state_store.h) keeps, and dropping what is old.
#include "cli/cli.h"
#include "state/log_positions.h"
#include "state/state_store.h"

#include "common/error.h"
#include "common/i18n.h"

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include <iostream>

namespace mamori::cli {
namespace {

namespace po = boost::program_options;

constexpr const char* kStateUsage = N_(
    "usage: mamori state show PATH\n"
    "       mamori state prune PATH [--keep-days N] [--today YYYY-MM-DD]\n\n"
    "show prints the state's schema version, its rows per table and where\n"
    "each log stopped; it does not wait for a running scan. prune drops the\n"
    "days, findings and log positions last seen more than --keep-days ago.");

int show_state(const std::string& path) {
  state::StoreOptions options;
  options.read_only = true;
  options.create = false;
  state::StateStore store(path, options);
  std::cout << trf(
      "state {path}\nschema version {version} (this mamori: "
      "{current})\n",
      fmt::arg("path", path), fmt::arg("version", store.schema_version()),
      fmt::arg("current", state::kSchemaVersion));
  for (const state::TableCount& t : store.table_counts()) {
    std::cout << trnf("{table:<14} {count} row\n", "{table:<14} {count} rows\n",
                      static_cast<uint64_t>(t.rows), fmt::arg("table", t.table),
                      fmt::arg("count", t.rows));
  }
  if (store.schema_version() == 0)
    return kExitClean;
  state::Statement days(store.database(),
                        "SELECT count(DISTINCT person), min(day), max(day) "
                        "FROM person_day");
  if (days.step() && !days.column_is_null(1)) {
    std::cout << trf("person-days of {people} people, {first} to {last}\n",
                     fmt::arg("people", days.column_int(0)),
                     fmt::arg("first", days.column_text(1)),
                     fmt::arg("last", days.column_text(2)));
  }
  for (const state::LogPosition& p : load_log_positions(store.database())) {
    std::cout << trf("log {path}: line {line}, byte {offset}\n",
                     fmt::arg("path", p.path), fmt::arg("line", p.line),
                     fmt::arg("offset", p.offset));
  }
  return kExitClean;
}

int prune_state(const std::string& path, int keep_days,
                const std::string& today) {
  state::StoreOptions options;
  options.create = false;
  state::StateStore store(path, options);
  const int64_t removed = store.prune(today, keep_days);
  store.commit();
  std::cerr << trnf("state {path}: {count} row removed\n",
                    "state {path}: {count} rows removed\n",
                    static_cast<uint64_t>(removed), fmt::arg("path", path),
                    fmt::arg("count", removed));
  return kExitClean;
}

}  // namespace

int state_command(const Args& args) {
  po::options_description visible(tr("state options"));
  visible.add_options()("help,h", tr("show this help"))(
      "keep-days", po::value<int>()->default_value(180),
      tr("prune: keep what was seen in the last N days"))(
      "today", po::value<std::string>()->default_value("now"),
      tr("prune: the day counted from (YYYY-MM-DD; default today, UTC)"));
  po::options_description hidden;
  hidden.add_options()("action", po::value<std::string>())(
      "path", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("action", 1).add("path", 1);
  po::options_description all;
  all.add(visible).add(hidden);
  po::variables_map vm;
  po::store(
      po::command_line_parser(args).options(all).positional(positional).run(),
      vm);
  if (vm.count("help")) {
    std::cout << tr(kStateUsage) << "\n\n" << visible;
    return kExitClean;
  }
  po::notify(vm);
  if (!vm.count("action") || !vm.count("path"))
    fail("usage: mamori state show|prune PATH (see `mamori state --help`)");
  const std::string action = vm["action"].as<std::string>();
  const std::string path = vm["path"].as<std::string>();
  if (action == "show")
    return show_state(path);
  if (action == "prune") {
    const int keep = vm["keep-days"].as<int>();
    if (keep < 0)
      fail("--keep-days must be 0 or more, not {}", keep);
    return prune_state(path, keep, vm["today"].as<std::string>());
  }
  fail("unknown state action `{}` (show, prune)", action);
}

}  // namespace mamori::cli

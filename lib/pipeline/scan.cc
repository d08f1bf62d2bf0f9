// The `scan` pipeline: load configuration (failures throw, exit 2), read the
// logs, walk and scan the content, run the detectors, apply suppressions and
// assemble the Report.
#include "pipeline/scan.h"

#include "pipeline/configuration.h"
#include "pipeline/input_checks.h"
#include "pipeline/read_logs.h"
#include "state/detection_memo.h"
#include "state/file_results.h"
#include "state/history.h"
#include "state/log_book.h"
#include "state/state_store.h"

#include "assets/register.h"
#include "common/diagnostics.h"
#include "common/error.h"
#include "common/file_open.h"
#include "common/i18n.h"
#include "common/progress.h"
#include "common/sha256.h"
#include "detect/content_detectors.h"
#include "detect/event_store.h"
#include "detect/log_detectors.h"
#include "detect/suppression.h"
#include "logs/log_reader.h"
#include "people/roster.h"
#include "rules/rule_set.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <future>
#include <iterator>
#include <set>

namespace mamori::pipeline {
namespace {

Timestamp now() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now());
}

rules::RuleSources rule_sources(const ScanRequest& request) {
  rules::RuleSources sources;
  sources.paths = request.rules;
  sources.default_rules = request.default_rules;
  sources.cache_dir = request.rules_cache;
  return sources;
}

// The rules, compiled (or from the cache) for a run that matches content;
// for a logs-only run only checked (RuleSet::check): a rule that does not
// compile fails either run, and neither loads what it will not use.
std::optional<rules::RuleSet> load_rules(const ScanRequest& request,
                                         const assets::Register& reg,
                                         Diagnostics& diag) {
  Diagnostics problems;
  std::optional<rules::RuleSet> rules;
  bool compiles = true;
  if (request.paths.empty()) {
    compiles = rules::RuleSet::check(rule_sources(request), reg, problems);
  } else {
    rules = rules::RuleSet::compile(rule_sources(request), reg, problems);
    compiles = rules.has_value();
  }
  if (!compiles)
    fail_with(problems, "the rules do not compile");
  for (Notice& n : problems.sorted())
    diag.add(std::move(n));
  return rules;
}

// The config's `suppress` entries, in force on the run's day in --tz:
// what they hold back is counted in the summary, by entry; an expired or
// unused matcher is a warning notice.
std::vector<detect::Finding> suppress(std::vector<detect::Finding> findings,
                                      const ScanRequest& request,
                                      report::Summary& summary,
                                      Diagnostics& diag) {
  if (request.suppress.empty())
    return findings;
  const Days today(
      date::floor<date::days>(request.zone.to_local(summary.started))
          .time_since_epoch());
  detect::SuppressionOutcome outcome =
      detect::apply_suppressions(std::move(findings), request.suppress, today);
  for (size_t i = 0; i < request.suppress.size(); ++i) {
    const detect::Suppression& entry = request.suppress[i];
    if (outcome.suppressed[i] > 0) {
      summary.suppressed.push_back({entry.label(), outcome.suppressed[i],
                                    entry.reason, entry.expires, entry.source});
    }
  }
  for (Notice& n : outcome.notices)
    diag.add(std::move(n));
  return std::move(outcome.kept);
}

// The size and SHA-256 of a file, for the record; what cannot be read is
// left without (the run's notices say why).
report::InputFile describe_file(std::string role, const std::string& path) {
  report::InputFile input{std::move(role), path, std::nullopt, {}};
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return input;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return input;
  Sha256 hash;
  std::vector<char> buffer(64 << 10);
  uint64_t size = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto n = static_cast<size_t>(in.gcount());
    hash.update(buffer.data(), n);
    size += n;
  }
  if (!in.eof())
    return input;
  input.size = size;
  input.sha256 = hash.hex_digest();
  return input;
}

std::vector<report::InputFile> describe_inputs(const ScanRequest& request) {
  std::vector<report::InputFile> out;
  if (!request.assets.empty())
    out.push_back(describe_file("register", request.assets.string()));
  if (!request.roster.empty())
    out.push_back(describe_file("roster", request.roster.string()));
  if (!request.devices.empty())
    out.push_back(describe_file("devices", request.devices.string()));
  for (const std::string& spec : request.logs) {
    // "FORMAT:FILE" names FILE; a bare "-" is standard input.
    std::string file = spec;
    if (const size_t colon = spec.find(':');
        colon != std::string::npos && !std::filesystem::exists(spec))
      file = spec.substr(colon + 1);
    if (file == "-")
      out.push_back({"log", "standard input", std::nullopt, {}});
    else
      out.push_back(describe_file("log", file));
  }
  for (const std::filesystem::path& path : request.paths)
    out.push_back(describe_file("path", path.string()));
  return out;
}

// The digest of what the log detectors see besides the events: the
// register, roster, devices and settings, the zone, the language of titles
// and reasons, and this version (state/detection_memo.h). A run that adds
// no event and has the same digest as the last one would detect what it
// detected.
std::string detection_key(const ScanRequest& request) {
  Sha256 hash;
  const auto field = [&](std::string_view value) {
    hash.update(value);
    hash.update("\n");
  };
  field("mamori " MAMORI_VERSION);
  field(std::to_string(static_cast<int>(current_language())));
  for (const std::filesystem::path* file :
       {&request.assets, &request.roster, &request.devices,
        &request.config_file}) {
    field(file->empty() ? "-" : describe_file("", file->string()).sha256);
  }
  field(request.zone.name());
  field(std::to_string(request.settings.max_evidence));
  field(std::to_string(request.state_keep_days));
  return hash.hex_digest();
}

// --state: each finding is new or known by its id; a known one keeps the
// time it was first reported. With only_new the known ones are left out.
std::vector<detect::Finding> remember_findings(
    std::vector<detect::Finding> findings, const ScanRequest& request,
    report::Summary& summary) {
  const std::string now = format_rfc3339(summary.started);
  report::StateSummary& counts = *summary.state;
  counts.only_new = request.only_new;
  for (detect::Finding& f : findings) {
    const state::FindingSeen seen = request.state->remember_finding(
        f.id, now, fmt::format("{} {} {}", f.detector, f.user, f.title));
    f.is_new = seen.is_new;
    f.first_seen = seen.first_seen;
    if (!seen.is_new)
      ++counts.findings_known;
  }
  if (request.only_new) {
    std::erase_if(findings,
                  [](const detect::Finding& f) { return !*f.is_new; });
  }
  return findings;
}

}  // namespace

report::Report run_scan(const ScanRequest& request) {
  report::Report out;
  out.summary.version = MAMORI_VERSION;
  out.summary.started = now();
  Diagnostics diag;

  // Configuration: any failure here ends the run before anything is read
  // (configuration.h).
  const assets::Register reg = request.assets.empty()
                                   ? assets::Register{}
                                   : require_register(request.assets);
  const std::optional<rules::RuleSet> rules = load_rules(request, reg, diag);
  const people::Roster roster = request.roster.empty()
                                    ? people::Roster{}
                                    : require_roster(request.roster, diag);
  const people::DeviceList devices =
      request.devices.empty() ? people::DeviceList{}
                              : require_devices(request.devices, diag);

  // Content and logs meet only in detection.
  logs::ReadOptions read_options;
  read_options.zone = request.zone;
  read_options.since = request.since;
  read_options.until = request.until;
  read_options.samba_prefix = request.samba_prefix;
  read_options.columns = request.columns;
  // --state: each log from where the last run stopped.
  std::optional<state::LogBook> log_book;
  if (request.state != nullptr) {
    out.summary.state.emplace();
    log_book.emplace(state::load_log_positions(request.state->database()));
    read_options.resume = &*log_book;
  }
  check_paths_for_logs(request.paths, read_options, diag);
  take_atime_changed();  // from an earlier run in this process
  // Sandboxed content workers are forked: no other thread may run then
  // (content_scanner.h), so the content comes first, on this thread, and
  // the logs after it. In-process, the two run side by side.
  std::future<content::Results> content_scan;
  // --state: unchanged files are not matched again.
  std::optional<state::StateFileCache> file_cache;
  if (rules && request.state != nullptr)
    file_cache.emplace(request.state->database(),
                       content::result_key(*rules, reg, request.limits));
  if (rules) {
    content_scan = std::async(
        request.limits.sandbox ? std::launch::deferred : std::launch::async,
        [&] {
          return content::scan_paths(request.paths, *rules, reg, request.limits,
                                     request.threads, diag, request.progress,
                                     file_cache ? &*file_cache : nullptr);
        });
    if (request.limits.sandbox)
      content_scan.wait();  // runs it here, now
  }

  // Logs, side by side; each parser streams its file.
  detect::StoreOptions store_options;
  store_options.zone = request.zone;
  store_options.machine_processes = request.settings.machine_processes;
  detect::EventStore store(roster, std::move(store_options));
  LogChecks checks(roster, !request.roster.empty(), read_options, diag);
  Progress* const progress = request.progress;
  if (progress != nullptr && !request.logs.empty())
    progress->start_logs(request.logs.size());
  uint64_t events_added = 0;
  const logs::ReadStats log_stats = read_logs_in_parallel(
      request.logs, read_options, request.threads, diag,
      [&](logs::Event&& e) {
        ++events_added;
        checks.event(e);
        store.add(e);
        if (progress != nullptr)
          progress->event();
      },
      [&](const std::vector<std::string>& specs, const logs::ReadStats& st) {
        checks.log_done(specs, st);
        for (size_t i = 0; progress != nullptr && i < specs.size(); ++i)
          progress->log_done();
      });
  checks.check_register(reg);
  content::Results content_results;
  if (content_scan.valid())
    content_results = content_scan.get();
  // The state's connection is used by one thread at a time: the content
  // (its file cache) is done now.
  if (log_book) {
    const std::string when = format_rfc3339(out.summary.started);
    for (const state::LogPosition& p : log_book->take_positions())
      state::save_log_position(request.state->database(), p, when);
    const state::LogBookCounts counts = log_book->counts();
    out.summary.state->logs_resumed = counts.resumed;
    out.summary.state->logs_unchanged = counts.unchanged;
  }
  if (const std::string file = take_atime_changed(); !file.empty()) {
    diag.warn_in("atime_changed", {file},
                 "access times of evidence may have changed: files of another "
                 "owner cannot be opened with O_NOATIME (this is the first); "
                 "mount evidence `ro,noatime` or scan as the files' owner");
  }

  // --state: a night that brought no event keeps the last detection, when
  // it was made from the same register, roster, devices and settings.
  std::optional<std::string> memo_key;
  std::optional<std::vector<detect::Finding>> log_findings;
  if (request.state != nullptr) {
    memo_key = detection_key(request);
    if (events_added == 0 && !request.timelines)
      log_findings =
          state::load_detection_memo(request.state->database(), *memo_key);
  }
  // --state: otherwise the days before tonight's, as earlier runs kept them.
  const std::set<int32_t> new_days = store.days_added();
  if (request.state != nullptr && !log_findings) {
    state::Database& db = request.state->database();
    const std::optional<int32_t> latest =
        new_days.empty() ? state::latest_history_day(db)
                         : std::optional<int32_t>(*new_days.rbegin());
    if (latest)
      state::load_history(db, store, *latest - state::kHistoryDays);
  }

  // Detection.
  detect::Settings settings = request.settings;
  settings.zone = request.zone;
  std::vector<detect::Finding> findings = detect::detect_from_content(
      content_results, reg, request.paths, settings.max_evidence);
  if (!log_findings) {
    detect::LogInputs log_inputs{store, reg, roster, devices, settings};
    if (request.timelines)
      log_inputs.timelines = &out.timelines;
    log_findings = detect::detect_from_logs(log_inputs);
    if (request.state != nullptr)
      state::save_detection_memo(request.state->database(), *memo_key,
                                 *log_findings);
  }
  if (findings.empty()) {
    findings = std::move(*log_findings);
  } else {
    findings.insert(findings.end(),
                    std::make_move_iterator(log_findings->begin()),
                    std::make_move_iterator(log_findings->end()));
  }
  if (request.state != nullptr) {
    state::Database& db = request.state->database();
    state::save_history(db, store, new_days);
    // Old days expire, counted from the latest day the logs reached (a
    // month replayed later keeps its days).
    if (const std::optional<int32_t> latest = state::latest_history_day(db)) {
      request.state->prune(format_date(Days(date::days(*latest))),
                           request.state_keep_days);
    }
  }
  findings = suppress(std::move(findings), request, out.summary, diag);
  if (request.state != nullptr)
    findings = remember_findings(std::move(findings), request, out.summary);
  detect::sort_findings(findings);

  out.findings = std::move(findings);
  out.run.zone = request.zone.name();
  out.run.command = request.command;
  if (request.describe_inputs)
    out.run.inputs = describe_inputs(request);
  out.notices = diag.sorted();
  report::Summary& s = out.summary;
  s.files_scanned = content_results.stats.files_scanned;
  s.bytes_scanned = content_results.stats.bytes_scanned;
  s.archive_members = content_results.stats.archive_members;
  if (s.state)
    s.state->files_cached = content_results.stats.files_cached;
  s.events = log_stats.events;
  s.events_by_format = log_stats.events_by_format;
  s.lines_rejected = log_stats.lines_rejected;
  s.exit_code = exit_code_for(out, request.fail_on);
  s.finished = now();
  return out;
}

ExitCode exit_code_for(const report::Report& report, Severity fail_on) {
  const bool act = std::any_of(
      report.findings.begin(), report.findings.end(),
      [&](const detect::Finding& f) { return f.severity >= fail_on; });
  if (act)
    return kExitFindings;
  const bool unexamined = std::any_of(report.notices.begin(),
                                      report.notices.end(), leaves_unexamined);
  return unexamined ? kExitUnexamined : kExitClean;
}

bool leaves_unexamined(const Notice& n) {
  // A log that was hardly read is as good as unread (spec/cli.md: exit 3
  // when an input could not be examined), though a part of it was.
  return n.level == Level::kError || n.code == "log_mostly_rejected";
}

}  // namespace mamori::pipeline

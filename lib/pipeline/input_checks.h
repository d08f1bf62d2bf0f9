// Configuration checked against the data (issue 11): what the logs and the
// paths given to `scan` turned out to hold, compared with what the roster,
// the register and the command line assumed. Each check is a warning notice
// that names what it saw, so a person can fix the configuration.
#pragma once

#include "assets/register.h"
#include "common/diagnostics.h"
#include "logs/event.h"
#include "logs/log_reader.h"
#include "people/roster.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mamori::pipeline {

// Fed every event of the run in order, and told when each log (a rotation
// series) ends; all on the calling thread.
//
// At the end of a log:
//  - log_mostly_rejected: more than half of its lines were rejected (a
//    forced wrong format, a damaged file); `scan` exits 3 for it.
//  - users_not_in_roster: with a roster, more than half of the log's users
//    are in it neither as users nor as aliases; for a Samba log whose
//    unknown "users" look like share names or addresses, with a hint that
//    the vfs_full_audit prefix is configured in another order.
// At the end of the run, register_path_unseen: a form of register path
// (a share "//HOST/SHARE", a drive "C:", a folder "/srv") that no event
// path of the run can match, while the logs show paths of another form or
// a near one, named.
class LogChecks {
 public:
  LogChecks(const people::Roster& roster, bool roster_given,
            const logs::ReadOptions& options, Diagnostics& diag);

  void event(const logs::Event& e);
  void log_done(const std::vector<std::string>& specs,
                const logs::ReadStats& stats);
  void check_register(const assets::Register& reg);

 private:
  void check_rejected(const std::vector<std::string>& specs,
                      const logs::ReadStats& stats);
  void check_users(const std::vector<std::string>& specs);

  const people::Roster& roster_;
  bool roster_given_;
  const logs::ReadOptions& options_;
  Diagnostics& diag_;
  // The current log.
  std::set<std::string> users_;   // as logged, bounded
  std::set<std::string> shares_;  // lower-case share or top folder names
  std::set<std::string_view> formats_;
  uint64_t last_line_ = 0;
  std::string last_user_;
  std::string last_folder_;  // of the last Samba path
  // The whole run: path forms seen, with how often.
  std::map<std::string, uint64_t> forms_;
  std::string last_form_;
};

// A path form: "//HOST/SHARE", "C:", "/srv", "https://host"; nullopt for a
// path of no such form, or a glob whose form holds a wildcard.
std::optional<std::string> path_form(std::string_view path, bool glob);

// Whether a register form and a seen one name the same place: shares by
// host (with or without domain) and share name, ignoring case.
bool same_form(std::string_view register_form, std::string_view seen);

// log_given_as_path: a file given as PATH whose content is a log of a known
// format, with a hint to give it with --log.
void check_paths_for_logs(const std::vector<std::filesystem::path>& paths,
                          const logs::ReadOptions& options, Diagnostics& diag);

// Lines of a plain text file ('\n' counted, a last line without one too);
// nullopt for standard input, compressed or archived data and EVTX.
std::optional<uint64_t> count_plain_lines(const std::string& file);

}  // namespace mamori::pipeline

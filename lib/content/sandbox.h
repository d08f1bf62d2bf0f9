// Content examined in sandboxed worker processes, so that a parser library
// (libarchive, libyara, zlib, ...) crashing or running away on a hostile
// file costs a notice naming that file, not the run.
//
// The workers are forked from the scanning thread after the rules were
// compiled: each inherits the compiled rules and the register, makes its
// own rules::Scanner and FileExaminer, and is then confined before it
// reads anything:
//   - only the standard error and its socket to the parent stay open
//     (standard input and output are /dev/null);
//   - rlimits: no core files, few descriptors, no file growth, and per file
//     an address-space limit (the file's size, twice max_member_size and
//     1 GiB over what the worker already maps) and a processor-time
//     backstop; the address-space limit is left off under AddressSanitizer,
//     which reserves terabytes;
//   - no new privileges, killed when the parent dies;
//   - a seccomp filter (libseccomp) that fails with EPERM: sockets,
//     connect/bind, exec, new processes (threads are allowed), ptrace,
//     opening for writing or creating, removing, renaming, linking,
//     changing modes, owners and times, mounting, signalling another
//     process, and kernel-facing calls a parser never needs.
// The parent hands each worker one file at a time over a socketpair
// (worker_protocol.h); the worker answers with the file's hits, containers
// and notices, then "done". Nothing of a file is merged before its "done",
// so a worker that dies part way leaves no half result: the parent adds an
// error notice (worker_crash, or timeout when Limits::file_timeout_seconds
// passed or the processor-time backstop fired), starts a new worker and
// goes on with the next file.
#pragma once

#include "assets/register.h"
#include "common/diagnostics.h"
#include "content/content_scanner.h"
#include "content/file_examiner.h"
#include "content/tree_walker.h"
#include "rules/rule_set.h"

#include <cstddef>
#include <vector>

namespace mamori {
class Progress;
}

namespace mamori::content {

// Examines `files` in the order `order` gives, on `workers` processes (at
// least one), and returns what all of them found (unsorted). Notices go to
// `diag` as the in-process examination would give them, plus worker_crash
// and timeout. Throws std::system_error when no worker can be started.
WorkerOutput examine_in_sandbox(const std::vector<WalkedFile>& files,
                                const std::vector<size_t>& order,
                                const rules::RuleSet& rules,
                                const assets::Register& reg,
                                const Limits& limits, unsigned workers,
                                Diagnostics& diag,
                                Progress* progress = nullptr);

}  // namespace mamori::content

// macOS Endpoint Security events as `eslogger` writes them (macOS 13+, e.g.
// `sudo eslogger open close create rename unlink mount > es.jsonl`): JSON
// Lines, one es_message_t per line. eslogger(1) says the JSON is "modelled
// after es_message_t" (EndpointSecurity/ESMessage.h) and promises no schema,
// so only the fields below are read, each by its es_message_t name:
//
//   time                        "2026-03-27T06:21:04.518872051Z" (UTC, ns)
//   event_type                  es_event_type_t, ESTypes.h order: NOTIFY_OPEN
//                               10, CLOSE 12, CREATE 13, MOUNT 22, UNMOUNT 23,
//                               RENAME 25, UNLINK 32, WRITE 33 (not relied
//                               upon: the one key under `event` names it)
//   process.audit_token         {asid, auid, egid, euid, pid, pidversion,
//                               rgid, ruid}; the user is auid (the login
//                               user), or euid when auid is unset
//                               (4294967295, AU_DEFAUDITID), as uid digits
//   process.executable.path     the process
//   event.open                  {fflag, file{path}}: FREAD 0x1, FWRITE 0x2
//   event.close                 {modified, target{path}}
//   event.create                {destination_type, destination}: 0 =
//                               {existing_file{path}}, 1 = {new_path{dir{path},
//                               filename, mode}}
//   event.rename                {source{path}, destination_type, destination}
//                               as create's (new_path without mode)
//   event.unlink                {target{path}, parent_dir{path}}
//   event.mount                 {statfs{f_mntonname, f_mntfromname,
//                               f_fstypename, ...}}
//
// Events: open with FREAD is a read (a write shows at its close); close with
// modified: true is a write; create, rename (path -> target) and unlink
// (delete) as named. A mount under /Volumes/ (where macOS mounts removable
// and external volumes) is a mount: path the device node (f_mntfromname,
// "/dev/disk4s1"), mount the mount point, device.label its last component;
// mounts elsewhere (/System/Volumes/..., disk images under /private) and all
// other event types are counted as skipped. eslogger writes no host name.
//
// Resynchronisation: the JSON record splitter's (json_records.h): a line
// that begins with "{" no deeper than an open object's "{" starts the
// next record; the cut one is rejected once, at its first line.
#pragma once

#include "logs/format_detect.h"
#include "logs/log_format.h"
#include "logs/parse_context.h"

#include <memory>

namespace mamori::logs {

inline constexpr LogFormat kEsloggerFormat{"eslogger"};

// JSON whose head holds es_message_t's process.audit_token and event_type.
Sniff sniff_eslogger(const LogHead& head);

std::unique_ptr<LineParser> make_eslogger_parser(ParseContext& ctx);

}  // namespace mamori::logs

// Google Workspace Drive audit, as the Admin SDK Reports API returns it
// activities with id.time (UTC), actor.email and
// events[] (an array from the API, one object after Elastic's split), each
// with a name and typed parameters. Also a whole API page
// ({"kind":"admin#reports#activities","items":[...]}).
//   view preview        read        download    download
//   print               print       upload      upload
//   edit                write       create copy create
//   rename move         rename      delete trash remove  delete
// Other event names (sharing changes, ...) are counted as skipped. The path
// is the document title (doc_title, else doc_id); a rename's target is
// new_value. There is no size.
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

inline constexpr LogFormat kGworkspaceFormat{"gworkspace"};

std::unique_ptr<LineParser> make_gworkspace_parser(ParseContext& ctx);

// JSON with a Reports API kind, or actor and events.
Sniff sniff_gworkspace(const LogHead& head);

}  // namespace mamori::logs

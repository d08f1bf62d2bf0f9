// Windows events as JSON objects, one mapping for
// the shapes collectors write:
//   Winlogbeat / Elastic Agent   winlog.{event_id, provider_name, channel,
//                                computer_name, event_data, user_data,
//                                time_created, keywords, task}, @timestamp
//   NXLog im_msvistalog / flat   EventID, SourceName, Channel, Hostname,
//                                data fields at the top level, EventTime in
//                                the collector's local time, @timestamp UTC
//   Azure WindowsEvent table     TimeGenerated, Provider, Computer, EventID,
//                                EventData as a JSON string (or object)
// The record's time is the first of: winlog.time_created, TimeCreated
// (UTC), TimeGenerated, @timestamp, EventTime (in ReadOptions::zone).
// Sysmon events use their UtcTime (windows_events.h). Ids may be numbers or
// strings; Keywords a signed 64-bit number or hex text.
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

inline constexpr LogFormat kWinjsonFormat{"winjson"};

std::unique_ptr<LineParser> make_winjson_parser(ParseContext& ctx);

// JSON with winlog, EventID, EventId or event_id.
Sniff sniff_winjson(const LogHead& head);

}  // namespace mamori::logs

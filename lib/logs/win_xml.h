// Windows event XML, as libevtx renders an EVTX record and as `wevtutil qe
// /f:xml` or Event Viewer's "Save as XML" write it: the System fields, the
// named <Data> of <EventData>, and the leaf elements of <UserData>
// (DriverFrameworks). A small reader for this one schema; entities are
// decoded, <RenderingInfo> and anything unknown is passed over.
//
// Resynchronisation (an export cut short, a truncated event): an <Event>
// start tag (not <Events> or <EventData>) met before the open event's
// </Event> begins the next event; the open one is rejected, counted once
// at its first line. Text outside events is passed over (the <Events>
// wrapper, the XML prolog). An event with no readable EventID, larger than
// 4 MiB, or still open at the end is rejected once.
#pragma once

#include "logs/format_detect.h"
#include "logs/log_format.h"
#include "logs/parse_context.h"
#include "logs/windows_events.h"

#include <memory>
#include <string_view>

namespace mamori::logs {

inline constexpr LogFormat kWinxmlFormat{"winxml"};

// False when the text holds no <Event> with an <EventID>.
bool parse_event_xml(std::string_view xml, WinEvent* out);

// The `winxml` format: a stream of <Event> elements, possibly wrapped in
// <Events>, possibly several per line or one spread over many.
std::unique_ptr<LineParser> make_winxml_parser(ParseContext& ctx);

// An XML prolog or an <Event> element at the start.
Sniff sniff_winxml(const LogHead& head);

}  // namespace mamori::logs

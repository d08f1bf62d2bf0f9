// C:\Windows\INF\setupapi.dev.log: device install
// sections, in local time without a zone (read in ReadOptions::zone),
// CRLF. A section for a USB storage device is a device_attach: the first
// install of that stick on the machine.
//   >>>  [Device Install (Hardware initiated) -
//   USBSTOR\Disk&Ven_V&Prod_P&Rev_R\SERIAL&0]
//   >>>  Section start 2016/11/22 23:50:30.938
// The USBSTOR id may also be embedded ("SWD\WPDBUSENUM\_??_USBSTOR#Disk&
// Ven_...#SERIAL&0#{guid}", "STORAGE\VOLUME\_??_USBSTOR#..."): one event
// per serial per log, from the first section that names it. A preceding
// "USB\VID_xxxx&PID_yyyy\SERIAL" section supplies the hex vendor and
// product ids. Vendor and product names go to the label. A serial whose
// second character is '&' was made up by Windows (the stick has none): it
// is left out.
//
// Resynchronisation: the next line that begins ">>>  [" opens the next
// section; a section header without its closing ] or a section start
// without a valid time is one rejected line, and the lines under it are
// passed over until the next section.
#pragma once

#include "logs/format_detect.h"
#include "logs/log_format.h"
#include "logs/parse_context.h"

#include <memory>

namespace mamori::logs {

inline constexpr LogFormat kSetupapiFormat{"setupapi"};

std::unique_ptr<LineParser> make_setupapi_parser(ParseContext& ctx);

// The log's banner, a boot session or a section at the start.
Sniff sniff_setupapi(const LogHead& head);

}  // namespace mamori::logs

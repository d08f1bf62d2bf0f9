// The parser of each line-based format, made for one log.
#pragma once

#include "logs/auditd_parser.h"
#include "logs/gworkspace_parser.h"
#include "logs/journal_parser.h"
#include "logs/m365_parser.h"
#include "logs/mapped_parser.h"
#include "logs/setupapi_parser.h"
#include "logs/syslog_parser.h"
#include "logs/win_xml.h"
#include "logs/winjson_parser.h"

// Microsoft 365 unified audit log: the CSV exports
// (Purview: RecordId,CreationDate,RecordType,Operation,UserId,AuditData,...;
// classic Search-UnifiedAuditLog: CreationDate,UserIds,Operations,AuditData,
// maybe after a "#TYPE" line) and AuditData JSON lines. AuditData is the
// authority (CreationTime is UTC without a "Z"); the CSV columns are used
// only when it is missing or broken, CreationDate then read as ISO (the
// trailing space of Purview's "2026-01-24T06:54:24.0000000Z " tolerated) or
// as US "9/20/2023 4:05:03 AM" in ReadOptions::zone.
// Operations to actions:
//   FileAccessed FilePreviewed FileRead           read
//   FileDownloaded FileSyncDownloadedFull
//   FileDownloadedFromBrowser                     download
//   FileUploaded FileSyncUploadedFull FileUploadedToCloud  upload
//   FileCopiedToRemovableMedia FileCreatedOnRemovableMedia copy_removable
//   FileArchived archive, FilePrinted print, FileModified write,
//   FileCreated FileCopied FileCreatedOnNetworkShare
//   FileCopiedToNetworkShare                      create
//   FileRenamed FileMoved rename, FileDeleted FileRecycled delete
//   RemovableMediaMount RemovableMediaUnlockedmount  mount
//   FileCopiedToClipboard FileCopiedToRemoteDesktopSession  other
// Other operations (logins, mailbox cmdlets) are counted as skipped.
// Path: ObjectId (a SharePoint URL, or a local path for Endpoint DLP);
// target: DestinationRelativeUrl/DestinationFileName or TargetFilePath;
// Endpoint DLP adds host (DeviceName), process (Application), bytes
// (FileSize), the device (RemovableMediaDeviceAttributes) and the drive
// letter of TargetFilePath as mount.
//
// Resynchronisation: AuditData JSON lines by the JSON record splitter's
// rule (json_records.h), CSV exports by the CSV gatherer's
// (csv_records.h): a cut record is rejected once and the next line that
// begins an object, or the next line that is a whole row, goes on.
#pragma once

#include "logs/format_detect.h"
#include "logs/log_format.h"
#include "logs/parse_context.h"

#include <memory>

namespace mamori::logs {

inline constexpr LogFormat kM365Format{"m365"};

std::unique_ptr<LineParser> make_m365_parser(ParseContext& ctx);

// AuditData JSON (CreationTime and Operation), or the CSV export's header
// in the first two lines.
Sniff sniff_m365(const LogHead& head);

}  // namespace mamori::logs

// Loading the roster and the approved-device list from CSV (UTF-8 or CP932),
// with Japanese date forms, and resolving log user names to people through
// users and aliases.
#include "people/roster.h"

#include "common/csv.h"
#include "common/encoding.h"
#include "common/i18n.h"
#include "common/text.h"

#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <span>
#include <sstream>

namespace mamori::people {
namespace {

constexpr std::array<std::pair<std::string_view, Employment>, 6> kEmployment = {
    {{"employee", Employment::kEmployee},
     {"dispatched", Employment::kDispatched},
     {"contractor", Employment::kContractor},
     {"intern", Employment::kIntern},
     {"partner", Employment::kPartner},
     {"service", Employment::kService}}};

// The whole file as UTF-8: as it is when valid, else read as CP932, which is
// what Excel in Japan saves (spec/roster.md). Nothing, with an error notice,
// when it cannot be read or is neither.
std::optional<std::string> read_text(const std::filesystem::path& file,
                                     Diagnostics& problems) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    problems.error_at("roster", file.string(), "cannot open: {}",
                      std::strerror(errno));
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = std::move(buffer).str();
  if (is_valid_utf8(text))
    return text;
  if (auto converted = convert_encoding(text, "CP932", "UTF-8")) {
    return *converted;
  }
  problems.error_at("roster", file.string(), "neither UTF-8 nor CP932 text");
  return std::nullopt;
}

constexpr std::string_view kRosterColumns[] = {
    "user",       "display_name", "employment",  "department", "groups",
    "start_date", "end_date",     "notice_date", "aliases"};
constexpr std::string_view kDeviceColumns[] = {"serial", "vendor_id",
                                               "product_id", "owner", "note"};

// The known column an unknown header name was probably meant to be: "End
// Date", "end-date", "employement", "user_name" are within two edits.
std::optional<std::string_view> close_column(
    std::string_view name, std::span<const std::string_view> known) {
  std::string normal(name);
  std::replace_if(
      normal.begin(), normal.end(),
      [](char c) { return c == ' ' || c == '-' || c == '.'; }, '_');
  std::optional<std::string_view> best;
  size_t best_distance = 3;
  for (std::string_view k : known) {
    const size_t d = edit_distance(normal, k);
    if (d < best_distance && d < k.size() / 2 + 1) {
      best = k;
      best_distance = d;
    }
  }
  return best;
}

// A CSV table with a header row, columns in any order, empty lines skipped.
// Unknown columns are ignored, and named once in a warning notice (code
// roster_column) with the known name they are closest to. A table without
// its `required` column is an error notice and not `usable()`.
class Table {
 public:
  Table(const std::filesystem::path& file, std::string text,
        std::string_view required, std::span<const std::string_view> known,
        Diagnostics& diag)
      : file_(file.string()),
        text_(std::move(text)),
        reader_(text_),
        diag_(diag) {
    std::vector<std::string> header;
    std::string error;
    while (reader_.next(header, header_line_, error)) {
      if (!is_blank(header))
        break;
    }
    for (size_t i = 0; i < header.size(); ++i) {
      columns_.emplace_back(to_lower(trim(header[i])), i);
    }
    if (!column(required)) {
      diag_.error_at("roster", fmt::format("{}:{}", file_, header_line_),
                     "the header has no `{}` column", required);
      usable_ = false;
      return;
    }
    std::vector<std::string> unknown;
    for (const auto& [name, index] : columns_) {
      if (name.empty() ||
          std::find(known.begin(), known.end(), name) != known.end())
        continue;
      std::string shown = fmt::format("`{}`", escape_for_display(name));
      if (auto close = close_column(name, known); close && !column(*close))
        shown += fmt::format(" (did you mean `{}`?)", *close);
      unknown.push_back(std::move(shown));
    }
    if (!unknown.empty()) {
      diag_.warn_at("roster_column", fmt::format("{}:{}", file_, header_line_),
                    "{} {} ignored: not a column of spec/roster.md",
                    unknown.size() == 1 ? "column" : "columns",
                    fmt::join(unknown, ", "));
    }
  }

  bool usable() const { return usable_; }
  bool has_column(std::string_view name) const {
    return column(name).has_value();
  }
  // A warning that an optional column that matters is absent.
  template <typename... Args>
  void missing(fmt::format_string<Args...> format, Args&&... args) {
    diag_.warn_at("roster_column", fmt::format("{}:{}", file_, header_line_),
                  format, std::forward<Args>(args)...);
  }

  // Next non-empty, well-formed row; malformed ones are reported here.
  bool next() {
    std::string error;
    while (reader_.next(row_, line_, error)) {
      if (is_blank(row_))
        continue;
      if (!error.empty()) {
        report("malformed row: {}", error);
        continue;
      }
      return true;
    }
    return false;
  }

  // The trimmed value of a column in the current row ("" when absent).
  std::string get(std::string_view name) const {
    auto index = column(name);
    if (!index || *index >= row_.size())
      return {};
    return std::string(trim(row_[*index]));
  }

  template <typename... Args>
  void report(fmt::format_string<Args...> format, Args&&... args) {
    diag_.error_at("roster", fmt::format("{}:{}", file_, line_), format,
                   std::forward<Args>(args)...);
  }

 private:
  static bool is_blank(const std::vector<std::string>& row) {
    return std::all_of(row.begin(), row.end(),
                       [](const std::string& f) { return trim(f).empty(); });
  }
  std::optional<size_t> column(std::string_view name) const {
    for (const auto& [n, i] : columns_) {
      if (n == name)
        return i;
    }
    return std::nullopt;
  }

  std::string file_;
  std::string text_;
  CsvReader reader_;
  Diagnostics& diag_;
  std::vector<std::pair<std::string, size_t>> columns_;
  std::vector<std::string> row_;
  size_t line_ = 0;
  size_t header_line_ = 0;
  bool usable_ = true;
};

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  for (std::string_view item : split(s, ';')) {
    item = trim(item);
    if (!item.empty())
      out.emplace_back(item);
  }
  return out;
}

// Strips "DOMAIN\" or "@domain" from a logged name.
std::string_view bare_name(std::string_view name) {
  if (auto slash = name.rfind('\\'); slash != std::string_view::npos) {
    return name.substr(slash + 1);
  }
  if (auto at = name.find('@'); at != std::string_view::npos) {
    return name.substr(0, at);
  }
  return name;
}

// Up to `max` digits at `pos` (at least one), advancing `pos`.
std::optional<int> read_number(std::string_view s, size_t& pos, size_t max) {
  int value = 0;
  size_t n = 0;
  while (pos < s.size() && n < max && s[pos] >= '0' && s[pos] <= '9') {
    value = value * 10 + (s[pos] - '0');
    ++pos;
    ++n;
  }
  if (n == 0 || (pos < s.size() && s[pos] >= '0' && s[pos] <= '9'))
    return std::nullopt;
  return value;
}

bool skip(std::string_view s, size_t& pos, std::string_view what) {
  if (s.substr(pos).starts_with(what)) {
    pos += what.size();
    return true;
  }
  return false;
}

}  // namespace

std::optional<Days> parse_roster_date(std::string_view text) {
  text = trim(text);
  size_t pos = 0;
  const auto year = read_number(text, pos, 4);
  if (!year || pos != 4)
    return std::nullopt;
  // The separators must agree: 2026-03-31, 2026/3/31, 2026年3月31日.
  std::string_view after_month = "-", after_day;
  if (skip(text, pos, "/")) {
    after_month = "/";
  } else if (skip(text, pos, "年")) {
    after_month = "月";
    after_day = "日";
  } else if (!skip(text, pos, "-")) {
    return std::nullopt;
  }
  const auto month = read_number(text, pos, 2);
  if (!month || !skip(text, pos, after_month))
    return std::nullopt;
  const auto day = read_number(text, pos, 2);
  if (!day || !skip(text, pos, after_day))
    return std::nullopt;
  // Excel's date cells saved as text may carry a time: "2026/3/31 0:00".
  if (pos < text.size()) {
    if (text[pos] != ' ' && text[pos] != 'T')
      return std::nullopt;
    ++pos;
    const auto hours = read_number(text, pos, 2);
    if (!hours || *hours > 23 || !skip(text, pos, ":"))
      return std::nullopt;
    const auto minutes = read_number(text, pos, 2);
    if (!minutes || *minutes > 59)
      return std::nullopt;
    if (skip(text, pos, ":")) {
      const auto seconds = read_number(text, pos, 2);
      if (!seconds || *seconds > 60)
        return std::nullopt;
    }
    if (pos != text.size())
      return std::nullopt;
  }
  const date::year_month_day ymd{date::year(*year),
                                 date::month(static_cast<unsigned>(*month)),
                                 date::day(static_cast<unsigned>(*day))};
  if (!ymd.ok())
    return std::nullopt;
  return Days(ymd);
}

std::string_view to_string(Employment e) {
  for (const auto& [name, value] : kEmployment) {
    if (value == e)
      return name;
  }
  return "employee";
}

std::string employment_words(Employment e) {
  switch (e) {
    case Employment::kDispatched:
      return tr("dispatched");
    case Employment::kContractor:
      return tr("contractor");
    case Employment::kIntern:
      return tr("intern");
    case Employment::kPartner:
      return tr("partner");
    case Employment::kService:
      return tr("service account");
    case Employment::kEmployee:
      break;
  }
  return tr("employee");
}

std::optional<Employment> parse_employment(std::string_view s) {
  for (const auto& [name, value] : kEmployment) {
    if (iequals(name, s))
      return value;
  }
  return std::nullopt;
}

void Roster::add(Person person) {
  const size_t index = people_.size();
  by_name_.emplace(to_lower(person.user), index);
  for (const std::string& alias : person.aliases) {
    by_name_.emplace(to_lower(alias), index);
  }
  people_.push_back(std::move(person));
}

const Person* Roster::find(std::string_view user) const {
  auto it = by_name_.find(to_lower(user));
  return it == by_name_.end() ? nullptr : &people_[it->second];
}

const Person* Roster::resolve(std::string_view logged_name) const {
  if (const Person* p = find(logged_name))
    return p;
  const std::string_view bare = bare_name(logged_name);
  if (bare.size() != logged_name.size() && !bare.empty())
    return find(bare);
  return nullptr;
}

std::string Roster::canonical(std::string_view logged_name) const {
  const Person* p = resolve(logged_name);
  return p != nullptr ? p->user : std::string(logged_name);
}

bool Roster::in_group(const Person& person, std::string_view group) const {
  return std::any_of(person.groups.begin(), person.groups.end(),
                     [&](const std::string& g) { return iequals(g, group); });
}

std::optional<Roster> load_roster(const std::filesystem::path& file,
                                  Diagnostics& diag) {
  std::optional<std::string> text = read_text(file, diag);
  if (!text)
    return std::nullopt;
  Table table(file, std::move(*text), "user", kRosterColumns, diag);
  if (!table.usable())
    return std::nullopt;
  if (!table.has_column("end_date")) {
    table.missing(
        "the header has no `end_date` column: nobody's departure is known, "
        "so departure context never raises a finding");
  }
  if (!table.has_column("employment")) {
    table.missing(
        "the header has no `employment` column: everyone is taken for an "
        "`employee`, dispatched and contractor staff included");
  }
  Roster roster;
  while (table.next()) {
    Person person;
    person.user = table.get("user");
    if (person.user.empty()) {
      table.report("empty `user`");
      continue;
    }
    if (roster.find(person.user) != nullptr) {
      table.report("`{}` is already in the roster (or an alias)", person.user);
      continue;
    }
    bool ok = true;
    if (auto e = table.get("employment"); !e.empty()) {
      if (auto parsed = parse_employment(e)) {
        person.employment = *parsed;
      } else {
        table.report(
            "unknown employment `{}` (employee, dispatched, "
            "contractor, intern, partner, service)",
            e);
        ok = false;
      }
    }
    auto read_date = [&](std::string_view column, std::optional<Days>& out) {
      const std::string value = table.get(column);
      if (value.empty())
        return;
      out = parse_roster_date(value);
      if (!out) {
        table.report(
            "`{}` is not a date (2026-03-31, 2026/3/31 or 2026年3月31日): `{}`",
            column, value);
        ok = false;
      }
    };
    read_date("start_date", person.start_date);
    read_date("end_date", person.end_date);
    read_date("notice_date", person.notice_date);
    if (!ok)
      continue;
    person.display_name = table.get("display_name");
    person.department = table.get("department");
    person.groups = split_list(table.get("groups"));
    person.aliases = split_list(table.get("aliases"));
    roster.add(std::move(person));
  }
  return roster;
}

const ApprovedDevice* DeviceList::find(std::string_view serial) const {
  for (const ApprovedDevice& d : devices_) {
    if (iequals(d.serial, serial))
      return &d;
  }
  return nullptr;
}

std::optional<DeviceList> load_devices(const std::filesystem::path& file,
                                       Diagnostics& diag) {
  std::optional<std::string> text = read_text(file, diag);
  if (!text)
    return std::nullopt;
  Table table(file, std::move(*text), "serial", kDeviceColumns, diag);
  if (!table.usable())
    return std::nullopt;
  DeviceList list;
  while (table.next()) {
    ApprovedDevice device{table.get("serial"), to_lower(table.get("vendor_id")),
                          to_lower(table.get("product_id")), table.get("owner"),
                          table.get("note")};
    if (device.serial.empty()) {
      table.report("empty `serial`");
      continue;
    }
    list.add(std::move(device));
  }
  return list;
}

}  // namespace mamori::people

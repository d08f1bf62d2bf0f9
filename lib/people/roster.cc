#include "people/roster.h"

#include "common/csv.h"
#include "common/encoding.h"
#include "common/error.h"
#include "common/text.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
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
// what Excel in Japan saves (spec/roster.md).
std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    fail("{}: cannot open: {}", file.string(), std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = std::move(buffer).str();
  if (is_valid_utf8(text))
    return text;
  if (auto converted = convert_encoding(text, "CP932", "UTF-8")) {
    return *converted;
  }
  fail("{}: neither UTF-8 nor CP932 text", file.string());
}

// A CSV table with a header row, columns in any order, unknown columns
// ignored, empty lines skipped.
class Table {
 public:
  Table(const std::filesystem::path& file, std::string_view required,
        Diagnostics& diag)
      : file_(file.string()),
        text_(read_text(file)),
        reader_(text_),
        diag_(diag) {
    std::vector<std::string> header;
    size_t line = 0;
    std::string error;
    while (reader_.next(header, line, error)) {
      if (!is_blank(header))
        break;
    }
    for (size_t i = 0; i < header.size(); ++i) {
      columns_.emplace_back(to_lower(trim(header[i])), i);
    }
    if (!column(required)) {
      fail("{}:{}: the header has no `{}` column", file_, line, required);
    }
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

}  // namespace

std::string_view to_string(Employment e) {
  for (const auto& [name, value] : kEmployment) {
    if (value == e)
      return name;
  }
  return "employee";
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

Roster load_roster(const std::filesystem::path& file, Diagnostics& diag) {
  Table table(file, "user", diag);
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
      out = parse_date(value);
      if (!out) {
        table.report("`{}` is not a date (YYYY-MM-DD): `{}`", column, value);
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

DeviceList load_devices(const std::filesystem::path& file, Diagnostics& diag) {
  Table table(file, "serial", diag);
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

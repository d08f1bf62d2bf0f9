// See history.h. Each person-day is one row whose `aggregates` is a JSON
// object: {"activity": [[machine, hours, events], ...], "accesses": [...],
// "devices": [...]}; times are microseconds since the epoch, actions and
// storage kinds by name.
#include "state/history.h"

#include "common/error.h"
#include "common/json_writer.h"
#include "common/time.h"
#include "logs/log_formats.h"
#include "logs/mapped_parser.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <map>
#include <string>
#include <utility>

namespace mamori::state {

namespace {

std::string day_text(int32_t day) {
  return format_date(Days(date::days(day)));
}

int64_t micros(Timestamp t) {
  return t.time_since_epoch().count();
}

void write_device(JsonWriter& w, const logs::Device& d) {
  w.begin_object();
  w.field("v", d.vendor_id).field("p", d.product_id).field("s", d.serial);
  w.field("lb", d.label).field("bus", d.bus);
  w.field("st", logs::to_string(d.storage));
  w.end_object();
}

struct PersonDay {
  std::vector<const detect::StoredActivity*> activity;
  std::vector<const detect::StoredAccess*> accesses;
  std::vector<const logs::Event*> devices;
};

std::string encode(const PersonDay& pd) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("activity").begin_array();
  for (const detect::StoredActivity* a : pd.activity) {
    w.begin_array()
        .value(a->machine)
        .value(uint64_t{a->activity.hours})
        .value(uint64_t{a->activity.events})
        .end_array();
  }
  w.end_array();
  w.key("accesses").begin_array();
  for (const detect::StoredAccess* a : pd.accesses) {
    w.begin_object();
    w.field("t", micros(a->time)).field("l", a->line);
    if (a->sized)
      w.field("s", a->size);
    w.field("p", a->path).field("f", a->file).field("h", a->host);
    w.field("x", a->process).field("g", a->target);
    if (a->device) {
      w.key("d");
      write_device(w, *a->device);
    }
    w.field("n", uint64_t{a->count}).field("a", logs::to_string(a->action));
    w.field("r", a->record).field("m", a->machine);
    w.end_object();
  }
  w.end_array();
  w.key("devices").begin_array();
  for (const logs::Event* e : pd.devices) {
    w.begin_object();
    w.field("t", micros(e->time)).field("fmt", e->format.name());
    w.field("f", e->file ? *e->file : std::string()).field("l", e->line);
    w.field("r", e->record).field("h", e->host);
    w.field("a", logs::to_string(e->action)).field("p", e->path);
    w.field("g", e->target).field("x", e->process).field("mnt", e->mount);
    if (e->bytes)
      w.field("b", *e->bytes);
    w.key("d");
    write_device(w, e->device);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return out;
}

// A JSON value of a kept row; a row that does not read is a damaged state.
class Row {
 public:
  Row(const Database& db, std::string_view person, std::string_view day)
      : db_(db), person_(person), day_(day) {}

  [[noreturn]] void fail(std::string_view what) const {
    throw Error(fmt::format("state {}: the day {} of {} does not read ({}); "
                            "drop it with `mamori state prune`",
                            db_.path(), day_, person_, what),
                kExitUsage);
  }
  std::string text(simdjson::dom::object o, std::string_view key) const {
    std::string_view v;
    if (o[key].get_string().get(v))
      fail(key);
    return std::string(v);
  }
  int64_t integer(simdjson::dom::object o, std::string_view key) const {
    int64_t v = 0;
    if (o[key].get_int64().get(v))
      fail(key);
    return v;
  }
  bool flag(simdjson::dom::object o, std::string_view key) const {
    bool v = false;
    if (o[key].get_bool().get(v))
      fail(key);
    return v;
  }
  logs::Action action(simdjson::dom::object o) const {
    const auto a = logs::action_from_name(text(o, "a"));
    if (!a)
      fail("action");
    return *a;
  }
  logs::Device device(simdjson::dom::object o) const {
    logs::Device d;
    d.vendor_id = text(o, "v");
    d.product_id = text(o, "p");
    d.serial = text(o, "s");
    d.label = text(o, "lb");
    d.bus = text(o, "bus");
    const std::string storage = text(o, "st");
    for (logs::Storage s : {logs::Storage::kUnknown, logs::Storage::kRemovable,
                            logs::Storage::kFixed, logs::Storage::kNone}) {
      if (logs::to_string(s) == storage)
        d.storage = s;
    }
    return d;
  }

 private:
  const Database& db_;
  std::string_view person_;
  std::string_view day_;
};

Timestamp from_micros(int64_t us) {
  return Timestamp(std::chrono::microseconds(us));
}

}  // namespace

std::optional<int32_t> latest_history_day(Database& db) {
  Statement s(db, "SELECT max(day) FROM person_day");
  if (!s.step() || s.column_is_null(0))
    return std::nullopt;
  const auto day = parse_date(s.column_text(0));
  if (!day)
    return std::nullopt;
  return static_cast<int32_t>(day->time_since_epoch().count());
}

size_t load_history(Database& db, detect::EventStore& store, int32_t from_day) {
  Statement s(db,
              "SELECT person, day, aggregates FROM person_day WHERE day >= ? "
              "ORDER BY day, person");
  s.bind(1, day_text(from_day));
  simdjson::dom::parser parser;
  size_t restored = 0;
  while (s.step()) {
    const std::string person = s.column_text(0);
    const std::string day_name = s.column_text(1);
    const std::string json = s.column_text(2);
    const Row row(db, person, day_name);
    const auto day = parse_date(day_name);
    if (!day)
      row.fail("day");
    const auto day_number =
        static_cast<int32_t>(day->time_since_epoch().count());
    simdjson::dom::object top;
    if (parser.parse(json).get_object().get(top))
      row.fail("JSON");
    simdjson::dom::array list;
    if (top["activity"].get_array().get(list))
      row.fail("activity");
    for (simdjson::dom::element e : list) {
      simdjson::dom::array a;
      bool machine = false;
      uint64_t hours = 0, events = 0;
      if (e.get_array().get(a) || a.at(0).get_bool().get(machine) ||
          a.at(1).get_uint64().get(hours) || a.at(2).get_uint64().get(events))
        row.fail("activity");
      store.restore(detect::StoredActivity{
          person, machine, day_number,
          detect::DayActivity{static_cast<uint32_t>(hours),
                              static_cast<uint32_t>(events)}});
    }
    if (top["accesses"].get_array().get(list))
      row.fail("accesses");
    for (simdjson::dom::element e : list) {
      simdjson::dom::object o;
      if (e.get_object().get(o))
        row.fail("access");
      detect::StoredAccess a;
      a.time = from_micros(row.integer(o, "t"));
      a.line = static_cast<uint64_t>(row.integer(o, "l"));
      uint64_t size = 0;
      if (!o["s"].get_uint64().get(size)) {
        a.size = size;
        a.sized = true;
      }
      a.user = person;
      a.path = row.text(o, "p");
      a.file = row.text(o, "f");
      a.host = row.text(o, "h");
      a.process = row.text(o, "x");
      a.target = row.text(o, "g");
      simdjson::dom::object d;
      if (!o["d"].get_object().get(d))
        a.device = row.device(d);
      a.day = day_number;
      a.count = static_cast<uint32_t>(row.integer(o, "n"));
      a.action = row.action(o);
      a.record = row.flag(o, "r");
      a.machine = row.flag(o, "m");
      store.restore(a);
    }
    if (top["devices"].get_array().get(list))
      row.fail("devices");
    for (simdjson::dom::element e : list) {
      simdjson::dom::object o;
      if (e.get_object().get(o))
        row.fail("device event");
      logs::Event ev;
      ev.time = from_micros(row.integer(o, "t"));
      if (const logs::LogFormatRow* f =
              logs::find_log_format(row.text(o, "fmt")))
        ev.format = f->format;
      ev.file = std::make_shared<const std::string>(row.text(o, "f"));
      ev.line = static_cast<uint64_t>(row.integer(o, "l"));
      ev.record = row.flag(o, "r");
      ev.host = row.text(o, "h");
      ev.user = person;
      ev.action = row.action(o);
      ev.path = row.text(o, "p");
      ev.target = row.text(o, "g");
      ev.process = row.text(o, "x");
      ev.mount = row.text(o, "mnt");
      uint64_t bytes = 0;
      if (!o["b"].get_uint64().get(bytes))
        ev.bytes = bytes;
      simdjson::dom::object d;
      if (o["d"].get_object().get(d))
        row.fail("device");
      ev.device = row.device(d);
      store.restore_device_event(std::move(ev));
    }
    ++restored;
  }
  return restored;
}

void save_history(Database& db, const detect::EventStore& store,
                  const std::set<int32_t>& days) {
  if (days.empty())
    return;
  const std::vector<detect::StoredAccess> accesses =
      store.stored_accesses(days);
  const std::vector<detect::StoredActivity> activity =
      store.stored_activity(days);
  const std::vector<const logs::Event*> devices =
      store.stored_device_events(days);
  std::map<std::pair<std::string, int32_t>, PersonDay> rows;
  for (const detect::StoredActivity& a : activity)
    rows[{a.user, a.day}].activity.push_back(&a);
  for (const detect::StoredAccess& a : accesses)
    rows[{a.user, a.day}].accesses.push_back(&a);
  for (const logs::Event* e : devices)
    rows[{e->user, store.day_of(e->time)}].devices.push_back(e);
  Statement drop(db, "DELETE FROM person_day WHERE day = ?");
  for (int32_t day : days) {
    drop.bind(1, day_text(day));
    drop.run();
  }
  Statement insert(db,
                   "INSERT INTO person_day (person, day, aggregates) VALUES "
                   "(?, ?, ?)");
  for (const auto& [key, pd] : rows) {
    insert.bind(1, key.first).bind(2, day_text(key.second)).bind(3, encode(pd));
    insert.run();
  }
}

}  // namespace mamori::state

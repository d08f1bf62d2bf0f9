// A small streaming JSON writer for the reports and `mamori events`.
// Output is always valid UTF-8 JSON: control characters are \u escapes, and a
// byte that is not valid UTF-8 is written as the four characters \xNN (so a
// hostile file name never reaches a terminal raw and is still recognisable).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mamori {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b);
  JsonWriter& value(int64_t n);
  JsonWriter& value(uint64_t n);
  JsonWriter& value(int n) { return value(static_cast<int64_t>(n)); }
  JsonWriter& value(unsigned n) { return value(static_cast<uint64_t>(n)); }
  JsonWriter& value(double d);

  template <typename T>
  JsonWriter& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }
  // Writes the field only when `s` is not empty (spec/findings.md: fields
  // that do not apply are left out, never written as empty strings).
  JsonWriter& field_if(std::string_view k, std::string_view s);
  JsonWriter& string_array(std::string_view k,
                           const std::vector<std::string>& items);

 private:
  void separate();
  std::string& out_;
  void open(char bracket);
  void close(char bracket);

  // Per open container, innermost in bit 0: no member written yet. Reports
  // nest a handful of levels; deeper than 64 is a programming error.
  uint64_t first_ = 0;
  int depth_ = 0;
  bool after_key_ = false;
};

// Appends `s` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view s);

}  // namespace mamori

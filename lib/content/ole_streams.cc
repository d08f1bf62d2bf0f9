// OleFile: the [MS-CFB] header, FAT, mini FAT and directory, and chains
// followed with every index bounded; utf16_text for the documents' text.
#include "content/ole_streams.h"

#include "common/text.h"

#include <algorithm>
#include <cstring>
#include <set>

namespace mamori::content {
namespace {

constexpr uint32_t kEndOfChain = 0xFFFFFFFE;
constexpr uint32_t kMaxRegular = 0xFFFFFFFA;
constexpr size_t kHeaderDifat = 109;
constexpr size_t kDirEntrySize = 128;
constexpr uint32_t kNoStream = 0xFFFFFFFF;

uint16_t read16(const std::byte* p) {
  return static_cast<uint16_t>(std::to_integer<unsigned>(p[0]) |
                               (std::to_integer<unsigned>(p[1]) << 8));
}
uint32_t read32(const std::byte* p) {
  return static_cast<uint32_t>(read16(p)) |
         (static_cast<uint32_t>(read16(p + 2)) << 16);
}
uint64_t read64(const std::byte* p) {
  return static_cast<uint64_t>(read32(p)) |
         (static_cast<uint64_t>(read32(p + 4)) << 32);
}

// Directory names are UTF-16LE; control characters ("\x05SummaryInformation")
// are kept as they are.
std::string entry_name(const std::byte* entry) {
  size_t bytes = std::min<size_t>(read16(entry + 0x40), 64);
  std::string name;
  for (size_t i = 0; i + 1 < bytes; i += 2) {
    uint16_t unit = read16(entry + i);
    if (unit == 0)
      break;
    append_utf8(name, (unit >= 0xD800 && unit <= 0xDFFF) ? 0xFFFD : unit);
  }
  return name;
}

bool is_text_unit(uint16_t u) {
  if (u == '\t' || u == '\n' || u == '\r')
    return true;
  if (u < 0x20 || (u >= 0x7F && u < 0xA0))
    return false;
  if (u >= 0xD800 && u <= 0xDFFF)
    return false;  // no pairs: keep it simple
  return u < 0xFFFE;
}

void collect_runs(std::span<const std::byte> data, size_t start,
                  std::string& out) {
  constexpr size_t kMinRun = 4;
  std::string run;
  size_t units = 0;
  auto flush = [&] {
    if (units >= kMinRun) {
      out += run;
      out += '\n';
    }
    run.clear();
    units = 0;
  };
  for (size_t i = start; i + 1 < data.size(); i += 2) {
    uint16_t u = read16(data.data() + i);
    // ASCII-range text is already matched in the raw bytes by "wide"
    // strings; the runs matter for everything else, but a run mixes both.
    if (is_text_unit(u)) {
      append_utf8(run, u);
      ++units;
    } else {
      flush();
    }
  }
  flush();
}

}  // namespace

uint32_t OleFile::u32(uint64_t offset) const {
  return read32(data_.data() + offset);
}

const std::byte* OleFile::sector(uint32_t index) const {
  uint64_t offset = (static_cast<uint64_t>(index) + 1) * sector_size_;
  if (index > kMaxRegular || offset + sector_size_ > data_.size()) {
    return nullptr;
  }
  return data_.data() + offset;
}

bool OleFile::open(std::span<const std::byte> data, std::string& error) {
  data_ = data;
  if (data.size() < 512) {
    error = "compound file shorter than its header";
    return false;
  }
  uint16_t shift = read16(data.data() + 0x1E);
  uint16_t mini_shift = read16(data.data() + 0x20);
  if ((shift != 9 && shift != 12) || mini_shift != 6) {
    error = "compound file header has an unknown sector size";
    return false;
  }
  sector_size_ = 1u << shift;
  mini_sector_size_ = 1u << mini_shift;
  mini_cutoff_ = u32(0x38);
  return load_fat(error) && load_directory(error);
}

bool OleFile::load_fat(std::string& error) {
  uint64_t sectors = data_.size() / sector_size_;
  uint32_t fat_count = u32(0x2C);
  if (fat_count > sectors) {
    error = "compound file declares more FAT sectors than it has";
    return false;
  }
  std::vector<uint32_t> fat_sectors;
  for (size_t i = 0; i < kHeaderDifat && fat_sectors.size() < fat_count; ++i) {
    fat_sectors.push_back(u32(0x4C + 4 * i));
  }
  uint32_t difat = u32(0x44);
  std::set<uint32_t> seen;
  while (fat_sectors.size() < fat_count && difat <= kMaxRegular) {
    const std::byte* s = sector(difat);
    if (s == nullptr || !seen.insert(difat).second) {
      error = "compound file has a broken DIFAT chain";
      return false;
    }
    size_t per_sector = sector_size_ / 4 - 1;
    for (size_t i = 0; i < per_sector && fat_sectors.size() < fat_count; ++i) {
      fat_sectors.push_back(read32(s + 4 * i));
    }
    difat = read32(s + 4 * per_sector);
  }
  for (uint32_t index : fat_sectors) {
    const std::byte* s = sector(index);
    if (s == nullptr) {
      error = "compound file has a FAT sector outside the file";
      return false;
    }
    for (size_t i = 0; i < sector_size_ / 4; ++i)
      fat_.push_back(read32(s + 4 * i));
  }
  return true;
}

bool OleFile::read_chain(uint32_t start, uint64_t size,
                         std::vector<std::byte>& out,
                         std::string& error) const {
  out.clear();
  uint32_t current = start;
  // A chain longer than the FAT must loop.
  for (size_t steps = 0; out.size() < size; ++steps) {
    const std::byte* s = sector(current);
    if (s == nullptr || steps > fat_.size() || current >= fat_.size()) {
      error = "sector chain leaves the file or loops";
      return false;
    }
    size_t take = static_cast<size_t>(
        std::min<uint64_t>(sector_size_, size - out.size()));
    out.insert(out.end(), s, s + take);
    current = fat_[current];
  }
  return true;
}

bool OleFile::read_mini_chain(uint32_t start, uint64_t size,
                              std::vector<std::byte>& out,
                              std::string& error) const {
  out.clear();
  uint32_t current = start;
  for (size_t steps = 0; out.size() < size; ++steps) {
    uint64_t offset = static_cast<uint64_t>(current) * mini_sector_size_;
    if (steps > mini_fat_.size() || current >= mini_fat_.size() ||
        offset + mini_sector_size_ > mini_stream_.size()) {
      error = "mini sector chain leaves the mini stream or loops";
      return false;
    }
    size_t take = static_cast<size_t>(
        std::min<uint64_t>(mini_sector_size_, size - out.size()));
    out.insert(out.end(), mini_stream_.begin() + static_cast<ptrdiff_t>(offset),
               mini_stream_.begin() + static_cast<ptrdiff_t>(offset + take));
    current = mini_fat_[current];
  }
  return true;
}

bool OleFile::load_directory(std::string& error) {
  // The directory's own size is unknown: read its chain sector by sector.
  std::vector<std::byte> dir;
  uint32_t current = u32(0x30);
  for (size_t steps = 0; current != kEndOfChain; ++steps) {
    const std::byte* s = sector(current);
    if (s == nullptr || steps > fat_.size() || current >= fat_.size()) {
      error = "compound file has a broken directory chain";
      return false;
    }
    dir.insert(dir.end(), s, s + sector_size_);
    current = fat_[current];
  }
  size_t count = dir.size() / kDirEntrySize;
  if (count == 0 || std::to_integer<int>(dir[0x42]) != 5) {
    error = "compound file has no root entry";
    return false;
  }
  auto entry = [&](size_t i) { return dir.data() + i * kDirEntrySize; };
  uint64_t file_size = data_.size();
  // Mini FAT and mini stream (held by the root entry).
  std::vector<std::byte> bytes;
  uint64_t mini_fat_size = static_cast<uint64_t>(u32(0x40)) * sector_size_;
  if (mini_fat_size > 0 && mini_fat_size <= file_size &&
      read_chain(u32(0x3C), mini_fat_size, bytes, error)) {
    for (size_t i = 0; i + 4 <= bytes.size(); i += 4) {
      mini_fat_.push_back(read32(bytes.data() + i));
    }
  }
  uint64_t mini_size = read64(entry(0) + 0x78) & 0xFFFFFFFF;
  if (mini_size > 0 && mini_size <= file_size) {
    read_chain(read32(entry(0) + 0x74), mini_size, mini_stream_, error);
  }
  // Walk the red-black trees of each storage, guarding against cycles.
  std::set<uint32_t> visited;
  std::vector<std::pair<uint32_t, std::string>> pending{
      {read32(entry(0) + 0x4C), ""}};
  while (!pending.empty()) {
    auto [index, prefix] = pending.back();
    pending.pop_back();
    if (index == kNoStream || index >= count || !visited.insert(index).second) {
      continue;
    }
    const std::byte* e = entry(index);
    pending.emplace_back(read32(e + 0x44), prefix);  // left sibling
    pending.emplace_back(read32(e + 0x48), prefix);  // right sibling
    std::string name = prefix + entry_name(e);
    int type = std::to_integer<int>(e[0x42]);
    if (type == 1) {
      pending.emplace_back(read32(e + 0x4C), name + "/");
    } else if (type == 2) {
      uint64_t size = read64(e + 0x78);
      if (sector_size_ == 512)
        size &= 0xFFFFFFFF;  // version 3 files
      streams_.push_back({name, size, read32(e + 0x74), size < mini_cutoff_});
    }
  }
  std::sort(
      streams_.begin(), streams_.end(),
      [](const OleStream& a, const OleStream& b) { return a.name < b.name; });
  error.clear();
  return true;
}

bool OleFile::read(const OleStream& stream, std::vector<std::byte>& out,
                   std::string& error) const {
  if (stream.size > data_.size()) {  // every byte comes from the file
    error = "stream larger than the file";
    return false;
  }
  return stream.in_mini_stream
             ? read_mini_chain(stream.start, stream.size, out, error)
             : read_chain(stream.start, stream.size, out, error);
}

std::string utf16_text(std::span<const std::byte> data) {
  std::string out;
  collect_runs(data, 0, out);
  collect_runs(data, 1, out);
  return out;
}

}  // namespace mamori::content

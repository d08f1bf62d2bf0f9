// Finds and loads mamori-documents.so (documents.h): next to the running
// program first (a build tree, where tests and fuzz targets run), then in
// mamori's library folder (an installed package). Loaded once per process
// and never unloaded; a worker forked after the load inherits it.
#include "documents/documents.h"

#include <dlfcn.h>
#include <filesystem>
#include <string>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace mamori::documents {
namespace {

std::filesystem::path program_folder() {
  std::error_code ec;
  const std::filesystem::path self =
      std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : self.parent_path();
}

struct Loaded {
  const Readers* readers = nullptr;
  std::string why;
};

Loaded load() {
  Loaded out;
  std::vector<std::filesystem::path> candidates;
  if (const std::filesystem::path here = program_folder(); !here.empty())
    candidates.push_back(here / kModuleName);
  candidates.push_back(std::filesystem::path(MAMORI_MODULE_DIR) / kModuleName);
  for (const std::filesystem::path& path : candidates) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
      continue;
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* error = ::dlerror();
      out.why = error != nullptr ? error : path.string() + ": cannot load";
      return out;
    }
    using Entry = const Readers* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, kEntryPoint));
    const Readers* readers = entry != nullptr ? entry() : nullptr;
    if (readers == nullptr || readers->abi != kDocumentsAbi) {
      out.why = path.string() +
                ": not this mamori's module (rebuild or "
                "reinstall mamori)";
      return out;
    }
    out.readers = readers;
    return out;
  }
  out.why = std::string(kModuleName) +
            " is neither beside the program nor "
            "in " MAMORI_MODULE_DIR;
  return out;
}

}  // namespace

const Readers* load_documents(std::string* why) {
  static const Loaded loaded = load();
  if (loaded.readers == nullptr && why != nullptr)
    *why = loaded.why;
  return loaded.readers;
}

}  // namespace mamori::documents

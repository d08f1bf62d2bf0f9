// Fuzz target: the content walker (content/file_examiner.h) over bytes in
// memory, as one worker examines a file: recognised by content, hashed,
// matched, and opened member by member when it is an archive (libarchive),
// gzip, an OLE or a PDF document, down to the nesting limit. The rules are
// one YARA rule and the keyword rules of a one-asset register that also
// declares a hash, so every object is hashed too.
#include "assets/register.h"
#include "common/diagnostics.h"
#include "content/file_examiner.h"
#include "rules/rule_set.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <span>
#include <string>
#include <unistd.h>

namespace {

constexpr const char* kRule = R"(
rule secret : core_asset { strings: $a = "PRJ-SECRET-0042" condition: $a }
)";

mamori::assets::Register make_register() {
  mamori::assets::Register reg;
  mamori::assets::Asset asset;
  asset.id = "ltcc_stack";
  asset.name = "LTCC stack";
  asset.sensitivity = mamori::assets::Sensitivity::kCore;
  asset.keywords = {"LTCC-STACK", "積層"};
  asset.hashes = {
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"};
  reg.add(asset);
  return reg;
}

struct Examiner {
  Examiner() : reg(make_register()), rules(compile(reg)), matcher(*rules, 5) {
    limits.max_member_size = 4u << 20;
    limits.max_expanded = 16u << 20;
    limits.rule_timeout_seconds = 5;
  }

  static std::optional<mamori::rules::RuleSet> compile(
      const mamori::assets::Register& reg) {
    const std::filesystem::path file =
        std::filesystem::temp_directory_path() /
        ("mamori-fuzz-rules-" + std::to_string(::getpid()) + ".yar");
    std::ofstream(file) << kRule;
    mamori::rules::RuleSources sources;
    sources.paths = {file};
    sources.default_rules = false;
    mamori::Diagnostics problems;
    auto rules = mamori::rules::RuleSet::compile(sources, reg, problems);
    std::filesystem::remove(file);
    if (!rules)
      std::abort();
    return rules;
  }

  mamori::assets::Register reg;
  std::optional<mamori::rules::RuleSet> rules;
  mamori::rules::Scanner matcher;
  mamori::content::Limits limits;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Examiner* examiner = new Examiner();  // kept until exit
  mamori::Diagnostics diag;
  mamori::content::WorkerOutput out;
  mamori::content::FileExaminer files(examiner->matcher, examiner->reg,
                                      examiner->limits, diag, out);
  files.examine_bytes(
      std::as_bytes(std::span(reinterpret_cast<const char*>(data), size)),
      "evidence");
  return 0;
}

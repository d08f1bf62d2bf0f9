// Compiling the rule sources into one YR_RULES, describing each rule
// (RuleInfo: tags, the assets they name, severity, file and line), and
// scanning buffers with it. Each source file is compiled in its own YARA
// namespace, named by the file's path: YARA refuses two rules of one name in
// one namespace, and rules of different files must be allowed to share a
// name (the duplicate is reported as a warning here instead). The namespace
// name also carries the file through the compiled-rules cache.
#include "rules/rule_set.h"

#include "common/error.h"
#include "common/i18n.h"
#include "rules/keyword_rules.h"
#include "rules/rule_cache.h"
#include "rules/rule_source.h"
#include "rules/yara_handles.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>
#include <tuple>

namespace mamori::rules {

// ---- libyara lifetime ------------------------------------------------------

YaraLibrary::YaraLibrary() {
  if (const int rc = yr_initialize(); rc != ERROR_SUCCESS) {
    fail("cannot initialise libyara: {}", yara_error_message(rc));
  }
  // libyara copies up to this many bytes of every match into a notebook
  // whose first page (1,024 matches) it allocates for every scan: 576 KiB
  // at the default of 512. Only offsets and lengths are reported.
  yr_set_configuration_uint32(YR_CONFIG_MAX_MATCH_DATA, 0);
}

YaraLibrary::~YaraLibrary() {
  yr_finalize();
}

std::string yara_error_message(int code) {
  switch (code) {
    case ERROR_INSUFFICIENT_MEMORY:
      return "out of memory";
    case ERROR_COULD_NOT_OPEN_FILE:
      return "could not open file";
    case ERROR_INVALID_FILE:
      return "not a compiled rules file";
    case ERROR_CORRUPT_FILE:
      return "corrupt compiled rules file";
    case ERROR_UNSUPPORTED_FILE_VERSION:
      return "compiled rules of another libyara version";
    case ERROR_SCAN_TIMEOUT:
      return "scan timed out";
    case ERROR_TOO_MANY_MATCHES:
      return "too many matches";
    case ERROR_WRITING_FILE:
      return "could not write file";
    default:
      return fmt::format("libyara error {}", code);
  }
}

std::filesystem::path default_rules_dir() {
  if (const char* env = std::getenv("MAMORI_RULES_DIR");
      env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  const std::filesystem::path installed = MAMORI_INSTALL_RULES_DIR;
  if (std::filesystem::is_directory(installed, ec))
    return installed;
  return MAMORI_SOURCE_RULES_DIR;
}

// ---- RuleSet ---------------------------------------------------------------

struct RuleSet::Impl {
  YaraLibrary library;  // first member: finalised after the rules are freed
  RulesHandle rules;
  std::vector<RuleInfo> infos;  // indexed like rules->rules_table
  bool from_cache = false;
  std::string sources_digest;
};

namespace {

constexpr const char* kGeneratedNamespace = "mamori:register";

// Receives libyara's compiler messages for the source being added.
struct CompileContext {
  Diagnostics* problems = nullptr;
  std::string source;  // file shown in messages
  int errors = 0;
  std::vector<CachedWarning> warnings;  // kept for the cache
};

void on_compiler_message(int level, const char* /*file_name*/, int line,
                         const YR_RULE* /*rule*/, const char* message,
                         void* user_data) noexcept {
  auto* ctx = static_cast<CompileContext*>(user_data);
  try {
    const std::string where = fmt::format("{}:{}", ctx->source, line);
    if (level == YARA_ERROR_LEVEL_ERROR) {
      ++ctx->errors;
      ctx->problems->error_at("rule", where, "{}", message);
    } else {
      ctx->problems->warn_at("rule", where, "{}", message);
      ctx->warnings.push_back({where, message});
    }
  } catch (...) {
    // Out of memory while reporting: count it so the compile still fails.
    ++ctx->errors;
  }
}

CompilerHandle make_compiler(CompileContext& ctx) {
  YR_COMPILER* raw = nullptr;
  if (const int rc = yr_compiler_create(&raw); rc != ERROR_SUCCESS) {
    fail("cannot create a YARA compiler: {}", yara_error_message(rc));
  }
  CompilerHandle compiler(raw);
  yr_compiler_set_callback(compiler.get(), on_compiler_message, &ctx);
  // Every file of a rules directory is loaded anyway, and an included file
  // would escape the cache key: includes are refused.
  yr_compiler_set_include_callback(compiler.get(), nullptr, nullptr, nullptr);
  return compiler;
}

// Compiles all sources. After the first failing source, the shared compiler
// is unusable (libyara's rule), so each later source is checked in a
// compiler of its own: the person sees the errors of every file at once.
RulesHandle compile_sources(const std::vector<RuleSource>& sources,
                            Diagnostics& problems,
                            std::vector<CachedWarning>& warnings,
                            std::vector<bool>& failed_sources) {
  failed_sources.assign(sources.size(), false);
  CompileContext ctx;
  ctx.problems = &problems;
  CompilerHandle shared = make_compiler(ctx);
  bool failed = false;
  for (size_t i = 0; i < sources.size(); ++i) {
    const RuleSource& source = sources[i];
    ctx.source = source.display;
    ctx.errors = 0;
    CompilerHandle scratch;
    YR_COMPILER* compiler = shared.get();
    if (failed) {
      scratch = make_compiler(ctx);
      compiler = scratch.get();
    }
    const char* ns =
        source.generated ? kGeneratedNamespace : source.display.c_str();
    yr_compiler_add_string(compiler, source.text.c_str(), ns);
    if (ctx.errors > 0) {
      failed = true;
      failed_sources[i] = true;
    }
  }
  warnings = std::move(ctx.warnings);
  if (failed)
    return nullptr;
  YR_RULES* raw = nullptr;
  if (const int rc = yr_compiler_get_rules(shared.get(), &raw);
      rc != ERROR_SUCCESS) {
    fail("cannot build the compiled rules: {}", yara_error_message(rc));
  }
  return RulesHandle(raw);
}

std::optional<Severity> read_severity(const YR_META* meta, RuleInfo& info,
                                      Diagnostics& problems) {
  const std::string where =
      info.line > 0 ? fmt::format("{}:{}", info.file, info.line) : info.file;
  if (meta->type == META_TYPE_STRING) {
    if (auto s = parse_severity(meta->string))
      return s;
    problems.warn_at("rule", where,
                     "rule '{}': bad severity '{}' (expected info, low, "
                     "medium, high or critical); ignored",
                     info.name, meta->string);
  } else {
    problems.warn_at("rule", where,
                     "rule '{}': severity must be a string (info, low, "
                     "medium, high or critical); ignored",
                     info.name);
  }
  return std::nullopt;
}

// Fixed strings shorter than this many bytes occur by chance in binary
// files (a 3-byte string about 64 times per GiB of random data).
constexpr int32_t kMinStringBytes = 4;

// A literal string too short to be specific is a warning; the register's
// keywords are checked by the register loader (assets/keyword_check.h).
void report_short_strings(const YR_RULE* rule, const RuleInfo& info,
                          Diagnostics& problems) {
  const YR_STRING* string = nullptr;
  yr_rule_strings_foreach(rule, string) {
    if (!STRING_IS_LITERAL(string) || string->length >= kMinStringBytes)
      continue;
    problems.warn_at(
        "rule", fmt::format("{}:{}", info.file, info.line),
        "rule '{}': string {} is {} byte{}: so short a string occurs by "
        "chance in binary files and ordinary text; a condition on its "
        "position (`at 0`) or a longer string makes the rule specific",
        info.name, string->identifier, string->length,
        string->length == 1 ? "" : "s");
  }
}

// meta `layer`: "bytes", "text" or "any".
void read_layer(const YR_META* meta, RuleInfo& info, Diagnostics& problems) {
  const std::string_view value =
      meta->type == META_TYPE_STRING ? meta->string : "";
  if (value == "bytes") {
    info.layer = RuleLayer::kBytes;
  } else if (value == "text") {
    info.layer = RuleLayer::kText;
  } else if (value == "any") {
    info.layer = RuleLayer::kAny;
  } else {
    problems.warn_at("rule", fmt::format("{}:{}", info.file, info.line),
                     "rule '{}': layer must be \"bytes\", \"text\" or "
                     "\"any\"; taken as \"any\"",
                     info.name);
  }
}

// Describes every compiled rule and reports the problems that libyara does
// not see: tags naming no asset, bad severities or layers, a rule name used
// in more than one file.
std::vector<RuleInfo> describe_rules(YR_RULES* rules,
                                     const std::vector<RuleSource>& sources,
                                     const KeywordRules& keywords,
                                     const assets::Register& reg,
                                     Diagnostics& problems) {
  std::map<std::string, const RuleSource*> by_namespace;
  for (const RuleSource& s : sources) {
    by_namespace[s.generated ? kGeneratedNamespace : s.display] = &s;
  }
  std::vector<RuleInfo> infos;
  const YR_RULE* rule = nullptr;
  yr_rules_foreach(rules, rule) {
    RuleInfo info;
    info.name = rule->identifier;
    const std::string ns = rule->ns->name;
    const auto source = by_namespace.find(ns);
    if (source != by_namespace.end() && !source->second->generated) {
      info.file = source->second->display;
      info.line = source->second->line_of(info.name);
    } else if (const auto strings = keywords.strings.find(info.name);
               ns == kGeneratedNamespace && strings != keywords.strings.end()) {
      info.keyword_strings = strings->second;
    }
    const char* tag = nullptr;
    yr_rule_tags_foreach(rule, tag) {
      info.tags.emplace_back(tag);
      if (reg.find(tag) != nullptr)
        info.assets.emplace_back(tag);
    }
    const YR_META* meta = nullptr;
    yr_rule_metas_foreach(rule, meta) {
      const std::string_view key = meta->identifier;
      if (key == "severity") {
        info.severity = read_severity(meta, info, problems);
      } else if (key == "description" && meta->type == META_TYPE_STRING) {
        info.description = meta->string;
      } else if (key == "description_ja" && meta->type == META_TYPE_STRING) {
        info.description_ja = meta->string;
      } else if (key == "layer") {
        read_layer(meta, info, problems);
      }
    }
    if (!info.file.empty())
      report_short_strings(rule, info, problems);
    infos.push_back(std::move(info));
  }
  return infos;
}

void report_unknown_tags(const std::vector<RuleInfo>& infos,
                         const assets::Register& reg, Diagnostics& problems) {
  for (const RuleInfo& info : infos) {
    for (const std::string& tag : info.tags) {
      if (reg.find(tag) != nullptr)
        continue;
      problems.warn_at("rule", fmt::format("{}:{}", info.file, info.line),
                       "rule '{}': tag '{}' names no declared asset", info.name,
                       tag);
    }
  }
}

void report_duplicate_names(const std::vector<RuleInfo>& infos,
                            Diagnostics& problems) {
  std::map<std::string, const RuleInfo*> first;
  for (const RuleInfo& info : infos) {
    auto [it, fresh] = first.emplace(info.name, &info);
    if (fresh)
      continue;
    const RuleInfo& earlier = *it->second;
    const std::string earlier_where =
        earlier.file.empty() ? std::string("the register's keywords")
                             : fmt::format("{}:{}", earlier.file, earlier.line);
    const std::string where = info.file.empty()
                                  ? std::string()
                                  : fmt::format("{}:{}", info.file, info.line);
    problems.warn_at("rule", where,
                     "duplicate rule name '{}' (also declared at {})",
                     info.name, earlier_where);
  }
}

// When the rule set as a whole fails, the rules that did compile still get
// their tag, severity and duplicate-name checks, so one `rules check` run
// shows every problem of a rules folder, not only the compile errors.
void report_rule_warnings(RulesHandle rules,
                          const std::vector<RuleSource>& sources,
                          const std::vector<bool>& failed,
                          const assets::Register& reg, Diagnostics& problems) {
  std::vector<RuleSource> good;
  const std::vector<RuleSource>* described = &sources;
  if (!rules) {
    for (size_t i = 0; i < sources.size(); ++i) {
      if (!failed[i])
        good.push_back(sources[i]);
    }
    if (good.empty())
      return;
    Diagnostics repeated;  // libyara's warnings were reported already
    std::vector<CachedWarning> unused_warnings;
    std::vector<bool> unused_failed;
    rules = compile_sources(good, repeated, unused_warnings, unused_failed);
    if (!rules)
      return;
    described = &good;
  }
  const std::vector<RuleInfo> infos =
      describe_rules(rules.get(), *described, KeywordRules{}, reg, problems);
  report_unknown_tags(infos, reg, problems);
  report_duplicate_names(infos, problems);
}

// The rule files of `sources` and, when the register has keywords, the
// rules generated from them (`keywords`), last.
std::vector<RuleSource> every_source(const RuleSources& sources,
                                     const assets::Register& reg,
                                     Diagnostics& problems, bool* readable,
                                     KeywordRules& keywords) {
  std::vector<RuleSource> texts = collect_sources(sources, problems, readable);
  keywords = generate_keyword_rule_set(reg);
  if (!keywords.text.empty()) {
    texts.push_back(RuleSource::make_generated(reg.file().string(),
                                               std::move(keywords.text)));
  }
  return texts;
}

}  // namespace

RuleSet::RuleSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

size_t RuleSet::size() const {
  return impl_->infos.size();
}
const RuleInfo& RuleSet::rule(size_t index) const {
  return impl_->infos.at(index);
}
bool RuleSet::from_cache() const {
  return impl_->from_cache;
}

const std::string& RuleInfo::localized_description() const {
  return current_language() == Language::kJapanese && !description_ja.empty()
             ? description_ja
             : description;
}

const std::string& RuleSet::sources_digest() const {
  return impl_->sources_digest;
}

const KeywordString* RuleInfo::keyword_string(std::string_view id) const {
  const auto it =
      std::find_if(keyword_strings.begin(), keyword_strings.end(),
                   [&](const KeywordString& s) { return s.id == id; });
  return it == keyword_strings.end() ? nullptr : &*it;
}

std::optional<RuleSet> RuleSet::compile(const RuleSources& sources,
                                        const assets::Register& reg,
                                        Diagnostics& problems) {
  auto impl = std::make_unique<Impl>();
  bool readable = true;
  // Generated on every run, cached rules or not: the map from a keyword
  // string back to its keyword lives only here.
  KeywordRules keywords;
  const std::vector<RuleSource> texts =
      every_source(sources, reg, problems, &readable, keywords);
  const RuleCache cache(sources.cache_dir, texts, YR_VERSION);
  impl->sources_digest = cache.key();
  std::vector<CachedWarning> warnings;
  if (readable)
    impl->rules = cache.load(&warnings);
  if (impl->rules) {
    impl->from_cache = true;
    for (const CachedWarning& w : warnings) {
      problems.warn_at("rule", w.source, "{}", w.message);
    }
  } else {
    std::vector<bool> failed;
    impl->rules = compile_sources(texts, problems, warnings, failed);
    if (!impl->rules || !readable) {
      report_rule_warnings(std::move(impl->rules), texts, failed, reg,
                           problems);
      return std::nullopt;
    }
    cache.store(impl->rules.get(), warnings, problems);
  }
  impl->infos =
      describe_rules(impl->rules.get(), texts, keywords, reg, problems);
  report_unknown_tags(impl->infos, reg, problems);
  report_duplicate_names(impl->infos, problems);
  return RuleSet(std::move(impl));
}

bool RuleSet::check(const RuleSources& sources, const assets::Register& reg,
                    Diagnostics& problems) {
  {
    Diagnostics unused;  // compile() below reports what matters again
    bool readable = true;
    KeywordRules keywords;
    const std::vector<RuleSource> texts =
        every_source(sources, reg, unused, &readable, keywords);
    if (readable &&
        RuleCache(sources.cache_dir, texts, YR_VERSION).has_entry()) {
      return true;
    }
  }
  Diagnostics found;
  const bool compiles = compile(sources, reg, found).has_value();
  for (Notice& n : found.sorted()) {
    if (n.level == Level::kError)
      problems.add(std::move(n));
  }
  return compiles;
}

// ---- Scanner ---------------------------------------------------------------

namespace {

// What the scan callback needs; lives in Scanner::Impl, whose address is
// stable (pImpl), because libyara keeps a pointer to it.
struct ScanState {
  const YR_RULE* table = nullptr;  // rules->rules_table
  const std::vector<RuleInfo>* infos = nullptr;
  std::vector<RuleMatch> matches;
};

// The string matches of a matching rule, within kMatchesPerString and
// kMatchesPerRule. libyara keeps each string's matches sorted by offset.
void collect_strings(YR_SCAN_CONTEXT* context, const YR_RULE* rule,
                     RuleMatch& out) {
  std::vector<std::vector<StringMatch>> per_string;
  uint64_t total = 0;
  const YR_STRING* string = nullptr;
  yr_rule_strings_foreach(rule, string) {
    std::vector<StringMatch> first;
    // libyara's own loop (yr_string_matches_foreach) reads YR_MATCH
    // records in place, and its arena does not align them: each is copied
    // out before it is read.
    for (const YR_MATCH* at = context->matches[string->idx].head;
         at != nullptr;) {
      YR_MATCH match;
      std::memcpy(&match, at, sizeof match);
      at = match.next;
      if (match.is_private)
        continue;
      ++total;
      if (first.size() < kMatchesPerString) {
        first.push_back({string->identifier,
                         static_cast<uint64_t>(match.base + match.offset),
                         static_cast<uint64_t>(match.match_length)});
      }
    }
    if (!first.empty())
      per_string.push_back(std::move(first));
  }
  for (size_t round = 0; round < kMatchesPerString; ++round) {
    for (const std::vector<StringMatch>& matches : per_string) {
      if (round < matches.size() && out.strings.size() < kMatchesPerRule)
        out.strings.push_back(matches[round]);
    }
  }
  std::sort(out.strings.begin(), out.strings.end(),
            [](const StringMatch& a, const StringMatch& b) {
              return std::tie(a.offset, a.id) < std::tie(b.offset, b.id);
            });
  out.strings_omitted = total - out.strings.size();
}

int on_scan_message(YR_SCAN_CONTEXT* context, int message, void* message_data,
                    void* user_data) noexcept {
  if (message != CALLBACK_MSG_RULE_MATCHING)
    return CALLBACK_CONTINUE;
  auto* state = static_cast<ScanState*>(user_data);
  const auto* rule = static_cast<const YR_RULE*>(message_data);
  const auto index = static_cast<size_t>(rule - state->table);
  if (index >= state->infos->size())
    return CALLBACK_CONTINUE;
  try {
    RuleMatch match;
    match.rule = &(*state->infos)[index];
    collect_strings(context, rule, match);
    state->matches.push_back(std::move(match));
  } catch (...) {
    return CALLBACK_ERROR;  // out of memory: the scan reports an error
  }
  return CALLBACK_CONTINUE;
}

}  // namespace

// No YaraLibrary reference here: libyara's init count is not atomic, and
// scanners may be made on worker threads; the RuleSet, which must outlive
// its scanners, holds libyara up.
struct Scanner::Impl {
  ScanState state;
  ScannerHandle scanner;
};

Scanner::Scanner(const RuleSet& rules, int timeout_seconds)
    : impl_(std::make_unique<Impl>()) {
  impl_->state.table = rules.impl_->rules->rules_table;
  impl_->state.infos = &rules.impl_->infos;
  YR_SCANNER* raw = nullptr;
  if (const int rc = yr_scanner_create(rules.impl_->rules.get(), &raw);
      rc != ERROR_SUCCESS) {
    fail("cannot create a YARA scanner: {}", yara_error_message(rc));
  }
  impl_->scanner.reset(raw);
  yr_scanner_set_callback(raw, on_scan_message, &impl_->state);
  yr_scanner_set_timeout(raw, std::max(timeout_seconds, 0));
}

Scanner::~Scanner() = default;
Scanner::Scanner(Scanner&&) noexcept = default;
Scanner& Scanner::operator=(Scanner&&) noexcept = default;

ScanResult Scanner::scan(std::span<const std::byte> data, ScanInput input) {
  impl_->state.matches.clear();
  const int rc = yr_scanner_scan_mem(
      impl_->scanner.get(), reinterpret_cast<const uint8_t*>(data.data()),
      data.size());
  ScanResult result;
  result.matches = std::move(impl_->state.matches);
  impl_->state.matches.clear();
  std::erase_if(result.matches, [input](const RuleMatch& match) {
    switch (input) {
      case ScanInput::kBinary:
        return match.rule->layer == RuleLayer::kText;
      case ScanInput::kExtractedText:
        return match.rule->layer == RuleLayer::kBytes;
      case ScanInput::kTextFile:
        return false;
    }
    return false;
  });
  std::sort(result.matches.begin(), result.matches.end(),
            [](const RuleMatch& a, const RuleMatch& b) {
              return std::tie(a.rule->name, a.rule->file) <
                     std::tie(b.rule->name, b.rule->file);
            });
  if (rc == ERROR_SCAN_TIMEOUT) {
    result.timed_out = true;
  } else if (rc == ERROR_COULD_NOT_MAP_FILE) {
    result.unreadable = true;
  } else if (rc != ERROR_SUCCESS) {
    result.error = yara_error_message(rc);
  }
  return result;
}

}  // namespace mamori::rules

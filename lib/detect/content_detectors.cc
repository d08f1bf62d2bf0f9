// Turns content hits into findings: content_match, hash_match,
// similar_file, staged_archive (one per archive, members as evidence) and
// encrypted_archive. Pure: no I/O.
#include "detect/content_detectors.h"

#include "common/i18n.h"
#include "common/text.h"
#include "detect/log_util.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <set>

namespace mamori::detect {
namespace fs = std::filesystem;
namespace {

using content::ArchiveInfo;
using content::Location;
using content::ObjectHit;

bool is_prefix(const Location& prefix, const Location& loc) {
  return prefix.size() < loc.size() &&
         std::equal(prefix.begin(), prefix.end(), loc.begin());
}

std::string display(const Location& loc) {
  return escape_for_display(fmt::format("{}", fmt::join(loc, " > ")));
}

int sensitivity_points(const assets::Asset& a) {
  int p = a.sensitivity == assets::Sensitivity::kCore           ? 75
          : a.sensitivity == assets::Sensitivity::kConfidential ? 55
                                                                : 35;
  return a.export_controlled ? p + 5 : p;
}

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

std::vector<std::string> hit_assets(const ObjectHit& hit) {
  std::vector<std::string> ids = hit.hash_assets;
  for (const assets::Resemblance& r : hit.similar)
    ids.push_back(r.asset);
  for (const auto& r : hit.rules) {
    ids.insert(ids.end(), r.assets.begin(), r.assets.end());
  }
  return sorted_unique(std::move(ids));
}

std::vector<std::string> hit_rules(const ObjectHit& hit) {
  std::vector<std::string> names;
  for (const auto& r : hit.rules)
    names.push_back(r.rule);
  return names;
}

// Reasons naming keywords, at most this many per finding; the rest are
// counted in one more reason (every match is in the evidence).
constexpr size_t kKeywordReasons = 5;

// Adds to `reasons` those that name the register's keywords a finding's
// objects matched: one per keyword, encoding and layer, naming the first
// object it was found in and counting the others, kKeywordReasons at
// most, then one that counts the rest.
class KeywordReasons {
 public:
  explicit KeywordReasons(std::vector<std::string>& reasons)
      : reasons_(reasons) {}

  // `where`: the object as the reason names it ("a.doc", "member x.doc").
  void add(const content::RuleHit& rule, const std::string& where) {
    for (const content::StringMatch& m : rule.strings) {
      if (m.keyword.empty())
        continue;
      const std::string keyword = escape_for_display(m.keyword);
      const std::string layer =
          m.layer == "text" ? tr("text") : std::string(tr("bytes"));
      std::string what =
          m.encoding.empty()
              ? trf("keyword \"{keyword}\" in {layer}",
                    fmt::arg("keyword", keyword), fmt::arg("layer", layer))
              : trf("keyword \"{keyword}\" ({encoding}) in {layer}",
                    fmt::arg("keyword", keyword),
                    fmt::arg("encoding", m.encoding), fmt::arg("layer", layer));
      auto found = std::find_if(found_.begin(), found_.end(),
                                [&](const Found& f) { return f.what == what; });
      if (found == found_.end()) {
        found_.push_back({std::move(what), where, {}});
      } else if (found->first != where) {
        found->others.insert(where);
      }
    }
  }
  void finish() {
    for (size_t i = 0; i < std::min(found_.size(), kKeywordReasons); ++i) {
      const Found& f = found_[i];
      std::string reason =
          f.others.empty() ? trf("{what} of {place}", fmt::arg("what", f.what),
                                 fmt::arg("place", f.first))
                           : trnf("{what} of {place} and {count} more member",
                                  "{what} of {place} and {count} more members",
                                  f.others.size(), fmt::arg("what", f.what),
                                  fmt::arg("place", f.first),
                                  fmt::arg("count", f.others.size()));
      reasons_.push_back(std::move(reason));
    }
    if (found_.size() > kKeywordReasons) {
      const size_t more = found_.size() - kKeywordReasons;
      reasons_.push_back(trnf("{count} more keyword match in the evidence",
                              "{count} more keyword matches in the evidence",
                              more, fmt::arg("count", more)));
    }
  }

 private:
  struct Found {
    std::string what;  // keyword "K" (CP932) in bytes
    std::string first;
    std::set<std::string> others;
  };
  std::vector<std::string>& reasons_;
  std::vector<Found> found_;
};

// An object as a reason names it: a file by its path, anything inside a
// container as "member" and its path below `outer` elements.
std::string reason_place(const Location& loc, size_t outer) {
  if (loc.size() <= 1)
    return display(loc);
  const Location inner(loc.begin() + static_cast<std::ptrdiff_t>(
                                         std::min(outer, loc.size() - 1)),
                       loc.end());
  return trf("member {member}", fmt::arg("member", display(inner)));
}

// Every string match of an object's rules, as evidence.
std::vector<MatchEvidence> hit_matches(const ObjectHit& hit,
                                       uint64_t& omitted) {
  std::vector<MatchEvidence> out;
  omitted = 0;
  for (const content::RuleHit& r : hit.rules) {
    for (const content::StringMatch& m : r.strings) {
      out.push_back({r.rule, m.id, m.keyword, m.encoding, m.layer, m.offset,
                     m.length, m.excerpt});
    }
    omitted += r.strings_omitted;
  }
  return out;
}

// The detector an object's finding is of: an exact copy of a declared file
// (hash_match), else a near copy (similar_file, which says more about
// what the object is than a rule does), else content_match.
std::string object_detector(const ObjectHit& hit) {
  if (!hit.hash_assets.empty())
    return "hash_match";
  return hit.similar.empty() ? "content_match" : "similar_file";
}

// The declared file a resemblance names: "drawings/k12.svg", or its part
// "spec.docx > word/document.xml".
std::string declared_file(const assets::Resemblance& r) {
  return escape_for_display(r.part.empty() ? r.file : r.file + " > " + r.part);
}

// The points of a near copy: its asset's, as hash_match gives them for an
// exact copy, less a point for each 4 the similarity score is below 100
// (at the default threshold of 50, 12 fewer).
int similar_points(const assets::Asset& a, int score) {
  return sensitivity_points(a) + 5 - (100 - score) / 4;
}

// The evidence record of one matching object. hash_match wins over
// content_match here as it does for the object's own finding.
ContentEvidence evidence_of(const ObjectHit& hit,
                            std::vector<std::string> assets,
                            std::vector<std::string> rules) {
  ContentEvidence e;
  e.location = hit.location;
  e.detector = object_detector(hit);
  e.assets = std::move(assets);
  e.rules = std::move(rules);
  e.sha256 = hit.sha256;
  e.size = hit.size;
  e.matches = hit_matches(hit, e.matches_omitted);
  return e;
}

// The score of one object's matches: the strongest of its rules' declared
// severities and its assets' sensitivities. Each rule's reason is followed
// by the keywords it matched, when `keywords` is given.
int object_points(const ObjectHit& hit, const assets::Register& reg,
                  std::vector<std::string>& reasons,
                  KeywordReasons* keywords = nullptr) {
  int points = 0;
  for (const auto& r : hit.rules) {
    int p = r.severity ? base_score(*r.severity) : 50;
    std::string why = r.description.empty()
                          ? trf("matches rule {rule}", fmt::arg("rule", r.rule))
                          : trf("matches rule {rule} ({description})",
                                fmt::arg("rule", r.rule),
                                fmt::arg("description", r.description));
    for (const std::string& id : r.assets) {
      if (const assets::Asset* a = reg.find(id)) {
        p = std::max(p, sensitivity_points(*a));
        why += trf(" of asset {asset}", fmt::arg("asset", asset_label(*a)));
      }
    }
    reasons.push_back(std::move(why));
    if (keywords != nullptr)
      keywords->add(r, reason_place(hit.location, 1));
    points = std::max(points, p);
  }
  for (const std::string& id : hit.hash_assets) {
    if (const assets::Asset* a = reg.find(id)) {
      points = std::max(points, sensitivity_points(*a) + 5);
      reasons.push_back(trf("SHA-256 is a declared file of asset {asset}",
                            fmt::arg("asset", id)));
    }
  }
  for (const assets::Resemblance& r : hit.similar) {
    if (const assets::Asset* a = reg.find(r.asset)) {
      points = std::max(points, similar_points(*a, r.score));
      reasons.push_back(
          r.layer == "text"
              ? trf("its text resembles {file}, a declared file of asset "
                    "{asset}: ssdeep score {score} of 100",
                    fmt::arg("file", declared_file(r)),
                    fmt::arg("asset", asset_label(*a)),
                    fmt::arg("score", r.score))
              : trf("its bytes resemble {file}, a declared file of asset "
                    "{asset}: ssdeep score {score} of 100",
                    fmt::arg("file", declared_file(r)),
                    fmt::arg("asset", asset_label(*a)),
                    fmt::arg("score", r.score)));
    }
  }
  return points;
}

std::string asset_names(const std::vector<std::string>& ids,
                        const assets::Register& reg) {
  std::vector<std::string> names;
  for (const std::string& id : ids) {
    const assets::Asset* a = reg.find(id);
    names.push_back(a != nullptr && !a->name.empty()
                        ? fmt::format("{} ({})", id, a->name)
                        : id);
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

// One finding per object: hash_match when it is a copy of a declared file
// (the stronger proof; any rule it matched is in its reasons too), else
// content_match.
Finding object_finding(const ObjectHit& hit, const assets::Register& reg,
                       const std::vector<fs::path>& roots) {
  Finding f;
  f.detector = object_detector(hit);
  f.assets = hit_assets(hit);
  f.rules = hit_rules(hit);
  f.location = hit.location;
  f.sha256 = hit.sha256;
  f.size = hit.size;
  KeywordReasons keywords(f.reasons);
  f.set_score(object_points(hit, reg, f.reasons, &keywords));
  keywords.finish();
  if (f.detector == "similar_file") {
    f.title = trf("{place} resembles {file} of {assets}",
                  fmt::arg("place", display(hit.location)),
                  fmt::arg("file", declared_file(hit.similar.front())),
                  fmt::arg("assets", asset_names(f.assets, reg)));
  } else {
    f.title = f.assets.empty()
                  ? trf("{place} matches {rules}",
                        fmt::arg("place", display(hit.location)),
                        fmt::arg("rules", fmt::join(f.rules, ", ")))
                  : trf("{place} holds {assets}",
                        fmt::arg("place", display(hit.location)),
                        fmt::arg("assets", asset_names(f.assets, reg)));
  }
  f.evidence_total = 1;
  f.content_evidence.push_back(evidence_of(hit, f.assets, f.rules));
  f.id = make_id(f.detector, stable_key(hit.location, hit.sha256, roots));
  return f;
}

// The outermost non-document archive that holds `loc`, if any.
const ArchiveInfo* outer_archive(const Location& loc,
                                 const std::vector<ArchiveInfo>& archives) {
  const ArchiveInfo* best = nullptr;
  for (const ArchiveInfo& a : archives) {
    if (a.document || !is_prefix(a.location, loc))
      continue;
    if (best == nullptr || a.location.size() < best->location.size())
      best = &a;
  }
  return best;
}

Finding staged_finding(const ArchiveInfo& archive,
                       const std::vector<const ObjectHit*>& members,
                       const assets::Register& reg,
                       const std::vector<fs::path>& roots,
                       size_t max_evidence) {
  Finding f;
  std::vector<std::string> all_assets;
  std::vector<std::string> all_rules;
  std::vector<std::string> keyword_reasons;  // after the summary reason
  KeywordReasons keywords(keyword_reasons);
  int points = 0;
  for (const ObjectHit* hit : members) {
    const auto ids = hit_assets(*hit);
    all_assets.insert(all_assets.end(), ids.begin(), ids.end());
    const auto names = hit_rules(*hit);
    all_rules.insert(all_rules.end(), names.begin(), names.end());
    std::vector<std::string> ignored;
    points = std::max(points, object_points(*hit, reg, ignored));
    for (const content::RuleHit& r : hit->rules)
      keywords.add(r, reason_place(hit->location, archive.location.size()));
    if (f.content_evidence.size() < max_evidence)
      f.content_evidence.push_back(evidence_of(*hit, ids, names));
  }
  f.assets = sorted_unique(std::move(all_assets));
  f.rules = sorted_unique(std::move(all_rules));
  f.location = archive.location;
  f.sha256 = archive.sha256;
  f.size = archive.size;
  f.evidence_total = members.size();
  const size_t core = static_cast<size_t>(std::count_if(
      f.assets.begin(), f.assets.end(), [&](const std::string& id) {
        const assets::Asset* a = reg.find(id);
        return a != nullptr && a->sensitivity == assets::Sensitivity::kCore;
      }));
  if (f.assets.empty()) {
    f.detector = "content_match";
    f.title = trnf("{place} holds {count} member matching {rules}",
                   "{place} holds {count} members matching {rules}",
                   members.size(), fmt::arg("place", display(archive.location)),
                   fmt::arg("count", members.size()),
                   fmt::arg("rules", fmt::join(f.rules, ", ")));
    f.reasons.push_back(trf("{count} of {total} members match general rules",
                            fmt::arg("count", members.size()),
                            fmt::arg("total", archive.members)));
  } else {
    f.detector = "staged_archive";
    // Collection staged for carrying out weighs more than one file.
    points += 5 + (f.assets.size() > 1 ? 5 : 0);
    f.title =
        core == f.assets.size()
            ? trnf("{place} holds files of {count} core asset",
                   "{place} holds files of {count} core assets",
                   f.assets.size(),
                   fmt::arg("place", display(archive.location)),
                   fmt::arg("count", f.assets.size()))
            : trnf("{place} holds files of {count} asset",
                   "{place} holds files of {count} assets", f.assets.size(),
                   fmt::arg("place", display(archive.location)),
                   fmt::arg("count", f.assets.size()));
    f.reasons.push_back(trf("{count} of {total} members match assets {assets}",
                            fmt::arg("count", members.size()),
                            fmt::arg("total", archive.members),
                            fmt::arg("assets", fmt::join(f.assets, ", "))));
  }
  keywords.finish();
  f.reasons.insert(f.reasons.end(), keyword_reasons.begin(),
                   keyword_reasons.end());
  f.set_score(points);
  f.id =
      make_id(f.detector, stable_key(archive.location, archive.sha256, roots));
  return f;
}

// Member names of an encrypted archive, matched against the register where
// the format shows them: an asset keyword in the name, or a path that lies
// under the last literal folder of an asset glob ("mlcc/..." for
// "//fs01/rd/mlcc/**").
std::vector<std::string> assets_by_name(const std::string& member,
                                        const assets::Register& reg) {
  std::vector<std::string> ids;
  const std::string lower = to_lower(member);
  for (const assets::Asset& a : reg.assets()) {
    bool hit = std::any_of(
        a.keywords.begin(), a.keywords.end(), [&](const std::string& k) {
          return !k.empty() && lower.find(to_lower(k)) != std::string::npos;
        });
    for (const PathGlob& glob : a.paths) {
      if (hit)
        break;
      const std::string& p = glob.pattern();
      const size_t wild = p.find_first_of("*?[");
      const size_t cut =
          p.rfind('/', wild == std::string::npos ? p.size() : wild);
      if (cut == std::string::npos || cut == 0)
        continue;
      const size_t dir_start = p.rfind('/', cut - 1);
      const std::string dir = p.substr(dir_start + 1, cut - dir_start - 1);
      if (dir.empty())
        continue;
      // Built by appending: GCC 12 warns falsely (-Wrestrict) on "/" + s.
      std::string needle(1, '/');
      needle += to_lower(dir);
      needle += '/';
      std::string probe(1, '/');
      probe += lower;
      const size_t at = probe.find(needle);
      if (at == std::string::npos)
        continue;
      hit =
          glob.matches(p.substr(0, cut) + probe.substr(at + needle.size() - 1));
    }
    if (hit)
      ids.push_back(a.id);
  }
  return ids;
}

Finding encrypted_finding(const ArchiveInfo& archive,
                          const assets::Register& reg,
                          const std::vector<fs::path>& roots,
                          size_t max_evidence) {
  Finding f;
  f.detector = "encrypted_archive";
  f.location = archive.location;
  f.sha256 = archive.sha256;
  f.size = archive.size;
  int points = 45;
  f.reasons.push_back(
      archive.encrypted_members.empty()
          ? std::string(tr("encrypted: its members could not be read"))
          : trnf("encrypted: {count} member could not be read",
                 "encrypted: {count} members could not be read",
                 archive.encrypted_members.size(),
                 fmt::arg("count", archive.encrypted_members.size())));
  std::vector<std::string> all;
  for (const std::string& member : archive.encrypted_members) {
    const auto ids = assets_by_name(member, reg);
    all.insert(all.end(), ids.begin(), ids.end());
    if (ids.empty())
      continue;
    ++f.evidence_total;
    if (f.content_evidence.size() < max_evidence) {
      Location loc = archive.location;
      loc.push_back(member);
      f.content_evidence.push_back({loc, "encrypted_archive", ids, {}, {}, 0});
    }
  }
  f.assets = sorted_unique(std::move(all));
  if (!f.assets.empty()) {
    int best = 0;
    for (const std::string& id : f.assets) {
      best = std::max(best, sensitivity_points(*reg.find(id)));
    }
    points = best + 5;
    f.reasons.push_back(trnf("{count} member name points to assets {assets}",
                             "{count} member names point to assets {assets}",
                             f.evidence_total,
                             fmt::arg("count", f.evidence_total),
                             fmt::arg("assets", fmt::join(f.assets, ", "))));
  }
  f.set_score(points);
  f.title =
      f.assets.empty()
          ? trf("{place} is encrypted; its contents could not be checked",
                fmt::arg("place", display(archive.location)))
          : trf("{place} is encrypted and its member names point to {assets}",
                fmt::arg("place", display(archive.location)),
                fmt::arg("assets", asset_names(f.assets, reg)));
  f.id =
      make_id(f.detector, stable_key(archive.location, archive.sha256, roots));
  return f;
}

}  // namespace

std::vector<std::string> stable_key(const content::Location& location,
                                    const std::string& sha256,
                                    const std::vector<fs::path>& roots) {
  std::vector<std::string> key(location.begin(), location.end());
  if (key.empty())
    return key;
  const fs::path file = fs::path(key.front()).lexically_normal();
  std::optional<fs::path> best;
  size_t best_length = 0;
  for (const fs::path& given : roots) {
    const fs::path root = given.lexically_normal();
    fs::path relative =
        file == root ? file.filename() : file.lexically_relative(root);
    if (relative.empty() || *relative.begin() == "..")
      continue;
    const size_t length = root.native().size();
    if (!best || length > best_length) {
      best = std::move(relative);
      best_length = length;
    }
  }
  if (best)
    key.front() = best->string();
  key.push_back(sha256);
  return key;
}

std::vector<Finding> detect_from_content(const content::Results& results,
                                         const assets::Register& reg,
                                         const std::vector<fs::path>& roots,
                                         size_t max_evidence) {
  std::vector<Finding> findings;
  std::map<const ArchiveInfo*, std::vector<const ObjectHit*>> staged;
  // The parts of an exact copy resemble the declared file's parts: the
  // copy's hash_match says it all.
  std::vector<const Location*> copies;
  for (const ObjectHit& hit : results.hits) {
    if (!hit.hash_assets.empty())
      copies.push_back(&hit.location);
  }
  for (const ObjectHit& hit : results.hits) {
    if (hit.rules.empty() && hit.hash_assets.empty() &&
        std::any_of(copies.begin(), copies.end(), [&](const Location* c) {
          return is_prefix(*c, hit.location);
        }))
      continue;
    if (const ArchiveInfo* archive =
            outer_archive(hit.location, results.archives)) {
      staged[archive].push_back(&hit);
      continue;
    }
    if (!hit.rules.empty() || !hit.hash_assets.empty() || !hit.similar.empty())
      findings.push_back(object_finding(hit, reg, roots));
  }
  for (const auto& [archive, members] : staged) {
    findings.push_back(
        staged_finding(*archive, members, reg, roots, max_evidence));
  }
  for (const ArchiveInfo& archive : results.archives) {
    if (archive.encrypted)
      findings.push_back(encrypted_finding(archive, reg, roots, max_evidence));
  }
  return findings;
}

}  // namespace mamori::detect

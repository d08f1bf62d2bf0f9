#include "detect/person_context.h"

#include <fmt/format.h>

namespace mamori::detect {

ContextScore score_context(const people::Person* person, Timestamp at,
                           const Settings& settings) {
  ContextScore out;
  if (person == nullptr)
    return out;
  PersonContext ctx;
  ctx.employment = std::string(people::to_string(person->employment));
  ctx.department = person->department;
  ctx.end_date = person->end_date;
  const bool contract_staff =
      person->employment == people::Employment::kDispatched ||
      person->employment == people::Employment::kContractor;
  if (person->end_date) {
    const int days = days_between(at, *person->end_date);
    ctx.days_to_end = days;
    const std::string ends = contract_staff ? "contract ends" : "leaves";
    const std::string kind = fmt::format("{}", ctx.employment);
    if (days < 0 && -days <= settings.departed_days) {
      out.points += 35;
      out.reasons.push_back(fmt::format(
          "after the last working day {} ({} day{} ago, {})",
          format_date(*person->end_date), -days, -days == 1 ? "" : "s", kind));
    } else if (days < 0) {
      out.points += 35;
      out.reasons.push_back(
          fmt::format("long after the last working day {} ({})",
                      format_date(*person->end_date), kind));
    } else if (days <= settings.departing_days) {
      out.points += 25;
      out.reasons.push_back(fmt::format("{} {}, in {} day{} ({})", ends,
                                        format_date(*person->end_date), days,
                                        days == 1 ? "" : "s", kind));
    }
  }
  if (contract_staff && out.points > 0)
    out.points += 5;
  out.context = std::move(ctx);
  return out;
}

}  // namespace mamori::detect

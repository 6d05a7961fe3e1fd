#include "models/scenario/scenario_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <cmath>

#include "models/scenario/communication_section.h"
#include "models/scenario/dated_section.h"
#include "models/scenario/json_checker.h"
#include "models/scenario/lever_section.h"
#include "models/scenario/number_ranges.h"
#include "models/scenario/open_cases.h"
#include "models/scenario/pathway_graph.h"
#include "models/scenario/pointer_token.h"
#include "models/scenario/scenario_document.h"
#include "models/scenario/left_out_section.h"
#include "models/scenario/scenario_warnings.h"
#include "sim/calendar.h"

namespace models {

namespace fs = std::filesystem;

namespace loading {
namespace {

// ---- Sections -------------------------------------------------------------------

std::optional<sim::Distribution> read_distribution(const Json& j, const std::string& ptr,
                                                   Checker& check) {
  const char* kExpected =
      "a number of days, or an object with one key: fixed, exponential, lognormal, gamma, "
      "weibull, triangular, uniform, empirical or histogram";
  if (j.is_number()) {
    auto v = check.number_value(j, ptr, non_negative, "a number of days >= 0");
    if (!v) return std::nullopt;
    return sim::Distribution::fixed(*v);
  }
  if (j.is_object() && j.size() > 1) {
    std::string keys;
    for (const auto& [key, value] : j.items()) keys += (keys.empty() ? "" : ", ") + key;
    check.error(ptr, fmt::format("has {} kinds ({}); expected exactly one. In a file that "
                                 "extends another, delete the old kind with null, e.g. "
                                 "{{\"lognormal\": null, \"gamma\": {{...}}}}",
                                 j.size(), keys));
    return std::nullopt;
  }
  if (!j.is_object() || j.size() != 1) {
    check.error(ptr, fmt::format("expected {}, got {}", kExpected, shown_value(j)));
    return std::nullopt;
  }
  const std::string kind = j.begin().key();
  const Json& p = j.begin().value();
  const std::string here = ptr + "/" + escape_pointer_token(kind);
  const std::vector<std::string> kinds = {"fixed",   "exponential", "lognormal",
                                          "gamma",   "weibull",     "triangular",
                                          "uniform", "empirical",   "histogram"};
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    check.error(here, fmt::format("unknown distribution '{}'{}; expected {}", kind,
                                  suggestion(kind, kinds), kExpected));
    return std::nullopt;
  }
  try {
    if (kind == "fixed") {
      auto v = check.number_value(p, here, non_negative, "a number of days >= 0");
      return v ? std::optional(sim::Distribution::fixed(*v)) : std::nullopt;
    }
    if (kind == "empirical") {
      if (!p.is_array() || p.empty()) {
        check.error(here, "expected an array of at least one observed duration in days");
        return std::nullopt;
      }
      auto values = check.number_values(p, here, non_negative, "a number of days >= 0");
      return values ? std::optional(sim::Distribution::empirical(*values)) : std::nullopt;
    }
    if (!p.is_object()) {
      check.error(here, fmt::format("expected an object of parameters, got {}", type_name(p)));
      return std::nullopt;
    }
    auto num = [&](const char* key, bool (*valid)(double), const char* expected) {
      return check.number(p, here, key, true, valid, expected);
    };
    if (kind == "exponential") {
      check.allow_keys(p, here, {"mean"});
      auto mean = num("mean", positive, "a mean in days > 0");
      return mean ? std::optional(sim::Distribution::exponential(*mean)) : std::nullopt;
    }
    if (kind == "lognormal") {
      if (p.contains("mu") || p.contains("sigma")) {
        check.allow_keys(p, here, {"mu", "sigma"});
        auto mu = num("mu", any_number, "the mean of log(days)");
        auto sigma = num("sigma", positive, "the standard deviation of log(days), > 0");
        return mu && sigma ? std::optional(sim::Distribution::lognormal(*mu, *sigma))
                           : std::nullopt;
      }
      check.allow_keys(p, here, {"median", "p90"});
      auto median = num("median", positive, "the median in days, > 0");
      auto p90 = num("p90", positive, "the 90th percentile in days, > median");
      if (median && p90 && *p90 <= *median) {
        check.error(here + "/p90", fmt::format("{} is not above the median {}; expected the 90th "
                                               "percentile to be greater than the median",
                                               *p90, *median));
        return std::nullopt;
      }
      return median && p90
                 ? std::optional(sim::Distribution::lognormal_from_median_p90(*median, *p90))
                 : std::nullopt;
    }
    if (kind == "gamma" || kind == "weibull") {
      check.allow_keys(p, here, {"shape", "scale"});
      auto shape = num("shape", positive, "a shape > 0");
      auto scale = num("scale", positive, "a scale in days > 0");
      if (!shape || !scale) return std::nullopt;
      return kind == "gamma" ? sim::Distribution::gamma(*shape, *scale)
                             : sim::Distribution::weibull(*shape, *scale);
    }
    if (kind == "triangular") {
      check.allow_keys(p, here, {"min", "mode", "max"});
      auto lo = num("min", non_negative, "the minimum in days, >= 0");
      auto mode = num("mode", non_negative, "the most likely value in days");
      auto hi = num("max", non_negative, "the maximum in days");
      if (!lo || !mode || !hi) return std::nullopt;
      if (!(*lo <= *mode && *mode <= *hi && *lo < *hi)) {
        check.error(here, fmt::format("min {}, mode {}, max {}: expected min <= mode <= max and "
                                      "min < max",
                                      *lo, *mode, *hi));
        return std::nullopt;
      }
      return sim::Distribution::triangular(*lo, *mode, *hi);
    }
    if (kind == "uniform") {
      check.allow_keys(p, here, {"min", "max"});
      auto lo = num("min", non_negative, "the minimum in days, >= 0");
      auto hi = num("max", non_negative, "the maximum in days");
      if (!lo || !hi) return std::nullopt;
      if (*hi <= *lo) {
        check.error(here + "/max",
                    fmt::format("{} is not above min {}; expected max > min", *hi, *lo));
        return std::nullopt;
      }
      return sim::Distribution::uniform(*lo, *hi);
    }
    // histogram
    check.allow_keys(p, here, {"edges", "weights"});
    std::vector<double> edges, weights;
    for (const char* key : {"edges", "weights"}) {
      if (!p.contains(key) || !p[key].is_array()) {
        check.error(here + "/" + key, "missing or not an array; expected an array of numbers");
        return std::nullopt;
      }
      for (std::size_t i = 0; i < p[key].size(); ++i) {
        auto v = check.number_value(p[key][i], here + "/" + key + "/" + std::to_string(i),
                                    non_negative, "a number >= 0");
        if (!v) return std::nullopt;
        (std::string_view(key) == "edges" ? edges : weights).push_back(*v);
      }
    }
    return sim::Distribution::histogram(edges, weights);
  } catch (const std::invalid_argument& e) {
    check.error(here, e.what());
    return std::nullopt;
  }
}

// The value at a JSON pointer, or null if there is none (or it is malformed).
template <class J>  // Json or const Json
J* at_pointer(J& root, const std::string& pointer) {
  try {
    const Json::json_pointer ptr(pointer);
    return root.contains(ptr) ? &root.at(ptr) : nullptr;
  } catch (const Json::exception&) {
    return nullptr;
  }
}

// Multiplies every number in `j`; returns how many there were.
std::size_t scale_numbers(Json& j, double factor) {
  if (j.is_number_integer()) {
    // Counts stay whole: 40,000 officers x 1.25 is 50,000, not 50000.0.
    j = static_cast<std::int64_t>(std::llround(j.get<double>() * factor));
    return 1;
  }
  if (j.is_number()) {
    j = j.get<double>() * factor;
    return 1;
  }
  std::size_t n = 0;
  if (j.is_structured())
    for (auto& child : j) n += scale_numbers(child, factor);
  return n;
}

void read_meta(const Json& root, Checker& check, Meta& meta) {
  const Json* m = check.object(root, "", "meta", true);
  if (!m) return;
  const std::string p = "/meta";
  check.allow_keys(*m, p,
                   {"name", "description", "start_date", "horizon_days", "warmup_days",
                    "follow_up_days", "replications", "seed", "notes", "assumptions", "levers"});
  if (auto v = check.string(*m, p, "name", true, "a short name for the scenario")) meta.name = *v;
  if (auto v = check.string(*m, p, "description", false)) meta.description = *v;
  if (auto v = check.date(*m, p, "start_date", true)) {
    // The working-day calendar knows England and Wales bank holidays from 1900.
    const int year = static_cast<int>(std::chrono::year_month_day(*v).year());
    if (year < 1900 || year > 2200)
      check.error(p + "/start_date", fmt::format("{} is out of range; expected a date from "
                                                 "1900-01-01 to 2200-12-31",
                                                 sim::to_iso(*v)));
    meta.start_date = *v;
  }
  if (auto v = check.number(*m, p, "horizon_days", false, up_to_a_century,
                            "a number of days > 0 and at most 36525 (a century)"))
    meta.horizon_days = *v;
  if (auto v = check.number(*m, p, "warmup_days", false, non_negative, "a number of days >= 0"))
    meta.warmup_days = *v;
  if (meta.warmup_days >= meta.horizon_days)
    check.error(
        p + "/warmup_days",
        fmt::format("{} is not shorter than horizon_days {}; expected a warm-up that leaves "
                    "time to observe",
                    meta.warmup_days, meta.horizon_days));
  if (auto v = check.number(*m, p, "follow_up_days", false, non_negative,
                            "a number of days >= 0")) {
    meta.follow_up_days = *v;
    if (*v >= meta.horizon_days - meta.warmup_days)
      check.error(p + "/follow_up_days",
                  fmt::format("{} leaves no reports to count: the counted period (horizon_days "
                              "minus warmup_days) is {} days; expected a follow-up shorter than "
                              "that, so that some reports have time to finish",
                              *v, meta.horizon_days - meta.warmup_days));
  }
  if (auto v = check.integer(*m, p, "replications", false, 1, INT_MAX,
                             "a whole number from 1 to 2147483647"))
    meta.replications = static_cast<int>(*v);
  if (m->contains("seed")) {
    // Any 64-bit unsigned value; JSON's non-negative integers parse as unsigned.
    const Json& seed = (*m)["seed"];
    if (seed.is_number_unsigned()) {
      meta.seed = seed.get<std::uint64_t>();
      check.read(p + "/seed");
    } else
      check.integer_value(seed, p + "/seed", 0, 0, "a whole number >= 0");  // says why not
  }
  if (m->contains("notes")) {
    const Json& notes = (*m)["notes"];
    check.read_text(p + "/notes");
    if (!notes.is_array()) {
      check.error(p + "/notes", "expected an array of strings");
    } else {
      for (std::size_t i = 0; i < notes.size(); ++i) {
        if (notes[i].is_string())
          meta.notes.push_back(notes[i].get<std::string>());
        else
          check.error(p + "/notes/" + std::to_string(i), "expected a string");
      }
    }
  }
}

// Assumptions point into the document itself, so their values are read
// from it: the table in CALIBRATION.md can never disagree with the file.
void read_assumptions(const Json& root, Checker& check, Meta& meta) {
  const Json* m = check.object(root, "", "meta", false);
  if (!m) return;
  check.each_object(*m, "/meta",
                    {.key = "assumptions",
                     .expected = "an array of {\"parameter\": JSON pointer, \"reason\": text}",
                     .expected_element = "an object {\"parameter\": JSON pointer, \"reason\": text}",
                     .keys = {"parameter", "reason"}},
                    [&](const Json& a, const std::string& ap) {
                      auto parameter = check.string(a, ap, "parameter", true,
                                                    "a JSON pointer such as \"/courts/overlisting\"");
                      auto reason = check.string(a, ap, "reason", true, "why this value");
                      if (!parameter || !reason) return;
                      const Json* value = at_pointer(root, *parameter);
                      if (!value && in_left_out_section(root, *parameter)) return;
                      if (!value) {
                        check.error(ap + "/parameter",
                                    fmt::format("'{}' is not in the scenario; expected a JSON "
                                                "pointer to a value, e.g. /courts/overlisting",
                                                *parameter));
                        return;
                      }
                      meta.assumptions.push_back({*parameter, shown_value(*value), *reason});
                    });
}

void read_arrivals(const Json& root, Checker& check, Arrivals& arrivals) {
  const Json* a = check.object(root, "", "arrivals", true);
  if (!a) return;
  const std::string p = "/arrivals";
  check.allow_keys(*a, p, {"reports_per_year", "seasonality", "growth_per_year", "steps"});
  if (auto v = check.number(*a, p, "reports_per_year", true, positive,
                            "a number of reports per year > 0"))
    arrivals.reports_per_year = *v;
  if (auto v = check.number(*a, p, "growth_per_year", false, above_minus_one,
                            "a yearly growth rate > -1 (0.05 is 5% a year)"))
    arrivals.growth_per_year = *v;
  if (a->contains("seasonality")) {
    const Json& s = (*a)["seasonality"];
    if (!s.is_array() || s.size() != 12) {
      check.error(p + "/seasonality", "expected an array of 12 monthly multipliers, January first");
    } else if (auto v =
                   check.number_values(s, p + "/seasonality", non_negative, "a multiplier >= 0")) {
      double sum = 0;
      for (std::size_t i = 0; i < 12; ++i) arrivals.seasonality[i] = (*v)[i], sum += (*v)[i];
      if (std::abs(sum / 12 - 1) > 1e-6)
        check.error(p + "/seasonality",
                    fmt::format("multipliers average {:.6g}; expected an average of 1, so that "
                                "reports_per_year stays the yearly total",
                                sum / 12));
    }
  }
  check.each_object(*a, p,
                    {.key = "steps",
                     .expected = "an array of {\"from\": date, \"factor\": number}",
                     .expected_element = "an object {\"from\": date, \"factor\": number}",
                     .keys = {"from", "factor"}},
                    [&](const Json& step, const std::string& sp) {
                      auto from = check.date(step, sp, "from", true);
                      auto factor =
                          check.number(step, sp, "factor", true, positive, "a multiplier > 0");
                      if (from && factor) arrivals.steps.push_back({*from, *factor});
                    });
  std::stable_sort(arrivals.steps.begin(), arrivals.steps.end(),
                   [](const RateStep& x, const RateStep& y) { return x.from < y.from; });
}

void read_case_types(const Json& root, Checker& check, std::vector<CaseType>& types) {
  const Json* obj = check.object(root, "", "case_types", true);
  if (!obj) return;
  if (obj->empty()) check.error("/case_types", "expected at least one case type");
  double total = 0;
  check.each_named_object(
      *obj, "/case_types", "an object",
      {"share", "child_victim", "relationship", "custody", "complexity", "duration_scale",
       "withdrawal_scale", "offence_to_report", "description"},
      [&](const std::string& name, const Json& j, const std::string& p) {
        CaseType t;
        t.name = name;
        if (auto v = check.number(j, p, "share", true, unit_interval, "a share between 0 and 1"))
          t.share = *v;
        if (auto v = check.boolean(j, p, "child_victim")) t.child_victim = *v;
        if (auto v = check.boolean(j, p, "custody")) t.custody = *v;
        t.relationship = check
                             .choice(j, p, "relationship", false,
                                     {"stranger", "acquaintance", "partner", "family", "other"})
                             .value_or("acquaintance");
        t.complexity =
            check.choice(j, p, "complexity", false, {"standard", "complex"}).value_or("standard");
        if (auto v = check.number(j, p, "duration_scale", false, positive, "a multiplier > 0"))
          t.duration_scale = *v;
        if (auto v =
                check.number(j, p, "withdrawal_scale", false, non_negative, "a multiplier >= 0"))
          t.withdrawal_scale = *v;
        if (j.contains("offence_to_report"))
          t.offence_to_report =
              read_distribution(j["offence_to_report"], p + "/offence_to_report", check);
        check.string(j, p, "description", false);
        total += t.share;
        types.push_back(t);
      });
  if (!types.empty() && std::abs(total - 1) > 1e-9)
    check.error("/case_types",
                fmt::format("shares sum to {:.6g}; expected them to sum to 1", total));
}

// A pool's changes of size, which must come in date order.
void read_pool_changes(const Json& j, const std::string& p, Checker& check, Pool& pool) {
  check.each_object(j, p,
                    {.key = "changes",
                     .expected = "an array of {\"from\": date, \"count\": number}",
                     .expected_element = "an object {\"from\": date, \"count\": number}",
                     .keys = {"from", "count"}},
                    [&](const Json& change, const std::string& cp) {
                      auto from = check.date(change, cp, "from", true);
                      auto count = check.integer(change, cp, "count", true, 0, INT_MAX,
                                                 "a whole number of units from 0 to 2147483647");
                      if (!from || !count) return;
                      if (!pool.changes.empty() && *from <= pool.changes.back().from)
                        check.error(cp + "/from",
                                    "dates must increase; expected each change after the one "
                                    "before it");
                      pool.changes.push_back({*from, static_cast<int>(*count)});
                    });
}

void read_resources(const Json& root, Checker& check, std::vector<Pool>& pools) {
  const Json* obj = check.object(root, "", "resources", false);
  if (!obj) return;
  check.each_named_object(
      *obj, "/resources", "an object with a \"count\"", {"count", "description", "changes"},
      [&](const std::string& name, const Json& j, const std::string& p) {
        Pool pool;
        pool.name = name;
        if (auto v = check.integer(j, p, "count", true, 0, INT_MAX,
                                   "a whole number of units from 0 to 2147483647"))
          pool.count = static_cast<int>(*v);
        if (auto v = check.string(j, p, "description", false)) pool.description = *v;
        read_pool_changes(j, p, check, pool);
        pools.push_back(pool);
      });
}

// One of a stage's branches; nullopt if where it goes or how often is wrong.
std::optional<Branch> read_branch(const Json& j, const std::string& p, Checker& check,
                                  const std::vector<std::string>& stage_names,
                                  const std::vector<std::string>& type_names) {
  std::optional<std::size_t> to;
  if (!j.contains("to"))
    check.error(p + "/to", "missing; expected a stage name");
  else
    to = check.reference(j["to"], p + "/to", stage_names, "stage");
  auto prob =
      check.number(j, p, "probability", true, unit_interval, "a probability between 0 and 1");
  if (!to || !prob) return std::nullopt;
  Branch b;
  b.to = *to;
  b.probability = *prob;
  if (const Json* by = check.object(j, p, "by_type", false)) {
    b.by_type.assign(type_names.size(), b.probability);
    for (const auto& [tname, tv] : by->items()) {
      const std::string tp = p + "/by_type/" + escape_pointer_token(tname);
      auto t = check.reference(Json(tname), tp, type_names, "case type");
      auto v = check.number_value(tv, tp, unit_interval, "a probability between 0 and 1");
      if (t && v) b.by_type[*t] = *v;
    }
  }
  return b;
}

// Where cases go: "next" (one stage) or "branches" (several, by probability),
// exactly one of them, as for stages and for cracked trials.
void read_routes(const Json& j, const std::string& p, Checker& check,
                 const std::vector<std::string>& names, const std::vector<std::string>& type_names,
                 std::vector<Branch>& out) {
  const bool has_next = j.contains("next"), has_branches = j.contains("branches");
  if (has_next == has_branches) {
    check.error(p, has_next ? "has both \"next\" and \"branches\"; expected one of them"
                            : "missing \"next\" or \"branches\"; expected where cases go "
                              "after this stage");
  } else if (has_next) {
    if (auto to = check.reference(j["next"], p + "/next", names, "stage"))
      out.push_back(Branch{*to, 1.0, {}});
  } else {
    check.each_object(j, p,
                      {.key = "branches",
                       .expected = "a non-empty array of {\"to\", \"probability\"}",
                       .expected_element = "an object {\"to\": stage, \"probability\": number}",
                       .keys = {"to", "probability", "by_type", "description"},
                       .non_empty = true},
                      [&](const Json& branch, const std::string& bp) {
                        if (auto b = read_branch(branch, bp, check, names, type_names))
                          out.push_back(*b);
                      });
  }
}

// Adjournment chances by cause. The two causes the court diary decides on
// the day cannot be given as probabilities.
std::array<double, kDrawnCauseCount> read_causes(const Json& j, const std::string& p,
                                                 Checker& check) {
  std::array<double, kDrawnCauseCount> out{};
  std::vector<std::string> drawn = kAdjournmentCauseWords.words();
  drawn.resize(kDrawnCauseCount);  // the diary's own causes are not drawn
  if (!j.is_object()) {
    check.error(p, fmt::format("expected an object of probabilities by cause, got {}",
                               type_name(j)));
    return out;
  }
  for (const auto& [cause, value] : j.items()) {
    const std::string cp = p + "/" + escape_pointer_token(cause);
    if (cause == adjournment_cause_name(AdjournmentCause::kNoCourtroom) ||
        cause == adjournment_cause_name(AdjournmentCause::kOverrun)) {
      check.error(cp, fmt::format("'{}' arises from the court diary on the day, not from a "
                                  "probability; expected one of the other causes",
                                  cause));
      continue;
    }
    auto c = check.reference(Json(cause), cp, drawn, "adjournment cause");
    auto v = check.number_value(value, cp, unit_interval, "a probability between 0 and 1");
    if (c && v) out[*c] = *v;
  }
  double sum = 0;
  for (double v : out) sum += v;
  if (sum > 1 + 1e-9)
    check.error(p, fmt::format("chances sum to {:.6g}; expected at most 1", sum));
  return out;
}

// Causes that persist for a case (listing.persistence): stated assumptions.
std::optional<CausePersistence> read_persistence(const Json& listing, const std::string& lp,
                                                 Checker& check) {
  const Json* j = check.object(listing, lp, "persistence", false);
  if (!j) return std::nullopt;
  const std::string p = lp + "/persistence";
  check.allow_keys(*j, p, {"causes", "same_cause_multiplier", "other_cause_multiplier",
                           "frailty_cv", "max_chance", "description"});
  CausePersistence out;
  std::vector<std::string> drawn = kAdjournmentCauseWords.words();
  drawn.resize(kDrawnCauseCount);
  if (!j->contains("causes")) {
    // Every named cause belongs to the case; "other" may be the court's.
    out.case_side.fill(true);
    out.case_side[static_cast<std::size_t>(AdjournmentCause::kOther)] = false;
  } else if (const Json& list = (*j)["causes"]; !list.is_array()) {
    check.error(p + "/causes", fmt::format("expected an array of adjournment causes that belong "
                                           "to the case, got {}",
                                           type_name(list)));
  } else {
    for (std::size_t i = 0; i < list.size(); ++i)
      if (auto c = check.reference(list[i], fmt::format("{}/causes/{}", p, i), drawn,
                                   "adjournment cause"))
        out.case_side[*c] = true;
  }
  auto up_to_ten = [](double x) { return x >= 0 && x <= 10; };
  if (auto v = check.number(*j, p, "same_cause_multiplier", false, up_to_ten,
                            "a multiplier from 0 to 10 per earlier adjournment for that cause"))
    out.same_cause_multiplier = *v;
  if (auto v = check.number(*j, p, "other_cause_multiplier", false, up_to_ten,
                            "a multiplier from 0 to 10 per earlier adjournment for another "
                            "cause of the case"))
    out.other_cause_multiplier = *v;
  if (auto v = check.number(*j, p, "frailty_cv", false, [](double x) { return x >= 0 && x <= 3; },
                            "a coefficient of variation from 0 to 3 (0: every case alike)")) {
    out.frailty_cv = *v;
    if (*v > 0) out.frailty = sim::Distribution::gamma(1 / (*v * *v), *v * *v);
  }
  if (auto v = check.number(*j, p, "max_chance", false, [](double x) { return x > 0 && x <= 1; },
                            "a probability above 0 and at most 1"))
    out.max_chance = *v;
  check.string(*j, p, "description", false);
  return out;
}

// The court moving fixed trials before their day (listing.court_moves).
std::optional<CourtMoves> read_court_moves(const Json& listing, const std::string& lp,
                                           Checker& check) {
  const Json* j = check.object(listing, lp, "court_moves", false);
  if (!j) return std::nullopt;
  const std::string p = lp + "/court_moves";
  check.allow_keys(*j, p, {"chances", "notice", "description"});
  CourtMoves out;
  std::vector<std::string> words;
  for (std::size_t i = 0; i < kCourtMoveCauseCount; ++i)
    words.emplace_back(adjournment_cause_name(static_cast<AdjournmentCause>(kOnTheDayCauseCount + i)));
  if (!j->contains("chances")) {
    check.error(p + "/chances", "missing; expected the chances by cause that the court moves "
                                "a fixed trial before its day");
  } else if (const Json& chances = (*j)["chances"]; !chances.is_object()) {
    check.error(p + "/chances", fmt::format("expected an object of probabilities by cause, got {}",
                                            type_name(chances)));
  } else {
    for (const auto& [cause, value] : chances.items()) {
      const std::string cp = p + "/chances/" + escape_pointer_token(cause);
      auto c = check.reference(Json(cause), cp, words, "court move cause");
      auto v = check.number_value(value, cp, unit_interval, "a probability between 0 and 1");
      if (c && v) out.chance[*c] = *v;
    }
    if (out.total() > 1 + 1e-9)
      check.error(p + "/chances",
                  fmt::format("chances sum to {:.6g}; expected at most 1", out.total()));
  }
  if (j->contains("notice"))
    if (auto d = read_distribution((*j)["notice"], p + "/notice", check)) out.notice = *d;
  check.string(*j, p, "description", false);
  return out;
}

std::optional<Listing> read_listing(const Json& j, const std::string& p, Checker& check,
                                    const std::vector<std::string>& names,
                                    const std::vector<std::string>& type_names) {
  if (!j.is_object()) {
    check.error(p, fmt::format("expected an object describing how the hearing is listed, got {}",
                               type_name(j)));
    return std::nullopt;
  }
  check.allow_keys(j, p, {"notice", "relist_notice", "sitting_days", "cracked",
                          "early_adjournment", "late_adjournment", "repeat_multiplier",
                          "overrun", "relist_first", "persistence", "court_moves",
                          "description"});
  Listing l;
  if (j.contains("notice"))
    if (auto d = read_distribution(j["notice"], p + "/notice", check)) l.notice = *d;
  l.relist_notice = l.notice;
  if (j.contains("relist_notice"))
    if (auto d = read_distribution(j["relist_notice"], p + "/relist_notice", check))
      l.relist_notice = *d;
  if (!j.contains("sitting_days"))
    check.error(p + "/sitting_days", "missing; expected the trial's length in sitting days");
  else if (auto d = read_distribution(j["sitting_days"], p + "/sitting_days", check))
    l.sitting_days = *d;
  if (const Json* cracked = check.object(j, p, "cracked", false)) {
    const std::string cp = p + "/cracked";
    check.allow_keys(*cracked, cp, {"probability", "next", "branches", "description"});
    if (auto v = check.number(*cracked, cp, "probability", false, unit_interval,
                              "the chance a trial cracks on the day, between 0 and 1"))
      l.cracked = *v;
    if (l.cracked > 0 || cracked->contains("next") || cracked->contains("branches"))
      read_routes(*cracked, cp, check, names, type_names, l.cracked_branches);
    for (std::size_t t = 0; t < type_names.size() && !l.cracked_branches.empty(); ++t) {
      double sum = 0;
      for (const Branch& b : l.cracked_branches) sum += b.probability_for(t);
      if (std::abs(sum - 1) > 1e-9) {
        check.error(cp + "/branches", fmt::format("branches sum to {:.6g} for case type '{}'; "
                                                  "expected 1",
                                                  sum, type_names[t]));
        break;
      }
    }
  }
  if (j.contains("early_adjournment"))
    l.early = read_causes(j["early_adjournment"], p + "/early_adjournment", check);
  if (j.contains("late_adjournment"))
    l.late = read_causes(j["late_adjournment"], p + "/late_adjournment", check);
  if (l.cracked + l.late_total() > 1 + 1e-9)
    check.error(p + "/late_adjournment",
                fmt::format("with cracked.probability the chances on the day sum to {:.6g}; "
                            "expected at most 1",
                            l.cracked + l.late_total()));
  if (auto v = check.number(j, p, "repeat_multiplier", false, non_negative,
                            "a multiplier >= 0 per earlier adjournment"))
    l.repeat_multiplier = *v;
  if (const Json* o = check.object(j, p, "overrun", false)) {
    const std::string op = p + "/overrun";
    check.allow_keys(*o, op, {"probability", "extra_days"});
    if (auto v = check.number(*o, op, "probability", true, unit_interval,
                              "the chance an effective trial sits longer than booked, 0 to 1"))
      l.overrun = *v;
    if (o->contains("extra_days")) {
      if (auto d = read_distribution((*o)["extra_days"], op + "/extra_days", check))
        l.overrun_days = *d;
    }
  }
  if (auto v = check.boolean(j, p, "relist_first")) l.relist_first = *v;
  l.persistence = read_persistence(j, p, check);
  l.court_moves = read_court_moves(j, p, check);
  check.string(j, p, "description", false);
  return l;
}

// Other crime's share of a group of rooms' sitting days (parent["other_work"]).
OtherWork read_other_work(const Json& parent, const std::string& p, Checker& check,
                          const Scenario& s) {
  OtherWork out;
  const Json* other = check.object(parent, p, "other_work", false);
  if (!other) return out;
  const std::string op = p + "/other_work";
  check.allow_keys(*other, op, {"share", "changes", "run_days"});
  if (auto v = check.number(*other, op, "run_days", false, [](double x) { return x >= 1; },
                            "sitting days in a run of other work in one room, >= 1 (1: "
                            "single days spread evenly)"))
    out.run_days = *v;
  auto below_one = [](double x) { return x >= 0 && x < 1; };
  const char* kShare = "a share of sitting days from 0 up to (not including) 1";
  if (auto v = check.number(*other, op, "share", true, below_one, kShare))
    out.changes.emplace_back(s.meta.start_date, *v);
  check.each_object(*other, op,
                    {.key = "changes",
                     .expected = "an array of {\"from\": date, \"share\": number}",
                     .expected_element = "an object {\"from\": date, \"share\": number}",
                     .keys = {"from", "share"}},
                    [&](const Json& change, const std::string& cp) {
                      auto from = check.date(change, cp, "from", true);
                      auto share = check.number(change, cp, "share", true, below_one, kShare);
                      if (!from || !share) return;
                      if (out.changes.size() > 1 && *from <= out.changes.back().first)
                        check.error(cp + "/from", "dates must increase; expected each change "
                                                  "after the one before it");
                      out.changes.emplace_back(*from, *share);
                    });
  return out;
}

// The pools a group of courtrooms sits with: rooms (required) and ticketed
// judges (optional), as in "courts" and "courts.specialist".
struct RoomPools {
  std::optional<std::size_t> rooms;
  std::optional<std::size_t> judges;
};
RoomPools read_room_pools(const Json& j, const std::string& p, Checker& check,
                          const std::vector<std::string>& pools, const char* rooms_expected) {
  RoomPools out;
  if (!j.contains("rooms"))
    check.error(p + "/rooms", fmt::format("missing; expected {}", rooms_expected));
  else
    out.rooms = check.reference(j["rooms"], p + "/rooms", pools, "resource");
  if (j.contains("judges")) out.judges = check.reference(j["judges"], p + "/judges", pools, "resource");
  return out;
}

std::optional<SpecialistCourts> read_specialist(const Json& courts, const std::string& cp,
                                                Checker& check, const Scenario& s) {
  const Json* j = check.object(courts, cp, "specialist", false);
  if (!j) return std::nullopt;
  const std::string p = cp + "/specialist";
  check.allow_keys(*j, p, {"rooms", "judges", "mode", "early_adjournment_multiplier",
                           "late_adjournment_multiplier", "case_types", "other_work",
                           "description"});
  const auto pools = names_in(s.pools);
  SpecialistCourts sp;
  const auto [rooms, judges] =
      read_room_pools(*j, p, check, pools, "the resource of specialist courtrooms");
  sp.judges = judges;
  if (auto v = check.choice(*j, p, "mode", false, kSpecialistModeWords.words()))
    sp.mode = *kSpecialistModeWords.value(*v);
  if (auto v = check.number(*j, p, "early_adjournment_multiplier", false, non_negative,
                            "a multiplier >= 0 of the early adjournment chances"))
    sp.early_multiplier = *v;
  if (auto v = check.number(*j, p, "late_adjournment_multiplier", false, non_negative,
                            "a multiplier >= 0 of the on-the-day adjournment chances"))
    sp.late_multiplier = *v;
  const auto types = names_in(s.case_types);
  if (j->contains("case_types")) {
    const Json& list = (*j)["case_types"];
    if (!list.is_array()) {
      check.error(p + "/case_types",
                  fmt::format("expected an array of case type names, got {}", type_name(list)));
    } else {
      sp.eligible.assign(types.size(), false);
      for (std::size_t i = 0; i < list.size(); ++i)
        if (auto t = check.reference(list[i], fmt::format("{}/case_types/{}", p, i), types,
                                     "case type"))
          sp.eligible[*t] = true;
    }
  }
  sp.other_work = read_other_work(*j, p, check, s);
  check.string(*j, p, "description", false);
  if (!rooms) return std::nullopt;
  sp.rooms = *rooms;
  return sp;
}

void read_section_28(const Json& root, Checker& check, Scenario& s) {
  const Json* j = check.object(root, "", "section_28", false);
  if (!j) return;
  const std::string p = "/section_28";
  check.allow_keys(*j, p, {"share", "by_type", "after_ptph", "specialist_rooms_only",
                           "withdrawal_multiplier", "trial_length_multiplier",
                           "cracked_multiplier", "conviction_multiplier", "conviction_outcome",
                           "evidence", "description"});
  Section28 r;
  const auto types = names_in(s.case_types);
  double share = 0;
  if (auto v = check.number(*j, p, "share", true, unit_interval,
                            "the share of victims whose cross-examination is recorded, 0 to 1"))
    share = *v;
  r.share.assign(types.size(), share);
  if (const Json* by = check.object(*j, p, "by_type", false)) {
    for (const auto& [tname, tv] : by->items()) {
      const std::string tp = p + "/by_type/" + escape_pointer_token(tname);
      auto t = check.reference(Json(tname), tp, types, "case type");
      auto v = check.number_value(tv, tp, unit_interval, "a share between 0 and 1");
      if (t && v) r.share[*t] = *v;
    }
  }
  if (j->contains("after_ptph"))
    if (auto d = read_distribution((*j)["after_ptph"], p + "/after_ptph", check))
      r.after_ptph = *d;
  if (auto v = check.boolean(*j, p, "specialist_rooms_only")) r.specialist_rooms_only = *v;
  auto multiplier = [&](const char* key, double& out, bool (*valid)(double), const char* what) {
    if (auto v = check.number(*j, p, key, false, valid, what)) out = *v;
  };
  multiplier("withdrawal_multiplier", r.withdrawal_multiplier, non_negative,
             "a multiplier >= 0 of the withdrawal hazard once recorded");
  multiplier("trial_length_multiplier", r.trial_length_multiplier, positive,
             "a multiplier > 0 of the trial's booked length");
  multiplier("cracked_multiplier", r.cracked_multiplier, non_negative,
             "a multiplier >= 0 of the chance the trial cracks");
  multiplier("conviction_multiplier", r.conviction_multiplier, non_negative,
             "a multiplier >= 0 of the weight of branches to the conviction outcome");
  if (auto v = check.string(*j, p, "conviction_outcome", false)) r.conviction_outcome = *v;
  check.string(*j, p, "evidence", false);
  check.string(*j, p, "description", false);
  if (!s.courts) {
    check.error(p, "section 28 recordings need a room and judge; expected a \"courts\" section");
    return;
  }
  if (r.specialist_rooms_only && !s.courts->specialist)
    check.error(p + "/specialist_rooms_only",
                "no specialist courtrooms to record in; expected \"courts\": {\"specialist\": "
                "{...}} or specialist_rooms_only false");
  bool ptph = false;
  for (const Stage& st : s.stages) ptph = ptph || st.milestone == Milestone::kPtph;
  if (!ptph && !s.stages.empty())
    check.error(p, "the recording is held after the PTPH, but no stage marks the \"ptph\" "
                   "milestone; expected a stage with \"milestone\": \"ptph\"");
  const auto outcomes = s.outcomes();
  if (r.conviction_multiplier != 1 &&
      std::find(outcomes.begin(), outcomes.end(), r.conviction_outcome) == outcomes.end())
    check.error(p + "/conviction_outcome",
                fmt::format("no terminal stage has outcome '{}'{}; expected one of the "
                            "pathway's outcomes",
                            r.conviction_outcome, suggestion(r.conviction_outcome, outcomes)));
  s.section_28 = r;
}

void read_courts(const Json& root, Checker& check, Scenario& s) {
  const Json* c = check.object(root, "", "courts", false);
  if (!c) return;
  const std::string p = "/courts";
  check.allow_keys(*c, p, {"rooms", "judges", "overlisting", "overlisting_rounding", "other_work",
                           "listing_policy",
                           "fix_ahead_days", "lend_notice_days", "specialist", "description"});
  const auto pools = names_in(s.pools);
  Courts courts;
  if (auto v = check.choice(*c, p, "listing_policy", false, kListingPolicyWords.words()))
    courts.policy = *kListingPolicyWords.value(*v);
  if (auto v = check.number(*c, p, "fix_ahead_days", false, positive,
                            "days ahead that trials are given dates, > 0 (leave out to date "
                            "every ready trial at once)"))
    courts.fix_ahead_days = *v;
  if (auto v = check.number(*c, p, "lend_notice_days", false, non_negative,
                            "days before a sitting day that unbooked rooms go to other work, "
                            ">= 0"))
    courts.lend_notice_days = *v;
  courts.specialist = read_specialist(*c, p, check, s);
  const auto [rooms, judges] =
      read_room_pools(*c, p, check, pools, "the resource of courtrooms trials sit in");
  courts.judges = judges;
  if (auto v = check.number(*c, p, "overlisting", false, [](double x) { return x >= 1; },
                            "bookings per sitting a day, >= 1 (1.2 books 20% more trials than "
                            "can sit)"))
    courts.overlisting = *v;
  if (auto v = check.choice(*c, p, "overlisting_rounding", false, {"down", "on_average"}))
    courts.overlisting_on_average = *v == "on_average";
  courts.other_work = read_other_work(*c, p, check, s);
  check.string(*c, p, "description", false);
  if (rooms) {
    courts.rooms = *rooms;
    s.courts = courts;
  }
}

void read_pathway(const Json& root, Checker& check, Scenario& s,
                  const std::vector<std::string>& type_names) {
  const Json* pw = check.object(root, "", "pathway", true);
  if (!pw) return;
  check.allow_keys(*pw, "/pathway", {"entry", "stages"});
  const Json* stages = check.object(*pw, "/pathway", "stages", true);
  if (!stages) return;
  const std::vector<std::string> names = names_of(stages, check, "/pathway/stages");
  if (names.empty()) {
    check.error("/pathway/stages", "expected at least one stage");
    return;
  }
  if (!pw->contains("entry")) {
    check.error("/pathway/entry", "missing; expected the name of the stage a new report enters");
  } else if (auto e = check.reference((*pw)["entry"], "/pathway/entry", names, "stage")) {
    s.entry = *e;
  }
  const auto pools = names_in(s.pools);
  for (const auto& [name, j] : stages->items()) {
    const std::string p = "/pathway/stages/" + escape_pointer_token(name);
    Stage st;
    st.name = name;
    if (!j.is_object()) {
      check.error(p, fmt::format("expected an object with a \"kind\", got {}", type_name(j)));
      s.stages.push_back(st);
      continue;
    }
    auto kind = check.choice(j, p, "kind", true, kStageKindWords.words());
    if (!kind) {
      s.stages.push_back(st);
      continue;
    }
    st.kind = *kStageKindWords.value(*kind);
    std::vector<std::string> allowed = {"kind", "description", "milestone"};
    const bool terminal = st.kind == StageKind::kTerminal;
    const bool timed =
        st.kind == StageKind::kWork || st.kind == StageKind::kDelay || st.kind == StageKind::kCourt;
    if (terminal)
      allowed.push_back("outcome");
    else
      allowed.insert(allowed.end(), {"next", "branches", "withdrawal_per_year"});
    // A court stage is heard either after a plain duration or on a date from
    // the court diary ("listing"), never both.
    const bool listed = st.kind == StageKind::kCourt && j.contains("listing");
    if (timed && !listed) allowed.push_back("duration");
    if (st.kind == StageKind::kWork || (st.kind == StageKind::kCourt && !listed))
      allowed.insert(allowed.end(), {"pool", "priority"});
    if (st.kind == StageKind::kCourt) allowed.push_back("listing");
    check.allow_keys(j, p, allowed);
    if (auto v = check.string(j, p, "description", false)) st.description = *v;

    if (j.contains("milestone")) {
      if (auto m = check.choice(j, p, "milestone", false, stage_milestone_words()))
        st.milestone = milestone_from_name(*m);
    }
    if (st.kind == StageKind::kWork && !j.contains("pool"))
      check.error(p + "/pool",
                  "missing; a work stage needs the name of the resource that does "
                  "the work");
    if (j.contains("pool") && (st.kind == StageKind::kWork || st.kind == StageKind::kCourt))
      st.pool = check.reference(j["pool"], p + "/pool", pools, "resource");
    if (auto v = check.integer(j, p, "priority", false, -1000000, 1000000,
                               "a whole number from -1000000 to 1000000 (smaller goes first)"))
      st.priority = static_cast<int>(*v);
    if (listed) {
      st.listing = read_listing(j["listing"], p + "/listing", check, names, type_names);
    } else if (timed) {
      if (!j.contains("duration"))
        check.error(p + "/duration",
                    fmt::format("missing; a {} stage needs a duration in days", *kind));
      else if (auto d = read_distribution(j["duration"], p + "/duration", check))
        st.duration = *d;
    }
    if (terminal) {
      if (auto v = check.string(j, p, "outcome", true, "the outcome recorded, e.g. \"convicted\""))
        st.outcome = *v;
    } else {
      if (auto v = check.number(j, p, "withdrawal_per_year", false, non_negative,
                                "a hazard per year >= 0"))
        st.withdrawal_per_year = *v;
      read_routes(j, p, check, names, type_names, st.branches);
    }
    s.stages.push_back(st);
  }
}

void read_withdrawal(const Json& root, Checker& check, Withdrawal& w) {
  const Json* obj = check.object(root, "", "withdrawal", false);
  if (!obj) return;
  const std::string p = "/withdrawal";
  check.allow_keys(*obj, p, {"outcome", "rise_per_year", "isva_share", "isva_multiplier"});
  if (auto v = check.string(*obj, p, "outcome", false)) w.outcome = *v;
  if (auto v = check.number(*obj, p, "rise_per_year", false, non_negative,
                            "a yearly rise >= 0 (0.5 is +50% per year since report)"))
    w.rise_per_year = *v;
  if (auto v = check.number(*obj, p, "isva_share", false, unit_interval, "a share between 0 and 1"))
    w.isva_share = *v;
  if (auto v = check.number(*obj, p, "isva_multiplier", false, non_negative, "a multiplier >= 0"))
    w.isva_multiplier = *v;
}

void read_deadlines(const Json& root, Checker& check, std::vector<Deadline>& deadlines) {
  const Json* obj = check.object(root, "", "deadlines", false);
  if (!obj) return;
  const std::vector<std::string>& marks = milestone_words();
  check.each_named_object(
      *obj, "/deadlines", "an object",
      {"from", "to", "limit", "unit", "custody_only", "description"},
      [&](const std::string& name, const Json& j, const std::string& p) {
        Deadline d;
        d.name = name;
        auto from = check.choice(j, p, "from", true, marks);
        auto to = check.choice(j, p, "to", true, marks);
        auto limit = check.number(j, p, "limit", true, positive, "a limit > 0");
        auto unit = check.choice(j, p, "unit", false, kDeadlineUnitWords.words());
        d.custody_only = check.boolean(j, p, "custody_only").value_or(false);
        if (!from || !to || !limit) return;
        if (*from == *to) {
          check.error(p + "/to", "is the same milestone as \"from\"; expected a later milestone");
          return;
        }
        d.from = *milestone_from_name(*from);
        d.to = *milestone_from_name(*to);
        d.limit = *limit;
        d.unit = unit ? *kDeadlineUnitWords.value(*unit) : DeadlineUnit::kCalendarDays;
        deadlines.push_back(d);
      });
}

// Every leaf of the document with its pointer, in document order.
void flatten(const Json& j, const std::string& pointer, std::vector<ResolvedValue>& out) {
  if (pointer == "/meta/name" || pointer == "/meta/description" || pointer == "/meta/notes" ||
      pointer == "/meta/assumptions" || pointer == "/meta/levers" || pointer == "/$schema")
    return;
  if (j.is_object()) {
    for (const auto& [key, value] : j.items())
      flatten(value, pointer + "/" + escape_pointer_token(key), out);
  } else if (j.is_array() && !j.empty()) {
    for (std::size_t i = 0; i < j.size(); ++i) flatten(j[i], pointer + "/" + std::to_string(i), out);
  } else {
    out.push_back({pointer, j.dump()});
  }
}

void build_dated(const Json& root, const std::string& file, const std::vector<DatedEntry>& entries,
                 Scenario& s, std::vector<Diagnostic>& problems);

// `settings`: those applied to `root` already, judged for the warnings.
Scenario build(const Json& root, const std::string& file,
               const std::vector<LeverSetting>& settings = {}) {
  std::vector<Diagnostic> problems;
  Checker check(file, problems);
  check.allow_keys(root, "",
                   {"$schema", "meta", "arrivals", "case_types", "resources", "pathway",
                    "courts", "section_28", "withdrawal", "deadlines", "initial_state",
                    "staffing", "communication", "dated_changes"});
  check.string(root, "", "$schema", false, "a string: the path or URL of schema.json");
  Scenario s;
  s.source = file;
  flatten(root, "", s.resolved);
  read_meta(root, check, s.meta);
  read_assumptions(root, check, s.meta);
  s.meta.levers = read_levers(root, check, settings);
  read_arrivals(root, check, s.arrivals);
  read_case_types(root, check, s.case_types);
  read_resources(root, check, s.pools);
  read_courts(root, check, s);
  read_pathway(root, check, s, names_in(s.case_types));
  for (const Stage& st : s.stages)
    if (st.listing && !s.courts)
      check.error("/pathway/stages/" + escape_pointer_token(st.name) + "/listing",
                  "a listed court stage needs the \"courts\" section; expected \"courts\": "
                  "{\"rooms\": <resource of courtrooms>}");
  read_section_28(root, check, s);
  read_withdrawal(root, check, s.withdrawal);
  read_deadlines(root, check, s.deadlines);
  s.staffing = read_staffing(root, check, s.pools);
  s.communication = read_communication(root, check, s.pools, s.stages, s.staffing);
  // The graph checks only make sense on a pathway whose names all resolved.
  if (problems.empty()) {
    for (const auto& problem : check_pathway(s))
      check.error("/pathway/stages/" + escape_pointer_token(s.stages[problem.stage].name),
                  problem.message);
  }
  if (problems.empty()) read_initial_state(root, check, s, problems);
  if (problems.empty()) {
    const std::vector<DatedEntry> entries = read_dated_changes(root, check, s.meta);
    if (problems.empty()) build_dated(root, file, entries, s, problems);
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  s.warnings = scenario_warnings(s, check, settings);
  return s;
}

// ---- Lever settings ---------------------------------------------------------------

// The value at `pointer`, or null having said in `why` how far the pointer
// got and what was there instead. With `may_add`, a missing last key of an
// existing object is created (null), so --set can give an optional field.
Json* reach(Json& root, const std::string& pointer, bool may_add, std::string& why) {
  if (pointer.empty() || pointer.front() != '/') {
    why = "expected a JSON pointer starting with '/', e.g. /resources/courtrooms/count";
    return nullptr;
  }
  const std::vector<std::string> tokens = pointer_tokens(pointer);
  Json* at = &root;
  std::string walked;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    const std::string here = walked.empty() ? "the top level" : walked;
    if (at->is_object()) {
      if (!at->contains(token)) {
        if (may_add && i + 1 == tokens.size()) return &(*at)[token];
        std::vector<std::string> keys;
        for (const auto& [key, value] : at->items()) keys.push_back(key);
        why = fmt::format("{} has no '{}'{}; expected a pointer to a value in the scenario "
                          "(after extends)",
                          here, token, suggestion(token, keys));
        return nullptr;
      }
      at = &(*at)[token];
    } else if (at->is_array()) {
      std::size_t index = 0;
      const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
      if (ec != std::errc() || end != token.data() + token.size() || index >= at->size()) {
        why = fmt::format("{} is an array of {}; expected an index from 0 to {}, got '{}'", here,
                          at->size(), at->size() == 0 ? 0 : at->size() - 1, token);
        return nullptr;
      }
      at = &(*at)[index];
    } else {
      why = fmt::format("{} is {} {}, which has no '{}' inside; expected a pointer to a value "
                        "in the scenario",
                        here, type_name(*at), shown_value(*at), token);
      return nullptr;
    }
    walked += "/" + escape_pointer_token(token);
  }
  return at;
}

// Applies each setting to the merged document, adding a problem (named by
// the setting, under its pointer) for each that cannot be applied.
void apply_settings(Json& doc, const std::vector<LeverSetting>& settings, const std::string& file,
                    std::vector<Diagnostic>& problems) {
  for (const LeverSetting& setting : settings) {
    const bool set = setting.move == LeverMove::kSet;
    auto refuse = [&](const std::string& why) {
      problems.push_back({file, setting.pointer, fmt::format("{}: {}", setting.to_string(), why)});
    };
    Json value;
    try {
      value = Json::parse(setting.value);
    } catch (const Json::exception&) {
      refuse(fmt::format("'{}' is not JSON; expected a number, a string or an object",
                         setting.value));
      continue;
    }
    std::string why;
    // null removes the key, as it does in a file that extends another: the
    // way to switch an optional section off. The key must be there, so a
    // mistyped pointer is refused rather than silently removing nothing.
    const bool remove = set && value.is_null();
    Json* at = reach(doc, setting.pointer, set && !remove, why);
    if (!at) {
      refuse(why);
      continue;
    }
    if (remove) {
      try {
        const Json::json_pointer pointer(setting.pointer);
        Json& parent = doc.at(pointer.parent_pointer());
        if (!parent.is_object()) {
          refuse("null removes a key of an object; to empty an array give []");
          continue;
        }
        parent.erase(pointer.back());
      } catch (const Json::exception&) {
        refuse("expected a JSON pointer to a key, e.g. /communication/failures");
      }
      continue;
    }
    if (set) {
      *at = std::move(value);
      continue;
    }
    if (!value.is_number() || !std::isfinite(value.get<double>())) {
      refuse("expected a number to multiply by, such as 1.25");
      continue;
    }
    if (scale_numbers(*at, value.get<double>()) == 0)
      refuse(fmt::format("{} has no number to multiply; expected a number or an object of "
                         "numbers",
                         shown_value(*at)));
  }
}


// The scenario built from `doc` with `settings` applied. A problem the
// checks find in a moved value says which setting put it there, since the
// file itself is not at fault.
Scenario build_with(Json doc, const std::vector<LeverSetting>& settings, const std::string& file) {
  std::vector<Diagnostic> problems;
  apply_settings(doc, settings, file, problems);
  // The document is checked even when a setting could not be applied, so one
  // command reports every problem rather than the first kind found.
  std::optional<Scenario> s;
  try {
    s = build(doc, file, settings);
  } catch (const ScenarioError& e) {
    for (Diagnostic d : e.problems()) {
      std::string from;
      for (const LeverSetting& setting : settings)
        if (pointers_overlap(d.pointer, setting.pointer))
          from += (from.empty() ? "" : ", ") + setting.to_string();
      if (!from.empty()) d.message += fmt::format(" (moved by {})", from);
      problems.push_back(std::move(d));
    }
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  s->meta.lever_settings = settings;
  return std::move(*s);
}

// ---- Dated changes ------------------------------------------------------------------

// " set to 120" / " x 0.8": a dated move as the report's notes show it.
std::string shown_move(const LeverSetting& m) {
  return m.move == LeverMove::kSet ? fmt::format("{} set to {}", m.pointer, m.value)
                                   : fmt::format("{} x {}", m.pointer, m.value);
}

// Applies one dated move to `doc`; "" or why it cannot be applied.
std::string apply_move(Json& doc, const LeverSetting& m) {
  std::string why;
  Json* at = reach(doc, m.pointer, m.move == LeverMove::kSet, why);
  if (!at) return why;
  const Json value = Json::parse(m.value);
  if (m.move == LeverMove::kSet) {
    *at = value;
  } else if (scale_numbers(*at, value.get<double>()) == 0) {
    return fmt::format("{} has no number to multiply; expected a number or an object of numbers",
                       shown_value(*at));
  }
  return {};
}

// The scenario from each dated change on: the document with every change up
// to that date applied, checked like a file. A problem is reported under the
// change that caused it (the file is right before the date), naming the value.
void build_dated(const Json& root, const std::string& file, const std::vector<DatedEntry>& entries,
                 Scenario& s, std::vector<Diagnostic>& problems) {
  Json doc = root;
  doc.erase("dated_changes");
  doc.erase("initial_state");  // today's caseload is placed at the start, never again
  for (const DatedEntry& e : entries) {
    const std::string date = sim::to_iso(e.from);
    auto where = [&](const LeverSetting& m) {
      return e.pointer + (m.move == LeverMove::kSet ? "/set" : "/scale");
    };
    const std::size_t known = problems.size();
    for (const LeverSetting& m : e.moves)
      if (const std::string why = apply_move(doc, m); !why.empty())
        problems.push_back({file, where(m), fmt::format("\"{}\" from {}: {}", m.pointer, date, why)});
    if (problems.size() > known) return;
    try {
      auto values = std::make_shared<Scenario>(build(doc, file));
      std::string note = fmt::format("From {}{}{}: ", date, e.description.empty() ? "" : ", ",
                                     e.description);
      for (std::size_t i = 0; i < e.moves.size(); ++i)
        note += (i ? "; " : "") + shown_move(e.moves[i]);
      s.meta.notes.push_back(note);
      s.dated.push_back({e.from, e.description, e.moves, std::move(values)});
    } catch (const ScenarioError& error) {
      for (const Diagnostic& d : error.problems()) {
        std::string at = e.pointer;
        for (const LeverSetting& m : e.moves)
          if (pointers_overlap(d.pointer, m.pointer)) at = where(m);
        problems.push_back(
            {file, at, fmt::format("\"{}\" from {}: {}", d.pointer, date, d.message)});
      }
      return;  // later changes build on this one
    }
  }
}

}  // namespace

void apply_lever_settings(Json& doc, const std::vector<LeverSetting>& settings,
                          const std::string& file, std::vector<Diagnostic>& problems) {
  apply_settings(doc, settings, file, problems);
}

}  // namespace loading

struct ScenarioSource::Document {
  loading::Json json;
};

ScenarioSource ScenarioSource::read(const fs::path& path) {
  std::vector<Diagnostic> problems;
  auto doc = loading::read_document(path, problems);
  if (!doc) throw ScenarioError(std::move(problems));
  ScenarioSource source;
  source.doc_ = std::make_shared<const Document>(Document{std::move(*doc)});
  source.name_ = path.string();
  return source;
}

ScenarioSource ScenarioSource::from_text(std::string_view text, const std::string& name,
                                         const fs::path& base_dir) {
  std::vector<Diagnostic> problems;
  auto doc = loading::parse_document(text, name, base_dir, problems);
  if (!doc) throw ScenarioError(std::move(problems));
  ScenarioSource source;
  source.doc_ = std::make_shared<const Document>(Document{std::move(*doc)});
  source.name_ = name;
  return source;
}

Scenario ScenarioSource::load(const std::vector<LeverSetting>& settings) const {
  if (settings.empty()) return loading::build(doc_->json, name_);
  return loading::build_with(doc_->json, settings, name_);
}

std::optional<ScenarioSource::Value> ScenarioSource::value_at(const std::string& pointer) const {
  const loading::Json* at = loading::at_pointer(doc_->json, pointer);
  if (!at) return std::nullopt;
  Value v;
  v.json = at->dump();
  v.number = at->is_number();
  v.whole = at->is_number_integer();
  if (v.number) v.as_number = at->get<double>();
  return v;
}

Scenario load_scenario(const fs::path& path) { return ScenarioSource::read(path).load(); }

Scenario load_scenario(const fs::path& path, const std::vector<LeverSetting>& settings) {
  return ScenarioSource::read(path).load(settings);
}

Scenario load_scenario_text(std::string_view text, const std::string& name,
                            const fs::path& base_dir) {
  std::vector<Diagnostic> problems;
  auto doc = loading::parse_document(text, name, base_dir, problems);
  if (!doc) throw ScenarioError(std::move(problems));
  return loading::build(*doc, name);
}

}  // namespace models

#include "output/workshop_json.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "output/csv_tables.h"

namespace output {

namespace {

using Json = nlohmann::ordered_json;

// NaN and infinities are not JSON: the page reads null as "no value yet".
Json number(double v) {
  return std::isfinite(v) ? Json(v) : Json(nullptr);
}

Json numbers(const std::vector<double>& vs) {
  Json a = Json::array();
  for (double v : vs) a.push_back(number(v));
  return a;
}

Json headline(const models::MetricDifference& d) {
  return Json{{"key", d.name},
              {"label", d.description},
              {"unit", models::unit_name(d.unit)},
              {"better", models::better_name(d.better)},
              {"baseline", number(d.baseline_mean)},
              {"what_if", number(d.policy_mean)},
              {"difference", number(d.difference)},
              {"ci_low", number(d.ci_low)},
              {"ci_high", number(d.ci_high)},
              {"pairs", d.pairs},
              {"verdict", models::verdict_name(d.verdict)}};
}

Json status(const WhatIfStatus& w, bool charts) {
  Json j{{"id", w.id},
         {"state", w.state},
         {"moved", w.moved},
         {"done", w.done},
         {"target", w.target},
         {"first_answer_ms", w.first_answer_ms < 0 ? Json(nullptr) : Json(w.first_answer_ms)},
         {"elapsed_ms", w.elapsed_ms}};
  if (!w.error.empty()) j["error"] = w.error;
  if (!w.result) return j;
  const models::WhatIfResult& r = *w.result;
  Json cards = Json::array();
  for (const auto& d : r.headlines) cards.push_back(headline(d));
  j["headlines"] = std::move(cards);
  if (!charts) return j;
  j["trials"] = {{"day", numbers(r.week_day)},
                 {"baseline", numbers(r.trials_baseline)},
                 {"what_if", numbers(r.trials_what_if)},
                 {"warmup_days", r.warmup_days}};
  Json funnel = Json::array();
  for (const auto& f : r.funnel)
    funnel.push_back({{"step", f.label}, {"baseline", number(f.baseline)}, {"what_if", number(f.what_if)}});
  j["funnel"] = std::move(funnel);
  Json load = Json::array();
  for (const auto& a : r.load)
    load.push_back({{"agency", a.agency},
                    {"baseline_hours", number(a.baseline_hours)},
                    {"baseline_capacity", number(a.baseline_capacity)},
                    {"what_if_hours", number(a.what_if_hours)},
                    {"what_if_capacity", number(a.what_if_capacity)}});
  j["load"] = std::move(load);
  return j;
}

}  // namespace

std::string moved_text(const models::Lever& lever, const models::LeverPosition& move) {
  const std::string was = lever.is_word() ? lever.word : fmt::format("{:g}", lever.value);
  const std::string label = lever.unit.empty() ? lever.label : lever.label + " (" + lever.unit + ")";
  return fmt::format("{}: {} -> {}", label, was, models::shown_move(lever, move));
}

std::string levers_json(const models::Scenario& s, const std::vector<models::Lever>& levers,
                        std::size_t replications) {
  Json a = Json::array();
  for (std::size_t i = 0; i < levers.size(); ++i) {
    const auto& l = levers[i];
    Json j{{"index", i},
           {"label", l.label},
           {"unit", l.unit},
           {"help", l.help},
           {"pointer", l.pointer},
           {"kind", l.kind == models::Lever::Kind::kScale ? "scale" : "set"}};
    if (l.is_word()) {
      j["choices"] = l.choices;
      j["value"] = l.word;
    } else {
      j["min"] = l.min;
      j["max"] = l.max;
      j["step"] = l.step;
      j["value"] = l.value;
    }
    a.push_back(std::move(j));
  }
  Json out{{"scenario", s.meta.name},
           {"description", s.meta.description},
           {"horizon_days", s.meta.horizon_days},
           {"warmup_days", s.meta.warmup_days},
           {"replications", replications},
           {"own_levers", !s.meta.levers.empty()},
           {"levers", std::move(a)}};
  return out.dump();
}

std::string what_if_json(const WhatIfStatus& w) {
  return status(w, true).dump();
}

std::string record_json(const std::vector<WhatIfStatus>& all) {
  Json a = Json::array();
  for (const auto& w : all) a.push_back(status(w, false));
  return Json{{"record", std::move(a)}}.dump();
}

std::string record_csv(const std::vector<WhatIfStatus>& all) {
  // Columns: the headlines of the first what-if with figures (every what-if
  // of one scenario has the same, agencies aside).
  std::vector<std::string> keys;
  for (const auto& w : all)
    if (w.result && keys.empty())
      for (const auto& d : w.result->headlines) keys.push_back(d.name);
  std::string out = "id,state,replications,levers_moved";
  for (const auto& k : keys)
    out += fmt::format(",{0}.baseline,{0}.what_if,{0}.difference,{0}.ci_low,{0}.ci_high,{0}.verdict", k);
  out += "\n";
  auto num = [](double v) { return std::isfinite(v) ? fmt::format("{:.6g}", v) : std::string(); };
  for (const auto& w : all) {
    std::string moved;
    for (const auto& m : w.moved) moved += (moved.empty() ? "" : "; ") + m;
    out += fmt::format("{},{},{},{}", w.id, w.state, w.done, csv_field(moved));
    for (const auto& k : keys) {
      const models::MetricDifference* d = nullptr;
      if (w.result)
        for (const auto& h : w.result->headlines)
          if (h.name == k) d = &h;
      if (!d) {
        out += ",,,,,,";
        continue;
      }
      out += fmt::format(",{},{},{},{},{},{}", num(d->baseline_mean), num(d->policy_mean),
                         num(d->difference), num(d->ci_low), num(d->ci_high),
                         csv_field(models::verdict_name(d->verdict)));
    }
    out += "\n";
  }
  return out;
}

std::string error_json(const std::string& message, const std::vector<std::string>& problems) {
  Json j{{"error", message}};
  if (!problems.empty()) j["problems"] = problems;
  return j.dump();
}

}  // namespace output

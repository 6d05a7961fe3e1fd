#include "output/report_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>

#include "sim/calendar.h"

namespace output::report_text {

namespace {

constexpr std::string_view kMinus = "\u2212";
constexpr std::string_view kDash = "\u2013";

using models::Scale;
using models::Unit;

bool is_share(Unit u) { return models::unit_scale(u) == Scale::kShare; }

// Words the justice system writes in capitals.
std::string acronym(std::string_view word) {
  static constexpr std::array<std::string_view, 8> kAcronyms{"nfa",   "cps", "ptph", "isva",
                                                             "rasso", "cjs", "npcc", "cctv"};
  for (auto a : kAcronyms)
    if (word == a) {
      std::string up(word);
      for (char& c : up) c = static_cast<char>(c - 'a' + 'A');
      return up;
    }
  return std::string(word);
}

// Places for a difference: enough that its interval's ends differ.
int decimals_for_difference(const models::MetricDifference& d) {
  const double scale = is_share(d.unit) ? 100 : 1;
  double size = std::fabs(d.difference) * scale;
  if (std::isfinite(d.ci_low) && std::isfinite(d.ci_high))
    size = std::max(size, std::fabs(d.ci_high - d.ci_low) * scale);
  if (size >= 100) return 0;
  if (size >= 1) return 1;
  return 2;
}

// The size of a difference in its unit, without the direction: "61 days",
// "1.2 percentage points", "35".
std::string magnitude(double v, Unit unit, int decimals) {
  const double a = std::fabs(v);
  switch (models::unit_scale(unit)) {
    case Scale::kShare:
      return number(100 * a, decimals) + " percentage points";
    case Scale::kDate:
      return number(a, decimals) + " days";
    case Scale::kDuration:
      return number(a, decimals) + " " + models::unit_words(unit);
    case Scale::kCount:
    case Scale::kRate:
      break;
  }
  return number(a, decimals);
}

// The direction words for a unit: {less, more}.
std::pair<const char*, const char*> directions(Unit unit) {
  switch (models::unit_scale(unit)) {
    case Scale::kDuration:
      return {"shorter", "longer"};
    case Scale::kDate:
      return {"earlier", "later"};
    case Scale::kCount:
      return {"fewer", "more"};
    case Scale::kShare:
    case Scale::kRate:
      break;
  }
  return {"lower", "higher"};
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string script_safe_json(std::string_view json_text) {
  std::string out;
  out.reserve(json_text.size());
  for (char c : json_text) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string humanise(std::string_view name) {
  std::string out;
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('_', start), name.size());
    if (!out.empty()) out += ' ';
    out += acronym(name.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string sentence_case(std::string_view name) {
  std::string out = humanise(name);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string metric_label(models::MetricKind kind, const std::string& subject) {
  return sentence_case(
      fmt::format(fmt::runtime(models::metric_spec(kind).label), humanise(subject)));
}

std::string short_label(const models::Metric& m) {
  return sentence_case(
      fmt::format(fmt::runtime(models::metric_spec(m.kind).short_label), humanise(m.subject)));
}

std::string number(double v, int decimals) {
  if (!std::isfinite(v)) return std::string(kDash);
  std::string digits = fmt::format("{:.{}f}", std::fabs(v), decimals);
  const std::size_t point = std::min(digits.find('.'), digits.size());
  std::string grouped;
  for (std::size_t i = 0; i < point; ++i) {
    if (i > 0 && (point - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  grouped += digits.substr(point);
  const bool zero = grouped.find_first_not_of("0.,") == std::string::npos;
  return (v < 0 && !zero ? std::string(kMinus) : std::string()) + grouped;
}

int decimals_for(double v, Unit unit) {
  const Scale scale = models::unit_scale(unit);
  if (scale == Scale::kShare) return 1;
  if (scale == Scale::kRate) return 2;
  if (scale == Scale::kDate) return 0;
  const double a = std::fabs(v);
  if (!std::isfinite(a) || a >= 100) return 0;
  return a >= 1 ? 1 : 2;
}

std::string value_text(double v, Unit unit, int decimals, models::Date start) {
  if (!std::isfinite(v)) return std::string(kDash);
  if (unit == Unit::kDays)
    return number(v, decimals) + (number(v, decimals) == "1" ? " day" : " days");
  switch (models::unit_scale(unit)) {
    case Scale::kShare:
      return number(100 * v, decimals) + "%";
    case Scale::kDuration:
      return number(v, decimals) + " " + models::unit_words(unit);
    case Scale::kDate:
      return sim::to_iso(start + std::chrono::days(static_cast<long>(std::floor(v))));
    case Scale::kCount:
    case Scale::kRate:
      break;
  }
  return number(v, decimals);
}

std::string figure_with_interval(const models::Metric& m, models::Date start) {
  const int places = decimals_for(m.mean, m.unit);
  std::string out = value_text(m.mean, m.unit, places, start);
  if (!std::isfinite(m.mean)) return out + " (no cases to measure)";
  if (!std::isfinite(m.ci_low) || !std::isfinite(m.ci_high))
    return out + " (no interval: fewer than two replications had a value)";
  // A t-interval from few replications can reach past what is possible (a
  // share above 100%, a date before the start); say only what is possible.
  double low = m.ci_low, high = m.ci_high;
  const Scale scale = models::unit_scale(m.unit);
  if (scale != Scale::kRate) low = std::max(low, 0.0);
  if (scale == Scale::kShare) high = std::min(high, 1.0);
  if (scale == Scale::kDate)
    return fmt::format("{} (95% CI {} to {})", out, value_text(low, m.unit, places, start),
                       value_text(high, m.unit, places, start));
  const bool share = scale == Scale::kShare;
  const double k = share ? 100 : 1;
  return fmt::format("{} (95% CI {}{}{}{})", out, number(k * low, places), kDash,
                     number(k * high, places), share ? "%" : "");
}

std::string difference_text(const models::MetricDifference& d) {
  if (!std::isfinite(d.difference)) return "not comparable with the baseline";
  const int places = decimals_for_difference(d);
  const auto [less, more] = directions(d.unit);
  const std::string size = magnitude(d.difference, d.unit, places);
  if (number(d.difference * (is_share(d.unit) ? 100 : 1), places) == number(0, places) &&
      (!std::isfinite(d.ci_low) || d.ci_low <= 0) && (!std::isfinite(d.ci_high) || d.ci_high >= 0))
    return "about the same as the baseline";
  std::string out = fmt::format("{} {} than the baseline", size, d.difference < 0 ? less : more);
  if (!std::isfinite(d.ci_low) || !std::isfinite(d.ci_high)) return out + " (no interval)";
  const double k = is_share(d.unit) ? 100 : 1;
  if (d.ci_low > 0 || d.ci_high < 0) {
    // The whole interval on one side: give it as sizes, smaller first.
    const double a = std::fabs(d.ci_low) * k, b = std::fabs(d.ci_high) * k;
    return fmt::format("{} ({}{}{})", out, number(std::min(a, b), places), kDash,
                       number(std::max(a, b), places));
  }
  return fmt::format("{} (from {} {} to {} {})", out, number(-d.ci_low * k, places), less,
                     number(d.ci_high * k, places), more);
}

const char* verdict_class(models::Verdict v) {
  switch (v) {
    case models::Verdict::kBetter:
      return "better";
    case models::Verdict::kWorse:
      return "worse";
    case models::Verdict::kNoClearDifference:
      return "unclear";
    case models::Verdict::kChanged:
      return "changed";
    case models::Verdict::kNotComparable:
      return "not-comparable";
  }
  return "not-comparable";
}

}  // namespace output::report_text

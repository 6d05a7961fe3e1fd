#include "models/scenario_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "models/pathway_graph.h"
#include "sim/calendar.h"

namespace models {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

// ---- Reading files and resolving `extends` ---------------------------------

constexpr const char* kScenarioFile = "a scenario file (.json)";
constexpr const char* kCsvFile = "a CSV file of open cases";

// Reads at most kMaxScenarioBytes, so that a huge file, a device or an endless
// pipe given by mistake fails at once instead of filling memory. `what` says
// what the file should have been.
std::string read_text(const fs::path& path, const std::string& shown, const char* what,
                      std::vector<Diagnostic>& problems) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    problems.push_back({shown, "", "file not found"});
    return {};
  }
  if (fs::is_directory(status)) {
    problems.push_back({shown, "", fmt::format("is a directory, expected {}", what)});
    return {};
  }
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxScenarioBytes) {
    problems.push_back({shown, "",
                        fmt::format("file is {:.1f} MB, expected {} of at most {} MB",
                                    static_cast<double>(size) / (1 << 20), what,
                                    kMaxScenarioBytes >> 20)});
    return {};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problems.push_back({shown, "", "cannot be read (permission?)"});
    return {};
  }
  std::string text;
  std::array<char, 1 << 16> chunk;
  while (in.read(chunk.data(), chunk.size()), in.gcount() > 0) {
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxScenarioBytes) {
      problems.push_back({shown, "", fmt::format("is larger than {} MB, expected {} of at most {} MB",
                                                 kMaxScenarioBytes >> 20, what,
                                                 kMaxScenarioBytes >> 20)});
      return {};
    }
  }
  if (in.bad()) {
    problems.push_back({shown, "", "cannot be read (I/O error)"});
    return {};
  }
  return text;
}

// Line and column, counted from 1, of the byte at `offset`.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < std::min(offset, text.size()); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

// Copying, merging, printing and checking a JSON value recurse once per level
// of nesting, so absurdly deep input would overflow the stack. No scenario
// needs more than a handful of levels.
constexpr std::size_t kMaxNesting = 64;

// The offset of the first '[' or '{' deeper than kMaxNesting, skipping strings
// and comments; nullopt if there is none.
std::optional<std::size_t> too_deep(std::string_view text) {
  std::size_t depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      i = std::min(text.find('\n', i), text.size());
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      i = std::min(text.find("*/", i + 2), text.size());
      ++i;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

std::optional<Json> parse_json(std::string_view text, const std::string& shown,
                               std::vector<Diagnostic>& problems) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    problems.push_back({shown, "", "file is empty, expected a JSON object"});
    return std::nullopt;
  }
  try {
    // Parsing itself does not recurse, so syntax errors are reported first.
    Json j = Json::parse(text, nullptr, true, /*ignore_comments=*/true);
    if (!j.is_object()) {
      problems.push_back({shown, "", "expected a JSON object at the top level"});
      return std::nullopt;
    }
    if (auto offset = too_deep(text)) {
      const auto [line, col] = line_column(text, *offset);
      problems.push_back({shown, "", fmt::format("nested more than {} levels deep at line {}, "
                                                 "column {}; expected a scenario object",
                                                 kMaxNesting, line, col)});
      return std::nullopt;
    }
    return j;
  } catch (const Json::parse_error& e) {
    // Turn nlohmann's byte offset into a line and column a person can find.
    const auto [line, col] = line_column(text, e.byte ? e.byte - 1 : 0);
    std::string what = e.what();
    if (auto pos = what.find("syntax error"); pos != std::string::npos) what = what.substr(pos);
    problems.push_back(
        {shown, "", fmt::format("not valid JSON at line {}, column {}: {}", line, col, what)});
    return std::nullopt;
  } catch (const Json::out_of_range& e) {
    // A number too large for a double ("number overflow parsing '1e999'").
    std::string what = e.what();
    if (auto pos = what.find("number overflow"); pos != std::string::npos) what = what.substr(pos);
    std::string where;
    if (auto open = what.find('\''), close = what.rfind('\'');
        open != std::string::npos && close > open) {
      if (auto at = text.find(std::string_view(what).substr(open + 1, close - open - 1));
          at != std::string_view::npos) {
        const auto [line, col] = line_column(text, at);
        where = fmt::format(" at line {}, column {}", line, col);
      }
    }
    problems.push_back({shown, "", fmt::format("not valid JSON{}: {}; expected numbers no larger "
                                               "than about 1.8e308",
                                               where, what)});
    return std::nullopt;
  }
}

// A file in an `extends` chain: its real path, to spot cycles, and its name
// as the user gave it, for messages.
struct ChainLink {
  fs::path canonical;
  std::string shown;
};

fs::path canonical_or_same(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? path : canonical;
}

// Applies `doc` (read from `shown`, in `base_dir`) to the scenario it extends,
// if any, resolving that one's chain first. `chain` holds the files already
// being resolved, outermost first.
// Paths inside a scenario are relative to the file that names them. Merging
// loses track of which file that was, so they are made relative to the
// working folder first (a relative path stays relative, for short messages).
void anchor_paths(Json& doc, const fs::path& base_dir) {
  if (!doc.contains("initial_state") || !doc["initial_state"].is_object()) return;
  Json& state = doc["initial_state"];
  if (!state.contains("csv") || !state["csv"].is_string()) return;
  const fs::path csv = state["csv"].get<std::string>();
  if (csv.empty() || csv.is_absolute()) return;
  state["csv"] = (base_dir / csv).lexically_normal().string();
}

std::optional<Json> resolve_document(Json doc, const fs::path& base_dir, const std::string& shown,
                                     std::vector<ChainLink>& chain,
                                     std::vector<Diagnostic>& problems) {
  anchor_paths(doc, base_dir);
  if (!doc.contains("extends")) return doc;
  const Json& ext = doc["extends"];
  if (!ext.is_string()) {
    problems.push_back({shown, "/extends", "expected a string: the path of the scenario this one extends"});
    return std::nullopt;
  }
  const std::string target = ext.get<std::string>();
  const fs::path parent = base_dir / target;
  const std::string parent_shown = parent.lexically_normal().string();
  const fs::path canonical = canonical_or_same(parent);
  if (std::any_of(chain.begin(), chain.end(),
                  [&](const ChainLink& link) { return link.canonical == canonical; })) {
    std::string cycle;
    for (const auto& link : chain) cycle += link.shown + " -> ";
    problems.push_back({shown, "/extends",
                        fmt::format("extends cycle: {}{}; expected a chain that ends in a file "
                                    "without \"extends\"",
                                    cycle, parent_shown)});
    return std::nullopt;
  }
  // A parent that cannot be read is a mistake in this file's "extends".
  std::vector<Diagnostic> unreadable;
  const std::string text = read_text(parent, parent_shown, kScenarioFile, unreadable);
  for (const auto& d : unreadable)
    problems.push_back(
        {shown, "/extends",
         fmt::format("cannot extend \"{}\": {}{}; the path is relative to the folder of the "
                     "file that names it",
                     target, d.message,
                     target == parent_shown ? "" : " (looked for " + parent_shown + ")")});
  if (!unreadable.empty()) return std::nullopt;
  auto base = parse_json(text, parent_shown, problems);
  if (!base) return std::nullopt;
  chain.push_back({canonical, parent_shown});
  base = resolve_document(std::move(*base), parent.parent_path(), parent_shown, chain, problems);
  if (!base) return std::nullopt;
  doc.erase("extends");
  base->merge_patch(doc);
  return base;
}

// ---- Validation helpers -------------------------------------------------------

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1u : 0u)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// " (did you mean 'x'?)" when a known name is close to the unknown one.
std::string suggestion(std::string_view unknown, const std::vector<std::string>& known) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, unknown.size() / 3) + 1;
  for (const auto& k : known) {
    const std::size_t d = edit_distance(unknown, k);
    if (d < best_distance) {
      best_distance = d;
      best = k;
    }
  }
  return best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best);
}

std::string type_name(const Json& j) {
  if (j.is_null()) return "null";
  if (j.is_boolean()) return "a boolean";
  if (j.is_number()) return "a number";
  if (j.is_string()) return "a string";
  if (j.is_array()) return "an array";
  return "an object";
}

std::string shown_value(const Json& j) {
  std::string s = j.dump();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}

// Walks the merged document, collecting every problem with its pointer.
class Checker {
 public:
  Checker(std::string file, std::vector<Diagnostic>& problems)
      : file_(std::move(file)), problems_(problems) {}

  void error(const std::string& pointer, std::string message) {
    problems_.push_back({file_, pointer, std::move(message)});
  }
  bool ok() const { return problems_.empty(); }
  const std::string& file() const { return file_; }

  // REQUIRES: j is an object. Reports each key not in `allowed`.
  void allow_keys(const Json& j, const std::string& ptr, std::vector<std::string> allowed) {
    for (const auto& [key, value] : j.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::sort(allowed.begin(), allowed.end());
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        error(ptr + "/" + escape_pointer_token(key),
              fmt::format("unknown key '{}'{}; expected one of: {}", key, suggestion(key, allowed),
                          list));
      }
    }
  }

  const Json* object(const Json& parent, const std::string& ptr, const char* key, bool required) {
    const std::string here = ptr + "/" + key;
    if (!parent.contains(key)) {
      if (required) error(here, fmt::format("missing; expected an object"));
      return nullptr;
    }
    const Json& j = parent[key];
    if (!j.is_object()) {
      error(here, fmt::format("expected an object, got {}", type_name(j)));
      return nullptr;
    }
    return &j;
  }

  // A number with a range check. `expected` describes the valid range.
  std::optional<double> number(const Json& parent, const std::string& ptr, const char* key,
                               bool required, bool (*valid)(double), const char* expected) {
    const std::string here = ptr + "/" + key;
    if (!parent.contains(key)) {
      if (required) error(here, fmt::format("missing; expected {}", expected));
      return std::nullopt;
    }
    return number_value(parent[key], here, valid, expected);
  }

  std::optional<double> number_value(const Json& j, const std::string& here, bool (*valid)(double),
                                     const char* expected) {
    if (!j.is_number()) {
      error(here, fmt::format("expected {}, got {} {}", expected, type_name(j), shown_value(j)));
      return std::nullopt;
    }
    const double v = j.get<double>();
    if (!std::isfinite(v) || (valid && !valid(v))) {
      error(here, fmt::format("{} is out of range; expected {}", shown_value(j), expected));
      return std::nullopt;
    }
    return v;
  }

  // A whole number in [min, max]; `expected` describes that range.
  std::optional<long long> integer(const Json& parent, const std::string& ptr, const char* key,
                                   bool required, long long min, long long max,
                                   const char* expected) {
    const std::string here = ptr + "/" + key;
    if (!parent.contains(key)) {
      if (required) error(here, fmt::format("missing; expected {}", expected));
      return std::nullopt;
    }
    return integer_value(parent[key], here, min, max, expected);
  }

  std::optional<long long> integer_value(const Json& j, const std::string& here, long long min,
                                         long long max, const char* expected) {
    if (!j.is_number_integer()) {
      error(here, fmt::format("expected {}, got {} {}", expected, type_name(j), shown_value(j)));
      return std::nullopt;
    }
    // Integers above LLONG_MAX parse as unsigned; reading them as long long would wrap.
    const bool huge = j.is_number_unsigned() &&
                      j.get<unsigned long long>() > static_cast<unsigned long long>(LLONG_MAX);
    const long long v = huge ? LLONG_MAX : j.get<long long>();
    if (huge || v < min || v > max) {
      error(here, fmt::format("{} is out of range; expected {}", shown_value(j), expected));
      return std::nullopt;
    }
    return v;
  }

  std::optional<std::string> string(const Json& parent, const std::string& ptr, const char* key,
                                    bool required, const char* expected = "a string") {
    const std::string here = ptr + "/" + key;
    if (!parent.contains(key)) {
      if (required) error(here, fmt::format("missing; expected {}", expected));
      return std::nullopt;
    }
    const Json& j = parent[key];
    if (!j.is_string()) {
      error(here, fmt::format("expected {}, got {} {}", expected, type_name(j), shown_value(j)));
      return std::nullopt;
    }
    return j.get<std::string>();
  }

  std::optional<bool> boolean(const Json& parent, const std::string& ptr, const char* key) {
    if (!parent.contains(key)) return std::nullopt;
    const Json& j = parent[key];
    if (!j.is_boolean()) {
      error(ptr + "/" + key, fmt::format("expected true or false, got {} {}", type_name(j),
                                         shown_value(j)));
      return std::nullopt;
    }
    return j.get<bool>();
  }

  std::optional<Date> date_value(const Json& j, const std::string& here) {
    if (!j.is_string()) {
      error(here, fmt::format("expected a date as \"YYYY-MM-DD\", got {} {}", type_name(j),
                              shown_value(j)));
      return std::nullopt;
    }
    auto d = sim::parse_iso_date(j.get<std::string>());
    if (!d) {
      error(here, fmt::format("'{}' is not a date that exists; expected \"YYYY-MM-DD\"",
                              j.get<std::string>()));
      return std::nullopt;
    }
    return *d;
  }

  std::optional<Date> date(const Json& parent, const std::string& ptr, const char* key,
                           bool required) {
    const std::string here = ptr + "/" + key;
    if (!parent.contains(key)) {
      if (required) error(here, "missing; expected a date as \"YYYY-MM-DD\"");
      return std::nullopt;
    }
    return date_value(parent[key], here);
  }

  // One of a fixed set of words.
  std::optional<std::string> choice(const Json& parent, const std::string& ptr, const char* key,
                                    bool required, const std::vector<std::string>& words) {
    std::string expected = "one of";
    for (const auto& w : words) expected += " \"" + w + "\"";
    auto s = string(parent, ptr, key, required, expected.c_str());
    if (!s) return std::nullopt;
    if (std::find(words.begin(), words.end(), *s) == words.end()) {
      error(ptr + "/" + key,
            fmt::format("'{}' is not allowed{}; expected {}", *s, suggestion(*s, words), expected));
      return std::nullopt;
    }
    return s;
  }

  // Resolves a name against a list of known names.
  std::optional<std::size_t> reference(const Json& j, const std::string& here,
                                       const std::vector<std::string>& known, const char* what) {
    if (!j.is_string()) {
      error(here, fmt::format("expected the name of a {}, got {}", what, type_name(j)));
      return std::nullopt;
    }
    const std::string name = j.get<std::string>();
    auto it = std::find(known.begin(), known.end(), name);
    if (it == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      error(here, fmt::format("unknown {} '{}'{}; expected one of: {}", what, name,
                              suggestion(name, known), list));
      return std::nullopt;
    }
    return static_cast<std::size_t>(it - known.begin());
  }

 private:
  std::string file_;
  std::vector<Diagnostic>& problems_;
};

bool positive(double v) { return v > 0; }
bool up_to_a_century(double v) { return v > 0 && v <= 36525; }
bool non_negative(double v) { return v >= 0; }
bool unit_interval(double v) { return v >= 0 && v <= 1; }
bool above_minus_one(double v) { return v > -1; }
bool any_number(double) { return true; }

bool valid_name(const std::string& s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::vector<std::string> names_of(const Json* obj, Checker& check, const std::string& ptr) {
  std::vector<std::string> names;
  if (!obj) return names;
  for (const auto& [key, value] : obj->items()) {
    if (!valid_name(key))
      check.error(ptr + "/" + escape_pointer_token(key),
                  fmt::format("name '{}' is not allowed; expected lower-case letters, digits and "
                              "underscores, starting with a letter",
                              key));
    names.push_back(key);
  }
  return names;
}

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
  const std::vector<std::string> kinds = {"fixed",      "exponential", "lognormal",
                                          "gamma",      "weibull",     "triangular",
                                          "uniform",    "empirical",   "histogram"};
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    check.error(here, fmt::format("unknown distribution '{}'{}; expected {}", kind,
                                  suggestion(kind, kinds), kExpected));
    return std::nullopt;
  }
  const std::size_t before = 0;
  (void)before;
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
      std::vector<double> values;
      bool good = true;
      for (std::size_t i = 0; i < p.size(); ++i) {
        auto v = check.number_value(p[i], here + "/" + std::to_string(i), non_negative,
                                    "a number of days >= 0");
        good = good && v.has_value();
        if (v) values.push_back(*v);
      }
      return good ? std::optional(sim::Distribution::empirical(values)) : std::nullopt;
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
        check.error(here + "/max", fmt::format("{} is not above min {}; expected max > min", *hi,
                                               *lo));
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

void read_meta(const Json& root, Checker& check, Meta& meta) {
  const Json* m = check.object(root, "", "meta", true);
  if (!m) return;
  const std::string p = "/meta";
  check.allow_keys(*m, p, {"name", "description", "start_date", "horizon_days", "warmup_days",
                           "replications", "seed", "notes"});
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
    check.error(p + "/warmup_days",
                fmt::format("{} is not shorter than horizon_days {}; expected a warm-up that leaves "
                            "time to observe",
                            meta.warmup_days, meta.horizon_days));
  if (auto v = check.integer(*m, p, "replications", false, 1, INT_MAX,
                             "a whole number from 1 to 2147483647"))
    meta.replications = static_cast<int>(*v);
  if (m->contains("seed")) {
    // Any 64-bit unsigned value; JSON's non-negative integers parse as unsigned.
    const Json& seed = (*m)["seed"];
    if (seed.is_number_unsigned()) meta.seed = seed.get<std::uint64_t>();
    else check.integer_value(seed, p + "/seed", 0, 0, "a whole number >= 0");  // says why not
  }
  if (m->contains("notes")) {
    const Json& notes = (*m)["notes"];
    if (!notes.is_array()) {
      check.error(p + "/notes", "expected an array of strings");
    } else {
      for (std::size_t i = 0; i < notes.size(); ++i) {
        if (notes[i].is_string()) meta.notes.push_back(notes[i].get<std::string>());
        else check.error(p + "/notes/" + std::to_string(i), "expected a string");
      }
    }
  }
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
    } else {
      double sum = 0;
      bool good = true;
      for (std::size_t i = 0; i < 12; ++i) {
        auto v = check.number_value(s[i], p + "/seasonality/" + std::to_string(i), non_negative,
                                    "a multiplier >= 0");
        good = good && v.has_value();
        if (v) arrivals.seasonality[i] = *v, sum += *v;
      }
      if (good && std::abs(sum / 12 - 1) > 1e-6)
        check.error(p + "/seasonality",
                    fmt::format("multipliers average {:.6g}; expected an average of 1, so that "
                                "reports_per_year stays the yearly total",
                                sum / 12));
    }
  }
  if (a->contains("steps")) {
    const Json& steps = (*a)["steps"];
    if (!steps.is_array()) {
      check.error(p + "/steps", "expected an array of {\"from\": date, \"factor\": number}");
      return;
    }
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const std::string sp = p + "/steps/" + std::to_string(i);
      if (!steps[i].is_object()) {
        check.error(sp, "expected an object {\"from\": date, \"factor\": number}");
        continue;
      }
      check.allow_keys(steps[i], sp, {"from", "factor"});
      auto from = check.date(steps[i], sp, "from", true);
      auto factor = check.number(steps[i], sp, "factor", true, positive, "a multiplier > 0");
      if (from && factor) arrivals.steps.push_back({*from, *factor});
    }
    std::stable_sort(arrivals.steps.begin(), arrivals.steps.end(),
                     [](const RateStep& x, const RateStep& y) { return x.from < y.from; });
  }
}

void read_case_types(const Json& root, Checker& check, std::vector<CaseType>& types) {
  const Json* obj = check.object(root, "", "case_types", true);
  if (!obj) return;
  if (obj->empty()) check.error("/case_types", "expected at least one case type");
  names_of(obj, check, "/case_types");
  double total = 0;
  for (const auto& [name, j] : obj->items()) {
    const std::string p = "/case_types/" + escape_pointer_token(name);
    CaseType t;
    t.name = name;
    if (!j.is_object()) {
      check.error(p, fmt::format("expected an object, got {}", type_name(j)));
      continue;
    }
    check.allow_keys(j, p, {"share", "child_victim", "relationship", "custody", "complexity",
                            "duration_scale", "withdrawal_scale", "description"});
    if (auto v = check.number(j, p, "share", true, unit_interval, "a share between 0 and 1"))
      t.share = *v;
    if (auto v = check.boolean(j, p, "child_victim")) t.child_victim = *v;
    if (auto v = check.boolean(j, p, "custody")) t.custody = *v;
    t.relationship = check.choice(j, p, "relationship", false,
                                  {"stranger", "acquaintance", "partner", "family", "other"})
                         .value_or("acquaintance");
    t.complexity = check.choice(j, p, "complexity", false, {"standard", "complex"})
                       .value_or("standard");
    if (auto v = check.number(j, p, "duration_scale", false, positive, "a multiplier > 0"))
      t.duration_scale = *v;
    if (auto v = check.number(j, p, "withdrawal_scale", false, non_negative, "a multiplier >= 0"))
      t.withdrawal_scale = *v;
    check.string(j, p, "description", false);
    total += t.share;
    types.push_back(t);
  }
  if (!types.empty() && std::abs(total - 1) > 1e-9)
    check.error("/case_types", fmt::format("shares sum to {:.6g}; expected them to sum to 1", total));
}

void read_resources(const Json& root, Checker& check, std::vector<Pool>& pools) {
  const Json* obj = check.object(root, "", "resources", false);
  if (!obj) return;
  names_of(obj, check, "/resources");
  for (const auto& [name, j] : obj->items()) {
    const std::string p = "/resources/" + escape_pointer_token(name);
    Pool pool;
    pool.name = name;
    if (!j.is_object()) {
      check.error(p, fmt::format("expected an object with a \"count\", got {}", type_name(j)));
      continue;
    }
    check.allow_keys(j, p, {"count", "description", "changes"});
    if (auto v = check.integer(j, p, "count", true, 0, INT_MAX,
                                "a whole number of units from 0 to 2147483647"))
      pool.count = static_cast<int>(*v);
    if (auto v = check.string(j, p, "description", false)) pool.description = *v;
    if (j.contains("changes")) {
      const Json& changes = j["changes"];
      if (!changes.is_array()) {
        check.error(p + "/changes", "expected an array of {\"from\": date, \"count\": number}");
      } else {
        for (std::size_t i = 0; i < changes.size(); ++i) {
          const std::string cp = p + "/changes/" + std::to_string(i);
          if (!changes[i].is_object()) {
            check.error(cp, "expected an object {\"from\": date, \"count\": number}");
            continue;
          }
          check.allow_keys(changes[i], cp, {"from", "count"});
          auto from = check.date(changes[i], cp, "from", true);
          auto count = check.integer(changes[i], cp, "count", true, 0, INT_MAX,
                                     "a whole number of units from 0 to 2147483647");
          if (!from || !count) continue;
          if (!pool.changes.empty() && *from <= pool.changes.back().from)
            check.error(cp + "/from", "dates must increase; expected each change after the one "
                                      "before it");
          pool.changes.push_back({*from, static_cast<int>(*count)});
        }
      }
    }
    pools.push_back(pool);
  }
}

std::vector<std::string> pool_names(const std::vector<Pool>& pools) {
  std::vector<std::string> out;
  for (const auto& p : pools) out.push_back(p.name);
  return out;
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
  const auto pools = pool_names(s.pools);
  for (const auto& [name, j] : stages->items()) {
    const std::string p = "/pathway/stages/" + escape_pointer_token(name);
    Stage st;
    st.name = name;
    if (!j.is_object()) {
      check.error(p, fmt::format("expected an object with a \"kind\", got {}", type_name(j)));
      s.stages.push_back(st);
      continue;
    }
    auto kind = check.choice(j, p, "kind", true, {"work", "delay", "decision", "court", "terminal"});
    if (!kind) {
      s.stages.push_back(st);
      continue;
    }
    st.kind = *kind == "work"       ? StageKind::kWork
              : *kind == "delay"    ? StageKind::kDelay
              : *kind == "decision" ? StageKind::kDecision
              : *kind == "court"    ? StageKind::kCourt
                                    : StageKind::kTerminal;
    std::vector<std::string> allowed = {"kind", "description", "milestone"};
    const bool terminal = st.kind == StageKind::kTerminal;
    const bool timed = st.kind == StageKind::kWork || st.kind == StageKind::kDelay ||
                       st.kind == StageKind::kCourt;
    if (terminal) allowed.push_back("outcome");
    else allowed.insert(allowed.end(), {"next", "branches", "withdrawal_per_year"});
    if (timed) allowed.push_back("duration");
    if (st.kind == StageKind::kWork || st.kind == StageKind::kCourt)
      allowed.insert(allowed.end(), {"pool", "priority"});
    check.allow_keys(j, p, allowed);
    if (auto v = check.string(j, p, "description", false)) st.description = *v;

    if (j.contains("milestone")) {
      std::vector<std::string> marks = {"referral", "charge", "first_hearing", "ptph",
                                        "trial_start"};
      if (auto m = check.choice(j, p, "milestone", false, marks))
        st.milestone = milestone_from_name(*m);
    }
    if (st.kind == StageKind::kWork && !j.contains("pool"))
      check.error(p + "/pool", "missing; a work stage needs the name of the resource that does "
                               "the work");
    if (j.contains("pool") && (st.kind == StageKind::kWork || st.kind == StageKind::kCourt))
      st.pool = check.reference(j["pool"], p + "/pool", pools, "resource");
    if (auto v = check.integer(j, p, "priority", false, -1000000, 1000000,
                                 "a whole number from -1000000 to 1000000 (smaller goes first)"))
      st.priority = static_cast<int>(*v);
    if (timed) {
      if (!j.contains("duration"))
        check.error(p + "/duration", fmt::format("missing; a {} stage needs a duration in days",
                                                 *kind));
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
      const bool has_next = j.contains("next"), has_branches = j.contains("branches");
      if (has_next == has_branches) {
        check.error(p, has_next ? "has both \"next\" and \"branches\"; expected one of them"
                                : "missing \"next\" or \"branches\"; expected where cases go "
                                  "after this stage");
      } else if (has_next) {
        if (auto to = check.reference(j["next"], p + "/next", names, "stage"))
          st.branches.push_back(Branch{*to, 1.0, {}});
      } else {
        const Json& br = j["branches"];
        if (!br.is_array() || br.empty()) {
          check.error(p + "/branches", "expected a non-empty array of {\"to\", \"probability\"}");
        } else {
          for (std::size_t i = 0; i < br.size(); ++i) {
            const std::string bp = p + "/branches/" + std::to_string(i);
            if (!br[i].is_object()) {
              check.error(bp, "expected an object {\"to\": stage, \"probability\": number}");
              continue;
            }
            check.allow_keys(br[i], bp, {"to", "probability", "by_type", "description"});
            Branch b;
            std::optional<std::size_t> to;
            if (!br[i].contains("to")) check.error(bp + "/to", "missing; expected a stage name");
            else to = check.reference(br[i]["to"], bp + "/to", names, "stage");
            auto prob = check.number(br[i], bp, "probability", true, unit_interval,
                                     "a probability between 0 and 1");
            if (!to || !prob) continue;
            b.to = *to;
            b.probability = *prob;
            if (const Json* by = check.object(br[i], bp, "by_type", false)) {
              b.by_type.assign(type_names.size(), b.probability);
              for (const auto& [tname, tv] : by->items()) {
                const std::string tp = bp + "/by_type/" + escape_pointer_token(tname);
                auto t = check.reference(Json(tname), tp, type_names, "case type");
                auto v = check.number_value(tv, tp, unit_interval, "a probability between 0 and 1");
                if (t && v) b.by_type[*t] = *v;
              }
            }
            st.branches.push_back(b);
          }
        }
      }
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
  names_of(obj, check, "/deadlines");
  const std::vector<std::string> marks = {"report",      "referral", "charge", "first_hearing",
                                          "ptph",        "trial_start", "completion"};
  for (const auto& [name, j] : obj->items()) {
    const std::string p = "/deadlines/" + escape_pointer_token(name);
    if (!j.is_object()) {
      check.error(p, fmt::format("expected an object, got {}", type_name(j)));
      continue;
    }
    check.allow_keys(j, p, {"from", "to", "limit", "unit", "description"});
    Deadline d;
    d.name = name;
    auto from = check.choice(j, p, "from", true, marks);
    auto to = check.choice(j, p, "to", true, marks);
    auto limit = check.number(j, p, "limit", true, positive, "a limit > 0");
    auto unit = check.choice(j, p, "unit", false, {"days", "working_days"});
    if (!from || !to || !limit) continue;
    if (*from == *to) {
      check.error(p + "/to", "is the same milestone as \"from\"; expected a later milestone");
      continue;
    }
    d.from = *milestone_from_name(*from);
    d.to = *milestone_from_name(*to);
    d.limit = *limit;
    d.unit = unit.value_or("days") == "working_days" ? DeadlineUnit::kWorkingDays
                                                     : DeadlineUnit::kCalendarDays;
    deadlines.push_back(d);
  }
}

// An initial case given in JSON or as a CSV row, checked the same way.
struct RawInitialCase {
  std::string where_file, where;  // for messages: a JSON pointer, or "line N" of a CSV file
  bool csv = false;
  std::set<std::string> reported;  // fields already found wrong while reading
  std::string id, type, stage, report_date, stage_entry_date;
  bool isva = false;
};

void check_initial_cases(const std::vector<RawInitialCase>& raw, Scenario& s,
                         std::vector<Diagnostic>& problems) {
  std::vector<std::string> type_names, stage_names;
  for (const auto& t : s.case_types) type_names.push_back(t.name);
  for (const auto& st : s.stages) stage_names.push_back(st.name);
  std::set<std::string> ids;
  for (const auto& r : raw) {
    auto err = [&](const std::string& field, const std::string& msg) {
      if (r.reported.count(field)) return;  // said once already, and better
      problems.push_back(
          {r.where_file, r.where + (r.csv ? ", column " : "/") + field, msg});
    };
    InitialCase c;
    c.id = r.id;
    c.isva = r.isva;
    if (r.id.empty()) err("id", "missing; expected a case identifier");
    else if (!ids.insert(r.id).second) err("id", fmt::format("duplicate case id '{}'; expected each open case to have its own id", r.id));
    auto t = std::find(type_names.begin(), type_names.end(), r.type);
    if (t == type_names.end())
      err("type", fmt::format("unknown case type '{}'{}; expected one of the case_types",
                              r.type, suggestion(r.type, type_names)));
    else c.type = static_cast<std::size_t>(t - type_names.begin());
    auto st = std::find(stage_names.begin(), stage_names.end(), r.stage);
    if (st == stage_names.end()) {
      err("stage", fmt::format("unknown stage '{}'{}; expected a stage of the pathway", r.stage,
                               suggestion(r.stage, stage_names)));
    } else {
      c.stage = static_cast<std::size_t>(st - stage_names.begin());
      if (s.stages[c.stage].kind == StageKind::kTerminal)
        err("stage", fmt::format("'{}' is an outcome; expected the stage an open case is in",
                                 r.stage));
    }
    auto report = sim::parse_iso_date(r.report_date);
    auto entry = sim::parse_iso_date(r.stage_entry_date);
    if (!report) err("report_date", fmt::format("'{}' is not a date that exists; expected "
                                                "\"YYYY-MM-DD\"", r.report_date));
    if (!entry) err("stage_entry_date", fmt::format("'{}' is not a date that exists; expected "
                                                    "\"YYYY-MM-DD\"", r.stage_entry_date));
    if (report && entry) {
      if (*entry < *report)
        err("stage_entry_date", "is before report_date; expected report <= stage entry");
      else if (*entry > s.meta.start_date)
        err("stage_entry_date", fmt::format("is after the scenario start {}; expected an open "
                                            "case as it stands at the start",
                                            sim::to_iso(s.meta.start_date)));
      c.report_date = *report;
      c.stage_entry_date = *entry;
    }
    s.initial_cases.push_back(c);
  }
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(field);
      field.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  out.push_back(field);
  return out;
}

// Reads the open cases of an initial-state CSV file into `raw`.
void read_initial_csv(const std::string& text, const std::string& file,
                      std::vector<RawInitialCase>& raw, std::vector<Diagnostic>& problems) {
  const std::vector<std::string> expected = {"id", "type", "stage", "report_date",
                                             "stage_entry_date", "isva"};
  const char* kColumns = "id,type,stage,report_date,stage_entry_date[,isva]";
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line) || line.find_first_not_of(" \t\r") == std::string::npos) {
    problems.push_back({file, "line 1", fmt::format("no header; expected the columns {}",
                                                    kColumns)});
    return;
  }
  if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // the byte-order mark Excel writes
  const auto header = split_csv_line(line);
  std::vector<int> column(expected.size(), -1);
  for (std::size_t i = 0; i < header.size(); ++i)
    for (std::size_t k = 0; k < expected.size(); ++k)
      if (header[i] == expected[k]) column[k] = static_cast<int>(i);
  std::string missing;
  int missing_count = 0;
  for (std::size_t k = 0; k + 1 < expected.size(); ++k)
    if (column[k] < 0) {
      missing += (missing.empty() ? "'" : ", '") + expected[k] + "'";
      ++missing_count;
    }
  if (!missing.empty()) {
    problems.push_back({file, "line 1",
                        fmt::format("header has no {} column{}; expected the columns {}, "
                                    "separated by commas",
                                    missing, missing_count == 1 ? "" : "s", kColumns)});
    return;
  }
  const std::size_t needed =
      static_cast<std::size_t>(*std::max_element(column.begin(), column.end() - 1)) + 1;
  for (int number = 2; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto fields = split_csv_line(line);
    const std::string where = fmt::format("line {}", number);
    if (fields.size() < needed) {
      problems.push_back({file, where, fmt::format("has {} field{}; expected {}, as in the header",
                                                   fields.size(), fields.size() == 1 ? "" : "s",
                                                   header.size())});
      continue;
    }
    auto field = [&](std::size_t k) -> std::string {
      return column[k] >= 0 && static_cast<std::size_t>(column[k]) < fields.size()
                 ? fields[static_cast<std::size_t>(column[k])]
                 : "";
    };
    RawInitialCase r;
    r.where_file = file;
    r.where = where;
    r.csv = true;
    r.id = field(0);
    r.type = field(1);
    r.stage = field(2);
    r.report_date = field(3);
    r.stage_entry_date = field(4);
    const std::string isva = field(5);
    if (isva == "true" || isva == "1" || isva == "yes") {
      r.isva = true;
    } else if (!(isva.empty() || isva == "false" || isva == "0" || isva == "no")) {
      problems.push_back({file, where + ", column isva",
                          fmt::format("'{}' is not allowed; expected true or false", isva)});
    }
    raw.push_back(r);
  }
}

void read_initial_state(const Json& root, Checker& check, Scenario& s,
                        std::vector<Diagnostic>& problems) {
  const Json* obj = check.object(root, "", "initial_state", false);
  if (!obj) return;
  const std::string p = "/initial_state";
  check.allow_keys(*obj, p, {"cases", "csv"});
  std::vector<RawInitialCase> raw;
  if (obj->contains("cases")) {
    const Json& cases = (*obj)["cases"];
    if (!cases.is_array()) check.error(p + "/cases", "expected an array of open cases");
    else
      for (std::size_t i = 0; i < cases.size(); ++i) {
        const std::string cp = p + "/cases/" + std::to_string(i);
        if (!cases[i].is_object()) {
          check.error(cp, "expected an object describing an open case");
          continue;
        }
        check.allow_keys(cases[i], cp, {"id", "type", "stage", "report_date", "stage_entry_date",
                                        "isva"});
        RawInitialCase r;
        r.where_file = check.file();
        r.where = cp;
        auto str = [&](const char* key) {
          auto v = check.string(cases[i], cp, key, true);
          if (!v) r.reported.insert(key);
          return v.value_or("");
        };
        r.id = str("id");
        r.type = str("type");
        r.stage = str("stage");
        r.report_date = str("report_date");
        r.stage_entry_date = str("stage_entry_date");
        r.isva = check.boolean(cases[i], cp, "isva").value_or(false);
        raw.push_back(r);
      }
  }
  auto csv = check.string(*obj, p, "csv", false, "the path of a CSV file of open cases");
  if (csv && csv->empty()) {
    check.error(p + "/csv", "is empty; expected the path of a CSV file of open cases");
    csv.reset();
  }
  if (csv) {
    const fs::path path = *csv;  // already relative to the working folder (anchor_paths)
    const std::string shown = path.lexically_normal().string();
    std::vector<Diagnostic> file_problems;
    const std::string text = read_text(path, shown, kCsvFile, file_problems);
    for (auto& d : file_problems)
      check.error(p + "/csv", fmt::format("{}: {}; the path is relative to the folder of the "
                                          "scenario file",
                                          shown, d.message));
    if (file_problems.empty()) read_initial_csv(text, shown, raw, problems);
  }
  check_initial_cases(raw, s, problems);
}

Scenario build(const Json& root, const std::string& file) {
  std::vector<Diagnostic> problems;
  Checker check(file, problems);
  check.allow_keys(root, "", {"$schema", "meta", "arrivals", "case_types", "resources", "pathway",
                              "withdrawal", "deadlines", "initial_state"});
  check.string(root, "", "$schema", false, "a string: the path or URL of schema.json");
  Scenario s;
  s.source = file;
  read_meta(root, check, s.meta);
  read_arrivals(root, check, s.arrivals);
  read_case_types(root, check, s.case_types);
  read_resources(root, check, s.pools);
  std::vector<std::string> type_names;
  for (const auto& t : s.case_types) type_names.push_back(t.name);
  read_pathway(root, check, s, type_names);
  read_withdrawal(root, check, s.withdrawal);
  read_deadlines(root, check, s.deadlines);
  // The graph checks only make sense on a pathway whose names all resolved.
  if (problems.empty()) {
    for (const auto& problem : check_pathway(s))
      check.error("/pathway/stages/" + escape_pointer_token(s.stages[problem.stage].name),
                  problem.message);
  }
  if (problems.empty()) read_initial_state(root, check, s, problems);
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  return s;
}

}  // namespace

Scenario load_scenario(const fs::path& path) {
  std::vector<Diagnostic> problems;
  const std::string shown = path.string();
  const std::string text = read_text(path, shown, kScenarioFile, problems);
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  auto doc = parse_json(text, shown, problems);
  if (!doc) throw ScenarioError(std::move(problems));
  std::vector<ChainLink> chain{{canonical_or_same(path), shown}};
  auto merged = resolve_document(std::move(*doc), path.parent_path(), shown, chain, problems);
  if (!merged) throw ScenarioError(std::move(problems));
  return build(*merged, shown);
}

Scenario load_scenario_text(std::string_view text, const std::string& name,
                            const fs::path& base_dir) {
  std::vector<Diagnostic> problems;
  auto doc = parse_json(text, name, problems);
  if (!doc) throw ScenarioError(std::move(problems));
  std::vector<ChainLink> chain;
  auto merged = resolve_document(std::move(*doc), base_dir, name, chain, problems);
  if (!merged) throw ScenarioError(std::move(problems));
  return build(*merged, name);
}

}  // namespace models

#include "models/scenario/json_checker.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>

#include "sim/calendar.h"

namespace models::loading {

namespace {

constexpr const char* kDateExpected = "a date as \"YYYY-MM-DD\"";

// Strings under these keys are words for people (a scenario's name, the
// descriptions, a section 28 evidence note, a lever's label and help, an
// assumption's reason): shown, never simulated.
constexpr std::array<std::string_view, 7> kTextKeys = {"description", "evidence", "reason", "label",
                                                       "help",        "name",     "$schema"};

std::string comma_separated(const std::vector<std::string>& words) {
  std::string list;
  for (const auto& w : words) list += (list.empty() ? "" : ", ") + w;
  return list;
}

bool valid_name(const std::string& s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

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

std::string not_a_date(std::string_view text) {
  return fmt::format("'{}' is not a date that exists; expected \"YYYY-MM-DD\"", text);
}

void Checker::allow_keys(const Json& j, const std::string& ptr, std::vector<std::string> allowed) {
  for (const auto& [key, value] : j.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::sort(allowed.begin(), allowed.end());
      error(ptr + "/" + escape_pointer_token(key),
            fmt::format("unknown key '{}'{}; expected one of: {}", key, suggestion(key, allowed),
                        comma_separated(allowed)));
    }
  }
}

const Json* Checker::present(const Json& parent, const std::string& here, const char* key,
                             bool required, std::string_view expected) {
  if (parent.contains(key)) return &parent[key];
  if (required) error(here, fmt::format("missing; expected {}", expected));
  return nullptr;
}

void Checker::wrong_type(const std::string& here, const Json& j, std::string_view expected) {
  error(here, fmt::format("expected {}, got {} {}", expected, type_name(j), shown_value(j)));
}

void Checker::out_of_range(const std::string& here, const Json& j, std::string_view expected) {
  error(here, fmt::format("{} is out of range; expected {}", shown_value(j), expected));
}

const Json* Checker::object(const Json& parent, const std::string& ptr, const char* key,
                            bool required) {
  const std::string here = ptr + "/" + key;
  const Json* j = present(parent, here, key, required, "an object");
  if (!j) return nullptr;
  if (!j->is_object()) {
    error(here, fmt::format("expected an object, got {}", type_name(*j)));
    return nullptr;
  }
  return j;
}

std::optional<double> Checker::number(const Json& parent, const std::string& ptr, const char* key,
                                      bool required, bool (*valid)(double), const char* expected) {
  const std::string here = ptr + "/" + key;
  const Json* j = present(parent, here, key, required, expected);
  return j ? number_value(*j, here, valid, expected) : std::nullopt;
}

std::optional<double> Checker::number_value(const Json& j, const std::string& here,
                                            bool (*valid)(double), const char* expected) {
  if (!j.is_number()) {
    wrong_type(here, j, expected);
    return std::nullopt;
  }
  const double v = j.get<double>();
  if (!std::isfinite(v) || (valid && !valid(v))) {
    out_of_range(here, j, expected);
    return std::nullopt;
  }
  read(here);
  return v;
}

std::optional<std::vector<double>> Checker::number_values(const Json& j, const std::string& here,
                                                          bool (*valid)(double),
                                                          const char* expected) {
  std::vector<double> values;
  bool good = true;
  for (std::size_t i = 0; i < j.size(); ++i) {
    auto v = number_value(j[i], here + "/" + std::to_string(i), valid, expected);
    good = good && v.has_value();
    if (v) values.push_back(*v);
  }
  return good ? std::optional(std::move(values)) : std::nullopt;
}

std::optional<long long> Checker::integer(const Json& parent, const std::string& ptr,
                                          const char* key, bool required, long long min,
                                          long long max, const char* expected) {
  const std::string here = ptr + "/" + key;
  const Json* j = present(parent, here, key, required, expected);
  return j ? integer_value(*j, here, min, max, expected) : std::nullopt;
}

std::optional<long long> Checker::integer_value(const Json& j, const std::string& here,
                                                long long min, long long max,
                                                const char* expected) {
  if (!j.is_number_integer()) {
    wrong_type(here, j, expected);
    return std::nullopt;
  }
  // Integers above LLONG_MAX parse as unsigned; reading them as long long would wrap.
  const bool huge = j.is_number_unsigned() &&
                    j.get<unsigned long long>() > static_cast<unsigned long long>(LLONG_MAX);
  const long long v = huge ? LLONG_MAX : j.get<long long>();
  if (huge || v < min || v > max) {
    out_of_range(here, j, expected);
    return std::nullopt;
  }
  read(here);
  return v;
}

std::optional<std::string> Checker::string(const Json& parent, const std::string& ptr,
                                           const char* key, bool required, const char* expected) {
  const std::string here = ptr + "/" + key;
  const Json* j = present(parent, here, key, required, expected);
  if (!j) return std::nullopt;
  if (!j->is_string()) {
    wrong_type(here, *j, expected);
    return std::nullopt;
  }
  const bool text = std::find(kTextKeys.begin(), kTextKeys.end(), key) != kTextKeys.end();
  if (text)
    read_text(here);
  else
    read(here);
  return j->get<std::string>();
}

std::optional<bool> Checker::boolean(const Json& parent, const std::string& ptr, const char* key) {
  const std::string here = ptr + "/" + key;
  const Json* j = present(parent, here, key, false, "");
  if (!j) return std::nullopt;
  if (!j->is_boolean()) {
    wrong_type(here, *j, "true or false");
    return std::nullopt;
  }
  read(here);
  return j->get<bool>();
}

std::optional<Date> Checker::date_value(const Json& j, const std::string& here) {
  if (!j.is_string()) {
    wrong_type(here, j, kDateExpected);
    return std::nullopt;
  }
  auto d = sim::parse_iso_date(j.get<std::string>());
  if (!d) {
    error(here, not_a_date(j.get<std::string>()));
    return std::nullopt;
  }
  read(here);
  return *d;
}

std::optional<Date> Checker::date(const Json& parent, const std::string& ptr, const char* key,
                                  bool required) {
  const std::string here = ptr + "/" + key;
  const Json* j = present(parent, here, key, required, kDateExpected);
  return j ? date_value(*j, here) : std::nullopt;
}

std::optional<std::string> Checker::choice(const Json& parent, const std::string& ptr,
                                           const char* key, bool required,
                                           const std::vector<std::string>& words) {
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

std::optional<std::size_t> Checker::reference(const Json& j, const std::string& here,
                                              const std::vector<std::string>& known,
                                              const char* what) {
  if (!j.is_string()) {
    error(here, fmt::format("expected the name of a {}, got {}", what, type_name(j)));
    return std::nullopt;
  }
  const std::string name = j.get<std::string>();
  auto it = std::find(known.begin(), known.end(), name);
  if (it == known.end()) {
    error(here, fmt::format("unknown {} '{}'{}; expected one of: {}", what, name,
                            suggestion(name, known), comma_separated(known)));
    return std::nullopt;
  }
  read(here);
  return static_cast<std::size_t>(it - known.begin());
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

}  // namespace models::loading

#pragma once

// Internal to the scenario loader: only models/scenario/scenario_loader.cc and its
// helpers in models/ may include this header. JSON never passes the loading
// boundary; everything else uses models/scenario/scenario_loader.h.
//
// Reading typed values out of a JSON document while collecting every problem
// with its JSON pointer, so that one run of the loader reports them all.

#include <fmt/format.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/scenario/did_you_mean.h"
#include "models/scenario/pointer_token.h"
#include "models/scenario/scenario.h"
#include "models/scenario/scenario_error.h"

namespace models::loading {

using Json = nlohmann::ordered_json;

// "a number", "an object", ...: what a value is, for "expected X, got Y".
std::string type_name(const Json& j);

// The value as JSON, cut short so that a message stays on a line.
std::string shown_value(const Json& j);

// Why `text` is refused as a date, said the same for JSON and CSV.
std::string not_a_date(std::string_view text);

// The names of `named` in order, to resolve references against.
template <class Named>
std::vector<std::string> names_in(const std::vector<Named>& named) {
  std::vector<std::string> names;
  for (const auto& n : named) names.push_back(n.name);
  return names;
}

// Walks the merged document, collecting every problem with its pointer.
// Readers return nullopt for a value that is missing or wrong, having said why
// when it was wrong or required.
class Checker {
 public:
  Checker(std::string file, std::vector<Diagnostic>& problems)
      : file_(std::move(file)), problems_(problems) {}

  void error(const std::string& pointer, std::string message) {
    problems_.push_back({file_, pointer, std::move(message)});
  }
  const std::string& file() const { return file_; }

  // REQUIRES: j is an object. Reports each key not in `allowed`.
  void allow_keys(const Json& j, const std::string& ptr, std::vector<std::string> allowed);

  const Json* object(const Json& parent, const std::string& ptr, const char* key, bool required);

  // An optional array of objects, each of which is checked the same way.
  struct ObjectArray {
    const char* key;                // of the array in its parent
    const char* expected;           // the array, e.g. "an array of open cases"
    const char* expected_element;   // each element, e.g. "an object describing an open case"
    std::vector<std::string> keys;  // those an element may have
    bool non_empty = false;
  };

  // Calls each(element, pointer) for every element of parent[array.key] that
  // is an object with only the allowed keys; an absent array is no problem.
  template <class Each>
  void each_object(const Json& parent, const std::string& ptr, const ObjectArray& array,
                   Each&& each) {
    if (!parent.contains(array.key)) return;
    const Json& elements = parent[array.key];
    const std::string here = ptr + "/" + array.key;
    if (!elements.is_array() || (array.non_empty && elements.empty())) {
      error(here, fmt::format("expected {}", array.expected));
      return;
    }
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const std::string at = here + "/" + std::to_string(i);
      if (!elements[i].is_object()) {
        error(at, fmt::format("expected {}", array.expected_element));
        continue;
      }
      allow_keys(elements[i], at, array.keys);
      each(elements[i], at);
    }
  }

  // Calls each(name, entry, pointer) for every entry of `map`, an object
  // whose keys name things, that is an object with only the allowed keys.
  // `expected_entry` ends the message when an entry is not an object.
  template <class Each>
  void each_named_object(const Json& map, const std::string& ptr, const char* expected_entry,
                         const std::vector<std::string>& keys, Each&& each);

  // A number with a range check. `expected` describes the valid range.
  std::optional<double> number(const Json& parent, const std::string& ptr, const char* key,
                               bool required, bool (*valid)(double), const char* expected);
  std::optional<double> number_value(const Json& j, const std::string& here, bool (*valid)(double),
                                     const char* expected);
  // REQUIRES: j is an array. Checks every element, as number_value does;
  // nullopt if any is wrong.
  std::optional<std::vector<double>> number_values(const Json& j, const std::string& here,
                                                   bool (*valid)(double), const char* expected);

  // A whole number in [min, max]; `expected` describes that range.
  std::optional<long long> integer(const Json& parent, const std::string& ptr, const char* key,
                                   bool required, long long min, long long max,
                                   const char* expected);
  std::optional<long long> integer_value(const Json& j, const std::string& here, long long min,
                                         long long max, const char* expected);

  std::optional<std::string> string(const Json& parent, const std::string& ptr, const char* key,
                                    bool required, const char* expected = "a string");

  std::optional<bool> boolean(const Json& parent, const std::string& ptr, const char* key);

  std::optional<Date> date(const Json& parent, const std::string& ptr, const char* key,
                           bool required);
  std::optional<Date> date_value(const Json& j, const std::string& here);

  // One of a fixed set of words.
  std::optional<std::string> choice(const Json& parent, const std::string& ptr, const char* key,
                                    bool required, const std::vector<std::string>& words);

  // Resolves a name against a list of known names.
  std::optional<std::size_t> reference(const Json& j, const std::string& here,
                                       const std::vector<std::string>& known, const char* what);

  // What was read, so that a lever or assumption whose pointer reaches
  // nothing the scenario is built from can be told (scenario_warnings.h).
  // The readers above note each value they read; a value read some other way
  // is noted with read(). Strings under the keys "description", "name",
  // "evidence", "reason", "label", "help" and "$schema" are words for people,
  // noted apart: they move no figure.
  void read(const std::string& pointer) { read_.push_back(pointer); }
  void read_text(const std::string& pointer) { text_.push_back(pointer); }
  const std::vector<std::string>& reads() const { return read_; }
  const std::vector<std::string>& text_reads() const { return text_; }

 private:
  // parent[key], or null if absent, which is reported when `required`.
  const Json* present(const Json& parent, const std::string& here, const char* key, bool required,
                      std::string_view expected);
  void wrong_type(const std::string& here, const Json& j, std::string_view expected);
  void out_of_range(const std::string& here, const Json& j, std::string_view expected);

  std::string file_;
  std::vector<Diagnostic>& problems_;
  std::vector<std::string> read_, text_;
};

// The keys of the object `obj` (none if null), which name things: each that
// is not a valid name is reported.
std::vector<std::string> names_of(const Json* obj, Checker& check, const std::string& ptr);

template <class Each>
void Checker::each_named_object(const Json& map, const std::string& ptr, const char* expected_entry,
                                const std::vector<std::string>& keys, Each&& each) {
  names_of(&map, *this, ptr);
  for (const auto& [name, entry] : map.items()) {
    const std::string here = ptr + "/" + escape_pointer_token(name);
    if (!entry.is_object()) {
      error(here, fmt::format("expected {}, got {}", expected_entry, type_name(entry)));
      continue;
    }
    allow_keys(entry, here, keys);
    each(name, entry, here);
  }
}

}  // namespace models::loading

#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/lever_setting.h"
#include "models/scenario/scenario.h"
#include "models/scenario/scenario_error.h"

namespace models {

// Reads a scenario file (JSON with // and /* */ comments), resolves its
// `extends` chain with JSON Merge Patch (RFC 7386), validates everything and
// returns the typed scenario. Throws ScenarioError listing every problem
// found; nothing is returned for an invalid scenario.
Scenario load_scenario(const std::filesystem::path& path);

// The scenario with `settings` applied, in order, to the merged document
// before it is checked (see models/scenario/lever_setting.h). A pointer that
// leads nowhere, a --scale over nothing numeric, or a value the file could
// not have held is reported like any other problem, naming the setting.
Scenario load_scenario(const std::filesystem::path& path,
                       const std::vector<LeverSetting>& settings);

// A scenario file read once (comments, `extends`, relative paths resolved)
// and kept as its merged document, to be loaded many times with different
// lever settings: the points of a sweep, the moves of a workshop room. The
// file is not read again, so every load sees the same text. Copies share the
// document; load() and value_at() are const and safe to call from several
// threads at once.
class ScenarioSource {
 public:
  // Throw ScenarioError when the file cannot be read or parsed, or its
  // `extends` chain is broken; the checks of the scenario itself wait for load().
  static ScenarioSource read(const std::filesystem::path& path);
  static ScenarioSource from_text(std::string_view text, const std::string& name = "<scenario>",
                                  const std::filesystem::path& base_dir = ".");

  // The typed scenario with `settings` applied; throws ScenarioError.
  Scenario load(const std::vector<LeverSetting>& settings = {}) const;

  // What a lever's pointer holds in the merged document as written, before
  // any setting: to show a lever's current value, and to tell a count (a
  // whole number, stepped by 1 in a sweep or a seek) from a continuous value.
  struct Value {
    std::string json;      // compact JSON text
    bool number = false;
    bool whole = false;    // written as an integer, e.g. 4 (not 4.0)
    double as_number = 0;  // when `number`
  };
  // nullopt when nothing is at `pointer` (or it is malformed).
  std::optional<Value> value_at(const std::string& pointer) const;

  const std::string& name() const { return name_; }

 private:
  struct Document;
  std::shared_ptr<const Document> doc_;
  std::string name_;
};

// The same for text in memory (tests, the workshop page). `extends` and CSV
// paths resolve against `base_dir`; `name` appears in messages.
Scenario load_scenario_text(std::string_view text, const std::string& name = "<scenario>",
                            const std::filesystem::path& base_dir = ".");

// Largest scenario file accepted, so a mistaken path to a huge file fails fast.
inline constexpr std::uintmax_t kMaxScenarioBytes = 16u << 20;

}  // namespace models

#include "models/scenario/lever_setting.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "models/scenario/scenario_error.h"

namespace models {

namespace {

using Json = nlohmann::ordered_json;

const char* option_name(LeverMove move) { return move == LeverMove::kSet ? "--set" : "--scale"; }

// Why `pointer` is not an RFC 6901 pointer, or "" if it is one.
std::string malformed(std::string_view pointer) {
  if (pointer.empty() || pointer.front() != '/')
    return "expected a JSON pointer starting with '/', e.g. /resources/courtrooms/count";
  for (std::size_t i = 0; i < pointer.size(); ++i)
    if (pointer[i] == '~' && (i + 1 == pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')))
      return "'~' in a JSON pointer must be followed by 0 (for '~') or 1 (for '/')";
  return {};
}

}  // namespace

std::string LeverSetting::to_string() const {
  return fmt::format("{} {}={}", option_name(move), pointer, value);
}

LeverSetting LeverSetting::set_number(std::string pointer, double value) {
  LeverSetting s{std::move(pointer), LeverMove::kSet, {}};
  if (std::nearbyint(value) == value && std::fabs(value) < 9e15)
    s.value = fmt::format("{}", static_cast<long long>(value));
  else
    s.value = fmt::format("{}", value);  // shortest text that reads back exactly
  return s;
}

LeverSetting parse_lever_setting(std::string_view text, LeverMove move) {
  const std::string shown = fmt::format("{} {}", option_name(move), text);
  auto refuse = [&](const std::string& pointer, const std::string& why) {
    return ScenarioError({{shown, pointer, why}});
  };
  const auto eq = text.find('=');
  if (eq == std::string_view::npos)
    throw refuse("", move == LeverMove::kSet
                         ? "expected POINTER=VALUE, e.g. --set /resources/courtrooms/count=4"
                         : "expected POINTER=FACTOR, e.g. --scale /arrivals/reports_per_year=1.1");
  LeverSetting s{std::string(text.substr(0, eq)), move, {}};
  if (const std::string why = malformed(s.pointer); !why.empty()) throw refuse(s.pointer, why);
  const std::string value(text.substr(eq + 1));
  Json parsed;
  try {
    parsed = Json::parse(value);
  } catch (const Json::exception&) {
    if (move == LeverMove::kScale || value.empty())
      throw refuse(s.pointer, fmt::format("'{}' is not {}", value,
                                          move == LeverMove::kScale
                                              ? "a number; expected a factor such as 1.25"
                                              : "a value; expected JSON (a number, a string, an "
                                                "object) after '='"));
    parsed = value;  // bare words are strings: --set /meta/name=Trial
  }
  if (move == LeverMove::kScale && (!parsed.is_number() || !std::isfinite(parsed.get<double>())))
    throw refuse(s.pointer,
                 fmt::format("'{}' is not a number; expected a factor such as 1.25", value));
  s.value = parsed.dump();
  return s;
}

}  // namespace models

#pragma once

// Reading the workshop page's requests: pure functions of the request's text
// and the levers on offer, with no server, file or clock behind them, so that
// a fuzzer can call them directly. Every refusal carries the HTTP status and
// a message saying what was expected.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "models/scenario/lever.h"

namespace app {

// Request bodies and parameters beyond these are refused (413 / 400).
inline constexpr std::size_t kMaxBodyBytes = 16 * 1024;
inline constexpr std::size_t kMaxValueChars = 64;

struct RequestProblem {
  int status = 400;
  std::string message;
};

// The body of POST /api/what-if, application/x-www-form-urlencoded:
// "lever.3=12&lever.5=designated", one pair per lever moved (none: the
// scenario as written). Refused: an unknown key or lever, a lever named
// twice, a number that is not one, an oversized body or value. Whether a
// value is in its lever's range is the scenario's to say (422), not this.
std::variant<std::vector<models::LeverPosition>, RequestProblem> parse_what_if(
    std::string_view body, const std::vector<models::Lever>& levers);

// A what-if id in a path ("12"), or nullopt for anything but 1 to 999999.
std::optional<int> parse_id(std::string_view text);

}  // namespace app

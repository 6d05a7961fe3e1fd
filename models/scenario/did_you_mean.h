#pragma once

// "Did you mean": the known name nearest a misspelt one, for messages about
// scenarios, levers and figures alike.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace models {

// " (did you mean 'x'?)" when a name of `known` is within max(least_edits,
// a third of the unknown name's length) edits of `unknown` (the nearest, the
// first of equals), else "".
std::string suggestion(std::string_view unknown, const std::vector<std::string>& known,
                       std::size_t least_edits = 2);

}  // namespace models

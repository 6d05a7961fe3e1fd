#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace models::loading {

// JSON pointers of every key that appears a second time in the same object
// of `text` (JSON with // and /* */ comments), in document order. A JSON
// parser keeps only the last of duplicate keys, so "reports_per_year": 0
// followed by "reports_per_year": 500 would otherwise pass silently, and a
// duplicate is almost always a mistake. Text that is not valid JSON yields
// whatever was found before the fault; the parser reports the fault itself.
std::vector<std::string> duplicate_keys(std::string_view text);

}  // namespace models::loading

#pragma once

// JSON pointers (RFC 6901) as text, for the loader's messages and for the
// pointers levers are given (no JSON needed): a name as one token, and
// whether one pointer lies under another.

#include <string>
#include <string_view>

namespace models {

// `token` escaped for use in a JSON pointer: "~" as "~0", "/" as "~1".
inline std::string escape_pointer_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

// `pointer` is `base` or lies under it ("/a/b" is under "/a", "/ab" is not).
inline bool pointer_at_or_under(std::string_view pointer, std::string_view base) {
  return pointer.substr(0, base.size()) == base &&
         (pointer.size() == base.size() || pointer[base.size()] == '/');
}

// One of the two lies under the other: moving either moves something of both.
inline bool pointers_overlap(std::string_view a, std::string_view b) {
  return pointer_at_or_under(a, b) || pointer_at_or_under(b, a);
}

}  // namespace models

#pragma once

// A name as one token of a JSON pointer (RFC 6901), for the loader's messages
// and for the pointers levers are given (no JSON needed).

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

}  // namespace models

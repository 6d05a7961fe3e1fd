#include "app/workshop_request.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <set>

namespace app {

namespace {

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// URL-decoding ("+" is a space), or nullopt for a broken escape.
std::optional<std::string> decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;  // needs two hex digits
      const int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::optional<std::size_t> whole(std::string_view s, std::size_t max) {
  std::size_t v = 0;
  if (s.empty() || s.size() > 9) return std::nullopt;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v > max) return std::nullopt;
  return v;
}

}  // namespace

std::variant<std::vector<models::LeverPosition>, RequestProblem> parse_what_if(
    std::string_view body, const std::vector<models::Lever>& levers) {
  if (body.size() > kMaxBodyBytes)
    return RequestProblem{413, fmt::format("the request is {} bytes; expected at most {}",
                                           body.size(), kMaxBodyBytes)};
  std::vector<models::LeverPosition> moves;
  std::set<std::size_t> seen;
  while (!body.empty()) {
    const std::size_t amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    const std::string_view raw = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    constexpr std::string_view kPrefix = "lever.";
    auto index = key.substr(0, kPrefix.size()) == kPrefix
                     ? whole(key.substr(kPrefix.size()), 1'000'000)
                     : std::nullopt;
    const std::string shown_key(key.substr(0, 40));
    if (!index)
      return RequestProblem{400, fmt::format("'{}' is not a lever; expected lever.N=VALUE with N "
                                             "from 0 to {}",
                                             shown_key, levers.empty() ? 0 : levers.size() - 1)};
    if (*index >= levers.size())
      return RequestProblem{400, fmt::format("there is no lever {}; expected lever.N with N from "
                                             "0 to {}",
                                             *index, levers.empty() ? 0 : levers.size() - 1)};
    if (!seen.insert(*index).second)
      return RequestProblem{400, fmt::format("lever {} is given twice; expected each lever once",
                                             *index)};
    if (raw.size() > 3 * kMaxValueChars)
      return RequestProblem{400, fmt::format("the value of lever {} is too long; expected at "
                                             "most {} characters",
                                             *index, kMaxValueChars)};
    auto value = decode(raw);
    if (!value || value->size() > kMaxValueChars)
      return RequestProblem{400, fmt::format("the value of lever {} is not readable; expected a "
                                             "number or a word of at most {} characters",
                                             *index, kMaxValueChars)};
    const models::Lever& lever = levers[*index];
    models::LeverPosition move;
    move.lever = *index;
    if (lever.is_word()) {
      move.word = *value;
    } else {
      double v = 0;
      const char* end = value->data() + value->size();
      const auto [p, ec] = std::from_chars(value->data(), end, v);
      if (value->empty() || ec != std::errc() || p != end || !std::isfinite(v))
        return RequestProblem{400, fmt::format("'{}' is not a number; expected a number for "
                                               "lever {} ({})",
                                               value->substr(0, 20), *index, lever.label)};
      move.value = v;
    }
    moves.push_back(std::move(move));
  }
  return moves;
}

std::optional<int> parse_id(std::string_view text) {
  auto v = whole(text, 999'999);
  if (!v || *v == 0) return std::nullopt;
  return static_cast<int>(*v);
}

}  // namespace app

#include "models/scenario/scenario_fingerprint.h"

#include <fmt/format.h>

#include <cstdint>

namespace models {

namespace {

// FNV-1a: a stable hash (std::hash may differ between builds).
void mix(std::uint64_t& h, std::string_view text) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
}

}  // namespace

std::string scenario_fingerprint(const Scenario& s) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const ResolvedValue& v : s.resolved) {
    if (v.pointer == "/meta/replications" || v.pointer == "/meta/seed") continue;
    mix(h, v.pointer);
    mix(h, "=");
    mix(h, v.value);
    mix(h, "\n");
  }
  return fmt::format("{:016x}", h);
}

}  // namespace models

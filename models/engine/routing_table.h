#pragma once

#include <cstdint>
#include <vector>

#include "models/scenario/scenario.h"
#include "sim/random_stream.h"

namespace models {

// The pathway flattened for the event loop: dense arrays indexed by stage
// and case type, so routing a case is a table look-up and one uniform, never
// a graph walk or a string compare. Built once per scenario; read-only after.
class RoutingTable {
 public:
  // Which branches of each stage to route by: where a case goes when the
  // stage ends as planned, or where a cracked trial goes (listed stages).
  enum class Branches { kNext, kCracked };

  explicit RoutingTable(const Scenario& s, Branches which = Branches::kNext);

  // The stage a case of `type` goes to after `stage`, for uniform `u`.
  // REQUIRES: the stage has branches of this kind.
  std::size_t next(std::size_t stage, std::size_t type, double u) const {
    const Span span = spans_[stage];
    const double* cum = &cumulative_[(span.first * types_) + type * span.count];
    for (std::uint32_t i = 0; i + 1 < span.count; ++i)
      if (u < cum[i]) return targets_[span.first + i];
    return targets_[span.first + span.count - 1];
  }

  // A stable identity for each stage, from its name: a random-number purpose
  // that stays the same in a policy scenario that adds or reorders stages, so
  // a case meets the same luck at the same stage (common random numbers).
  sim::Purpose stage_purpose(std::size_t stage) const { return purposes_[stage]; }

 private:
  struct Span {
    std::uint32_t first = 0;  // index into targets_
    std::uint32_t count = 0;
  };
  std::size_t types_;
  std::vector<Span> spans_;
  std::vector<std::uint32_t> targets_;
  std::vector<double> cumulative_;  // per branch span: [type][branch] running sums
  std::vector<sim::Purpose> purposes_;
};

// FNV-1a: stable across runs and platforms, unlike std::hash.
std::uint64_t stable_hash(std::string_view text);

}  // namespace models

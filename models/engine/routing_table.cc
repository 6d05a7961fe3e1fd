#include "models/engine/routing_table.h"

namespace models {

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

RoutingTable::RoutingTable(const Scenario& s, Branches which) : types_(s.case_types.size()) {
  static const std::vector<Branch> kNone;
  for (const auto& stage : s.stages) {
    const std::vector<Branch>& branches =
        which == Branches::kNext ? stage.branches
                                 : (stage.listing ? stage.listing->cracked_branches : kNone);
    Span span{static_cast<std::uint32_t>(targets_.size()),
              static_cast<std::uint32_t>(branches.size())};
    spans_.push_back(span);
    for (const auto& b : branches) targets_.push_back(static_cast<std::uint32_t>(b.to));
    // cumulative_ is laid out parallel to targets_, one block of `count`
    // running sums per case type, so offsets are first*types + type*count.
    for (std::size_t t = 0; t < types_; ++t) {
      double sum = 0;
      for (const auto& b : branches) cumulative_.push_back(sum += b.probability_for(t));
    }
    purposes_.push_back(stable_hash(stage.name));
  }
}

}  // namespace models

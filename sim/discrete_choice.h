#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <vector>

#include "sim/random_stream.h"

namespace sim {

// Picks index i with probability weights[i] / sum(weights): which outcome a
// case takes at a decision point (charge, no further action, withdrawal...).
//
// Like Distribution, a draw is the inversion of exactly one uniform through a
// cumulative table, so streams stay aligned and a policy that moves weight
// between outcomes changes the choice only for the cases whose uniform falls
// in the moved slice (common random numbers).
class DiscreteChoice {
 public:
  // Throws std::invalid_argument unless there is at least one weight, every
  // weight is finite and >= 0, and the sum is positive.
  explicit DiscreteChoice(std::vector<double> weights);

  std::size_t sample(RandomStream& s) const { return pick(s.uniform()); }

  // The i with cumulative[i-1] <= u < cumulative[i]. An index with weight 0
  // is never returned.
  // REQUIRES: 0 <= u <= 1
  std::size_t pick(double u) const {
    assert(u >= 0 && u <= 1);
    // Tables are short (a handful of outcomes), where a linear scan beats a
    // binary search.
    const auto it = std::find_if(cumulative_.begin(), cumulative_.end(),
                                 [u](double c) { return c > u; });
    // Only u == 1 runs off the end; it belongs to the last possible outcome.
    if (it == cumulative_.end()) return last_possible_;
    return static_cast<std::size_t>(it - cumulative_.begin());
  }

  std::size_t size() const { return probabilities_.size(); }
  // REQUIRES: i < size()
  double probability(std::size_t i) const {
    assert(i < probabilities_.size());
    return probabilities_[i];
  }

 private:
  std::vector<double> cumulative_;  // cumulative_.back() == 1 exactly
  std::vector<double> probabilities_;
  std::size_t last_possible_ = 0;  // the last index with a positive weight
};

}  // namespace sim

#pragma once

#include <array>
#include <cstdint>
#include <limits>

namespace sim {

// What a stream of random numbers is for. The model picks these; the kernel
// only needs them to be distinct.
using Purpose = std::uint64_t;

// An independent stream of random numbers named by (seed, replication,
// entity, purpose).
//
// It is counter-based (Random123's Philox4x64-10): the key is (seed,
// replication) and the counter is (entity, purpose, block). A stream's numbers
// therefore depend on its name alone, never on how many draws any other stream
// made. That is what lets a case meet the same luck in a baseline and in a
// policy scenario (common random numbers), and what makes results independent
// of the order in which threads or processes run replications.
class RandomStream {
 public:
  using result_type = std::uint64_t;

  RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t entity,
               Purpose purpose);

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  result_type operator()() {
    if (used_ == buffer_.size()) refill();
    return buffer_[used_++];
  }

  // Uniform on the open interval (0, 1): never 0, never 1, so log(u) and
  // quantile(u) are always finite. 52 bits, not 53: with 53, (2^53 - 1) + 0.5
  // rounds up to 2^53 and the top value would be exactly 1.
  double uniform() { return (static_cast<double>((*this)() >> 12) + 0.5) * 0x1.0p-52; }

  // Number of 64-bit values drawn so far.
  std::uint64_t draws() const { return block_ * buffer_.size() - (buffer_.size() - used_); }

 private:
  void refill();

  std::uint64_t key_[2];
  std::uint64_t entity_;
  Purpose purpose_;
  std::uint64_t block_ = 0;
  std::array<std::uint64_t, 4> buffer_{};
  std::size_t used_ = 4;  // empty: the first call refills
};

}  // namespace sim

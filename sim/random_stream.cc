#include "sim/random_stream.h"

#include <Random123/philox.h>

namespace sim {

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t entity,
                           Purpose purpose)
    : key_{seed, replication}, entity_(entity), purpose_(purpose) {}

void RandomStream::refill() {
  r123::Philox4x64 philox;
  r123::Philox4x64::ctr_type ctr = {{entity_, purpose_, block_, 0}};
  r123::Philox4x64::key_type key = {{key_[0], key_[1]}};
  const auto out = philox(ctr, key);
  for (std::size_t i = 0; i < buffer_.size(); ++i) buffer_[i] = out.v[i];
  ++block_;
  used_ = 0;
}

}  // namespace sim

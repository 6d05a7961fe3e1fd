#pragma once

#include <cstdint>

#include "sim/time.h"

namespace sim {

using EntityId = std::uint32_t;
inline constexpr EntityId kNoEntity = 0xFFFFFFFFu;

// A scheduled happening. A small value: no payload pointer, so the calendar
// never allocates per event and a trace is reproducible bit for bit.
//
// Total order: earlier `at` first; at equal times the lower `rank` first (a
// fixed, model-chosen tie-break such as "releases before seizes"); then the
// lower `seq`, the queue's insertion counter. Never random.
struct Event {
  Time at = 0;
  std::uint64_t seq = 0;         // set by EventQueue::push
  EntityId target = kNoEntity;   // whom the event is about; kNoEntity for sources
  std::uint32_t generation = 0;  // target's generation when scheduled (cancellation)
  std::uint16_t kind = 0;        // model-defined meaning
  std::uint16_t rank = 0;        // same-time tie-break, lower first
  std::uint32_t arg = 0;         // model-defined small argument (a stage, a pool)
};

// True when `a` must happen after `b` (the heap keeps the earliest on top).
inline bool later(const Event& a, const Event& b) {
  if (a.at != b.at) return a.at > b.at;
  if (a.rank != b.rank) return a.rank > b.rank;
  return a.seq > b.seq;
}

}  // namespace sim

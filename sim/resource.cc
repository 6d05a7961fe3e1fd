#include "sim/resource.h"

#include <algorithm>
#include <cassert>

namespace sim {

Resource::Resource(int capacity, Discipline discipline, Time start)
    : capacity_(capacity),
      discipline_(discipline),
      queue_length_(start),
      busy_(start),
      capacity_tw_(start, capacity) {
  assert(capacity >= 0);
}

SeizeResult Resource::try_seize(EntityId who, Time now, int priority) {
  if (in_use_ < capacity_ && live_ == 0) {
    take_unit(now);
    return SeizeResult::kServed;
  }
  const int key = discipline_ == Discipline::kPriority ? priority : 0;
  if (who >= ticket_.size()) ticket_.resize(std::max<std::size_t>(who + 1, 2 * ticket_.size()), 0);
  assert(ticket_[who] == 0);
  ticket_[who] = next_seq_ + 1;
  line_.push_back(Waiter{key, next_seq_++, who});
  std::push_heap(line_.begin(), line_.end(), after);
  ++live_;
  queue_length_.set(static_cast<double>(live_), now);
  return SeizeResult::kQueued;
}

EntityId Resource::release(Time now) {
  assert(in_use_ > 0);
  --in_use_;
  busy_.set(in_use_, now);
  return serve_next(now);
}

void Resource::set_capacity(int capacity, Time now) {
  assert(capacity >= 0);
  capacity_ = capacity;
  capacity_tw_.set(capacity, now);
}

EntityId Resource::serve_next(Time now) {
  if (live_ == 0 || in_use_ >= capacity_) return kNoEntity;
  take_unit(now);
  return pop_waiter(now);
}

bool Resource::remove(EntityId who, Time now) {
  if (who >= ticket_.size() || ticket_[who] == 0) return false;
  ticket_[who] = 0;
  --live_;
  queue_length_.set(static_cast<double>(live_), now);
  // Removed entries past half the line: drop them, so memory follows the
  // live line.
  if (line_.size() > 2 * live_ + 64) {
    std::erase_if(line_, [this](const Waiter& w) { return !is_live(w); });
    std::make_heap(line_.begin(), line_.end(), after);
  }
  return true;
}

double Resource::utilisation(Time now) const {
  const double available = capacity_tw_.area(now);
  return available > 0 ? busy_.area(now) / available : 0.0;
}

void Resource::reset_statistics(Time now) {
  queue_length_.reset(now);
  busy_.reset(now);
  capacity_tw_.reset(now);
  served_ = 0;
}

EntityId Resource::pop_waiter(Time now) {
  // REQUIRES: live_ > 0, so a live entry is in the heap
  for (;;) {
    std::pop_heap(line_.begin(), line_.end(), after);
    const Waiter w = line_.back();
    line_.pop_back();
    if (!is_live(w)) continue;  // removed while waiting
    ticket_[w.who] = 0;
    --live_;
    queue_length_.set(static_cast<double>(live_), now);
    return w.who;
  }
}

void Resource::take_unit(Time now) {
  ++in_use_;
  ++served_;
  busy_.set(in_use_, now);
}

}  // namespace sim

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
  if (in_use_ < capacity_ && line_.empty()) {
    take_unit(now);
    return SeizeResult::kServed;
  }
  const int key = discipline_ == Discipline::kPriority ? priority : 0;
  line_.push_back(Waiter{key, next_seq_++, who});
  std::push_heap(line_.begin(), line_.end(), after);
  queue_length_.set(static_cast<double>(line_.size()), now);
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
  if (line_.empty() || in_use_ >= capacity_) return kNoEntity;
  take_unit(now);
  return pop_waiter(now);
}

bool Resource::remove(EntityId who, Time now) {
  auto it = std::find_if(line_.begin(), line_.end(), [who](const Waiter& w) { return w.who == who; });
  if (it == line_.end()) return false;
  *it = line_.back();
  line_.pop_back();
  std::make_heap(line_.begin(), line_.end(), after);
  queue_length_.set(static_cast<double>(line_.size()), now);
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
  std::pop_heap(line_.begin(), line_.end(), after);
  const EntityId who = line_.back().who;
  line_.pop_back();
  queue_length_.set(static_cast<double>(line_.size()), now);
  return who;
}

void Resource::take_unit(Time now) {
  ++in_use_;
  ++served_;
  busy_.set(in_use_, now);
}

}  // namespace sim

#pragma once

#include "sim/time.h"

namespace sim {

// Time-average of a piecewise-constant quantity (queue length, busy units).
// Feed it every change; the value holds from one change to the next.
class TimeWeighted {
 public:
  explicit TimeWeighted(Time start = 0, double value = 0) : start_(start), last_(start), value_(value) {}

  // REQUIRES: now >= time of the previous call
  void set(double value, Time now) {
    area_ += value_ * (now - last_);
    last_ = now;
    value_ = value;
  }
  void add(double delta, Time now) { set(value_ + delta, now); }

  // Forgets the history before `now` (the end of a warm-up period).
  void reset(Time now) {
    start_ = now;
    last_ = now;
    area_ = 0;
  }

  double value() const { return value_; }
  // Integral of the value from the start (or last reset) to `now`.
  double area(Time now) const { return area_ + value_ * (now - last_); }
  double mean(Time now) const { return now > start_ ? area(now) / (now - start_) : value_; }

 private:
  Time start_;
  Time last_;
  double value_;
  double area_ = 0;
};

}  // namespace sim

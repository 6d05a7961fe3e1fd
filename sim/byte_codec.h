#pragma once

// Results as bytes and back, so that replications run in other processes
// (MPI ranks) reach the one that summarises them unchanged to the bit.
// Numbers travel as their in-memory bytes: every process of a job runs the
// same build on the same kind of machine.

#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sim/running_stats.h"
#include "sim/sample.h"

namespace sim {

class ByteWriter {
 public:
  template <class T>
    requires std::is_arithmetic_v<T> || std::is_enum_v<T>
  void operator()(const T& x) {
    bytes_.append(reinterpret_cast<const char*>(&x), sizeof x);
  }
  void operator()(const std::string& s) {
    (*this)(static_cast<std::uint64_t>(s.size()));
    bytes_.append(s);
  }
  template <class T>
  void operator()(const std::vector<T>& v) {
    (*this)(static_cast<std::uint64_t>(v.size()));
    for (const T& x : v) (*this)(x);
  }
  template <class T, std::size_t N>
  void operator()(const std::array<T, N>& a) {
    for (const T& x : a) (*this)(x);
  }
  void operator()(const Sample& s) {
    (*this)(s.condensed_);
    if (!s.condensed_) {
      (*this)(s.values_);
      return;
    }
    (*this)(static_cast<std::uint64_t>(s.count_));
    (*this)(s.mean_);
    (*this)(static_cast<std::uint64_t>(s.kept_));
    (*this)(s.kept_p_);
    (*this)(s.kept_q_);
  }
  void operator()(const RunningStats& r) {
    (*this)(r.n_);
    (*this)(r.mean_);
    (*this)(r.m2_);
    (*this)(r.min_);
    (*this)(r.max_);
  }

  const std::string& bytes() const { return bytes_; }
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

// Reads what a ByteWriter wrote, in the same order. Throws
// std::runtime_error on bytes that end early.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  template <class T>
    requires std::is_arithmetic_v<T> || std::is_enum_v<T>
  void operator()(T& x) {
    std::memcpy(&x, take(sizeof x), sizeof x);
  }
  void operator()(std::string& s) {
    const std::size_t n = count();
    s.assign(take(n), n);
  }
  template <class T>
  void operator()(std::vector<T>& v) {
    v.resize(count());
    for (T& x : v) (*this)(x);
  }
  void operator()(std::vector<bool>& v) {
    v.resize(count());
    for (std::size_t i = 0; i < v.size(); ++i) {
      bool b = false;
      (*this)(b);
      v[i] = b;
    }
  }
  template <class T, std::size_t N>
  void operator()(std::array<T, N>& a) {
    for (T& x : a) (*this)(x);
  }
  void operator()(Sample& s) {
    s = Sample();
    (*this)(s.condensed_);
    if (!s.condensed_) {
      (*this)(s.values_);
      s.sorted_ = false;
      return;
    }
    std::uint64_t n = 0;  // values that were condensed, not bytes that follow
    (*this)(n);
    s.count_ = static_cast<std::size_t>(n);
    (*this)(s.mean_);
    s.kept_ = count();
    if (s.kept_ > Sample::kMaxKept) throw std::runtime_error("corrupt sample");
    (*this)(s.kept_p_);
    (*this)(s.kept_q_);
  }
  void operator()(RunningStats& r) {
    (*this)(r.n_);
    (*this)(r.mean_);
    (*this)(r.m2_);
    (*this)(r.min_);
    (*this)(r.max_);
  }

  bool done() const { return at_ == bytes_.size(); }
  // The next n bytes, as they are.
  const char* take(std::size_t n) {
    if (n > bytes_.size() - at_) throw std::runtime_error("result bytes end early");
    const char* p = bytes_.data() + at_;
    at_ += n;
    return p;
  }

 private:
  std::size_t count() {
    std::uint64_t n = 0;
    (*this)(n);
    if (n > bytes_.size()) throw std::runtime_error("result bytes hold an impossible count");
    return static_cast<std::size_t>(n);
  }

  std::string_view bytes_;
  std::size_t at_ = 0;
};

}  // namespace sim

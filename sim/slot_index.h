#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace sim {

// Which of N consecutive slots are open, with the first open run of a given
// length found in one descent of a tree rather than by visiting slots.
//
// A segment tree keeps, for the slots under each node, the open run at its
// left edge, the open run at its right edge and its longest open run. The
// first run of length L at or after `from` is then found left to right: a
// node that cannot hold the run is passed over whole (carrying the open run
// that reaches its right edge into the next node), and only a node whose
// longest run suffices is entered. A diary fragmented into many short gaps
// costs a few descents, not a hop from gap to gap.
class SlotIndex {
 public:
  explicit SlotIndex(std::size_t n = 0, bool open = true) { reset(n, open); }

  void reset(std::size_t n, bool open) {
    n_ = n;
    size_ = 1;
    while (size_ < n_) size_ *= 2;
    nodes_.assign(2 * size_, Node{});
    for (std::size_t i = 0; i < size_; ++i) nodes_[size_ + i] = leaf(i < n_ && open);
    for (std::size_t i = size_ - 1; i >= 1; --i) pull(i);
  }

  std::size_t size() const { return n_; }
  bool is_open(std::size_t i) const { return nodes_[size_ + i].best != 0; }

  // REQUIRES: i < size()
  void set(std::size_t i, bool open) {
    assert(i < n_);
    std::size_t node = size_ + i;
    if ((nodes_[node].best != 0) == open) return;
    nodes_[node] = leaf(open);
    for (node /= 2; node >= 1; node /= 2) pull(node);
  }

  // The first open slot at or after `from`, if any.
  std::optional<std::size_t> next_open(std::size_t from) const { return first_run(from, 1); }

  // The first closed slot at or after `from`, or size() if none.
  std::size_t next_closed(std::size_t from) const {
    if (from >= n_) return n_;
    return std::min(n_, first_closed(1, 0, size_, from));
  }

  // The first slot p >= from with slots p .. p+length-1 all open.
  // REQUIRES: length >= 1
  std::optional<std::size_t> first_run(std::size_t from, std::size_t length) const {
    assert(length >= 1);
    if (from >= n_) return std::nullopt;
    std::size_t carry = 0;
    const std::size_t p = find(1, 0, size_, from, length, carry);
    if (p == kNone || p + length > n_) return std::nullopt;
    return p;
  }

 private:
  static constexpr std::size_t kNone = SIZE_MAX;

  struct Node {
    std::uint32_t prefix = 0;  // open slots from the left edge
    std::uint32_t suffix = 0;  // open slots up to the right edge
    std::uint32_t best = 0;    // longest open run
  };

  static Node leaf(bool open) {
    const std::uint32_t v = open ? 1 : 0;
    return Node{v, v, v};
  }

  void pull(std::size_t i) {
    const Node& l = nodes_[2 * i];
    const Node& r = nodes_[2 * i + 1];
    const std::uint32_t half = static_cast<std::uint32_t>(width(2 * i));
    Node& n = nodes_[i];
    n.prefix = l.prefix == half ? half + r.prefix : l.prefix;
    n.suffix = r.suffix == half ? half + l.suffix : r.suffix;
    n.best = std::max({l.best, r.best, l.suffix + r.prefix});
  }

  // Slots under a node: the tree is perfect, so it depends on the depth only.
  std::size_t width(std::size_t node) const {
    std::size_t w = size_;
    for (std::size_t n = node; n > 1; n /= 2) w /= 2;
    return w;
  }

  // Leftmost start p >= from of `length` open slots, scanning the node
  // [lo, hi) left to right. `carry` is the open run, begun at or after
  // `from`, that ends just before lo; on return it is the one ending at hi.
  std::size_t find(std::size_t node, std::size_t lo, std::size_t hi, std::size_t from,
                   std::size_t length, std::size_t& carry) const {
    if (hi <= from) return kNone;
    const Node& n = nodes_[node];
    const std::size_t w = hi - lo;
    if (lo >= from) {
      if (carry + n.prefix >= length) return lo - carry;
      if (n.best < length) {
        carry = n.prefix == w ? carry + w : n.suffix;
        return kNone;
      }
    }
    // A leaf is settled above: either wholly before `from`, or at or after it.
    assert(w > 1);
    const std::size_t mid = (lo + hi) / 2;
    const std::size_t left = find(2 * node, lo, mid, from, length, carry);
    if (left != kNone) return left;
    return find(2 * node + 1, mid, hi, from, length, carry);
  }

  std::size_t first_closed(std::size_t node, std::size_t lo, std::size_t hi,
                           std::size_t from) const {
    if (hi <= from || nodes_[node].prefix == hi - lo) return kNone;
    if (hi - lo == 1) return lo;
    const std::size_t mid = (lo + hi) / 2;
    const std::size_t left = first_closed(2 * node, lo, mid, from);
    if (left != kNone) return left;
    return first_closed(2 * node + 1, mid, hi, from);
  }

  std::size_t n_ = 0;
  std::size_t size_ = 1;
  std::vector<Node> nodes_;  // leaves at [size_, 2 size_); padding leaves are closed
};

}  // namespace sim

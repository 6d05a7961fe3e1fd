#pragma once

// A lever: one number (or word) of a scenario that a workshop may move, named
// in plain words with the range it may take. A scenario lists its own in
// meta.levers; one that lists none is offered its resources' counts and its
// stated assumptions (offered_levers).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace models {

struct Scenario;

struct Lever {
  enum class Kind : std::uint8_t {
    kSet,    // the value at `pointer` is replaced (a number, or a word from `choices`)
    kScale,  // every number at or under `pointer` is multiplied by the value (1: as written)
  };
  Kind kind = Kind::kSet;
  std::string pointer;  // JSON pointer into the merged scenario, e.g. /resources/isvas/count
  std::string label;    // plain words: "ISVAs"
  std::string unit;     // "posts", "rooms", "x as written", "share"
  std::string help;     // one line: what moving it means
  double min = 0;       // the range offered; for kScale, factors; min < max
  double max = 0;
  double step = 1;      // > 0; a whole step on a whole value keeps it whole
  std::vector<std::string> choices;  // a kSet lever on a word: the words it may take
  // As written: the number (kScale: 1), or for a word lever the word.
  double value = 0;
  std::string word;
  // A JSON Merge Patch (compact JSON; "" for none) applied before the lever's
  // own change whenever it is moved off its value as written: it adds what
  // the scenario lacks, e.g. the specialist-courts section a room count needs.
  std::string with;

  bool is_word() const { return !choices.empty(); }
};

// What a room moved: lever `lever` (an index into the levers offered) to a
// number, or for a word lever to a word.
struct LeverPosition {
  std::size_t lever = 0;
  double value = 0;
  std::string word;
};

// The scenario's own meta.levers, or if it names none: each resource's count
// (from none to twice as many) and each stated assumption scaled from half to
// one and a half times its value.
std::vector<Lever> offered_levers(const Scenario& s);

// "" if `move` is a value `lever` may take, else why not, ending with what
// was expected, e.g. "25 is out of range; expected a number from 0 to 20 (ISVAs, posts)".
std::string lever_move_problem(const Lever& lever, const LeverPosition& move);

// The move as text: "12", "0.85", "designated".
std::string shown_move(const Lever& lever, const LeverPosition& move);

}  // namespace models

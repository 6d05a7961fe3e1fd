#pragma once

// One table per enum of the scenario format, read both ways: the word a
// value is written as (in scenario files and outputs) and the value a word
// stands for. Each enum's words are written once, in its table.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace models {

template <class E>
struct EnumWord {
  E value;
  const char* word;
};

template <class E, std::size_t N>
class EnumWords {
 public:
  constexpr explicit EnumWords(std::array<EnumWord<E>, N> rows) : rows_(rows) {}

  // The word for `e`; "?" for a value the table lacks (a bug).
  constexpr const char* word(E e) const {
    for (const auto& r : rows_)
      if (r.value == e) return r.word;
    return "?";
  }
  constexpr std::optional<E> value(std::string_view word) const {
    for (const auto& r : rows_)
      if (word == r.word) return r.value;
    return std::nullopt;
  }
  // Every word, in the table's order: the choices a checker offers.
  std::vector<std::string> words() const {
    std::vector<std::string> out;
    for (const auto& r : rows_) out.emplace_back(r.word);
    return out;
  }

 private:
  std::array<EnumWord<E>, N> rows_;
};

template <class E, std::size_t N>
EnumWords(std::array<EnumWord<E>, N>) -> EnumWords<E, N>;

}  // namespace models

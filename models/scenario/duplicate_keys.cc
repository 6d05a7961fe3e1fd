#include "models/scenario/duplicate_keys.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <set>

#include "models/scenario/json_checker.h"  // escape_pointer_token

namespace models::loading {

namespace {

// Walks the document as parse events, keeping the path to the value being
// read: one frame per open object or array.
class DuplicateFinder {
 public:
  using json = nlohmann::json;

  std::vector<std::string> found;

  bool null() { return value(); }
  bool boolean(bool) { return value(); }
  bool number_integer(json::number_integer_t) { return value(); }
  bool number_unsigned(json::number_unsigned_t) { return value(); }
  bool number_float(json::number_float_t, const std::string&) { return value(); }
  bool string(std::string&) { return value(); }
  bool binary(json::binary_t&) { return value(); }
  bool start_object(std::size_t) { return open(true); }
  bool start_array(std::size_t) { return open(false); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& k) {
    Frame& f = frames_.back();
    f.token = escape_pointer_token(k);
    if (!f.keys.insert(k).second && found.size() < kMaxReported) found.push_back(pointer());
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    return false;
  }

 private:
  static constexpr std::size_t kMaxReported = 100;
  struct Frame {
    bool object = false;
    std::set<std::string> keys;  // objects: keys seen so far
    std::string token;           // objects: the current key, escaped
    std::size_t next = 0;        // arrays: index of the next element
  };

  // An array element takes the next index; an object member's key was set by key().
  void enter_value() {
    if (!frames_.empty() && !frames_.back().object)
      frames_.back().token = std::to_string(frames_.back().next++);
  }
  bool value() {
    enter_value();
    return true;
  }
  bool open(bool object) {
    enter_value();
    frames_.push_back({object, {}, {}, 0});
    return true;
  }
  bool close() {
    frames_.pop_back();
    return true;
  }
  std::string pointer() const {
    std::string p;
    for (const Frame& f : frames_) p += "/" + f.token;
    return p;
  }

  std::vector<Frame> frames_;
};

}  // namespace

std::vector<std::string> duplicate_keys(std::string_view text) {
  DuplicateFinder finder;
  nlohmann::json::sax_parse(text, &finder, nlohmann::json::input_format_t::json,
                            /*strict=*/true, /*ignore_comments=*/true);
  return std::move(finder.found);
}

}  // namespace models::loading

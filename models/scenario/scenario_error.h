#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace models {

// One thing wrong with a scenario: where (file and JSON pointer) and why,
// with what was expected, so the user can fix it without reading code.
struct Diagnostic {
  std::string file;
  std::string pointer;  // RFC 6901, e.g. /pathway/stages/investigation/duration
  std::string message;  // the reason, ending with what was expected

  std::string to_string() const;  // "file: /pointer: message"
};

// Thrown by the loader with every problem found, never just the first.
class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> problems);
  const std::vector<Diagnostic>& problems() const { return problems_; }

 private:
  std::vector<Diagnostic> problems_;
};

}  // namespace models

#include "models/scenario/scenario_error.h"

namespace models {

namespace {
std::string join(const std::vector<Diagnostic>& problems) {
  std::string out;
  for (const auto& p : problems) {
    if (!out.empty()) out += '\n';
    out += p.to_string();
  }
  return out;
}
}  // namespace

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (!pointer.empty()) {
    if (!out.empty()) out += ": ";
    out += pointer;
  }
  out += ": ";
  out += message;
  return out;
}

ScenarioError::ScenarioError(std::vector<Diagnostic> problems)
    : std::runtime_error(join(problems)), problems_(std::move(problems)) {}

}  // namespace models

#pragma once

// What a policy changes: the values of its resolved scenario (its `extends`
// chain merged, levers applied) that differ from the baseline's, each with
// the reason the policy gives for it, so a comparison shows what was
// assumed rather than leaving the reader to diff two files.

#include <string>
#include <vector>

#include "models/scenario/scenario.h"

namespace models {

struct PolicyChange {
  std::string pointer;   // e.g. "/resources/courtrooms/count"
  std::string baseline;  // compact JSON text; "" where the baseline has no such value
  std::string policy;    // "" where the policy removed it
  // The policy's stated assumption for the value (meta.assumptions, at the
  // pointer or above it), the lever that moved it, or "" when it gives none.
  std::string reason;
};

// In the policy's document order, then what only the baseline has.
std::vector<PolicyChange> policy_changes(const Scenario& baseline, const Scenario& policy);

}  // namespace models

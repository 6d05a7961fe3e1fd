#include "models/results/policy_changes.h"

#include <unordered_map>

#include "models/scenario/pointer_token.h"

namespace models {

namespace {

std::string reason_for(const Scenario& policy, const std::string& pointer) {
  for (const LeverSetting& l : policy.meta.lever_settings)
    if (pointer_at_or_under(pointer, l.pointer)) return "moved by " + l.to_string();
  // The most specific stated assumption wins.
  const Assumption* best = nullptr;
  for (const Assumption& a : policy.meta.assumptions)
    if (pointer_at_or_under(pointer, a.parameter) && (!best || a.parameter.size() > best->parameter.size()))
      best = &a;
  return best ? best->reason : std::string();
}

}  // namespace

std::vector<PolicyChange> policy_changes(const Scenario& baseline, const Scenario& policy) {
  std::unordered_map<std::string, std::size_t> base;  // pointer -> index in baseline.resolved
  for (std::size_t i = 0; i < baseline.resolved.size(); ++i)
    base.emplace(baseline.resolved[i].pointer, i);
  std::vector<bool> matched(baseline.resolved.size(), false);
  std::vector<PolicyChange> out;
  for (const ResolvedValue& v : policy.resolved) {
    std::string before;
    if (const auto it = base.find(v.pointer); it != base.end()) {
      matched[it->second] = true;
      before = baseline.resolved[it->second].value;
      if (before == v.value) continue;
    }
    out.push_back({v.pointer, before, v.value, reason_for(policy, v.pointer)});
  }
  for (std::size_t i = 0; i < baseline.resolved.size(); ++i)
    if (!matched[i])
      out.push_back({baseline.resolved[i].pointer, baseline.resolved[i].value, "",
                     reason_for(policy, baseline.resolved[i].pointer)});
  return out;
}

}  // namespace models

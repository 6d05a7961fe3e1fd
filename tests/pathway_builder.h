#pragma once

// Small pathways written out in C++ for the pathway and Markov tests, so a
// test reads as its diagram: stages in order, branches by stage index.

#include <string>
#include <utility>
#include <vector>

#include "models/scenario/scenario.h"
#include "sim/distribution.h"

namespace casesim_test {

inline models::Branch to(std::size_t stage, double probability = 1) {
  models::Branch b;
  b.to = stage;
  b.probability = probability;
  return b;
}

// A branch with its own probability for each case type.
inline models::Branch to_by_type(std::size_t stage, std::vector<double> by_type) {
  models::Branch b = to(stage, by_type.empty() ? 0 : by_type.front());
  b.by_type = std::move(by_type);
  return b;
}

inline models::Stage stage(std::string name, models::StageKind kind, sim::Distribution duration,
                           std::vector<models::Branch> branches, double withdrawal_per_year = 0) {
  models::Stage s;
  s.name = std::move(name);
  s.kind = kind;
  s.duration = duration;
  s.branches = std::move(branches);
  s.withdrawal_per_year = withdrawal_per_year;
  return s;
}

inline models::Stage work(std::string name, sim::Distribution duration,
                          std::vector<models::Branch> branches, double withdrawal_per_year = 0) {
  auto s = stage(std::move(name), models::StageKind::kWork, duration, std::move(branches),
                 withdrawal_per_year);
  s.pool = 0;
  return s;
}

inline models::Stage delay(std::string name, sim::Distribution duration,
                           std::vector<models::Branch> branches, double withdrawal_per_year = 0) {
  return stage(std::move(name), models::StageKind::kDelay, duration, std::move(branches),
               withdrawal_per_year);
}

inline models::Stage decision(std::string name, std::vector<models::Branch> branches) {
  return stage(std::move(name), models::StageKind::kDecision, {}, std::move(branches));
}

inline models::Stage terminal(std::string name, std::string outcome) {
  auto s = stage(std::move(name), models::StageKind::kTerminal, {}, {});
  s.outcome = std::move(outcome);
  return s;
}

inline models::Stage marked(models::Stage s, models::Milestone m) {
  s.milestone = m;
  return s;
}

inline models::CaseType case_type(std::string name, double share, double duration_scale = 1,
                                  double withdrawal_scale = 1) {
  models::CaseType t;
  t.name = std::move(name);
  t.share = share;
  t.duration_scale = duration_scale;
  t.withdrawal_scale = withdrawal_scale;
  return t;
}

// One case type ("typical", share 1) and one pool ("officers") unless the
// test replaces them.
inline models::Scenario pathway(std::vector<models::Stage> stages, std::size_t entry = 0) {
  models::Scenario s;
  s.meta.name = "test";
  s.case_types.push_back(case_type("typical", 1));
  models::Pool officers;
  officers.name = "officers";
  officers.count = 10;
  s.pools.push_back(officers);
  s.stages = std::move(stages);
  s.entry = entry;
  return s;
}

}  // namespace casesim_test

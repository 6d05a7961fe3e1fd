#pragma once

// The pathway as a directed graph, for the checks a loader must make before
// anything runs on it (output/pathway_diagram.h draws it). The engine routes through
// models/engine/routing_table.h instead; this graph is for whole-pathway questions
// (can every stage be reached, can every stage finish) that a flat table
// cannot answer.

#include <boost/graph/adjacency_list.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "models/scenario/scenario.h"

namespace models {

struct PathwayEdge {
  std::size_t branch = 0;      // index into the source stage's branches
  bool cracked = false;        // a listed stage's cracked_branches, not its branches
  double max_probability = 0;  // over case types: > 0 if any case can take it
};

// Vertex i is stage i; one edge per branch whose target exists. Bidirectional
// so that "can reach an outcome" is a search of the reversed graph.
using PathwayGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                           boost::no_property, PathwayEdge>;

PathwayGraph make_pathway_graph(const Scenario& scenario);

struct PathwayProblem {
  std::size_t stage = 0;  // the stage the problem is about; < stages.size() if any
  std::string message;    // names the stage, so it reads on its own
};

// Everything that would make a case stick, vanish or never arise:
//  * a branch to a stage that does not exist, or a probability outside
//    [0, 1], or by_type not matching the case types;
//  * a non-terminal stage with no branches, a terminal stage with some;
//  * branch probabilities not summing to 1 (within 1e-9) for a case type;
//  * a stage no case can reach from the entry stage;
//  * a non-terminal stage from which some case type cannot reach a terminal
//    stage (a trap loop, or a dead end);
//  * a loop of stages that take no time (decisions, stays of median length
//    0): a case could go round it without the clock moving.
// Only branches with a positive probability count as a way through: a
// branch of probability 0 for every case type is never taken. Sorted by
// stage; empty for a valid pathway. An empty pathway gives one problem, for
// stage 0.
std::vector<PathwayProblem> check_pathway(const Scenario& scenario);

// The largest probability of taking a branch over the case types: > 0 when
// some case can take it.
double branch_max_probability(const Scenario& scenario, const Branch& branch);

}  // namespace models

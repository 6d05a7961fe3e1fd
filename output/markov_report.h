#pragma once

#include <string>

#include "models/analysis/markov_analysis.h"
#include "models/scenario/scenario.h"

namespace output {

// What `casesim analyse` prints: outcome probabilities and expected times,
// milestone reach and timing, as a table or as JSON.
std::string markov_table(const models::Scenario& scenario, const models::MarkovResult& result);
std::string markov_json(const models::Scenario& scenario, const models::MarkovResult& result);

}  // namespace output

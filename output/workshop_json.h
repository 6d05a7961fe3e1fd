#pragma once

// What the workshop page (casesim serve) reads from the server: the levers
// on offer, the state of each what-if with its headline figures and chart
// series, and the room's record as CSV. Written here, read by the page's
// script; nothing reads JSON back.

#include <string>
#include <vector>

#include "models/results/what_if_result.h"
#include "models/scenario/lever.h"
#include "models/scenario/scenario.h"

namespace output {

// One what-if as the page shows it.
struct WhatIfStatus {
  int id = 0;
  std::string state;              // "queued", "running", "done", "stopped", "failed"
  std::vector<std::string> moved;  // "ISVAs (posts): 9 -> 12", one per lever moved
  std::size_t done = 0;            // replication pairs finished
  std::size_t target = 0;          // pairs it will run unless a newer change stops it
  double first_answer_ms = -1;     // from the request to its first answer; -1 before
  double elapsed_ms = 0;           // from the request to now, or to its end
  std::string error;               // why it failed
  const models::WhatIfResult* result = nullptr;  // null before the first answer
};

// The scenario's name and description, and each lever: its index, label,
// unit, help, range and value as written.
std::string levers_json(const models::Scenario& s, const std::vector<models::Lever>& levers,
                        std::size_t replications);

std::string what_if_json(const WhatIfStatus& w);

// Every what-if, oldest first, without chart series (the record table).
std::string record_json(const std::vector<WhatIfStatus>& all);

// The record as CSV: one row per what-if, the levers moved and each headline
// difference with its interval.
std::string record_csv(const std::vector<WhatIfStatus>& all);

// {"error": message, "problems": [...]} for a refused request.
std::string error_json(const std::string& message, const std::vector<std::string>& problems = {});

// "ISVAs (posts): 9 -> 12"
std::string moved_text(const models::Lever& lever, const models::LeverPosition& move);

}  // namespace output

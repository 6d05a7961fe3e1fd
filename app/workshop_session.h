#pragma once

// The workshop's what-ifs: one scenario as written, the levers it offers,
// and every what-if the room has asked for. One worker thread runs one
// what-if at a time against the scenario as written, replication pair by
// replication pair with common random numbers, publishing a sharper answer
// after each batch; a newer what-if stops the running one and replaces any
// waiting. The scenario as written is simulated once and its replications
// kept, so a what-if only simulates itself.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "models/engine/case_flow_model.h"
#include "models/results/what_if_result.h"
#include "models/scenario/lever.h"
#include "models/scenario/run_cost.h"
#include "models/scenario/scenario.h"
#include "models/scenario/scenario_loader.h"
#include "output/workshop_json.h"

namespace app {

// More what-ifs waiting than the session keeps (HTTP 503).
struct SessionBusy : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class WorkshopSession {
 public:
  struct Settings {
    std::filesystem::path file;
    unsigned threads = 2;           // replications side by side
    std::size_t replications = 50;  // pairs a what-if runs unless stopped
    std::size_t record_limit = 500; // what-ifs kept; beyond it, submit refuses
    // What the scenario as written and each what-if may cost (--max-memory,
    // --max-cases): a lever's range can reach a run too big for the machine.
    models::RunLimits limits;
  };

  // Loads the scenario (ScenarioError if it is invalid) and starts the
  // worker, which simulates the scenario as written while the room is idle.
  explicit WorkshopSession(Settings settings);
  ~WorkshopSession();
  WorkshopSession(const WorkshopSession&) = delete;
  WorkshopSession& operator=(const WorkshopSession&) = delete;

  const models::Scenario& scenario() const { return scenario_; }
  const std::vector<models::Lever>& levers() const { return levers_; }
  const Settings& settings() const { return settings_; }

  // Starts a what-if and returns its id; the running one stops and any
  // waiting one is dropped. Throws models::ScenarioError for moves the
  // scenario refuses (with the messages `casesim validate` would give), and
  // SessionBusy when the record is full.
  // REQUIRES: every move's lever indexes levers().
  int submit(std::vector<models::LeverPosition> moves);

  // A copy of what-if `id`'s state (nullopt if there is none); the
  // result it points to stays alive as long as `hold`.
  struct View {
    output::WhatIfStatus status;
    std::shared_ptr<const models::WhatIfResult> hold;
  };
  std::optional<View> view(int id) const;
  std::vector<View> record() const;

  // What-if `id` as a scenario file extending the scenario (nullopt if
  // there is no such what-if).
  std::optional<std::string> saved_file(int id) const;

  // Stops the worker; waits for the batch in hand to end.
  void stop();

 private:
  int replications() const {
    return static_cast<int>(std::min<std::size_t>(settings_.replications, 1u << 30));
  }
  void check_cost(const models::Scenario& s) const;
  using Clock = std::chrono::steady_clock;
  struct Job {
    int id = 0;
    std::vector<models::LeverPosition> moves;
    std::vector<models::LeverSetting> settings;  // the moves as lever settings
    std::unique_ptr<models::Scenario> scenario;  // the model refers to it: never moves
    std::unique_ptr<models::CaseFlowModel> model;
    Clock::time_point asked;
    std::optional<Clock::time_point> first_answer, ended;
    std::string state = "queued";
    std::size_t done = 0;
    std::string error;
    std::shared_ptr<const models::WhatIfResult> result;
  };

  void work();
  void run(Job& job);
  void extend_baseline(std::size_t count);  // worker thread only
  output::WhatIfStatus status_of(const Job& job) const;  // REQUIRES: mutex_ held

  Settings settings_;
  models::ScenarioSource source_;  // the file, read once: every what-if loads from it
  models::Scenario scenario_;
  std::vector<models::Lever> levers_;
  std::unique_ptr<models::CaseFlowModel> model_;
  std::vector<models::ReplicationResult> baseline_;  // worker thread only

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::unique_ptr<Job>> jobs_;  // every what-if, by id - 1
  std::deque<Job*> waiting_;
  Job* running_ = nullptr;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace app

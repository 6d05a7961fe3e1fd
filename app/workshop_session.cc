#include "app/workshop_session.h"

#include <fmt/format.h>

#include <algorithm>

#include "models/scenario/scenario_loader.h"
#include "models/scenario/what_if.h"
#include "sim/replication_runner.h"

namespace app {

namespace {

// Only what a what-if's headlines and charts read is kept: the scenario as
// written keeps every replication for the session's life.
void compact(models::ReplicationResult& r) {
  for (std::size_t i : {1u, 4u, 5u}) r.delays[i] = {};
  for (auto& d : r.deadlines) d.lateness = {};
  r.cases = {};
  r.communication.longest_silence_days = {};
  r.communication.isva_caseload = {};
  r.work_days = {};
}

double ms_between(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

}  // namespace

WorkshopSession::WorkshopSession(Settings settings)
    : settings_(std::move(settings)),
      source_(models::ScenarioSource::read(settings_.file)),
      scenario_(source_.load()) {
  if (settings_.threads == 0) settings_.threads = 1;
  if (settings_.replications < 2) settings_.replications = 2;
  levers_ = models::offered_levers(scenario_);
  {
    models::Scenario as_run = scenario_;
    as_run.meta.replications = replications();
    check_cost(as_run);
  }
  model_ = std::make_unique<models::CaseFlowModel>(scenario_);
  worker_ = std::thread([this] { work(); });
}

WorkshopSession::~WorkshopSession() {
  stop();
}

void WorkshopSession::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

// The scenario as written's results and a what-if's are held together.
void WorkshopSession::check_cost(const models::Scenario& s) const {
  models::check_run_cost(s, models::estimate_run_cost(s, settings_.threads), settings_.limits, 2);
}

int WorkshopSession::submit(std::vector<models::LeverPosition> moves) {
  // Loading checks the moves as `casesim validate` would check the file;
  // done here, on the request's thread, so a refusal is the reply.
  auto job = std::make_unique<Job>();
  job->asked = Clock::now();
  job->settings = models::what_if_settings(source_, levers_, moves);
  job->scenario = std::make_unique<models::Scenario>(source_.load(job->settings));
  // Common random numbers: the what-if meets the luck of the scenario as written.
  job->scenario->meta.seed = scenario_.meta.seed;
  job->scenario->meta.replications = replications();
  check_cost(*job->scenario);
  job->model = std::make_unique<models::CaseFlowModel>(*job->scenario);
  job->moves = std::move(moves);
  std::lock_guard lock(mutex_);
  if (jobs_.size() >= settings_.record_limit)
    throw SessionBusy(fmt::format("the session holds its limit of {} what-ifs; restart casesim "
                                  "serve (export the record first)",
                                  settings_.record_limit));
  job->id = static_cast<int>(jobs_.size()) + 1;
  for (Job* w : waiting_) {
    w->state = "stopped";
    w->ended = job->asked;
  }
  waiting_.clear();
  waiting_.push_back(job.get());
  jobs_.push_back(std::move(job));
  wake_.notify_all();
  return jobs_.back()->id;
}

void WorkshopSession::work() {
  for (;;) {
    Job* job = nullptr;
    {
      std::unique_lock lock(mutex_);
      // Idle: simulate the scenario as written ahead of the next what-if.
      while (!stopping_ && waiting_.empty() && baseline_.size() < settings_.replications) {
        lock.unlock();
        extend_baseline(std::min<std::size_t>(settings_.replications, baseline_.size() + settings_.threads));
        lock.lock();
      }
      wake_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
      if (stopping_) return;
      job = waiting_.front();
      waiting_.pop_front();
      job->state = "running";
      running_ = job;
    }
    run(*job);
    std::lock_guard lock(mutex_);
    running_ = nullptr;
  }
}

void WorkshopSession::extend_baseline(std::size_t count) {
  if (baseline_.size() >= count) return;
  const std::size_t from = baseline_.size();
  auto more = sim::run_replications<models::ReplicationResult>(
      count - from, settings_.threads, [&](std::size_t i) {
        auto r = model_->run(from + i);
        compact(r);
        return r;
      });
  for (auto& r : more) baseline_.push_back(std::move(r));
}

void WorkshopSession::run(Job& job) {
  std::vector<models::ReplicationResult> results;
  const std::size_t batch = settings_.threads;
  auto superseded = [&] {
    std::lock_guard lock(mutex_);
    return stopping_ || !waiting_.empty();
  };
  try {
    while (results.size() < settings_.replications) {
      if (superseded()) {
        std::lock_guard lock(mutex_);
        job.state = "stopped";
        job.ended = Clock::now();
        return;
      }
      const std::size_t from = results.size();
      const std::size_t to = std::min(settings_.replications, from + batch);
      // The scenario as written's missing replications run beside the
      // what-if's, on the same threads.
      const std::size_t base_from = std::min(baseline_.size(), to);
      const std::size_t base_missing = to - base_from;
      auto fresh = sim::run_replications<models::ReplicationResult>(
          (to - from) + base_missing, settings_.threads, [&](std::size_t i) {
            auto r = i < to - from ? job.model->run(from + i) : model_->run(base_from + (i - (to - from)));
            compact(r);
            return r;
          });
      for (std::size_t i = 0; i < fresh.size(); ++i)
        (i < to - from ? results : baseline_).push_back(std::move(fresh[i]));
      auto result = std::make_shared<const models::WhatIfResult>(models::what_if_result(
          *model_, std::span(baseline_.data(), to), *job.model, std::span(results.data(), to)));
      std::lock_guard lock(mutex_);
      job.result = std::move(result);
      job.done = to;
      if (!job.first_answer) job.first_answer = Clock::now();
    }
    std::lock_guard lock(mutex_);
    job.state = "done";
    job.ended = Clock::now();
  } catch (const std::exception& e) {
    std::lock_guard lock(mutex_);
    job.state = "failed";
    job.error = e.what();
    job.ended = Clock::now();
  }
}

output::WhatIfStatus WorkshopSession::status_of(const Job& job) const {
  output::WhatIfStatus s;
  s.id = job.id;
  s.state = job.state;
  for (const auto& m : job.moves) s.moved.push_back(output::moved_text(levers_[m.lever], m));
  s.done = job.done;
  s.target = settings_.replications;
  if (job.first_answer) s.first_answer_ms = ms_between(job.asked, *job.first_answer);
  s.elapsed_ms = ms_between(job.asked, job.ended.value_or(Clock::now()));
  s.error = job.error;
  s.result = job.result.get();
  return s;
}

std::optional<WorkshopSession::View> WorkshopSession::view(int id) const {
  std::lock_guard lock(mutex_);
  if (id < 1 || static_cast<std::size_t>(id) > jobs_.size()) return std::nullopt;
  const Job& job = *jobs_[static_cast<std::size_t>(id) - 1];
  return View{status_of(job), job.result};
}

std::vector<WorkshopSession::View> WorkshopSession::record() const {
  std::lock_guard lock(mutex_);
  std::vector<View> out;
  for (const auto& job : jobs_) out.push_back({status_of(*job), job->result});
  return out;
}

std::optional<std::string> WorkshopSession::saved_file(int id) const {
  std::vector<models::LeverSetting> settings;
  std::vector<std::string> notes;
  {
    std::lock_guard lock(mutex_);
    if (id < 1 || static_cast<std::size_t>(id) > jobs_.size()) return std::nullopt;
    const Job& job = *jobs_[static_cast<std::size_t>(id) - 1];
    settings = job.settings;
    const output::WhatIfStatus s = status_of(job);
    for (const auto& m : s.moved) notes.push_back("Lever moved in the workshop: " + m + ".");
    if (s.result)
      for (const auto& h : s.result->headlines)
        notes.push_back(fmt::format("Workshop answer, {} replication pairs: {}: {:.4g} against "
                                    "{:.4g} as written ({}).",
                                    s.done, h.description, h.policy_mean, h.baseline_mean,
                                    models::verdict_name(h.verdict)));
  }
  return models::what_if_file(settings_.file, settings,
                              fmt::format("{}: workshop what-if {}", scenario_.meta.name, id),
                              notes);
}

}  // namespace app

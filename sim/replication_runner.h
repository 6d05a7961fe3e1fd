#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace sim {

// Runs replications 0..count-1 of `one(r)` on up to `threads` threads and
// returns the results in replication order.
//
// Each replication draws only from streams keyed by its own index, and its
// result lands in its own slot, so the output is identical for any thread
// count: threads change when a replication runs, never what it computes.
// `on_done(finished)` is called from the worker threads (progress bars).
template <class Result, class One, class Progress>
std::vector<Result> run_replications(std::size_t count, unsigned threads, One&& one,
                                     Progress&& on_done) {
  std::vector<Result> results(count);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> finished{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  auto worker = [&] {
    for (std::size_t r; !failed && (r = next++) < count;) {
      try {
        results[r] = one(r);
      } catch (...) {
        if (!failed.exchange(true)) failure = std::current_exception();
      }
      on_done(++finished);
    }
  };
  if (threads == 0) threads = 1;
  if (threads > count) threads = static_cast<unsigned>(count ? count : 1);
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  return results;
}

template <class Result, class One>
std::vector<Result> run_replications(std::size_t count, unsigned threads, One&& one) {
  return run_replications<Result>(count, threads, std::forward<One>(one), [](std::size_t) {});
}

}  // namespace sim

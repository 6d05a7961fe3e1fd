#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sim/byte_codec.h"

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

// The processes a run's replications are spread over: this one alone unless
// something else is supplied. An MPI job supplies its ranks (app/mpi_job.h),
// so the kernel never sees MPI.
class Processes {
 public:
  virtual ~Processes() = default;
  virtual std::size_t rank() const { return 0; }
  virtual std::size_t size() const { return 1; }
  // Every process passes its bytes and receives every process's, in rank
  // order. REQUIRES: called by every process, the same number of times.
  virtual std::vector<std::string> all_gather(std::string mine) { return {std::move(mine)}; }
};

// A replication failed in some process of the job; every process throws it
// together, with the message of the lowest-ranked failure.
struct ReplicationFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Runs replications 0..count-1 spread over `processes`: process k runs those
// with r % size == k on its own `threads`, then every process receives every
// result, in replication order, identical to the bit to a run in one process
// (each replication's luck depends on its index only). A process's own
// results are kept as they are; the others' arrive through
// `encode(const Result&) -> std::string` and `decode(std::string_view) ->
// Result`, so whatever encode leaves out (per-case records, say) is present
// only where the replication ran. `on_done` sees this process's progress,
// scaled to the whole job.
template <class Result, class One, class Progress, class Encode, class Decode>
std::vector<Result> run_replications(Processes& processes, std::size_t count, unsigned threads,
                                     One&& one, Progress&& on_done, Encode&& encode,
                                     Decode&& decode) {
  const std::size_t size = processes.size(), rank = processes.rank();
  if (size <= 1)
    return run_replications<Result>(count, threads, std::forward<One>(one),
                                    std::forward<Progress>(on_done));
  const std::size_t mine = count > rank ? (count - rank + size - 1) / size : 0;
  std::vector<Result> local;
  std::string failure;  // empty: none
  try {
    local = run_replications<Result>(
        mine, threads, [&](std::size_t i) { return one(rank + i * size); },
        [&](std::size_t done) { on_done(std::min(count, done * size)); });
  } catch (const std::exception& e) {
    failure = e.what();
    if (failure.empty()) failure = "unknown error";
  } catch (...) {
    failure = "unknown error";
  }

  // Each process's bytes: a failure flag, then its message or its results.
  ByteWriter out;
  out(static_cast<std::uint8_t>(failure.empty() ? 0 : 1));
  if (!failure.empty()) {
    out(failure);
  } else {
    for (const Result& r : local) out(encode(r));
  }
  const std::vector<std::string> all = processes.all_gather(out.take());

  for (std::size_t k = 0; k < all.size(); ++k) {
    ByteReader in(all[k]);
    std::uint8_t failed = 0;
    in(failed);
    if (!failed) continue;
    std::string message;
    in(message);
    throw ReplicationFailure("process " + std::to_string(k) + " of " + std::to_string(size) +
                             ": " + message);
  }
  std::vector<Result> results(count);
  for (std::size_t k = 0; k < all.size(); ++k) {
    if (k == rank) {
      for (std::size_t i = 0; i < local.size(); ++i) results[k + i * size] = std::move(local[i]);
      continue;
    }
    ByteReader in(all[k]);
    std::uint8_t failed = 0;
    in(failed);
    for (std::size_t r = k; r < count; r += size) {
      std::string bytes;
      in(bytes);
      results[r] = decode(std::string_view(bytes));
    }
    if (!in.done()) throw std::runtime_error("process " + std::to_string(k) + " sent more results than it ran");
  }
  return results;
}

}  // namespace sim

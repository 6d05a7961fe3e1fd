#pragma once

#include <cstddef>
#include <cstdio>
#include <mutex>

namespace app {

// A one-line progress bar on stderr, drawn only when stderr is a terminal so
// logs and pipes stay clean. update() may be called from worker threads.
class ProgressBar {
 public:
  ProgressBar(std::size_t total, bool enabled) : total_(total), enabled_(enabled) {}

  void update(std::size_t done) {
    if (!enabled_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    if (done <= shown_) return;
    shown_ = done;
    const int width = 30;
    const int filled = static_cast<int>(width * done / (total_ ? total_ : 1));
    std::fprintf(stderr, "\r  replications [%.*s%*s] %zu/%zu", filled,
                 "##############################", width - filled, "", done, total_);
    std::fflush(stderr);
  }

  void finish() {
    if (enabled_ && shown_ > 0) std::fprintf(stderr, "\n");
  }

 private:
  std::size_t total_;
  bool enabled_;
  std::size_t shown_ = 0;
  std::mutex mutex_;
};

}  // namespace app

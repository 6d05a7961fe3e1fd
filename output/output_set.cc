#include "output/output_set.h"

#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <system_error>

namespace output {

namespace fs = std::filesystem;

OutputSet::OutputSet(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec || !fs::is_directory(dir_))
    throw std::runtime_error("cannot create output folder " + dir_.string() + ": " +
                             (ec ? ec.message() : "a file of that name is in the way"));
}

OutputSet::~OutputSet() {
  std::error_code ec;
  for (const auto& [temp, final_path] : pending_) fs::remove(temp, ec);
}

void OutputSet::add(const std::string& name, const std::string& content) {
  const fs::path final_path = dir_ / name;
  const fs::path temp = dir_ / ("." + name + ".tmp." + std::to_string(::getpid()));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(temp, ec);
      throw std::runtime_error("cannot write " + final_path.string());
    }
  }
  pending_.emplace_back(temp, final_path);
}

std::vector<fs::path> OutputSet::commit() {
  std::vector<fs::path> written;
  for (const auto& [temp, final_path] : pending_) {
    std::error_code ec;
    fs::rename(temp, final_path, ec);
    if (ec) throw std::runtime_error("cannot move " + final_path.string() + " into place: " + ec.message());
    written.push_back(final_path);
  }
  pending_.clear();
  return written;
}

}  // namespace output

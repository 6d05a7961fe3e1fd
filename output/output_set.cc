#include "output/output_set.h"

#include <unistd.h>

#include <fstream>
#include <system_error>

namespace output {

namespace fs = std::filesystem;

OutputSet::OutputSet(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec || !fs::is_directory(dir_))
    throw WriteError("cannot create output folder " + dir_.string() + ": " +
                             (ec ? ec.message() : "a file of that name is in the way"));
}

OutputSet::~OutputSet() {
  std::error_code ec;
  for (const auto& [temp, final_path] : pending_) fs::remove(temp, ec);
  // Only folders still empty: an uncommitted set leaves nothing behind.
  for (auto f = made_folders_.rbegin(); f != made_folders_.rend(); ++f)
    if (fs::is_empty(*f, ec)) fs::remove(*f, ec);
}

void OutputSet::add(const std::string& name, const std::string& content) {
  const fs::path final_path = dir_ / name;
  for (fs::path f = dir_; const auto& part : fs::path(name).parent_path()) {
    f /= part;
    std::error_code ec;
    if (fs::is_directory(f, ec)) continue;
    if (!fs::create_directory(f, ec) || ec)
      throw WriteError("cannot create output folder " + f.string() + ": " +
                               (ec ? ec.message() : "a file of that name is in the way"));
    made_folders_.push_back(f);
  }
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "." + string.
  std::string temp_name = ".";
  temp_name += final_path.filename().string();
  temp_name += ".tmp.";
  temp_name += std::to_string(::getpid());
  const fs::path temp = final_path.parent_path() / temp_name;
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(temp, ec);
      throw WriteError("cannot write " + final_path.string());
    }
  }
  pending_.emplace_back(temp, final_path);
}

std::vector<fs::path> OutputSet::commit() {
  std::vector<fs::path> written;
  for (const auto& [temp, final_path] : pending_) {
    std::error_code ec;
    fs::rename(temp, final_path, ec);
    if (ec) throw WriteError("cannot move " + final_path.string() + " into place: " + ec.message());
    written.push_back(final_path);
  }
  pending_.clear();
  made_folders_.clear();
  return written;
}

}  // namespace output

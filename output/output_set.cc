#include "output/output_set.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

namespace output {

namespace fs = std::filesystem;

OutputSet::OutputSet(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  // The folders this set makes, so a run that fails before commit() leaves
  // no empty folder behind (the destructor removes them, innermost first).
  // (symlink_status sets ec for a path that does not exist: not an error here.)
  for (fs::path f = dir_; !f.empty() && !fs::exists(fs::symlink_status(f, ec));
       f = f.parent_path()) {
    made_folders_.insert(made_folders_.begin(), f);
    if (f == f.parent_path()) break;
  }
  fs::create_directories(dir_, ec);
  if (ec || !fs::is_directory(dir_)) {
    std::error_code ignored;
    for (auto f = made_folders_.rbegin(); f != made_folders_.rend(); ++f)
      if (fs::is_empty(*f, ignored)) fs::remove(*f, ignored);
    throw WriteError("cannot create output folder " + dir_.string() + ": " +
                             (ec ? ec.message() : "a file of that name is in the way"));
  }
}

OutputSet::~OutputSet() {
  std::error_code ec;
  for (const auto& [temp, final_path] : pending_) fs::remove(temp, ec);
  // Only folders still empty: an uncommitted set leaves nothing behind.
  for (auto f = made_folders_.rbegin(); f != made_folders_.rend(); ++f)
    if (fs::is_empty(*f, ec)) fs::remove(*f, ec);
}

void OutputSet::add(const std::string& name, const std::string& content) {
  write(name, 1, [&](std::size_t, std::string&) { return std::string_view(content); });
}

void OutputSet::add(const std::string& name, std::size_t count,
                    const std::function<std::string(std::size_t)>& piece) {
  write(name, count, [&](std::size_t i, std::string& buffer) {
    buffer = piece(i);
    return std::string_view(buffer);
  });
}

void OutputSet::write(const std::string& name, std::size_t count, const Pieces& piece) {
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
  // stdio rather than a stream, for errno: "No space left on device" is
  // what the user needs to hear, not only that the write failed.
  std::FILE* out = std::fopen(temp.c_str(), "wb");
  int error = out ? 0 : errno;
  auto put = [&](std::string_view bytes) {
    if (out && !error && std::fwrite(bytes.data(), 1, bytes.size(), out) != bytes.size())
      error = errno;
  };
  if (csv_byte_order_mark_ && final_path.extension() == ".csv") put(kUtf8ByteOrderMark);
  std::string buffer;
  try {
    for (std::size_t i = 0; i < count && out && !error; ++i) put(piece(i, buffer));
  } catch (...) {
    if (out) std::fclose(out);
    std::error_code ec;
    fs::remove(temp, ec);
    throw;
  }
  if (out && std::fflush(out) != 0 && !error) error = errno;
  if (out && std::fclose(out) != 0 && !error) error = errno;
  if (error) {
    std::error_code ec;
    fs::remove(temp, ec);
    throw WriteError("cannot write " + final_path.string() + ": " +
                             std::strerror(error));
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

#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace output {

// A file or folder of the outputs could not be made, written or moved into
// place: the only failure the CLI reports as "outputs could not be written"
// (exit code 3). Anything else thrown while outputs are built is a bug.
struct WriteError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A group of output files that appear together or not at all.
//
// add() writes each file under a temporary name in the target folder;
// commit() renames them all into place. A failed or interrupted run
// therefore never leaves a half-written file under a real name, and the
// destructor removes the temporaries of a set that was never committed, and
// the folders it made for them (the output folder too, if it made that), so a
// run that fails leaves nothing behind.
class OutputSet {
 public:
  // Makes `dir` if need be; throws WriteError when it cannot.
  explicit OutputSet(std::filesystem::path dir);
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  // `name` may include subfolders ("baseline/summary.json"); they are made
  // as needed, and removed again if the set is never committed.
  // Throws WriteError naming the file when it cannot be written.
  void add(const std::string& name, const std::string& content);
  // Renames every file into place; returns their final paths. Throws
  // WriteError naming the file that could not be moved.
  std::vector<std::filesystem::path> commit();

 private:
  std::filesystem::path dir_;
  std::vector<std::pair<std::filesystem::path, std::filesystem::path>> pending_;  // temp, final
  std::vector<std::filesystem::path> made_folders_;  // by this set, outermost first
};

}  // namespace output

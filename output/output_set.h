#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
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
// The UTF-8 byte-order mark that --csv-bom puts at the start of each CSV.
inline constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

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
  // A file too large to hold whole: piece(0), piece(1), ... piece(count - 1)
  // are written in turn, each freed before the next is made.
  void add(const std::string& name, std::size_t count,
           const std::function<std::string(std::size_t)>& piece);
  // With `on`, every file added afterwards whose name ends in ".csv" starts
  // with a UTF-8 byte-order mark (docs/outputs.md: Excel on Windows reads a
  // CSV as UTF-8 only with one; R and pandas drop it).
  void set_csv_byte_order_mark(bool on) { csv_byte_order_mark_ = on; }
  // Renames every file into place; returns their final paths. Throws
  // WriteError naming the file that could not be moved.
  std::vector<std::filesystem::path> commit();

 private:
  // piece(i, buffer) gives the i-th piece, made in `buffer` or held elsewhere.
  using Pieces = std::function<std::string_view(std::size_t, std::string&)>;
  void write(const std::string& name, std::size_t count, const Pieces& piece);

  std::filesystem::path dir_;
  std::vector<std::pair<std::filesystem::path, std::filesystem::path>> pending_;  // temp, final
  std::vector<std::filesystem::path> made_folders_;  // by this set, outermost first
  bool csv_byte_order_mark_ = false;
};

}  // namespace output

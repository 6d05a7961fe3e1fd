#pragma once

// A force's own case records as a CSV extract, one row per case, in the
// columns of the cases.csv that `casesim run` writes: the date each milestone
// was first reached, and the outcome once the case ended. Read and checked
// here into typed rows; every bad row is reported by its line number and
// reason, never silently dropped.

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/scenario.h"

namespace models {

struct ExtractRow {
  std::size_t line = 0;  // where the row starts in the file; the header is line 1
  std::string case_id;   // "line N" when the file has no case_id or leaves it empty
  std::string type;
  std::array<std::optional<Date>, kMilestoneCount> date;  // by Milestone; empty if not reached
  std::string outcome;                                    // "" while the case is open
  // origin "initial" in casesim's own cases.csv: open when the simulation
  // started, so the milestones it passed before then have no dates.
  bool initial = false;
  bool open() const { return outcome.empty(); }
};

struct ExtractProblem {
  std::size_t line = 0;
  std::string message;  // the reason, ending with what was expected
};

struct CaseExtract {
  std::string file;  // as named in messages
  // Which milestone dates the file has a column for (report and completion
  // always): intervals are fitted between consecutive milestones it has.
  std::array<bool, kMilestoneCount> has_column{};
  std::vector<ExtractRow> rows;          // the good rows, in file order
  std::vector<ExtractProblem> problems;  // one per fault; bad rows are not in `rows`
  std::size_t bad_rows = 0;              // rows with at least one problem
  std::optional<Date> latest_date;       // latest date of any good row

  std::string message(const ExtractProblem& p) const;  // "file:line: message"
};

// The file as a whole cannot be used: missing, empty, too large, or its
// header lacks a required column. Nothing is fitted.
struct ExtractError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Required columns: type, report_date, completion_date, outcome (case_id
// optional: a line number stands in). The other milestone dates are optional
// columns, and so is origin (new or initial); isva, exit_stage and unknown
// columns are ignored. A row is
// bad when a date is not a real YYYY-MM-DD date, report_date is empty, type is
// empty, the dates go backwards (report, referral, charge, first_hearing,
// ptph, trial_start, completion), the outcome is not one of `outcomes` (empty
// and "open" mean open), a closed case has no completion date or an open one
// has, or the case_id repeats. `name` stands for the file in messages.
CaseExtract read_case_extract(std::string_view text, const std::string& name,
                              const std::vector<std::string>& outcomes);

// The same for a file; throws ExtractError if it cannot be read.
CaseExtract load_case_extract(const std::filesystem::path& path,
                              const std::vector<std::string>& outcomes);

// Largest extract accepted, so that a mistaken path to a huge file fails
// fast: a million cases at 200 bytes each is 200 MB.
inline constexpr std::uintmax_t kMaxExtractBytes = 1ull << 30;

}  // namespace models

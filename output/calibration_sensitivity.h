#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace output {

// The sensitivity table of a CALIBRATION.md that `calibration-check` wrote
// (calibration_markdown.h), read back so that a scenario's report can show
// what its headline delays ride on beside its stated assumptions.
struct SensitivityTable {
  std::string scenario_file;  // "# Calibration of `baseline.json`"
  std::string fingerprint;    // models::scenario_fingerprint; empty in older files
  std::string command;        // the command that made it
  std::string intro;          // the paragraph that says how it was measured
  std::vector<std::string> header;             // the table's column names
  std::vector<std::vector<std::string>> rows;  // cells as written, code marks removed
};

// Nothing when the text has no sensitivity section (made with
// --no-sensitivity, or not a calibration file at all).
std::optional<SensitivityTable> read_sensitivity(std::string_view markdown);

// What a report shows of it: the table when it was measured on the scenario
// the report is about, or else (when a CALIBRATION.md for the same file is
// there but for other values) a note saying why it is not shown.
struct SensitivityShown {
  std::optional<SensitivityTable> table;
  std::string note;
};

}  // namespace output

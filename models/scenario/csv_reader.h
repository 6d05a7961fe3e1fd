#pragma once

// The one reader of CSV input (initial-state case files, case extracts for
// `casesim fit`), so every file is read by the same rules: RFC 4180.
//
// Fields are separated by commas and may be quoted; a quoted field may hold
// commas, quotes (written "") and line breaks, and a quoted line break
// continues the record. Line ends may be LF or CRLF. A byte-order mark at the
// start (as Excel writes) is dropped. Blank lines, and lines holding only
// spaces and tabs, are skipped. Fields are not trimmed: callers decide.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace models {

struct CsvRecord {
  std::size_t line = 0;  // the line of the file the record starts on, from 1
  std::vector<std::string> fields;
};

std::vector<CsvRecord> read_csv(std::string_view text);

}  // namespace models

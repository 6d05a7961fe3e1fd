#pragma once

// A private copy of scenarios/ for the fuzz targets, so that an input's
// "extends" resolves against the shipped files (as `casesim validate` would
// beside them) and nothing the fuzzer writes lands in the source tree.

#include <filesystem>
#include <string_view>

namespace fuzz {

// The copy, made on first use in a fresh temporary folder.
const std::filesystem::path& sandbox();

// Writes `data` as policies/fuzz-input.json inside the copy (so both
// "../baseline.json" and "specialist-courts.json" resolve) and returns its path.
std::filesystem::path write_input(std::string_view data);

}  // namespace fuzz

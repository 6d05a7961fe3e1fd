#pragma once

// Internal to the scenario loader: only models/scenario/scenario_loader.cc and its
// helpers in models/ may include this header. JSON never passes the loading
// boundary; everything else uses models/scenario/scenario_loader.h.
//
// A scenario file as one JSON document: read within a size limit, parsed with
// comments, its `extends` chain merged (JSON Merge Patch, RFC 7386) and its
// relative paths anchored, so the checks that follow see a single object.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/lever_setting.h"
#include "models/scenario/scenario_error.h"

namespace models::loading {

using Json = nlohmann::ordered_json;

// The whole file, or "" with the reason added to `problems` under `shown`.
// Reads at most kMaxScenarioBytes, so that a huge file, a device or an
// endless pipe given by mistake fails at once instead of filling memory.
// `what` says what the file should have been, e.g. "a CSV file of open cases".
std::string read_text(const std::filesystem::path& path, const std::string& shown, const char* what,
                      std::vector<Diagnostic>& problems);

// The scenario file at `path` with its `extends` chain merged, or nullopt
// with every reason added to `problems`.
std::optional<Json> read_document(const std::filesystem::path& path,
                                  std::vector<Diagnostic>& problems);

// The same for text in memory: `extends` and CSV paths resolve against
// `base_dir`, and `name` stands for the file in messages.
std::optional<Json> parse_document(std::string_view text, const std::string& name,
                                   const std::filesystem::path& base_dir,
                                   std::vector<Diagnostic>& problems);

// Applies lever settings to a merged document as ScenarioSource::load does,
// adding a problem for each that cannot be applied (the workshop's saved
// what-ifs are written from the document this leaves).
void apply_lever_settings(Json& doc, const std::vector<LeverSetting>& settings,
                          const std::string& file, std::vector<Diagnostic>& problems);

}  // namespace models::loading

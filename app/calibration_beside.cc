#include "app/calibration_beside.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "models/scenario/scenario_fingerprint.h"

namespace app {

namespace fs = std::filesystem;

output::SensitivityShown calibration_beside(const models::Scenario& s) {
  if (s.source.empty()) return {};
  const fs::path file = fs::path(s.source).parent_path() / "CALIBRATION.md";
  std::error_code ec;
  // A calibration file is tens of kilobytes; anything else there is not ours.
  if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) > (4u << 20) || ec) return {};
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return {};
  auto table = output::read_sensitivity(text.str());
  if (!table || table->scenario_file != fs::path(s.source).filename().string()) return {};
  if (table->fingerprint.empty())
    return {std::nullopt,
            "CALIBRATION.md beside this scenario was made by an older casesim that did not "
            "record which values it measured, so its sensitivity table is not shown here: "
            "`casesim calibration-check " + s.source + "` measures it again."};
  if (table->fingerprint != models::scenario_fingerprint(s))
    return {std::nullopt,
            "CALIBRATION.md beside this scenario measured other values (the file has changed "
            "since, or this run moved levers with --set or --scale), so its sensitivity table "
            "is not shown here: `casesim calibration-check " + s.source +
                "` measures it again."};
  return {std::move(table), {}};
}

}  // namespace app

// The case-extract reader of `casesim fit` on any bytes, with the outcomes of
// the shipped baseline. Rows it cannot use must come back as problems by
// line, a file it cannot use as ExtractError; anything else is a bug.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/fit/case_extract.h"
#include "models/scenario/scenario_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<std::string> outcomes =
      models::load_scenario(std::string(CASESIM_SOURCE_DIR) + "/scenarios/baseline.json")
          .outcomes();
  try {
    const models::CaseExtract extract = models::read_case_extract(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv", outcomes);
    for (const auto& p : extract.problems) (void)extract.message(p);
  } catch (const models::ExtractError&) {
  }
  return 0;
}

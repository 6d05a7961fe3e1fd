#pragma once

// The workshop page `casesim serve` serves: one self-contained HTML document
// (style, script and the Vega chart libraries inlined, so it works with no
// network) that shows the scenario's levers, asks the server for what-ifs,
// and draws their answers as they sharpen. It reads the server's JSON
// (output/workshop_json.h) and nothing else.

#include <string>

namespace output {

const std::string& workshop_page();

}  // namespace output

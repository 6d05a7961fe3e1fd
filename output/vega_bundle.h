#pragma once

// The Vega, Vega-Lite and Vega-Embed libraries, minified, as report.html
// inlines them so that its charts draw with no network. The text is compiled
// in from node_modules at build time (output/embed_vega.cmake), at the
// versions package-lock.json pins.

#include <string_view>

namespace output {

struct VegaBundle {
  std::string_view vega;
  std::string_view vega_lite;
  std::string_view vega_embed;
  std::string_view versions;  // "vega 6.4.0, vega-lite 6.5.0, vega-embed 7.3.0"
};

const VegaBundle& vega_bundle();

}  // namespace output

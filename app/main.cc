#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  CLI::App app{"casesim: RASSO case-progression simulator"};
  app.set_version_flag("--version", "casesim 0.1.0");
  CLI11_PARSE(app, argc, argv);
  return 0;
}

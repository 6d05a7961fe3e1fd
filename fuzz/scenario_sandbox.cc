#include "fuzz/scenario_sandbox.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace fuzz {

namespace fs = std::filesystem;

const fs::path& sandbox() {
  static const fs::path dir = [] {
    // /dev/shm when there is one: every input is written to a file.
    const fs::path base = fs::is_directory("/dev/shm") ? "/dev/shm" : fs::temp_directory_path();
    std::string pattern = (base / "casesim-fuzz.XXXXXX").string();
    if (!::mkdtemp(pattern.data())) std::abort();
    const fs::path made = pattern;
    fs::copy(fs::path(CASESIM_SOURCE_DIR) / "scenarios", made / "scenarios",
             fs::copy_options::recursive);
    std::atexit([] { std::error_code ec; fs::remove_all(sandbox(), ec); });
    return made;
  }();
  return dir;
}

fs::path write_input(std::string_view data) {
  const fs::path path = sandbox() / "scenarios" / "policies" / "fuzz-input.json";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  std::fwrite(data.data(), 1, data.size(), f);
  std::fclose(f);
  return path;
}

}  // namespace fuzz

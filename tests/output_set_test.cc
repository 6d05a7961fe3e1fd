// A set of output files appears whole or not at all, and a file system
// failure is a WriteError: the one exception the CLI reports as "outputs
// could not be written" (exit 3). Anything else thrown while outputs are built
// is a bug, reported as an internal error (exit 1).
#include "output/output_set.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <optional>

namespace fs = std::filesystem;

namespace {

// A fresh folder under the system's temporary folder, removed afterwards.
struct Scratch {
  fs::path dir = fs::temp_directory_path() /
                 ("casesim-output-set-" + std::to_string(::getpid()) + "-" +
                  std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  Scratch() { fs::create_directories(dir); }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

}  // namespace

TEST_CASE("files appear only when the set is committed", "[output]") {
  Scratch s;
  {
    output::OutputSet set(s.dir / "out");
    set.add("a.txt", "a");
    set.add("sub/b.txt", "b");
    CHECK_FALSE(fs::exists(s.dir / "out" / "a.txt"));
    const auto written = set.commit();
    CHECK(written.size() == 2);
  }
  CHECK(fs::exists(s.dir / "out" / "a.txt"));
  CHECK(fs::exists(s.dir / "out" / "sub" / "b.txt"));
}

TEST_CASE("a set never committed leaves nothing behind", "[output]") {
  Scratch s;
  {
    output::OutputSet set(s.dir / "out");
    set.add("sub/b.txt", "b");
  }
  // Not even the folder it made: a failed run leaves no empty folder behind.
  CHECK_FALSE(fs::exists(s.dir / "out"));
}

TEST_CASE("a set never committed keeps a folder that was there before it", "[output]") {
  Scratch s;
  fs::create_directories(s.dir / "out");
  {
    output::OutputSet set(s.dir / "out" / "a" / "b");
    set.add("c.txt", "c");
  }
  CHECK(fs::is_directory(s.dir / "out"));
  CHECK(fs::is_empty(s.dir / "out"));
}

TEST_CASE("a folder that cannot be made is a WriteError naming it", "[output]") {
  Scratch s;
  std::ofstream(s.dir / "file") << "in the way";
  try {
    output::OutputSet set(s.dir / "file" / "out");
    FAIL("no error");
  } catch (const output::WriteError& e) {
    CHECK_THAT(e.what(), Catch::Contains("file"));
  }
}

TEST_CASE("a subfolder blocked by a file is a WriteError naming it", "[output]") {
  Scratch s;
  output::OutputSet set(s.dir);
  std::ofstream(s.dir / "sub") << "in the way";
  CHECK_THROWS_AS(set.add("sub/x.txt", "x"), output::WriteError);
}

TEST_CASE("a file that cannot be moved into place is a WriteError", "[output]") {
  Scratch s;
  output::OutputSet set(s.dir);
  set.add("x", "x");
  // A non-empty folder where the file should go: the rename fails.
  fs::create_directories(s.dir / "x" / "inside");
  CHECK_THROWS_AS(set.commit(), output::WriteError);
}

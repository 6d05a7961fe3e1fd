// The one CSV reader every CSV input goes through (initial-state case files,
// case extracts): RFC 4180 quoting, records that remember their line.
#include "models/scenario/csv_reader.h"

#include <catch2/catch.hpp>

using models::read_csv;

TEST_CASE("quoted fields hold commas, quotes and line breaks", "[csv]") {
  const auto r = read_csv("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,,\n");
  REQUIRE(r.size() == 3);
  CHECK(r[1].fields == std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"});
  // The record after a quoted line break starts on the file's fourth line.
  CHECK(r[2].line == 4);
  CHECK(r[2].fields == std::vector<std::string>{"last", "", ""});
}

TEST_CASE("a byte-order mark, CRLF line ends and blank lines are read as Excel means them",
          "[csv]") {
  const auto r = read_csv("\xEF\xBB\xBFid,type\r\n\r\n   \r\nA1,x\r\n");
  REQUIRE(r.size() == 2);
  CHECK(r[0].fields == std::vector<std::string>{"id", "type"});
  CHECK(r[1].line == 4);
  CHECK(r[1].fields == std::vector<std::string>{"A1", "x"});
}

TEST_CASE("fields are not trimmed, and a quoted empty line is a record", "[csv]") {
  const auto r = read_csv(" a , b\n\"\"\n");
  REQUIRE(r.size() == 2);
  CHECK(r[0].fields == std::vector<std::string>{" a ", " b"});
  CHECK(r[1].fields == std::vector<std::string>{""});
}

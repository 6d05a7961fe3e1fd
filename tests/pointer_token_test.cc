#include <catch2/catch.hpp>

#include "models/scenario/pointer_token.h"

TEST_CASE("a JSON pointer lies under another only at a token boundary", "[pointer]") {
  using models::pointer_at_or_under;
  CHECK(pointer_at_or_under("/resources/isvas/count", "/resources/isvas"));
  CHECK(pointer_at_or_under("/resources/isvas", "/resources/isvas"));
  CHECK(pointer_at_or_under("/anything", ""));  // the whole document
  CHECK_FALSE(pointer_at_or_under("/resources/isvas_extra", "/resources/isvas"));
  CHECK_FALSE(pointer_at_or_under("/resources", "/resources/isvas"));
  CHECK(models::pointers_overlap("/resources", "/resources/isvas"));
  CHECK_FALSE(models::pointers_overlap("/resources/isva", "/resources/isvas"));
  CHECK(models::escape_pointer_token("a/b~c") == "a~1b~0c");
}

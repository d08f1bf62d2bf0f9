// Tests of lib/common/sha256.cc: the FIPS 180-2 test vectors, input fed in
// pieces, and the reset after each digest.
#include "common/sha256.h"

#include <doctest/doctest.h>

#include <string>

using namespace mamori;

TEST_CASE("sha256_hex: known vectors, lower-case hex") {
  CHECK(sha256_hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(
      sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string("a\0b", 3)) != sha256_hex("ab"));
}

TEST_CASE("Sha256: pieces hash as the whole, and a digest resets the object") {
  Sha256 h;
  const std::string chunk(1000, 'a');
  for (int i = 0; i < 1000; ++i)
    h.update(chunk);
  CHECK(h.hex_digest() ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // After a digest the object starts again from nothing.
  h.update("ab");
  h.update("c");
  CHECK(h.hex_digest() == sha256_hex("abc"));
  CHECK(h.hex_digest() == sha256_hex(""));

  Sha256 moved = std::move(h);
  moved.update("abc");
  CHECK(moved.hex_digest() == sha256_hex("abc"));
}

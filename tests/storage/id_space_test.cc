// The fixed-size entries of ID spaces keyed by fingerprint (id_space.h): their
// key is the one the generic path gives the sealed value, and their order is
// the table's key order, so a sorted batch is written by appending.
#include "storage/id_space.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace guanxi::storage {
namespace {

TEST(FingerprintedEntry, KeyIsTheSealedValuesKeyAndOrderIsKeyOrder) {
  std::mt19937_64 rng(7);
  std::vector<FingerprintedEntry> entries(500);
  for (FingerprintedEntry& e : entries) {
    e.space = static_cast<std::uint32_t>(rng() % 3) * 0x01000001u;
    for (unsigned char& b : e.fingerprint) b = static_cast<unsigned char>(rng());
    // Fingerprints that share their first eight bytes order by the rest.
    if (rng() % 4 == 0) std::fill_n(e.fingerprint.begin(), 8, 0xAB);
    e.node = rng();
  }
  for (const FingerprintedEntry& e : entries) {
    Sealed sealed;
    sealed.fingerprint = e.fingerprint;
    const FingerprintedKey key = key_of(e);
    EXPECT_EQ(std::string(key.data(), key.size()),
              IdSpaces::plain_entry_key(e.space, Value(std::move(sealed))));
  }
  std::sort(entries.begin(), entries.end());
  for (std::size_t i = 1; i < entries.size(); ++i) {
    const FingerprintedKey a = key_of(entries[i - 1]), b = key_of(entries[i]);
    EXPECT_LE(std::string(a.data(), a.size()), std::string(b.data(), b.size())) << i;
  }
}

}  // namespace
}  // namespace guanxi::storage

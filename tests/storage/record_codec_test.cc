#include "storage/record_codec.h"

#include <gtest/gtest.h>

#include <random>

#include "storage/temporal.h"

namespace guanxi::storage {
namespace {

Value every_kind() {
  return Value(List{Value(), true, std::int64_t{-123456789012}, 3.25, "text", Value(List{1, 2}),
                    Value::map({{"a", 1}, {"b", List{"x"}}}), Value(Date{19000}),
                    Value(DateTime{-5, 999'999'999, -3600, 0}),
                    Value(Duration{14, -3, -2, 500'000'001}), Value(LocalTime{kNanosPerDay - 1}),
                    Value(Time{0, 18 * 3600}), Value(LocalDateTime{-62'135'596'800, 1})});
}

TEST(RecordCodec, NodeRoundTripWithEveryValueType) {
  NodeRecord rec{{1, 4, 9}, {{0, every_kind()}, {2, "name"}, {7, 1e300}}};
  EXPECT_EQ(decode_node(encode_node(rec), 1), rec);
}

TEST(RecordCodec, RelationshipRoundTrip) {
  RelationshipRecord rec{123456789, 5, 3, {{1, 0.5}, {2, Value(*parse_date("2020-05-01"))}}};
  const std::string bytes = encode_relationship(rec);
  EXPECT_EQ(decode_relationship(bytes, 9), rec);
  RelationshipRecord ends = decode_relationship_endpoints(bytes, 9);
  EXPECT_EQ(ends.src, rec.src);
  EXPECT_EQ(ends.dst, rec.dst);
  EXPECT_EQ(ends.type, rec.type);
}

TEST(RecordCodec, EmptyNodeIsSmall) {
  EXPECT_LE(encode_node(NodeRecord{}).size(), 6u);
  EXPECT_LE(encode_relationship(RelationshipRecord{1, 2, 0, {}}).size(), 8u);
}

TEST(RecordCodec, ChecksumCatchesEveryBitFlip) {
  const std::string bytes = encode_node(NodeRecord{{2}, {{1, "Ada Lovelace"}, {3, 36}}});
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string damaged = bytes;
      damaged[i] = static_cast<char>(damaged[i] ^ (1 << bit));
      try {
        decode_node(damaged, 77);
        FAIL() << "flip at byte " << i << " bit " << bit << " went unnoticed";
      } catch (const StorageError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kCorruption);
        EXPECT_NE(std::string(e.what()).find("node 77"), std::string::npos);
      }
    }
  }
}

TEST(RecordCodec, TruncationsAreReported) {
  const std::string bytes = encode_relationship(RelationshipRecord{1, 2, 3, {{1, "x"}}});
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_THROW(decode_relationship(bytes.substr(0, n), 5), StorageError);
  }
}

// A body with a valid checksum but malformed contents must still be refused
// safely: the decoder may not trust counts or lengths.
TEST(RecordCodec, MalformedBodiesWithValidChecksumAreRefused) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    std::string body(rng() % 40, '\0');
    for (auto& c : body) c = static_cast<char>(rng());
    ByteWriter(&body).u32le(record_checksum(body));
    try {
      decode_node(body, 1);
    } catch (const StorageError& e) {
      EXPECT_EQ(e.code(), ErrorCode::kCorruption);
    }
    try {
      decode_relationship(body, 1);
    } catch (const StorageError& e) {
      EXPECT_EQ(e.code(), ErrorCode::kCorruption);
    }
  }
}

TEST(RecordCodec, DeepNestingRefusedOnWriteAndRead) {
  Value v = 1;
  for (int i = 0; i < kMaxValueDepth + 2; ++i) v = Value(List{v});
  EXPECT_THROW(encode_node(NodeRecord{{}, {{0, v}}}), StorageError);
  // Hand-build a too-deep encoding: a chain of one-element lists.
  std::string body;
  ByteWriter w(&body);
  w.varint(0);  // no labels
  w.varint(1);  // one property
  w.varint(0);
  for (int i = 0; i < 10000; ++i) {
    w.u8(static_cast<std::uint8_t>(ValueType::kList));
    w.varint(1);
  }
  w.u8(static_cast<std::uint8_t>(ValueType::kNull));
  w.u32le(record_checksum(body));
  EXPECT_THROW(decode_node(body, 3), StorageError);
}

TEST(RecordCodec, PropertyListHelpers) {
  PropertyList props;
  set_property(props, 5, 1);
  set_property(props, 2, "a");
  set_property(props, 9, true);
  ASSERT_EQ(props.size(), 3u);
  EXPECT_EQ(props[0].key, 2u);
  EXPECT_EQ(*find_property(props, 5), Value(1));
  set_property(props, 5, Value());
  EXPECT_EQ(find_property(props, 5), nullptr);
  EXPECT_EQ(props.size(), 2u);
}

}  // namespace
}  // namespace guanxi::storage

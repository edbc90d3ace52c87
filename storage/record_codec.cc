#include "storage/record_codec.h"

#include <xxhash.h>

#include <algorithm>

#include "storage/floor_division.h"
#include "storage/time_zone.h"

namespace guanxi::storage {

namespace {

// The type byte of each value is its ValueType, except for datetimes and
// durations: their first encodings (microseconds, UTC only) keep the tags 8
// and 9 and are still read; what is written now has tags of its own.
constexpr std::uint8_t kMicrosDateTimeTag = static_cast<std::uint8_t>(ValueType::kDateTime);
constexpr std::uint8_t kMicrosDurationTag = static_cast<std::uint8_t>(ValueType::kDuration);
constexpr std::uint8_t kDateTimeTag = 14;
constexpr std::uint8_t kDurationTag = 15;

std::uint8_t codec_tag(ValueType type) {
  if (type == ValueType::kDateTime) return kDateTimeTag;
  if (type == ValueType::kDuration) return kDurationTag;
  return static_cast<std::uint8_t>(type);
}

// micros mod 10^6 in [0, 10^6), without multiplying back (no overflow at
// the ends of int64).
std::int64_t floor_mod_micros(std::int64_t micros) {
  const std::int64_t rest = micros % 1'000'000;
  return rest < 0 ? rest + 1'000'000 : rest;
}

std::int32_t read_nanos(ByteReader& r) {
  const std::uint64_t nanos = r.varint();
  if (nanos >= static_cast<std::uint64_t>(kNanosPerSecond)) r.fail("bad nanoseconds");
  return static_cast<std::int32_t>(nanos);
}

std::int64_t read_time_of_day(ByteReader& r) {
  const std::int64_t nanos = r.svarint();
  if (nanos < 0 || nanos >= kNanosPerDay) r.fail("bad time of day");
  return nanos;
}

std::int32_t read_offset(ByteReader& r) {
  constexpr std::int64_t kMaxOffset = std::int64_t{18} * 3600;
  const std::int64_t offset = r.svarint();
  if (offset < -kMaxOffset || offset > kMaxOffset) r.fail("bad zone offset");
  return static_cast<std::int32_t>(offset);
}

void encode_value_at(const Value& v, ByteWriter& w, int depth) {
  if (depth > kMaxValueDepth) {
    throw StorageError(ErrorCode::kInvalidArgument,
                       "value nested deeper than " + std::to_string(kMaxValueDepth) + " levels");
  }
  w.u8(codec_tag(v.type()));
  switch (v.type()) {
    case ValueType::kNull: break;
    case ValueType::kBool: w.u8(v.as_bool() ? 1 : 0); break;
    case ValueType::kInt: w.svarint(v.as_int()); break;
    case ValueType::kFloat: w.f64(v.as_float()); break;
    case ValueType::kString: w.bytes(v.as_string()); break;
    case ValueType::kList:
      w.varint(v.as_list().size());
      for (const auto& e : v.as_list()) encode_value_at(e, w, depth + 1);
      break;
    case ValueType::kMap:
      w.varint(v.as_map().size());
      for (const auto& [k, e] : v.as_map()) {
        w.bytes(k);
        encode_value_at(e, w, depth + 1);
      }
      break;
    case ValueType::kDate: w.svarint(v.as_date().days); break;
    case ValueType::kLocalTime: w.svarint(v.as_local_time().nanos); break;
    case ValueType::kTime:
      w.svarint(v.as_time().nanos);
      w.svarint(v.as_time().offset_seconds);
      break;
    case ValueType::kLocalDateTime:
      w.svarint(v.as_local_datetime().seconds);
      w.varint(static_cast<std::uint32_t>(v.as_local_datetime().nanos));
      break;
    case ValueType::kDateTime: {
      const DateTime t = v.as_datetime();
      w.svarint(t.seconds);
      w.varint(static_cast<std::uint32_t>(t.nanos));
      w.svarint(t.offset_seconds);
      // The zone's name, not this process's id for it (time_zone.h).
      w.bytes(t.zone == 0 ? std::string_view() : time_zone_name(t.zone));
      break;
    }
    case ValueType::kDuration: {
      const Duration d = v.as_duration();
      w.svarint(d.months);
      w.svarint(d.days);
      w.svarint(d.seconds);
      w.varint(static_cast<std::uint32_t>(d.nanos));
      break;
    }
    case ValueType::kSealed: {
      const Sealed& sealed = v.as_sealed();
      w.out()->append(reinterpret_cast<const char*>(sealed.fingerprint.data()),
                      sealed.fingerprint.size());
      w.bytes(sealed.box);
      break;
    }
  }
}

Value decode_value_at(ByteReader& r, int depth) {
  if (depth > kMaxValueDepth) r.fail("values nested too deeply");
  const std::uint8_t tag = r.u8();
  switch (tag) {
    case kMicrosDateTimeTag: {
      // Written before datetimes kept their offset: a UTC instant in
      // microseconds.
      const std::int64_t micros = r.svarint();
      const std::int64_t seconds = floor_div(micros, 1'000'000);
      return Value(
          DateTime{seconds, static_cast<std::int32_t>(floor_mod_micros(micros) * 1000), 0, 0});
    }
    case kMicrosDurationTag: {
      Duration d;
      d.months = r.svarint();
      d.days = r.svarint();
      const std::int64_t micros = r.svarint();
      d.seconds = floor_div(micros, 1'000'000);
      d.nanos = static_cast<std::int32_t>(floor_mod_micros(micros) * 1000);
      return Value(d);
    }
    case kDateTimeTag: {
      DateTime t;
      t.seconds = r.svarint();
      t.nanos = read_nanos(r);
      t.offset_seconds = read_offset(r);
      const std::string_view zone = r.bytes();
      if (!zone.empty()) {
        // A zone this system's time zone database does not know (tzdata
        // older than the writer's) keeps the instant and the offset.
        if (auto id = find_time_zone(zone)) t.zone = *id;
      }
      return Value(t);
    }
    case kDurationTag: {
      Duration d;
      d.months = r.svarint();
      d.days = r.svarint();
      d.seconds = r.svarint();
      d.nanos = read_nanos(r);
      return Value(d);
    }
    default: break;
  }
  switch (static_cast<ValueType>(tag)) {
    case ValueType::kNull: return Value();
    case ValueType::kBool: {
      const std::uint8_t b = r.u8();
      if (b > 1) r.fail("bad boolean byte");
      return Value(b == 1);
    }
    case ValueType::kInt: return Value(r.svarint());
    case ValueType::kFloat: return Value(r.f64());
    case ValueType::kString: return Value(r.bytes());
    case ValueType::kList: {
      const std::uint64_t n = r.count();
      List list;
      list.reserve(n);
      for (std::uint64_t i = 0; i < n; ++i) list.push_back(decode_value_at(r, depth + 1));
      return Value(std::move(list));
    }
    case ValueType::kMap: {
      const std::uint64_t n = r.count();
      Map map;
      map.reserve(n);
      for (std::uint64_t i = 0; i < n; ++i) {
        std::string key(r.bytes());
        map.emplace_back(std::move(key), decode_value_at(r, depth + 1));
      }
      return Value::map(std::move(map));
    }
    case ValueType::kDate: return Value(Date{r.svarint()});
    case ValueType::kLocalTime: return Value(LocalTime{read_time_of_day(r)});
    case ValueType::kTime: {
      Time t;
      t.nanos = read_time_of_day(r);
      t.offset_seconds = read_offset(r);
      return Value(t);
    }
    case ValueType::kLocalDateTime: {
      LocalDateTime t;
      t.seconds = r.svarint();
      t.nanos = read_nanos(r);
      return Value(t);
    }
    case ValueType::kDateTime:
    case ValueType::kDuration: break;  // their tags are above
    case ValueType::kSealed: {
      // Only a property holds a sealed value, never a list or map element.
      if (depth > 0) r.fail("a sealed value inside a list or map");
      Sealed sealed;
      for (auto& byte : sealed.fingerprint) byte = r.u8();
      sealed.box = std::string(r.bytes());
      return Value(std::move(sealed));
    }
  }
  r.fail("unknown value type " + std::to_string(tag));
}

void encode_properties(const PropertyList& props, ByteWriter& w) {
  w.varint(props.size());
  for (const auto& p : props) {
    w.varint(p.key);
    encode_value_at(p.value, w, 0);
  }
}

PropertyList decode_properties(ByteReader& r) {
  const std::uint64_t n = r.count();
  PropertyList props;
  props.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    Property p;
    p.key = r.varint32();
    if (!props.empty() && props.back().key >= p.key) r.fail("property keys out of order");
    p.value = decode_value_at(r, 0);
    props.push_back(std::move(p));
  }
  return props;
}

void seal(std::string* out) { ByteWriter(out).u32le(record_checksum(*out)); }

// Verifies the trailing checksum and returns the body.
// The body of a sealed record named "<kind> <id>", its checksum verified.
std::string_view unseal(std::string_view bytes, const char* kind, std::uint64_t id) {
  auto damaged = [&](const char* why) {
    return StorageError(ErrorCode::kCorruption,
                        std::string(kind) + " " + std::to_string(id) + " is damaged: " + why);
  };
  if (bytes.size() < 4) throw damaged("shorter than its checksum");
  std::string_view body = bytes.substr(0, bytes.size() - 4);
  std::uint32_t stored;
  std::memcpy(&stored, bytes.data() + body.size(), 4);
  if (stored != record_checksum(body)) throw damaged("checksum mismatch");
  return body;
}

}  // namespace

std::uint32_t record_checksum(std::string_view body) {
  return static_cast<std::uint32_t>(XXH3_64bits(body.data(), body.size()));
}

void encode_value(const Value& v, ByteWriter& w) { encode_value_at(v, w, 0); }
Value decode_value(ByteReader& r) { return decode_value_at(r, 0); }

std::string encode_node(const NodeRecord& record) {
  std::string out;
  ByteWriter w(&out);
  w.varint(record.labels.size());
  for (LabelId l : record.labels) w.varint(l);
  encode_properties(record.properties, w);
  seal(&out);
  return out;
}

std::string encode_relationship(const RelationshipRecord& record) {
  std::string out;
  ByteWriter w(&out);
  w.varint(record.src);
  w.varint(record.dst);
  w.varint(record.type);
  encode_properties(record.properties, w);
  seal(&out);
  return out;
}

NodeRecord decode_node(std::string_view bytes, NodeId id) {
  ByteReader r(unseal(bytes, "node", id), "node", id);
  NodeRecord rec;
  const std::uint64_t n = r.count();
  rec.labels.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    const LabelId l = r.varint32();
    if (!rec.labels.empty() && rec.labels.back() >= l) r.fail("labels out of order");
    rec.labels.push_back(l);
  }
  rec.properties = decode_properties(r);
  if (!r.at_end()) r.fail("trailing bytes");
  return rec;
}

namespace {
// Verifies the checksum and decodes src, dst and type; with `properties` also
// the rest of the record, which must then end exactly.
RelationshipRecord decode_relationship_record(std::string_view bytes, RelationshipId id,
                                              bool properties) {
  ByteReader r(unseal(bytes, "relationship", id), "relationship", id);
  RelationshipRecord rec;
  rec.src = r.varint();
  rec.dst = r.varint();
  rec.type = r.varint32();
  if (!properties) return rec;
  rec.properties = decode_properties(r);
  if (!r.at_end()) r.fail("trailing bytes");
  return rec;
}
}  // namespace

RelationshipRecord decode_relationship(std::string_view bytes, RelationshipId id) {
  return decode_relationship_record(bytes, id, true);
}

RelationshipRecord decode_relationship_endpoints(std::string_view bytes, RelationshipId id) {
  return decode_relationship_record(bytes, id, false);
}

const Value* find_property(const PropertyList& props, PropertyKeyId key) {
  auto it = std::lower_bound(props.begin(), props.end(), key,
                             [](const Property& p, PropertyKeyId k) { return p.key < k; });
  return it != props.end() && it->key == key ? &it->value : nullptr;
}

void set_property(PropertyList& props, PropertyKeyId key, Value value) {
  auto it = std::lower_bound(props.begin(), props.end(), key,
                             [](const Property& p, PropertyKeyId k) { return p.key < k; });
  const bool present = it != props.end() && it->key == key;
  if (value.is_null()) {
    if (present) props.erase(it);
  } else if (present) {
    it->value = std::move(value);
  } else {
    props.insert(it, Property{key, std::move(value)});
  }
}

}  // namespace guanxi::storage

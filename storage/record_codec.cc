#include "storage/record_codec.h"

#include <xxhash.h>

#include <algorithm>

namespace guanxi::storage {

namespace {

void encode_value_at(const Value& v, ByteWriter& w, int depth) {
  if (depth > kMaxValueDepth) {
    throw StorageError(ErrorCode::kInvalidArgument,
                       "value nested deeper than " + std::to_string(kMaxValueDepth) + " levels");
  }
  w.u8(static_cast<std::uint8_t>(v.type()));
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
    case ValueType::kDateTime: w.svarint(v.as_datetime().micros); break;
    case ValueType::kDuration: {
      const Duration d = v.as_duration();
      w.svarint(d.months);
      w.svarint(d.days);
      w.svarint(d.micros);
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
    case ValueType::kDateTime: return Value(DateTime{r.svarint()});
    case ValueType::kDuration: {
      Duration d;
      d.months = r.svarint();
      d.days = r.svarint();
      d.micros = r.svarint();
      return Value(d);
    }
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

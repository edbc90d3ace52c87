#include "storage/index_key_codec.h"

#include <xxhash.h>

#include <cmath>
#include <cstring>
#include <tuple>
#include <utility>

#include "storage/bytes.h"
#include "storage/time_zone.h"

namespace guanxi::storage {

namespace {

enum Tag : std::uint8_t {
  kBool = 0x10,
  kNumber = 0x20,
  kString = 0x30,
  kDate = 0x40,
  kLocalTime = 0x44,
  kTime = 0x48,
  kLocalDateTime = 0x4c,
  kDateTime = 0x50,
  kDuration = 0x60,
  kSealedValue = kSealedIndexKeyTag
};

void append_flipped(std::string& out, std::int64_t v) {
  char buf[8];
  put_be64(buf, static_cast<std::uint64_t>(v) ^ (std::uint64_t{1} << 63));
  out.append(buf, 8);
}

std::int64_t read_flipped(const char* p) {
  return static_cast<std::int64_t>(get_be64(p) ^ (std::uint64_t{1} << 63));
}

void append_be32(std::string& out, std::uint32_t v) {
  char buf[4];
  put_be32(buf, v);
  out.append(buf, 4);
}

// A time's instant of day: its local time less its offset. Two times at the
// same instant order by offset, as openCypher orders equal instants.
std::int64_t utc_time_of_day(const Time& t) {
  return t.nanos - std::int64_t{t.offset_seconds} * kNanosPerSecond;
}

bool valid_nanos(std::uint32_t n) { return n < static_cast<std::uint32_t>(kNanosPerSecond); }
bool valid_offset(std::int64_t o) {
  constexpr std::int64_t kMaxOffset = std::int64_t{18} * 3600;
  return o >= -kMaxOffset && o <= kMaxOffset;
}

// The zone's name, so that the key means the same in every process.
std::string_view zone_name_of(const DateTime& t) {
  return t.zone == 0 ? std::string_view() : time_zone_name(t.zone);
}

void append_double(std::string& out, double d) {
  if (d == 0) d = 0;  // -0.0 and 0.0 are equal
  std::uint64_t bits;
  std::memcpy(&bits, &d, 8);
  bits = (bits & (std::uint64_t{1} << 63)) ? ~bits : bits | (std::uint64_t{1} << 63);
  char buf[8];
  put_be64(buf, bits);
  out.append(buf, 8);
}

double read_double(const char* p) {
  std::uint64_t bits = get_be64(p);
  bits = (bits & (std::uint64_t{1} << 63)) ? bits & ~(std::uint64_t{1} << 63) : ~bits;
  double d;
  std::memcpy(&d, &bits, 8);
  return d;
}

void append_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    out.push_back(c);
    if (c == '\0') out.push_back('\xff');
  }
}

// Compares an int with a double exactly.
int compare_int_double(std::int64_t i, double d) {
  if (std::isnan(d)) return 0;  // callers rule NaN out first
  if (d >= 9223372036854775808.0) return -1;
  if (d < -9223372036854775808.0) return 1;
  const long double li = static_cast<long double>(i), ld = d;
  return li < ld ? -1 : (li > ld ? 1 : 0);
}

}  // namespace

bool index_key_indexable(const Value& v) {
  switch (v.type()) {
    case ValueType::kBool:
    case ValueType::kInt:
    case ValueType::kString:
    case ValueType::kDate:
    case ValueType::kLocalTime:
    case ValueType::kTime:
    case ValueType::kLocalDateTime:
    case ValueType::kDateTime:
    case ValueType::kDuration:
    case ValueType::kSealed: return true;
    case ValueType::kFloat: return !std::isnan(v.as_float());
    default: return false;
  }
}

std::string encode_index_key(const Value& v) {
  std::string out;
  switch (v.type()) {
    case ValueType::kBool:
      out.push_back(static_cast<char>(kBool));
      out.push_back(v.as_bool() ? 1 : 0);
      break;
    case ValueType::kInt: {
      const std::int64_t i = v.as_int();
      const double d = static_cast<double>(i);
      out.push_back(static_cast<char>(kNumber));
      append_double(out, d);
      // 2^63 itself is out of int64's range: INT64_MAX rounds up to it.
      if (d < 9223372036854775808.0 && static_cast<std::int64_t>(d) == i) {
        out.push_back(0);  // exact: the same key as the float d
      } else {
        out.push_back(1);
        append_flipped(out, i);
      }
      break;
    }
    case ValueType::kFloat:
      out.push_back(static_cast<char>(kNumber));
      append_double(out, v.as_float());
      out.push_back(0);
      break;
    case ValueType::kString: {
      const std::string& s = v.as_string();
      out.push_back(static_cast<char>(kString));
      if (s.size() <= kMaxInlineIndexString) {
        append_escaped(out, s);
        out.append("\0\0", 2);
      } else {
        append_escaped(out, std::string_view(s).substr(0, kMaxInlineIndexString));
        out.append("\0\1", 2);
        char buf[8];
        put_be64(buf, XXH3_64bits(s.data(), s.size()));
        out.append(buf, 8);
      }
      break;
    }
    case ValueType::kDate:
      out.push_back(static_cast<char>(kDate));
      append_flipped(out, v.as_date().days);
      break;
    case ValueType::kLocalTime:
      out.push_back(static_cast<char>(kLocalTime));
      append_flipped(out, v.as_local_time().nanos);
      break;
    case ValueType::kTime:
      out.push_back(static_cast<char>(kTime));
      append_flipped(out, utc_time_of_day(v.as_time()));
      append_flipped(out, v.as_time().offset_seconds);
      break;
    case ValueType::kLocalDateTime:
      out.push_back(static_cast<char>(kLocalDateTime));
      append_flipped(out, v.as_local_datetime().seconds);
      append_be32(out, static_cast<std::uint32_t>(v.as_local_datetime().nanos));
      break;
    case ValueType::kDateTime: {
      const DateTime t = v.as_datetime();
      out.push_back(static_cast<char>(kDateTime));
      append_flipped(out, t.seconds);
      append_be32(out, static_cast<std::uint32_t>(t.nanos));
      append_flipped(out, t.offset_seconds);
      out.append(zone_name_of(t));
      break;
    }
    case ValueType::kDuration: {
      const Duration d = v.as_duration();
      out.push_back(static_cast<char>(kDuration));
      append_flipped(out, d.months);
      append_flipped(out, d.days);
      append_flipped(out, d.seconds);
      append_be32(out, static_cast<std::uint32_t>(d.nanos));
      break;
    }
    case ValueType::kSealed: {
      const auto& fingerprint = v.as_sealed().fingerprint;
      out.push_back(static_cast<char>(kSealedValue));
      out.append(reinterpret_cast<const char*>(fingerprint.data()), fingerprint.size());
      break;
    }
    default:
      throw StorageError(
          ErrorCode::kInvalidArgument,
          std::string("a ") + value_type_name(v.type()) + " value cannot be indexed");
  }
  return out;
}

std::string index_key_range_start(const Value& v) {
  std::string key = encode_index_key(v);
  if (v.type() == ValueType::kInt || v.type() == ValueType::kFloat) {
    key.resize(9);
  } else if (v.type() == ValueType::kString && v.as_string().size() > kMaxInlineIndexString) {
    key.resize(key.size() - 10);
  }
  return key;
}

std::optional<DecodedIndexKey> decode_index_key(std::string_view b) {
  if (b.empty()) return std::nullopt;
  const char* p = b.data();
  switch (static_cast<std::uint8_t>(b[0])) {
    case kBool:
      if (b.size() != 2 || static_cast<unsigned char>(b[1]) > 1) return std::nullopt;
      return DecodedIndexKey{Value(b[1] == 1)};
    case kNumber:
      if (b.size() == 10 && b[9] == 0) {
        // No value encodes to a NaN: NaN is not indexable.
        const double d = read_double(p + 1);
        if (std::isnan(d)) return std::nullopt;
        return DecodedIndexKey{Value(d)};
      }
      if (b.size() == 18 && b[9] == 1) {
        // Only an int no double holds takes this form, after the double it rounds to.
        Value i(read_flipped(p + 10));
        if (encode_index_key(i) != b) return std::nullopt;
        return DecodedIndexKey{std::move(i)};
      }
      return std::nullopt;
    case kString: {
      std::string s;
      size_t i = 1;
      while (i < b.size()) {
        if (b[i] != '\0') {
          s.push_back(b[i++]);
          continue;
        }
        if (i + 1 >= b.size()) return std::nullopt;
        const char next = b[i + 1];
        if (next == '\xff') {
          s.push_back('\0');
          i += 2;
        } else if (next == '\0') {
          // Only a string of at most kMaxInlineIndexString bytes is stored whole.
          if (i + 2 != b.size() || s.size() > kMaxInlineIndexString) return std::nullopt;
          return DecodedIndexKey{Value(std::move(s))};
        } else if (next == '\1') {
          // A longer one keeps exactly that many bytes before its hash.
          if (i + 10 != b.size() || s.size() != kMaxInlineIndexString) return std::nullopt;
          return DecodedIndexKey{Value(std::move(s)), true};
        } else {
          return std::nullopt;
        }
      }
      return std::nullopt;
    }
    case kDate:
      if (b.size() != 9) return std::nullopt;
      return DecodedIndexKey{Value(Date{read_flipped(p + 1)})};
    case kLocalTime: {
      if (b.size() != 9) return std::nullopt;
      const std::int64_t nanos = read_flipped(p + 1);
      if (nanos < 0 || nanos >= kNanosPerDay) return std::nullopt;
      return DecodedIndexKey{Value(LocalTime{nanos})};
    }
    case kTime: {
      if (b.size() != 17) return std::nullopt;
      const std::int64_t offset = read_flipped(p + 9);
      if (!valid_offset(offset)) return std::nullopt;
      // The stored UTC time plus the offset is the local time of day; damaged
      // bytes can hold any UTC value, whose sum must not overflow.
      std::int64_t nanos = 0;
      if (__builtin_add_overflow(read_flipped(p + 1), offset * kNanosPerSecond, &nanos) ||
          nanos < 0 || nanos >= kNanosPerDay)
        return std::nullopt;
      return DecodedIndexKey{Value(Time{nanos, static_cast<std::int32_t>(offset)})};
    }
    case kLocalDateTime: {
      if (b.size() != 13 || !valid_nanos(get_be32(p + 9))) return std::nullopt;
      return DecodedIndexKey{
          Value(LocalDateTime{read_flipped(p + 1), static_cast<std::int32_t>(get_be32(p + 9))})};
    }
    case kDateTime: {
      if (b.size() < 21 || !valid_nanos(get_be32(p + 9))) return std::nullopt;
      const std::int64_t offset = read_flipped(p + 13);
      if (!valid_offset(offset)) return std::nullopt;
      DateTime t{read_flipped(p + 1), static_cast<std::int32_t>(get_be32(p + 9)),
                 static_cast<std::int32_t>(offset), 0};
      if (b.size() > 21) {
        const auto zone = find_time_zone(b.substr(21));
        if (!zone) return std::nullopt;
        t.zone = *zone;
      }
      return DecodedIndexKey{Value(t)};
    }
    case kDuration:
      if (b.size() != 29 || !valid_nanos(get_be32(p + 25))) return std::nullopt;
      return DecodedIndexKey{
          Value(Duration{read_flipped(p + 1), read_flipped(p + 9), read_flipped(p + 17),
                         static_cast<std::int32_t>(get_be32(p + 25))})};
    case kSealedValue: {
      Sealed sealed;
      if (b.size() != 1 + sealed.fingerprint.size()) return std::nullopt;
      std::memcpy(sealed.fingerprint.data(), p + 1, sealed.fingerprint.size());
      return DecodedIndexKey{Value(std::move(sealed))};
    }
    default: return std::nullopt;
  }
}

std::optional<int> compare_index_values(const Value& a, const Value& b) {
  auto sign = [](auto x, auto y) { return x < y ? -1 : (x > y ? 1 : 0); };
  const ValueType ta = a.type(), tb = b.type();
  const bool na = ta == ValueType::kInt || ta == ValueType::kFloat;
  const bool nb = tb == ValueType::kInt || tb == ValueType::kFloat;
  if (na && nb) {
    if (ta == ValueType::kFloat && std::isnan(a.as_float())) return std::nullopt;
    if (tb == ValueType::kFloat && std::isnan(b.as_float())) return std::nullopt;
    if (ta == ValueType::kInt && tb == ValueType::kInt) return sign(a.as_int(), b.as_int());
    if (ta == ValueType::kFloat && tb == ValueType::kFloat) return sign(a.as_float(), b.as_float());
    if (ta == ValueType::kInt) return compare_int_double(a.as_int(), b.as_float());
    return -compare_int_double(b.as_int(), a.as_float());
  }
  if (ta != tb) return std::nullopt;
  switch (ta) {
    case ValueType::kBool: return sign(a.as_bool(), b.as_bool());
    case ValueType::kString:
      return a.as_string().compare(b.as_string()) < 0 ? -1
                                                      : (a.as_string() == b.as_string() ? 0 : 1);
    case ValueType::kDate: return sign(a.as_date().days, b.as_date().days);
    case ValueType::kLocalTime: return sign(a.as_local_time().nanos, b.as_local_time().nanos);
    // Times and datetimes as Cypher orders them: by instant, then by offset
    // (the later local time is the larger), then by zone name.
    case ValueType::kTime: {
      const Time x = a.as_time(), y = b.as_time();
      return sign(std::pair(utc_time_of_day(x), x.offset_seconds),
                  std::pair(utc_time_of_day(y), y.offset_seconds));
    }
    case ValueType::kLocalDateTime: {
      const LocalDateTime x = a.as_local_datetime(), y = b.as_local_datetime();
      return sign(std::pair(x.seconds, x.nanos), std::pair(y.seconds, y.nanos));
    }
    case ValueType::kDateTime: {
      const DateTime x = a.as_datetime(), y = b.as_datetime();
      return sign(std::tuple(x.seconds, x.nanos, x.offset_seconds, zone_name_of(x)),
                  std::tuple(y.seconds, y.nanos, y.offset_seconds, zone_name_of(y)));
    }
    case ValueType::kDuration:
      return a.as_duration() == b.as_duration() ? std::optional(0) : std::nullopt;
    default: return std::nullopt;
  }
}

}  // namespace guanxi::storage

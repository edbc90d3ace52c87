#include "storage/zone_file.h"

#include <algorithm>
#include <limits>

#include "storage/bytes.h"
#include "storage/value.h"

namespace guanxi::storage {

namespace {

// About a billion years either side of the epoch, past openCypher's range of
// years: instants are clamped to it so that no computation on them
// overflows.
constexpr std::int64_t kMaxInstant = 32'000'000'000'000'000;
// Farther than any offset a zone has had from UTC (RFC 8536 bounds them to
// under 26 hours): the instants a wall-clock reading may name lie within it.
constexpr std::int64_t kOffsetReach = 2 * kSecondsPerDay;

// The six counts of a TZif header, in file order.
struct Counts {
  std::uint32_t isut, isstd, leap, time, type, chars;
};

// Reads the 44-byte header at `at`: magic, version, 15 reserved bytes and
// the counts. False when it is short or not a TZif header.
bool read_header(std::string_view bytes, std::size_t at, char* version, Counts* c) {
  if (bytes.size() < at || bytes.size() - at < 44 || bytes.compare(at, 4, "TZif") != 0)
    return false;
  *version = bytes[at + 4];
  const char* p = bytes.data() + at + 20;
  *c = Counts{get_be32(p),      get_be32(p + 4),  get_be32(p + 8),
              get_be32(p + 12), get_be32(p + 16), get_be32(p + 20)};
  return true;
}

// The size of a data block after its header, with `time_size`-byte times;
// the counts are at most 2^32 each, so the sum cannot overflow 64 bits.
std::uint64_t block_size(const Counts& c, std::uint64_t time_size) {
  return std::uint64_t{c.time} * time_size + c.time + std::uint64_t{c.type} * 6 + c.chars +
         std::uint64_t{c.leap} * (time_size + 4) + c.isstd + c.isut;
}

}  // namespace

std::optional<ZoneFile> ZoneFile::parse(std::string_view bytes) {
  char version;
  Counts counts;
  if (!read_header(bytes, 0, &version, &counts)) return std::nullopt;
  std::size_t data = 44;
  std::uint64_t time_size = 4;
  if (version >= '2') {
    // Skip the version-1 block to the 64-bit one.
    const std::uint64_t second = 44 + block_size(counts, 4);
    if (second > bytes.size() || !read_header(bytes, second, &version, &counts))
      return std::nullopt;
    data = second + 44;
    time_size = 8;
  }
  const std::uint64_t size = block_size(counts, time_size);
  if (counts.type == 0 || size > bytes.size() - data) return std::nullopt;

  ZoneFile zone;
  const char* p = bytes.data() + data;
  const char* indices = p + std::uint64_t{counts.time} * time_size;
  const char* types = indices + counts.time;
  std::vector<std::int32_t> type_offsets(counts.type);
  std::optional<std::int32_t> first_standard;
  for (std::size_t t = 0; t < counts.type; ++t) {
    type_offsets[t] = static_cast<std::int32_t>(get_be32(types + 6 * t));
    if (!first_standard && types[6 * t + 4] == 0) first_standard = type_offsets[t];
  }
  zone.transitions_.reserve(counts.time);
  zone.offsets_.reserve(std::size_t{counts.time} + 1);
  // Instants before the first transition take the first standard-time type,
  // as the date/tz library did (RFC 8536 says type 0; in tzdata both are
  // the zone's local mean time).
  zone.offsets_.push_back(first_standard.value_or(type_offsets[0]));
  for (std::size_t i = 0; i < counts.time; ++i) {
    const std::int64_t at = time_size == 8
                                ? static_cast<std::int64_t>(get_be64(p + 8 * i))
                                : std::int64_t{static_cast<std::int32_t>(get_be32(p + 4 * i))};
    const auto type = static_cast<unsigned char>(indices[i]);
    if (type >= counts.type || (!zone.transitions_.empty() && at <= zone.transitions_.back()))
      return std::nullopt;
    zone.transitions_.push_back(at);
    zone.offsets_.push_back(type_offsets[type]);
  }
  if (time_size == 8) {
    // The footer: "\n<rule>\n" right after the block; an empty rule means
    // the last offset holds for ever.
    const std::string_view rest = bytes.substr(data + size);
    const std::size_t close = rest.size() >= 2 ? rest.find('\n', 1) : std::string_view::npos;
    if (!rest.empty() && rest[0] == '\n' && close != std::string_view::npos)
      zone.rule_ = PosixTzRule::parse(rest.substr(1, close - 1));
  }
  return zone;
}

std::size_t ZoneFile::period_of(std::int64_t utc_seconds) const {
  return static_cast<std::size_t>(
      std::upper_bound(transitions_.begin(), transitions_.end(), utc_seconds) -
      transitions_.begin());
}

bool ZoneFile::in_period(std::size_t i, std::int64_t utc_seconds) const {
  return (i == 0 || transitions_[i - 1] <= utc_seconds) &&
         (i == transitions_.size() || utc_seconds < transitions_[i]);
}

std::int64_t ZoneFile::rule_from() const {
  return transitions_.empty() ? std::numeric_limits<std::int64_t>::min() / 2 : transitions_.back();
}

std::int32_t ZoneFile::offset_at_instant(std::int64_t utc_seconds) const {
  utc_seconds = std::clamp(utc_seconds, -kMaxInstant, kMaxInstant);
  if (rule_ && utc_seconds >= rule_from()) return rule_->offset_at(utc_seconds);
  return offsets_[period_of(utc_seconds)];
}

std::int32_t ZoneFile::offset_for_local(std::int64_t local_seconds) const {
  local_seconds = std::clamp(local_seconds, -kMaxInstant, kMaxInstant);
  // A day's margin keeps readings near the last listed transition with the
  // listed periods, which know that transition.
  if (rule_ && local_seconds >= rule_from() + kSecondsPerDay)
    return rule_->offset_for_local(local_seconds);
  const std::size_t first = period_of(local_seconds - kOffsetReach);
  const std::size_t last = period_of(local_seconds + kOffsetReach);
  // A period whose offset puts the reading inside it is one the reading can
  // mean; of two (clocks turned back), the earlier.
  for (std::size_t i = first; i <= last; ++i)
    if (in_period(i, local_seconds - offsets_[i])) return offsets_[i];
  // None: the reading is in a gap (clocks turned forward), past the end of
  // a period under its offset and before the start of the next under its
  // own. The offset before the gap puts the instant after it.
  for (std::size_t i = first; i < last; ++i) {
    if (local_seconds - offsets_[i] >= transitions_[i] &&
        local_seconds - offsets_[i + 1] < transitions_[i])
      return offsets_[i];
  }
  return offsets_[period_of(local_seconds)];
}

}  // namespace guanxi::storage

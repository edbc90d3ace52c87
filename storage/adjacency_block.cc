#include "storage/adjacency_block.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <utility>

#include "storage/bytes.h"
#include "storage/error.h"

namespace guanxi::storage {

namespace {

std::size_t varint_size(std::uint64_t v) {
  std::size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

void put_varint(std::string& out, std::uint64_t v) {
  char buf[10];
  std::size_t n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out.append(buf, n);
}

[[noreturn]] void malformed(const char* why) {
  throw StorageError(ErrorCode::kCorruption, std::string("adjacency block ") + why);
}

// Reads one varint at p (below end), advancing p.
std::uint64_t read_varint(const unsigned char*& p, const unsigned char* end) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (p == end) malformed("is truncated");
    const unsigned char b = *p++;
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return v;
  }
  malformed("has a varint longer than 10 bytes");
}

std::uint64_t step_of(const AdjacencyEntry& e, const AdjacencyEntry& previous) {
  return zigzag(static_cast<std::int64_t>(e.relationship_word - previous.relationship_word));
}

// Bits of the packed streams, rounded up to whole bytes.
std::size_t packed_bytes(std::uint64_t values, unsigned width) {
  return static_cast<std::size_t>((values * width + 7) / 8);
}

// Appends `width`-bit values, least significant bit first.
class BitWriter {
 public:
  explicit BitWriter(std::string& out) : out_(out) {}
  void put(std::uint64_t v, unsigned width) {
    for (unsigned done = 0; done < width;) {
      const unsigned take = std::min(width - done, 64 - filled_);
      const std::uint64_t part =
          take == 64 ? v >> done : (v >> done) & ((std::uint64_t{1} << take) - 1);
      acc_ |= part << filled_;
      filled_ += take;
      done += take;
      if (filled_ == 64) flush_word();
    }
  }
  // Writes the bits still held, padded with zeros to a byte.
  void finish() {
    char bytes[8];
    put_le64(bytes, acc_);
    out_.append(bytes, (filled_ + 7) / 8);
    acc_ = 0;
    filled_ = 0;
  }

 private:
  void flush_word() {
    char bytes[8];
    put_le64(bytes, acc_);
    out_.append(bytes, 8);
    acc_ = 0;
    filled_ = 0;
  }
  std::string& out_;
  std::uint64_t acc_ = 0;
  unsigned filled_ = 0;
};

// Unpacking writes the n `width`-bit values of the stream at `data` into
// elements 1..n of an array (the block ends at `end`, at least 8 bytes after
// its start); the Sink says which array and which field. Each value is one
// unaligned load, independent of the others, so the loop pipelines where a
// varint's position waited on the length of the one before; and for each
// width up to 56 bits a loop of its own takes eight values (`width` bytes) a
// round with constant offsets and shifts. A value within the block's last 8
// bytes is read from a load of exactly those: nothing past the block is
// touched (LMDB's value may end at the end of the map).
struct OtherNodes {
  using Out = AdjacencyEntry;
  static void set(Out& e, std::uint64_t v) { e.other_node = v; }
};
struct RelationshipWords {
  using Out = AdjacencyEntry;
  static void set(Out& e, std::uint64_t v) { e.relationship_word = v; }
};
struct PlainValues {
  using Out = std::uint64_t;
  static void set(Out& e, std::uint64_t v) { e = v; }
};

// The values from i on, one at a time: any width, any position.
template <typename Sink>
void unpack_rest(const unsigned char* data, const unsigned char* end, std::uint64_t i,
                 std::uint64_t n, unsigned width, typename Sink::Out* e) {
  const std::uint64_t mask = width == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << width) - 1;
  for (std::uint64_t bit = i * width; i < n; ++i, bit += width) {
    const unsigned char* at = data + bit / 8;
    const unsigned shift = static_cast<unsigned>(bit % 8);
    std::uint64_t v;
    if (end - at > 8) {
      v = get_le64(at) >> shift;
      if (shift + width > 64) v |= std::uint64_t{at[8]} << (64 - shift);
    } else {
      v = get_le64(end - 8) >> ((at - (end - 8)) * 8 + shift);
    }
    Sink::set(e[i + 1], v & mask);
  }
}

template <unsigned W, std::size_t K>
inline std::uint64_t packed_value(const unsigned char* group) {
  constexpr std::uint64_t kMask = (std::uint64_t{1} << W) - 1;
  return (get_le64(group + K * W / 8) >> (K * W % 8)) & kMask;
}

template <unsigned W, typename Sink, std::size_t... K>
inline void unpack_group(const unsigned char* group, typename Sink::Out* e,
                         std::index_sequence<K...>) {
  (Sink::set(e[K + 1], packed_value<W, K>(group)), ...);
}

template <unsigned W, typename Sink>
void unpack_fixed(const unsigned char* data, const unsigned char* end, std::uint64_t n,
                  typename Sink::Out* e) {
  // A round reads up to byte 7W/8 + 8 of its W: whole rounds while that
  // stays inside the block.
  constexpr std::ptrdiff_t kReach = 7 * W / 8 + 8;
  std::uint64_t i = 0;
  for (const unsigned char* group = data; i + 8 <= n && end - group >= kReach; group += W, i += 8) {
    unpack_group<W, Sink>(group, e + i, std::make_index_sequence<8>());
  }
  unpack_rest<Sink>(data, end, i, n, W, e);
}

template <typename Sink>
using Unpack = void (*)(const unsigned char*, const unsigned char*, std::uint64_t,
                        typename Sink::Out*);

template <typename Sink, std::size_t... W>
constexpr std::array<Unpack<Sink>, sizeof...(W)> unpackers(std::index_sequence<W...>) {
  return {&unpack_fixed<static_cast<unsigned>(W) + 1, Sink>...};
}

template <typename Sink>
void unpack_all(const unsigned char* data, const unsigned char* end, std::uint64_t n,
                unsigned width, typename Sink::Out* e) {
  static constexpr std::array<Unpack<Sink>, 56> kUnpackers =
      unpackers<Sink>(std::make_index_sequence<56>());
  if (width == 0) {
    for (std::uint64_t i = 1; i <= n; ++i) Sink::set(e[i], 0);
  } else if (width <= 56) {
    kUnpackers[width - 1](data, end, n, e);
  } else {
    unpack_rest<Sink>(data, end, 0, n, width, e);
  }
}

// A block's header: the count, the first entry and the widths of the packed
// streams that follow (widths zero when the block holds one entry).
struct Header {
  std::uint64_t count;
  AdjacencyEntry first;
  unsigned other_width = 0, step_width = 0;
  const unsigned char* streams;  // where the packed deltas start
};

Header read_header(std::string_view block) {
  const auto* p = reinterpret_cast<const unsigned char*>(block.data());
  const unsigned char* const end = p + block.size();
  Header h;
  h.count = read_varint(p, end);
  if (h.count == 0) malformed("has a bad count");
  h.first.other_node = read_varint(p, end);
  h.first.relationship_word = read_varint(p, end);
  if (h.count > 1) {
    if (end - p < 2) malformed("is truncated");
    h.other_width = *p++;
    h.step_width = *p++;
    // A step of zero would repeat a relationship: every width is at least one.
    if (h.other_width > 64 || h.step_width == 0 || h.step_width > 64) malformed("has a bad width");
    // A count the bytes cannot hold is damage, and must not size an
    // allocation. (A step takes a bit at least, so within this bound the
    // sizes below cannot overflow.)
    if (h.count - 1 > static_cast<std::uint64_t>(end - p) * 8) malformed("has a bad count");
    const std::size_t size =
        packed_bytes(h.count - 1, h.other_width) + packed_bytes(h.count - 1, h.step_width);
    if (static_cast<std::size_t>(end - p) < size) malformed("is truncated");
    if (static_cast<std::size_t>(end - p) > size) malformed("has bytes after its entries");
  } else if (p != end) {
    malformed("has bytes after its entries");
  }
  h.streams = p;
  return h;
}

// The size of a block of `count` entries from `first`, its streams `other_width`
// and `step_width` bits a value.
std::size_t encoded_block_size(std::uint64_t count, const AdjacencyEntry& first,
                               unsigned other_width, unsigned step_width) {
  std::size_t size =
      varint_size(count) + varint_size(first.other()) + varint_size(first.relationship_word);
  if (count > 1)
    size += 2 + packed_bytes(count - 1, other_width) + packed_bytes(count - 1, step_width);
  return size;
}

}  // namespace

void encode_adjacency_block(std::span<const AdjacencyEntry> entries, std::string& out) {
  put_varint(out, entries.size());
  put_varint(out, entries.front().other());
  put_varint(out, entries.front().relationship_word);
  if (entries.size() == 1) return;
  unsigned other_width = 0, step_width = 1;
  for (std::size_t i = 1; i < entries.size(); ++i) {
    other_width = std::max<unsigned>(
        other_width,
        static_cast<unsigned>(std::bit_width(entries[i].other() - entries[i - 1].other())));
    step_width = std::max<unsigned>(
        step_width, static_cast<unsigned>(std::bit_width(step_of(entries[i], entries[i - 1]))));
  }
  out.push_back(static_cast<char>(other_width));
  out.push_back(static_cast<char>(step_width));
  BitWriter bits(out);
  for (std::size_t i = 1; i < entries.size(); ++i)
    bits.put(entries[i].other() - entries[i - 1].other(), other_width);
  bits.finish();
  for (std::size_t i = 1; i < entries.size(); ++i)
    bits.put(step_of(entries[i], entries[i - 1]), step_width);
  bits.finish();
}

namespace {

// Decodes the block of header `h`, ending at `end`, into e[0, h.count).
void decode_entries(const Header& h, const unsigned char* end, AdjacencyEntry* e) {
  e[0] = h.first;
  const std::uint64_t n = h.count - 1;
  const unsigned char* const others = h.streams;
  const unsigned char* const steps = others + packed_bytes(n, h.other_width);
  // Three simple loops rather than one: the deltas, the steps, then the
  // running sums. Each pipelines on its own.
  unpack_all<OtherNodes>(others, end, n, h.other_width, e);
  unpack_all<RelationshipWords>(steps, end, n, h.step_width, e);
  // Checked once at the end: an entry not after the one before it (a node id
  // that wrapped, or a relationship not ascending among parallel entries).
  bool disorder = false;
  for (std::uint64_t i = 1; i <= n; ++i) {
    const std::uint64_t delta = e[i].other_node;
    const NodeId other = e[i - 1].other_node + delta;
    const std::uint64_t relationship =
        e[i - 1].relationship_word + static_cast<std::uint64_t>(unzigzag(e[i].relationship_word));
    disorder |= (other < e[i - 1].other_node) |
                ((delta == 0) & (relationship <= e[i - 1].relationship_word));
    e[i] = AdjacencyEntry{other, relationship};
  }
  if (disorder) malformed("has entries out of order");
}

// The others-only decode sums the deltas as it unpacks them, in one pass
// where decode_entries takes two: each value's load is still independent of
// the others, and the running sum is one add a value. On the scale-20 2-hop
// reach (storage_bench: 20.7M entries a pass, mostly in full blocks of
// 9-12-bit deltas) two passes took 1.30-1.34x the raw baseline's time and one
// takes 1.22x, the same runs.
//
// Eight deltas of at most 56 bits sum to less than 2^59, so within a group
// the sum wraps at most once, and then ends below where it began: one check
// a group.
template <unsigned W, std::size_t... K>
inline NodeId sum_group(const unsigned char* group, NodeId previous, NodeId* o, bool& wrapped,
                        std::index_sequence<K...>) {
  const NodeId start = previous;
  ((o[K + 1] = previous += packed_value<W, K>(group)), ...);
  wrapped |= previous < start;
  return previous;
}

template <unsigned W>
void sum_fixed(const unsigned char* data, const unsigned char* end, std::uint64_t n, NodeId* o,
               bool& wrapped) {
  constexpr std::ptrdiff_t kReach = 7 * W / 8 + 8;  // as unpack_fixed
  std::uint64_t i = 0;
  NodeId previous = o[0];
  for (const unsigned char* group = data; i + 8 <= n && end - group >= kReach; group += W, i += 8) {
    previous = sum_group<W>(group, previous, o + i, wrapped, std::make_index_sequence<8>());
  }
  unpack_rest<PlainValues>(data, end, i, n, W, o);
  for (++i; i <= n; ++i) wrapped |= __builtin_add_overflow(o[i - 1], o[i], &o[i]);
}

using SumFixed = void (*)(const unsigned char*, const unsigned char*, std::uint64_t, NodeId*,
                          bool&);

template <std::size_t... W>
constexpr std::array<SumFixed, sizeof...(W)> summers(std::index_sequence<W...>) {
  return {&sum_fixed<static_cast<unsigned>(W) + 1>...};
}

// Decodes the other nodes alone of the block of header `h` into o[0, h.count):
// the step stream is not read, so only a node id that wrapped shows as
// disorder.
void decode_others(const Header& h, const unsigned char* end, NodeId* o) {
  static constexpr std::array<SumFixed, 56> kSummers = summers(std::make_index_sequence<56>());
  o[0] = h.first.other();
  const std::uint64_t n = h.count - 1;
  bool wrapped = false;
  if (h.other_width >= 1 && h.other_width <= 56) {
    kSummers[h.other_width - 1](h.streams, end, n, o, wrapped);
  } else {
    unpack_all<PlainValues>(h.streams, end, n, h.other_width, o);
    for (std::uint64_t i = 1; i <= n; ++i) wrapped |= __builtin_add_overflow(o[i - 1], o[i], &o[i]);
  }
  if (wrapped) malformed("has entries out of order");
}

// Calls f(header, readable_end) with the block's bytes where loads up to
// readable_end stay in memory we may read: the block in place when it is
// long, or a copy padded with zeros on both sides when it is short (most
// are: a copy of a few dozen bytes costs less than reading their last values
// one at a time).
template <typename F>
auto with_block(std::string_view block, F&& f) {
  constexpr std::size_t kShort = 128;
  if (block.size() >= kShort) {
    return f(read_header(block),
             reinterpret_cast<const unsigned char*>(block.data()) + block.size());
  }
  unsigned char padded[8 + kShort + 64] = {};
  std::memcpy(padded + 8, block.data(), block.size());
  const std::string_view copy(reinterpret_cast<const char*>(padded + 8), block.size());
  return f(read_header(copy), padded + sizeof padded);
}

}  // namespace

void decode_adjacency_block(std::string_view block, std::vector<AdjacencyEntry>& out) {
  with_block(block, [&](const Header& h, const unsigned char* end) {
    const std::size_t base = out.size();
    out.resize(base + h.count);
    try {
      decode_entries(h, end, out.data() + base);
    } catch (...) {
      out.resize(base);
      throw;
    }
  });
}

namespace {

// Decodes `block` with decode(header, end, T*) into the front of `storage`,
// which only grows.
template <typename T, typename Decode>
std::span<const T> decode_into(std::string_view block, std::vector<T>& storage, Decode decode) {
  return with_block(block, [&](const Header& h, const unsigned char* end) {
    if (storage.size() < h.count) storage.resize(h.count);
    decode(h, end, storage.data());
    return std::span<const T>(storage.data(), h.count);
  });
}

}  // namespace

std::span<const AdjacencyEntry> decode_adjacency_block_into(std::string_view block,
                                                            std::vector<AdjacencyEntry>& storage) {
  return decode_into(block, storage, decode_entries);
}

std::span<const NodeId> decode_adjacency_others_into(std::string_view block,
                                                     std::vector<NodeId>& storage) {
  return decode_into(block, storage, decode_others);
}

std::uint64_t adjacency_block_count(std::string_view block) { return read_header(block).count; }

std::vector<std::size_t> fill_block_cuts(std::span<const AdjacencyEntry> entries) {
  std::vector<std::size_t> cuts;
  // Most runs fit one block even at the widest packing: no pass over them
  // (an import's runs average 16 entries, a block holds 62 at worst).
  if (entries.size() <= 1 ||
      encoded_block_size(entries.size(), entries.front(), 64, 64) + 2 <= kAdjacencyBlockBytes) {
    return cuts;
  }
  std::size_t begin = 0;
  unsigned other_width = 0, step_width = 1;
  for (std::size_t i = 1; i < entries.size(); ++i) {
    const unsigned o = std::max<unsigned>(
        other_width,
        static_cast<unsigned>(std::bit_width(entries[i].other() - entries[i - 1].other())));
    const unsigned s = std::max<unsigned>(
        step_width, static_cast<unsigned>(std::bit_width(step_of(entries[i], entries[i - 1]))));
    // Only between neighbours: parallel entries stay in one block. The
    // count's varint is taken at its 3-byte size (up to 2 million entries).
    if (entries[i - 1].other() != entries[i].other() &&
        encoded_block_size(i + 1 - begin, entries[begin], o, s) + 2 > kAdjacencyBlockBytes) {
      cuts.push_back(i);
      begin = i;
      other_width = 0;
      step_width = 1;
      continue;
    }
    other_width = o;
    step_width = s;
  }
  return cuts;
}

std::size_t half_block_cut(std::span<const AdjacencyEntry> entries) {
  const std::size_t middle = entries.size() / 2;
  // The nearest i with entries[i - 1].other() != entries[i].other().
  for (std::size_t d = 0; d <= middle; ++d) {
    const std::size_t up = middle + d, down = middle - d;
    if (up > 0 && up < entries.size() && entries[up - 1].other() != entries[up].other()) return up;
    if (down > 0 && entries[down - 1].other() != entries[down].other()) return down;
  }
  return 0;
}

}  // namespace guanxi::storage

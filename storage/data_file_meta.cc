#include "storage/data_file_meta.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "storage/error.h"
#include "storage/mapped_file.h"

namespace guanxi::storage {

namespace {

constexpr std::uint32_t kMagic = 0xBEEFC0DE;
constexpr std::uint32_t kDataVersion = 1;
constexpr std::uint16_t kMetaPageFlag = 0x08;
constexpr std::size_t kPageHeader = 16;
constexpr std::size_t kMetaEnd = kPageHeader + 8 + 8 + 8 + 2 * LmdbTree::kSize + 8 + 8;
constexpr std::uint32_t kMaxPageSize = 65536;

template <typename T>
T load(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Decodes the meta page at `offset` of `head`, or says why it is not one.
std::optional<DataFileMeta> meta_at(std::string_view head, std::size_t offset, int which,
                                    std::string* why) {
  if (head.size() < offset + kMetaEnd) {
    *why = "meta page " + std::to_string(which) + " is cut off";
    return std::nullopt;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(head.data()) + offset;
  if (!(load<std::uint16_t>(p + 10) & kMetaPageFlag) || load<std::uint32_t>(p + 16) != kMagic) {
    *why = "meta page " + std::to_string(which) + " is not a meta page";
    return std::nullopt;
  }
  if (load<std::uint32_t>(p + 20) != kDataVersion) {
    *why = "meta page " + std::to_string(which) + " has an unknown LMDB data version";
    return std::nullopt;
  }
  DataFileMeta m;
  m.page = which;
  const unsigned char* trees = p + kPageHeader + 24;
  m.free_list = LmdbTree::decode(trees);
  m.main = LmdbTree::decode(trees + LmdbTree::kSize);
  m.page_size = m.free_list.pad;
  m.last_page = load<std::uint64_t>(trees + 2 * LmdbTree::kSize);
  m.transaction = load<std::uint64_t>(trees + 2 * LmdbTree::kSize + 8);
  if (m.page_size < 512 || m.page_size > kMaxPageSize || (m.page_size & (m.page_size - 1))) {
    *why = "meta page " + std::to_string(which) + " has a bad page size " +
           std::to_string(m.page_size);
    return std::nullopt;
  }
  if (m.last_page < 1 || m.last_page > (std::uint64_t{1} << 48)) {
    *why = "meta page " + std::to_string(which) + " has a bad last page number";
    return std::nullopt;
  }
  return m;
}

}  // namespace

LmdbTree LmdbTree::decode(const unsigned char* bytes) {
  LmdbTree t;
  t.pad = load<std::uint32_t>(bytes);
  t.flags = load<std::uint16_t>(bytes + 4);
  t.depth = load<std::uint16_t>(bytes + 6);
  t.branch_pages = load<std::uint64_t>(bytes + 8);
  t.leaf_pages = load<std::uint64_t>(bytes + 16);
  t.overflow_pages = load<std::uint64_t>(bytes + 24);
  t.entries = load<std::uint64_t>(bytes + 32);
  t.root = load<std::uint64_t>(bytes + 40);
  return t;
}

MetaPick pick_meta(std::string_view head) {
  MetaPick pick;
  if (head.empty()) {
    pick.problem = "the file is empty";
    return pick;
  }
  std::string why0, why1;
  const auto first = meta_at(head, 0, 0, &why0);
  // The second meta page is one page in; without a sound first meta, try
  // every page size LMDB may have used.
  std::optional<DataFileMeta> second;
  if (first) {
    second = meta_at(head, first->page_size, 1, &why1);
  } else {
    for (std::uint32_t size = 512; size <= kMaxPageSize && !second; size *= 2) {
      auto candidate = meta_at(head, size, 1, &why1);
      if (candidate && candidate->page_size == size) second = candidate;
    }
  }
  pick.pages[0] = first;
  pick.pages[1] = second;
  if (!first && !second) {
    pick.problem = why0 + " and " + (why1.empty() ? "meta page 1 is unreadable" : why1);
    return pick;
  }
  if (first && second && first->page_size != second->page_size) {
    pick.problem = "the two meta pages disagree on the page size";
    return pick;
  }
  // LMDB itself refuses a file with a damaged meta page; name it.
  if (!first || !second) {
    pick.problem = first ? why1 : why0;
    return pick;
  }
  // LMDB writes the meta of transaction t to page t % 2, so the two metas
  // hold consecutive transactions (both 0 in a new file). Anything else is a
  // changed transaction id, which would make LMDB serve an old snapshot.
  const DataFileMeta& newer = first->transaction >= second->transaction ? *first : *second;
  const DataFileMeta& older = first->transaction >= second->transaction ? *second : *first;
  if (newer.transaction - older.transaction > 1 ||
      (newer.transaction != older.transaction &&
       newer.transaction % 2 != static_cast<std::uint64_t>(newer.page))) {
    pick.problem = "the meta pages hold transactions " + std::to_string(first->transaction) +
                   " and " + std::to_string(second->transaction) +
                   ", which are not consecutive commits";
    return pick;
  }
  pick.meta = newer;
  return pick;
}

std::optional<std::string> data_file_problem(const std::filesystem::path& dir) {
  const std::filesystem::path file = dir / "data.mdb";
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return std::nullopt;
  // Mapped rather than read through a stream into a zeroed 128 KiB buffer:
  // every open checks this, and the check's share of `guanxi DB -c
  // "RETURN 1"` fell from about 9% of main's samples to 3% (perf).
  std::optional<MappedFile> map;
  try {
    map.emplace(file);
  } catch (const StorageError&) {
    return "cannot read data file '" + file.string() + "'";
  }
  return data_file_problem(*map);
}

std::optional<std::string> data_file_problem(const MappedFile& map) {
  const std::filesystem::path& file = map.path();
  const auto damaged = [&](const std::string& why) {
    return "data file '" + file.string() + "' is damaged: " + why;
  };
  const std::string_view head(reinterpret_cast<const char*>(map.data()),
                              std::min<std::size_t>(map.size(), std::size_t{2} * kMaxPageSize));
  const MetaPick pick = pick_meta(head);
  if (!pick.meta) return damaged(pick.problem);
  // After the metas: the file only grows, so a size read now is at least the
  // size the metas were written against (the map's may be older).
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec) return "cannot read the size of data file '" + file.string() + "': " + ec.message();
  if (size < pick.meta->needed_bytes()) {
    return damaged("it holds " + std::to_string(size) + " bytes but its meta page " +
                   std::to_string(pick.meta->page) + " uses " +
                   std::to_string(pick.meta->last_page + 1) + " pages of " +
                   std::to_string(pick.meta->page_size) + " bytes (" +
                   std::to_string(pick.meta->needed_bytes()) + " bytes); it was truncated");
  }
  return std::nullopt;
}

}  // namespace guanxi::storage

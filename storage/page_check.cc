#include "storage/page_check.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "storage/data_file_meta.h"
#include "storage/error.h"
#include "storage/mapped_file.h"

namespace guanxi::storage {

namespace {

// LMDB 0.9's page and node layout (lmdb's mdb.c).
constexpr std::uint16_t kBranch = 0x01, kLeaf = 0x02, kOverflow = 0x04, kLeaf2 = 0x20,
                        kSubPage = 0x40;
// Bits a written page may still carry from its life in memory.
constexpr std::uint16_t kTransientBits = 0x10 | 0x4000 | 0x8000;
constexpr std::uint16_t kBigData = 0x01, kSubData = 0x02, kDupData = 0x04;
constexpr std::uint16_t kDupSort = 0x04, kIntegerKey = 0x08, kDupFixed = 0x10;
constexpr std::size_t kHeader = 16;
constexpr std::size_t kNodeHeader = 8;
constexpr int kMaxDepth = 24;

template <typename T>
T load(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes.size() && i < 24; ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  if (bytes.size() > 24) out += "...";
  return out.empty() ? "(empty)" : out;
}

// The open range of keys a page may hold, from its parent's separators.
struct KeyRange {
  std::optional<std::string_view> low;   // inclusive
  std::optional<std::string_view> high;  // exclusive
};

class Walker {
  // Names the place of a problem; made only when there is one.
  using Name = std::function<std::string()>;

 public:
  Walker(const MappedFile& file, const DataFileMeta& meta, PageCheckReport& report)
      : base_(file.data()),
        file_size_(file.size()),
        page_size_(meta.page_size),
        last_page_(meta.last_page),
        // Pages past the file's end are refused before being marked.
        seen_(std::min<std::uint64_t>(meta.last_page + 1, file.size() / meta.page_size), false),
        report_(report) {}

  // Walks the tree `tree` of table `table`; `flags` are the table's LMDB flags.
  void tree(const std::string& table, const LmdbTree& t, std::uint16_t flags,
            std::vector<std::pair<std::string, LmdbTree>>* tables = nullptr) {
    table_ = table;
    use_ = &report_.table_pages[table];
    use_->page_size = page_size_;
    flags_ = flags;
    tables_ = tables;
    if (t.root == LmdbTree::kNoPage) {
      if (t.depth != 0 || t.entries != 0)
        problem("empty tree with depth " + std::to_string(t.depth) + " and " +
                std::to_string(t.entries) + " entries");
      return;
    }
    if (t.depth < 1 || t.depth > kMaxDepth) {
      problem("tree depth " + std::to_string(t.depth) + " is impossible");
      return;
    }
    page(t.root, 1, t.depth, false, {}, "the root");
  }

 private:
  void problem(const std::string& message) {
    report_.problems.push_back({table_, message});
    report_.damaged_tables.insert(table_);
  }
  // A key or value out of order: LMDB may then miss it when searching, but
  // reads the page safely, so the table stays readable (except the catalog,
  // whose keys find the tables).
  void order_problem(const std::string& message) {
    report_.problems.push_back({table_, message});
    if (table_ == "catalog") report_.damaged_tables.insert(table_);
  }
  static std::string page_name(std::uint64_t pgno) { return "page " + std::to_string(pgno); }

  // The page `pgno`, or nullptr (reported) when it cannot be one of this tree.
  const unsigned char* reach(std::uint64_t pgno, const std::string& from) {
    if (pgno < 2 || pgno > last_page_ || (pgno + 1) * page_size_ > file_size_) {
      problem(from + " points to " + page_name(pgno) + ", outside the file's " +
              std::to_string(std::min(last_page_ + 1, file_size_ / page_size_)) + " pages");
      return nullptr;
    }
    if (seen_[pgno]) {
      problem(page_name(pgno) + " is reached twice (again from " + from + ")");
      return nullptr;
    }
    seen_[pgno] = true;
    ++report_.pages_checked;
    const unsigned char* p = base_ + pgno * page_size_;
    if (load<std::uint64_t>(p) != pgno) {
      problem(page_name(pgno) + " carries the number " + std::to_string(load<std::uint64_t>(p)));
      return nullptr;
    }
    return p;
  }

  bool in_order(std::string_view key, std::string_view previous, bool first, bool integer) const {
    if (first) return true;
    if (integer && key.size() == previous.size() && key.size() == 8) {
      return load<std::uint64_t>(reinterpret_cast<const unsigned char*>(key.data())) >
             load<std::uint64_t>(reinterpret_cast<const unsigned char*>(previous.data()));
    }
    return previous < key;
  }

  void check_range(std::string_view key, const KeyRange& range, const std::string& where) {
    if (flags_ & kIntegerKey) return;
    if ((range.low && key < *range.low) || (range.high && !(key < *range.high)))
      order_problem(where + ": key " + hex(key) + " is outside the range its parent page gives");
  }

  // `sub`: a tree of duplicate values (keys only); `range`: from the parent.
  void page(std::uint64_t pgno, int level, int depth, bool sub, KeyRange range,
            const std::string& from) {
    const unsigned char* p = reach(pgno, from);
    if (!p) return;
    const std::string where = page_name(pgno);
    const std::uint16_t kind = load<std::uint16_t>(p + 10) & ~kTransientBits;
    const bool want_branch = level < depth;
    const bool leaf2 = !want_branch && sub && (flags_ & kDupFixed);
    const std::uint16_t want = want_branch ? kBranch : (leaf2 ? kLeaf | kLeaf2 : kLeaf);
    if (kind != want) {
      problem(where + " has page flags " + std::to_string(kind) + ", expected a " +
              (want_branch ? "branch" : "leaf") + " page");
      return;
    }
    const std::uint16_t lower = load<std::uint16_t>(p + 12), upper = load<std::uint16_t>(p + 14);
    if (lower < kHeader || lower > upper || upper > page_size_ || (lower - kHeader) % 2) {
      problem(where + " has bad free-space bounds " + std::to_string(lower) + ".." +
              std::to_string(upper));
      return;
    }
    ++(want_branch ? use_->branch : use_->leaf);
    use_->used_bytes += page_size_ - (upper - lower);
    const std::size_t n = (lower - kHeader) / 2;
    if (n == 0 && (want_branch || level > 1)) {
      problem(where + " is empty");
      return;
    }
    if (leaf2) {
      leaf2_keys(p, page_size_, n, value_size_, [&where] { return std::string(where); });
      return;
    }
    std::string_view previous;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t off = load<std::uint16_t>(p + kHeader + 2 * i);
      if (off < upper || off + kNodeHeader > page_size_) {
        problem(where + ": entry " + std::to_string(i) + " lies outside the page");
        return;
      }
      const unsigned char* node = p + off;
      const std::size_t ksize = load<std::uint16_t>(node + 6);
      if (off + kNodeHeader + ksize > page_size_) {
        problem(where + ": the key of entry " + std::to_string(i) + " overruns the page");
        return;
      }
      const std::string_view key(reinterpret_cast<const char*>(node + kNodeHeader), ksize);
      const std::uint64_t lo = load<std::uint16_t>(node), hi = load<std::uint16_t>(node + 2);
      const std::uint16_t nflags = load<std::uint16_t>(node + 4);
      if (want_branch) {
        // The first separator of a branch page is unused (empty).
        if (i > 0) {
          if (!in_order(key, previous, i == 1, flags_ & kIntegerKey) && !sub)
            order_problem(where + ": key " + hex(key) + " is out of order");
          check_range(key, range, where);
        }
        KeyRange child = range;
        if (i > 0) child.low = key;
        if (i + 1 < n) {
          const std::size_t next = load<std::uint16_t>(p + kHeader + 2 * (i + 1));
          if (next >= upper && next + kNodeHeader <= page_size_ &&
              next + kNodeHeader + load<std::uint16_t>(p + next + 6) <= page_size_) {
            child.high = std::string_view(reinterpret_cast<const char*>(p + next + kNodeHeader),
                                          load<std::uint16_t>(p + next + 6));
          }
        }
        if (sub || (flags_ & kIntegerKey)) child = {};
        const std::uint64_t to = lo | (hi << 16) | (std::uint64_t{nflags} << 32);
        page(to, level + 1, depth, sub, child, where + " entry " + std::to_string(i));
        previous = key;
        continue;
      }
      if (!in_order(key, previous, i == 0, flags_ & kIntegerKey))
        order_problem(where + ": key " + hex(key) + " is out of order");
      if (!sub) check_range(key, range, where);
      previous = key;
      leaf_data(node, off, ksize, lo | (hi << 16), nflags, key, where, sub);
    }
  }

  // `n` values of `ks` bytes packed after the header of a page of `size` bytes.
  void leaf2_keys(const unsigned char* p, std::size_t size, std::size_t n, std::size_t ks,
                  const Name& where) {
    if (ks == 0 || kHeader + n * ks > size) {
      problem(where() + ": " + std::to_string(n) + " values of " + std::to_string(ks) +
              " bytes overrun the page");
      return;
    }
    for (std::size_t i = 1; i < n; ++i) {
      const std::string_view a(reinterpret_cast<const char*>(p + kHeader + (i - 1) * ks), ks);
      const std::string_view b(reinterpret_cast<const char*>(p + kHeader + i * ks), ks);
      if (!(a < b)) order_problem(where() + ": value " + hex(b) + " is out of order");
    }
  }

  void leaf_data(const unsigned char* node, std::size_t off, std::size_t ksize, std::uint64_t dsize,
                 std::uint16_t nflags, std::string_view key, const std::string& where, bool sub) {
    // Named only when a problem is found: building names costs more than the checks.
    const auto entry = [&] { return where + ", key " + hex(key); };
    if (nflags & ~(kBigData | kSubData | kDupData)) {
      problem(entry() + ": unknown entry flags " + std::to_string(nflags));
      return;
    }
    const std::size_t at = off + kNodeHeader + ksize;
    if (nflags & kBigData) {
      if (sub || (nflags & ~kBigData) || at + 8 > page_size_) {
        problem(entry() + ": bad overflow entry");
        return;
      }
      overflow(load<std::uint64_t>(node + kNodeHeader + ksize), dsize, entry);
      return;
    }
    if (at + dsize > page_size_) {
      problem(entry() + ": its value overruns the page");
      return;
    }
    const unsigned char* data = node + kNodeHeader + ksize;
    if (sub) {
      if (nflags || dsize) problem(entry() + ": a duplicate value with data");
      return;
    }
    if ((nflags & kSubData) && !(nflags & kDupData)) {
      // A named table's entry in the catalog.
      if (!tables_ || dsize != LmdbTree::kSize) {
        problem(entry() + ": a table entry where none may be");
        return;
      }
      tables_->emplace_back(std::string(key), LmdbTree::decode(data));
      return;
    }
    if (nflags & kDupData) {
      if (!(flags_ & kDupSort)) {
        problem(entry() + ": duplicate values in a table without them");
        return;
      }
      if (nflags & kSubData) {
        if (dsize != LmdbTree::kSize) {
          problem(entry() + ": bad duplicate-value tree");
          return;
        }
        const LmdbTree t = LmdbTree::decode(data);
        if (t.root == LmdbTree::kNoPage || t.depth < 1 || t.depth > kMaxDepth) {
          problem(entry() + ": bad duplicate-value tree");
          return;
        }
        value_size_ = t.pad;
        page(t.root, 1, t.depth, true, {}, entry());
        return;
      }
      sub_page(data, dsize, entry);
    }
  }

  // Duplicate values stored inside the entry as a small page.
  void sub_page(const unsigned char* p, std::size_t size, const Name& entry) {
    if (size < kHeader) {
      problem(entry() + ": duplicate values cut short");
      return;
    }
    const std::uint16_t kind = load<std::uint16_t>(p + 10) & ~kTransientBits;
    const bool leaf2 = flags_ & kDupFixed;
    if (kind != (kLeaf | kSubPage | (leaf2 ? kLeaf2 : 0))) {
      problem(entry() + ": duplicate values with page flags " + std::to_string(kind));
      return;
    }
    const std::uint16_t lower = load<std::uint16_t>(p + 12), upper = load<std::uint16_t>(p + 14);
    if (lower < kHeader || lower > upper || upper > size || (lower - kHeader) % 2) {
      problem(entry() + ": duplicate values with bad bounds");
      return;
    }
    const std::size_t n = (lower - kHeader) / 2;
    if (n == 0) {
      problem(entry() + ": no duplicate values");
      return;
    }
    if (leaf2) {
      leaf2_keys(p, size, n, load<std::uint16_t>(p + 8), entry);
      return;
    }
    std::string_view previous;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t off = load<std::uint16_t>(p + kHeader + 2 * i);
      if (off < upper || off + kNodeHeader > size ||
          off + kNodeHeader + load<std::uint16_t>(p + off + 6) > size) {
        problem(entry() + ": duplicate value " + std::to_string(i) + " overruns");
        return;
      }
      const std::string_view v(reinterpret_cast<const char*>(p + off + kNodeHeader),
                               load<std::uint16_t>(p + off + 6));
      if (i > 0 && !(previous < v))
        order_problem(entry() + ": value " + hex(v) + " is out of order");
      previous = v;
    }
  }

  void overflow(std::uint64_t pgno, std::uint64_t dsize, const Name& entry) {
    const unsigned char* p = reach(pgno, entry());
    if (!p) return;
    const std::uint16_t kind = load<std::uint16_t>(p + 10) & ~kTransientBits;
    const std::uint32_t pages = load<std::uint32_t>(p + 12);
    if (kind != kOverflow || pages == 0 || pgno + pages - 1 > last_page_ ||
        (pgno + pages) * page_size_ > file_size_) {
      problem(entry() + ": bad overflow " + page_name(pgno));
      return;
    }
    if (dsize + kHeader > std::uint64_t{pages} * page_size_) {
      problem(entry() + ": its value of " + std::to_string(dsize) + " bytes overruns overflow " +
              page_name(pgno));
    }
    for (std::uint64_t i = 1; i < pages; ++i) seen_[pgno + i] = true;
    report_.pages_checked += pages - 1;
    use_->overflow += pages;
    use_->used_bytes += dsize + kHeader;
  }

  const unsigned char* base_;
  std::uint64_t file_size_;
  std::uint64_t page_size_;
  std::uint64_t last_page_;
  std::vector<bool> seen_;
  PageCheckReport& report_;
  std::string table_;
  TablePages* use_ = nullptr;  // table_'s entry in report_.table_pages
  std::uint16_t flags_ = 0;
  std::size_t value_size_ = 0;  // of the duplicate-value tree being walked
  std::vector<std::pair<std::string, LmdbTree>>* tables_ = nullptr;
};

// One walk of the snapshot `snapshot` (0: the newest) in `file`; sets
// `*transaction` to the transaction walked, or 0 when the map is older than
// the meta pages (the file grew after it was mapped).
PageCheckReport walk_once(const MappedFile& file, const std::set<std::string>* only,
                          std::uint64_t snapshot, std::uint64_t* transaction) {
  PageCheckReport report;
  const std::string_view all(reinterpret_cast<const char*>(file.data()), file.size());
  MetaPick pick = pick_meta(all.substr(0, std::min<std::size_t>(all.size(), 1 << 17)));
  if (snapshot != 0) {
    pick.meta.reset();
    for (const auto& page : pick.pages) {
      if (page && page->transaction == snapshot) pick.meta = page;
    }
    if (!pick.meta) {
      report.snapshot_found = false;
      return report;
    }
  }
  if (!pick.meta) {
    report.problems.push_back({"meta pages", pick.problem});
    report.damaged_tables.insert("meta pages");
    return report;
  }
  const DataFileMeta& meta = *pick.meta;
  *transaction = meta.transaction;
  if (file.size() < meta.needed_bytes()) {
    // Mapped before the file grew for this commit, or truncated: look again.
    std::error_code ec;
    const auto now = std::filesystem::file_size(file.path(), ec);
    if (!ec && now > file.size()) {
      *transaction = 0;
      return report;
    }
  }
  report.catalog_sound = true;
  if (file.size() < meta.needed_bytes()) {
    report.catalog_sound = false;
    report.problems.push_back(
        {"meta pages", "the file holds " + std::to_string(file.size()) + " bytes but meta page " +
                           std::to_string(meta.page) + " uses " +
                           std::to_string(meta.needed_bytes()) + "; it was truncated"});
    report.damaged_tables.insert("meta pages");
  }
  Walker walker(file, meta, report);
  std::vector<std::pair<std::string, LmdbTree>> tables;
  walker.tree("catalog", meta.main, 0, &tables);
  if (report.damaged_tables.count("catalog")) report.catalog_sound = false;
  if (!only) walker.tree("free list", meta.free_list, kIntegerKey);
  for (const auto& [name, t] : tables) {
    if (!only || only->count(name)) walker.tree(name, t, t.flags);
  }
  return report;
}

}  // namespace

PageCheckReport check_pages(const std::filesystem::path& dir, const std::set<std::string>* only,
                            std::uint64_t snapshot) {
  return check_pages(MappedFile(dir / "data.mdb"), only, snapshot);
}

PageCheckReport check_pages(const MappedFile& file, const std::set<std::string>* only,
                            std::uint64_t snapshot) {
  PageCheckReport report;
  const MappedFile* map = &file;
  std::unique_ptr<MappedFile> remapped;
  // A commit during the walk may reuse pages of the snapshot walked: walk
  // again until the newest transaction stayed the same throughout.
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (attempt > 0) {
      remapped.reset();
      remapped = std::make_unique<MappedFile>(file.path());
      map = remapped.get();
    }
    if (map->size() == 0) {
      report = {};
      report.problems.push_back(
          {"meta pages", "data file '" + file.path().string() + "' is empty"});
      report.damaged_tables.insert("meta pages");
      return report;
    }
    std::uint64_t before = 0, after = 0;
    report = walk_once(*map, only, snapshot, &before);
    if (snapshot != 0) return report;          // pinned: no commit can reuse its pages
    if (before == 0 && attempt < 4) continue;  // the file grew after it was mapped
    // The map is shared, so it shows the meta pages as they are now.
    const std::string_view head(reinterpret_cast<const char*>(map->data()),
                                std::min<std::size_t>(map->size(), 1 << 17));
    const MetaPick pick = pick_meta(head);
    after = pick.meta ? pick.meta->transaction : 0;
    if (before == after) break;
  }
  return report;
}

}  // namespace guanxi::storage

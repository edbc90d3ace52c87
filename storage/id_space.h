// ID spaces of bulk import: the user ids of imported nodes, unique within
// their space (neo4j-admin's `:ID(Person)`), kept in the database so a later
// import resolves `:START_ID(Person)` / `:END_ID(Person)` against nodes
// imported earlier.
//
// On-disk layout:
//   meta    "idspace/<name>" -> be32 space id, 1 byte kind ('I' integer ids,
//                               'S' string ids); <name> is "" for the global space
//   meta    "idspace.next"   -> be32 next space id (ids start at 0)
//   meta    "idspace.fingerprints" -> "" when every entry is keyed by the
//                               fingerprint of its id (below)
//   idspace be32 space id, PropertyIndexes::encode_key_value(id) -> be64 node id
//           or, keyed by fingerprint,
//           be32 space id, encode_key_value(fingerprint of id) -> be64 node id
// An id is often personal (a phone number, an e-mail address), and a tag
// over the property that holds it seals it in the record: the entry must not
// keep it in the clear. So once a database has tags, every space is keyed by
// the keyed fingerprint of its ids (value_cipher.h, the one index entries
// over tagged values use), whether or not a tag covers the property: the
// space does not know which properties hold its ids, and it fails closed.
// A fingerprint does not turn back into its id, so the entries stay keyed
// that way when the last tag is dropped.
// An entry whose node no longer exists counts as absent: deleting a node does
// not touch its entry, and a later import may reuse the id (the entry is then
// overwritten). Integer ids are encoded as numbers, so an id a double holds
// exactly decodes as an integral float (index_key_codec.h).
//
// (Format 1 kept these entries in the `index` table under a 0xFFFFFFFF
// prefix. They have their own table since `index` became DUPSORT, where an
// overwrite would add a second node instead, and so that a new property
// index, whose id is always the largest, is built by appending.)
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/bytes.h"
#include "storage/cursor.h"
#include "storage/environment.h"
#include "storage/ids.h"
#include "storage/index_key_codec.h"
#include "storage/value.h"
#include "storage/value_cipher.h"

namespace guanxi::storage {

enum class IdKind : std::uint8_t { kInteger = 'I', kString = 'S' };

struct IdSpaceInfo {
  std::string name;
  std::uint32_t id = 0;
  IdKind kind = IdKind::kInteger;
};

// An entry of a space keyed by fingerprint, of a fixed size: sorting a
// million of them moves no heap memory (sorting them as string keys took
// most of what fingerprints added to the import of a million ids).
struct FingerprintedEntry {
  std::uint32_t space = 0;
  std::array<unsigned char, 16> fingerprint{};
  NodeId node = 0;
  // Key order: by space, then fingerprint bytes.
  friend bool operator<(const FingerprintedEntry& a, const FingerprintedEntry& b);
};
// The idspace-table key of an entry keyed by fingerprint: be32 space, the
// sealed value's index encoding.
using FingerprintedKey = std::array<char, 4 + kSealedIndexKeySize>;
FingerprintedKey key_of(const FingerprintedEntry& entry);

class IdSpaces {
 public:
  IdSpaces(Environment& env, ValueCipher& cipher) : env_(env), cipher_(cipher) {}

  // The space named `name` as seen by `txn`, or nullopt if none was created.
  std::optional<IdSpaceInfo> find(const Transaction& txn, std::string_view name);
  // Creates a space (the name must be new).
  IdSpaceInfo create(WriteTransaction& txn, std::string_view name, IdKind kind);
  // Every space, by name.
  std::vector<IdSpaceInfo> list(const Transaction& txn);

  // The node that `id` names in `space`, or nullopt (no entry, or its node is gone).
  std::optional<NodeId> lookup(const Transaction& txn, const IdSpaceInfo& space, const Value& id);

  // Whether the entries are keyed by the fingerprints of their ids.
  bool keyed_by_fingerprint(const Transaction& txn);
  // Keys every entry by the fingerprint of its id from now on, making the
  // database's key file when it has none; nothing when they already are.
  // Called when a database first has tags, before an id is written.
  void key_by_fingerprint(WriteTransaction& txn);

  // The idspace-table key of `id` in space `space_id`, as `txn` keys
  // entries. Throws StorageError when they are keyed by fingerprint and the
  // database's key file cannot be read (or, damaged, it has no key).
  std::string entry_key(const Transaction& txn, std::uint32_t space_id, const Value& id);
  // The same when the caller knows whether entries are keyed by fingerprint
  // (keyed_by_fingerprint), to look it up once for many ids.
  std::string entry_key(const Transaction& txn, std::uint32_t space_id, const Value& id,
                        bool by_fingerprint);
  // The key of `id` in space `space_id` while entries are not keyed by
  // fingerprint.
  static std::string plain_entry_key(std::uint32_t space_id, const Value& id);
  // The entry mapping `id` to `node` in space `space_id` when entries are
  // keyed by fingerprint (throws as entry_key does).
  FingerprintedEntry fingerprinted(const Transaction& txn, std::uint32_t space_id, const Value& id,
                                   NodeId node);

  // Deletes every entry, in any space, that maps to `node` an id whose
  // fingerprint one of the sealed values in `properties` carries: erasing a
  // subject's tagged values erases the ids they were imported under.
  void erase_sealed_ids(WriteTransaction& txn, const PropertyList& properties, NodeId node);

  // Calls f(encoded id bytes, NodeId) for every entry of `space` in key order;
  // a value that is not 8 bytes throws StorageError(kCorruption).
  template <typename F>
  void for_each_entry(const Transaction& txn, const IdSpaceInfo& space, F&& f);

 private:
  Environment& env_;
  ValueCipher& cipher_;
};

// Writes the entries of one space, fastest when fed in key order: appends
// while keys grow past the table's end and falls back to ordinary puts.
class IdSpaceWriter {
 public:
  IdSpaceWriter(WriteTransaction& txn, IdSpaces& spaces, const IdSpaceInfo& space);
  ~IdSpaceWriter();
  IdSpaceWriter(const IdSpaceWriter&) = delete;
  IdSpaceWriter& operator=(const IdSpaceWriter&) = delete;

  // Maps `id` to `node`, replacing any entry the id had.
  void put(const Value& id, NodeId node) {
    put_key(spaces_.entry_key(txn_, space_id_, id, by_fingerprint_), node);
  }
  // The same for the key of an id (IdSpaces::entry_key, or key_of an
  // entry keyed by fingerprint).
  void put_key(std::string_view key, NodeId node);

 private:
  WriteTransaction& txn_;
  IdSpaces& spaces_;
  std::uint32_t space_id_;
  bool by_fingerprint_;  // read once: a million puts need not read `meta` each
  MDB_cursor* cursor_ = nullptr;
  bool append_ = true;
};

// An in-memory map from int64 ids to node ids for one import: arithmetic when
// each value is its key plus one constant (ids 0..n-1 or 1..n in node order,
// as generated files have them), a direct table when the ids are dense, open
// addressing otherwise.
class IntIdMap {
 public:
  // Builds the map keys[i] -> values[i]; the values must be distinct (node
  // positions). If a key repeats, stops and sets
  // *duplicate to the index of the repeat and *first to the index of its first
  // occurrence; otherwise leaves both at kNoId.
  void build(const std::vector<std::int64_t>& keys, const std::vector<std::uint64_t>& values,
             std::uint64_t* duplicate, std::uint64_t* first);
  // The value of `key`, or kNoId.
  std::uint64_t find(std::int64_t key) const {
    if (affine_) {
      const std::uint64_t off = static_cast<std::uint64_t>(key) - static_cast<std::uint64_t>(min_);
      return off <= span_ ? off + shift_by_ : kNoId;
    }
    if (dense_) {
      const std::uint64_t off = static_cast<std::uint64_t>(key) - static_cast<std::uint64_t>(min_);
      return off < direct_.size() ? direct_[off] : kNoId;
    }
    if (slots_.empty()) return kNoId;
    std::size_t i = hash(key);
    for (;;) {
      const Slot& s = slots_[i];
      if (s.value == kNoId) return kNoId;
      if (s.key == key) return s.value;
      i = (i + 1) & mask_;
    }
  }
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::int64_t key;
    std::uint64_t value;
  };
  std::size_t hash(std::int64_t key) const {
    return static_cast<std::size_t>((static_cast<std::uint64_t>(key) * 0x9E3779B97F4A7C15ull) >>
                                    shift_);
  }
  bool affine_ = false;
  std::uint64_t span_ = 0;      // affine: max key - min key
  std::uint64_t shift_by_ = 0;  // affine: value - (key - min)
  bool dense_ = false;
  std::int64_t min_ = 0;
  std::vector<std::uint64_t> direct_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  int shift_ = 64;
  std::size_t size_ = 0;
};

template <typename F>
void IdSpaces::for_each_entry(const Transaction& txn, const IdSpaceInfo& space, F&& f) {
  char prefix[4];
  put_be32(prefix, space.id);
  Cursor cur(txn, env_.dbi().id_spaces);
  MDB_val k, v;
  for (bool more = cur.seek(std::string_view(prefix, 4), k, v);
       more && k.mv_size >= 4 && std::memcmp(k.mv_data, prefix, 4) == 0;
       more = cur.get(k, v, MDB_NEXT)) {
    if (v.mv_size != 8) {
      throw StorageError(ErrorCode::kCorruption,
                         "ID space '" + space.name + "' entry does not hold a node id");
    }
    f(std::string_view(static_cast<const char*>(k.mv_data) + 4, k.mv_size - 4),
      NodeId{get_be64(v.mv_data)});
  }
}

}  // namespace guanxi::storage

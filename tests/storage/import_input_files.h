// Input files written by a test into a temporary directory, for imports of
// bytes that a fixture in tests/data cannot hold readably (byte-order marks,
// GBK, UTF-16, invalid UTF-8), and reading back what an import stored.
#pragma once

#include <fstream>
#include <map>
#include <string>
#include <string_view>

#include "storage/graph.h"
#include "storage/id_space.h"
#include "tests/support/temp_dir.h"

namespace guanxi::test_support {

class InputFiles {
 public:
  // Writes `bytes` to a file `name` in the directory and returns its path.
  std::filesystem::path write(const std::string& name, std::string_view bytes) {
    std::filesystem::path path = dir_.path() / name;
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
  }

 private:
  TempDir dir_;
};

// The node `id` names in ID space `space`, or kNoId.
inline storage::NodeId node_by_id(storage::Graph& graph, const storage::Transaction& txn,
                                  const std::string& space, const storage::Value& id) {
  storage::IdSpaces& spaces = graph.id_spaces();
  const auto info = spaces.find(txn, space);
  if (!info) return storage::kNoId;
  return spaces.lookup(txn, *info, id).value_or(storage::kNoId);
}

// The properties of `node` by name (empty when there is no such node).
inline std::map<std::string, storage::Value> properties_of(storage::Graph& graph,
                                                           const storage::Transaction& txn,
                                                           storage::NodeId node) {
  std::map<std::string, storage::Value> out;
  const auto record = graph.get_node(txn, node);
  if (!record) return out;
  for (const storage::Property& p : record->properties)
    out[graph.dictionary().name(txn, storage::NameKind::kPropertyKey, p.key)] = p.value;
  return out;
}

}  // namespace guanxi::test_support

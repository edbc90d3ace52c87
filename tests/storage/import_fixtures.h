// The CSV files of tests/data/import, and the small graph of them that many
// import tests start from.
#pragma once

#include <filesystem>
#include <string>

#include "storage/bulk_import.h"
#include "storage/graph.h"

namespace guanxi::test_support {

inline std::filesystem::path import_fixture(const std::string& name) {
  return std::filesystem::path(GUANXI_TEST_DATA) / "import" / name;
}

// Persons, companies and tags with the relationships between them.
inline storage::ImportReport import_small_graph(storage::Graph& graph) {
  return storage::bulk_import(graph,
                              {{"", {import_fixture("persons.csv")}},
                               {"Company:Organisation", {import_fixture("companies.csv")}},
                               {"Tag", {import_fixture("tags.csv")}}},
                              {{"KNOWS", {import_fixture("knows.csv")}},
                               {"WORKS_AT", {import_fixture("works_at.csv")}},
                               {"LIKES", {import_fixture("likes.csv")}}});
}

}  // namespace guanxi::test_support

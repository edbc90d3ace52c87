// CSV with neo4j-admin import headers: `nodes-<Labels>.csv` per label set
// (`:ID,:LABEL,name:string,age:long,...`) and `relationships-<TYPE>.csv` per
// type (`:START_ID,:END_ID,:TYPE,since:date,...`), ids in the global ID
// space (the node ids). Every column has one type, so the nodes of a label
// set whose values of one property differ in type (an int here, a string
// there) go into further files (`nodes-Customer-2.csv`) rather than lose
// their types. Values a typed column cannot hold (maps, nested or mixed
// lists) are written as JSON text in a string column, with a warning.
//
//   guanxi import NEWDB --nodes DIR/nodes-*.csv --relationships DIR/relationships-*.csv
#include <fmt/format.h>

#include <map>
#include <optional>

#include "exchange/column_type.h"
#include "exchange/export.h"
#include "exchange/value_text.h"
#include "storage/atomic_output_file.h"
#include "storage/error.h"

namespace guanxi::exchange {

namespace {

namespace fs = std::filesystem;

// One file's columns: property name -> kind, in name order.
using Columns = std::map<std::string, ColumnKind>;

// Entities of one label set (or type) split into files whose columns agree.
template <typename Entity>
struct FileGroup {
  std::vector<Columns> parts;
  std::vector<std::vector<const Entity*>> members;

  void add(const Entity& entity) {
    Columns own;
    for (const auto& [name, value] : entity.properties) {
      if (!value.is_null()) own[name] = column_kind(value);
    }
    for (std::size_t p = 0; p < parts.size(); ++p) {
      bool fits = true;
      for (const auto& [name, kind] : own) {
        const auto it = parts[p].find(name);
        if (it != parts[p].end() && !(it->second == kind)) {
          fits = false;
          break;
        }
      }
      if (fits) {
        parts[p].insert(own.begin(), own.end());
        members[p].push_back(&entity);
        return;
      }
    }
    parts.push_back(std::move(own));
    members.push_back({&entity});
  }
};

// A file name part from a label or type: path separators and control
// characters become '_'; letters of any script stay.
std::string file_safe(std::string_view name) {
  std::string out;
  for (char c : name) {
    const bool unsafe = c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == ':' ||
                        c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|';
    out += unsafe ? '_' : c;
  }
  return out.empty() || out[0] == '.' ? "_" + out : out;
}

std::string csv_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

class CsvWriter {
 public:
  CsvWriter(const fs::path& directory, const ExportOptions& options, ExportReport& report)
      : directory_(directory), options_(options), report_(report) {}

  template <typename Entity, typename Head, typename HeadValues>
  void write_group(const std::string& stem, const FileGroup<Entity>& group, Head&& head,
                   HeadValues&& head_values) {
    for (std::size_t p = 0; p < group.parts.size(); ++p) {
      const std::string name = p == 0 ? stem + ".csv" : fmt::format("{}-{}.csv", stem, p + 1);
      storage::AtomicOutputFile file(directory_ / name, false, "export file");
      std::string line = head;
      for (const auto& [column, kind] : group.parts[p]) {
        line += "," + quoted_if_needed(column + ":" + csv_type_name(kind));
      }
      file.write(line + "\n");
      for (const Entity* entity : group.members[p]) {
        line = head_values(*entity);
        auto value = entity->properties.begin();
        for (const auto& [column, kind] : group.parts[p]) {
          line += ',';
          while (value != entity->properties.end() && value->first < column) ++value;
          if (value != entity->properties.end() && value->first == column &&
              !value->second.is_null()) {
            line += cell(value->second, kind, column);
          }
        }
        line += '\n';
        file.write(line);
      }
      file.commit();
      report_.files.push_back(name);
    }
  }

 private:
  static std::string quoted_if_needed(const std::string& text) {
    return text.find_first_of(",\"\n\r") == std::string::npos ? text : csv_quoted(text);
  }

  std::string cell(const query::Value& value, const ColumnKind& kind, const std::string& column) {
    if (kind.as_text) {
      warn(
          fmt::format("property '{}' holds values without a CSV type (maps, nested or mixed "
                      "lists); they are written as JSON text",
                      column));
      return csv_quoted(plain_text(value));
    }
    if (!kind.array) {
      return kind.type == ColumnType::kString ? csv_quoted(value.as_string()) : plain_text(value);
    }
    std::string joined;
    for (std::size_t i = 0; i < value.as_list().size(); ++i) {
      const std::string element = plain_text(value.as_list()[i]);
      if (element.find(options_.array_delimiter) != std::string::npos) {
        throw storage::StorageError(
            storage::ErrorCode::kInvalidArgument,
            fmt::format("an element of property '{}' holds the array delimiter '{}' ('{}'); "
                        "choose another with --array-delimiter",
                        column, options_.array_delimiter, element));
      }
      if (i) joined += options_.array_delimiter;
      joined += element;
    }
    return csv_quoted(joined);
  }

  void warn(const std::string& warning) {
    for (const std::string& w : report_.warnings) {
      if (w == warning) return;
    }
    report_.warnings.push_back(warning);
  }

  const fs::path& directory_;
  const ExportOptions& options_;
  ExportReport& report_;
};

}  // namespace

ExportReport write_csv_export(const Subgraph& graph, const fs::path& directory,
                              const ExportOptions& options) {
  ExportReport report;
  std::map<std::vector<std::string>, FileGroup<ExportNode>> node_groups;
  for (const ExportNode& n : graph.nodes) node_groups[n.labels].add(n);
  std::map<std::string, FileGroup<ExportRelationship>> relationship_groups;
  for (const ExportRelationship& r : graph.relationships) relationship_groups[r.type].add(r);

  CsvWriter writer(directory, options, report);
  const std::string delimiter(1, options.array_delimiter);
  for (const auto& [labels, group] : node_groups) {
    std::string stem = "nodes";
    std::string joined;
    for (std::size_t i = 0; i < labels.size(); ++i) {
      stem += (i == 0 ? "-" : "+") + file_safe(labels[i]);
      if (i) joined += delimiter;
      joined += labels[i];
    }
    const std::string label_cell = csv_quoted(joined);
    writer.write_group(stem, group, std::string(":ID,:LABEL"), [&](const ExportNode& n) {
      return std::to_string(n.id) + "," + label_cell;
    });
  }
  for (const auto& [type, group] : relationship_groups) {
    const std::string type_cell = csv_quoted(type);
    writer.write_group("relationships-" + file_safe(type), group,
                       std::string(":START_ID,:END_ID,:TYPE"), [&](const ExportRelationship& r) {
                         return fmt::format("{},{},{}", r.start, r.end, type_cell);
                       });
  }
  report.nodes = graph.nodes.size();
  report.relationships = graph.relationships.size();
  return report;
}

}  // namespace guanxi::exchange

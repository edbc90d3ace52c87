#include "tests/tck/runner/test_procedure.h"

#include <regex>
#include <stdexcept>

#include "tests/tck/runner/tck_value.h"

namespace guanxi::tck {

namespace {

// "name :: STRING?, in :: INTEGER?" -> fields.
std::vector<ProcedureField> fields(const std::string& list) {
  static const std::regex kField(R"(\s*(\w+)\s*::\s*([\w?]+(?:\s+OF\s+[\w?]+)?)\s*)");
  std::vector<ProcedureField> out;
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    const std::string part = list.substr(start, end - start);
    std::smatch m;
    if (!std::regex_match(part, m, kField)) {
      throw std::runtime_error("cannot read the procedure field '" + part + "'");
    }
    std::string type = m[2].str();
    if (type.find(" OF ") != std::string::npos) type = "LIST";
    out.push_back({m[1].str(), type});
    start = end + 1;
  }
  return out;
}

}  // namespace

ProcedureDefinition test_procedure(const std::string& declaration,
                                   const std::vector<std::vector<std::string>>& table) {
  static const std::regex kDeclaration(R"(^([\w.]+)\((.*)\)\s*::\s*\((.*)\)\s*:$)");
  std::smatch m;
  if (!std::regex_match(declaration, m, kDeclaration)) {
    throw std::runtime_error("cannot read the procedure declaration '" + declaration + "'");
  }
  ProcedureDefinition d;
  d.name = m[1].str();
  d.parameters = fields(m[2].str());
  d.outputs = fields(m[3].str());
  const std::size_t inputs = d.parameters.size();
  const std::size_t width = inputs + d.outputs.size();
  // The rows, parsed once; the header names the columns in signature order.
  std::vector<std::vector<TckValue>> rows;
  for (std::size_t r = 1; r < table.size(); ++r) {
    if (table[r].size() != width) {
      throw std::runtime_error("a row of the table of " + d.name + " has " +
                               std::to_string(table[r].size()) + " cells, not " +
                               std::to_string(width));
    }
    std::vector<TckValue> row;
    for (const std::string& cell : table[r]) row.push_back(parse_tck_value(cell));
    rows.push_back(std::move(row));
  }
  d.body = [rows, inputs, width](const std::vector<Value>& args) {
    std::vector<std::vector<Value>> out;
    for (const auto& row : rows) {
      bool match = true;
      for (std::size_t i = 0; i < inputs && match; ++i) {
        match = tck_equal(to_tck_value(args.at(i)), row[i], false);
      }
      if (!match) continue;
      std::vector<Value> values;
      for (std::size_t i = inputs; i < width; ++i) values.push_back(to_value(row[i]));
      out.push_back(std::move(values));
    }
    return out;
  };
  return d;
}

}  // namespace guanxi::tck

#include "guanxi/result.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "api/api_state.h"
#include "api/error_translation.h"
#include "api/value_conversion.h"

namespace guanxi {

namespace {

void plan_lines(const PlanNode& node, int depth, bool profiled, std::string& out) {
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
  out += node.name;
  if (!node.details.empty()) out += " " + node.details;
  if (profiled) out += fmt::format("  rows={} time={:.3f} ms", node.rows, node.seconds * 1e3);
  out += '\n';
  for (const PlanNode& child : node.children) plan_lines(child, depth + 1, profiled, out);
}

const std::vector<std::string>& no_columns() {
  static const std::vector<std::string> kNone;
  return kNone;
}

}  // namespace

std::string ChangeSummary::to_string() const {
  std::string out;
  auto add = [&](std::int64_t n, const char* verb, const char* one, const char* many) {
    if (n == 0) return;
    out += out.empty() ? "" : ", ";
    out += fmt::format("{} {} {}", verb, n, n == 1 ? one : many);
  };
  add(nodes_created, "created", "node", "nodes");
  add(nodes_deleted, "deleted", "node", "nodes");
  add(relationships_created, "created", "relationship", "relationships");
  add(relationships_deleted, "deleted", "relationship", "relationships");
  add(properties_set, "set", "property", "properties");
  add(labels_added, "added", "label", "labels");
  add(labels_removed, "removed", "label", "labels");
  add(indexes_added, "added", "index", "indexes");
  add(indexes_removed, "removed", "index", "indexes");
  add(constraints_added, "added", "constraint", "constraints");
  add(constraints_removed, "removed", "constraint", "constraints");
  add(privacy_rules_changed, "changed", "privacy rule", "privacy rules");
  if (!out.empty()) out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

const char* notification_code_name(Notification::Code code) {
  switch (code) {
    case Notification::Code::kUnknownLabel: return "unknown-label";
    case Notification::Code::kUnknownRelationshipType: return "unknown-relationship-type";
    case Notification::Code::kUnknownPropertyKey: return "unknown-property-key";
    case Notification::Code::kClearCopiesRemain: return "clear-copies-remain";
  }
  return "unknown";
}

std::string Notification::to_string() const {
  if (line <= 0) return message;
  return fmt::format("{} (line {}, column {})", message, line, column);
}

std::string PlanNode::to_string(bool profiled) const {
  std::string out;
  plan_lines(*this, 0, profiled, out);
  return out;
}

Row::Row(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Value> values)
    : columns_(std::move(columns)), values_(std::move(values)) {}

const std::vector<std::string>& Row::columns() const { return columns_ ? *columns_ : no_columns(); }

const Value& Row::operator[](std::size_t index) const {
  if (index >= values_.size()) {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format("column index {} out of range (the row has {} columns)", index,
                            values_.size()));
  }
  return values_[index];
}

const Value& Row::operator[](std::string_view column) const {
  const auto& names = columns();
  auto it = std::find(names.begin(), names.end(), column);
  if (it == names.end() || static_cast<std::size_t>(it - names.begin()) >= values_.size()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    throw Error(ErrorCode::kNotFound,
                fmt::format("no column named '{}' (the columns are: {})", column, known));
  }
  return values_[static_cast<std::size_t>(it - names.begin())];
}

Result::Result(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Result::Result(Result&&) noexcept = default;
Result& Result::operator=(Result&&) noexcept = default;
Result::~Result() = default;

const std::vector<std::string>& Result::columns() const {
  return impl_ ? *impl_->columns : no_columns();
}

bool Result::next(Row& row) {
  if (!impl_) throw Error(ErrorCode::kClosed, "the result was moved from");
  Impl& r = *impl_;
  if (r.done) return false;
  return api::translating_errors([&] {
    try {
      if (!r.stream->next(r.buffer)) {
        r.summary = r.stream->summary();
        if (const PlanNode* p = r.stream->plan()) r.plan = *p;
        r.done = true;
        r.stream.reset();  // ends the read transaction now, not at destruction
        return false;
      }
    } catch (...) {
      r.done = true;
      r.stream.reset();
      throw;
    }
    std::vector<Value> values;
    values.reserve(r.buffer.size());
    for (query::Value& v : r.buffer) values.push_back(api::from_query(std::move(v), *r.stream));
    row = Row(r.columns, std::move(values));
    return true;
  });
}

std::vector<Row> Result::all() {
  std::vector<Row> rows;
  Row row;
  while (next(row)) rows.push_back(std::move(row));
  return rows;
}

const ChangeSummary& Result::summary() {
  Row row;
  while (next(row)) {
  }
  return impl_->summary;
}

const std::vector<Notification>& Result::notifications() const {
  static const std::vector<Notification> kNone;
  return impl_ ? impl_->notifications : kNone;
}

const PlanNode* Result::plan() {
  summary();
  return impl_->plan ? &*impl_->plan : nullptr;
}

namespace api {

Result make_result(std::shared_ptr<internal::ApiAccess::SessionImpl> session,
                   std::unique_ptr<query::ResultStream> stream) {
  auto impl = std::make_unique<internal::ApiAccess::ResultImpl>();
  impl->session = std::move(session);
  impl->columns = std::make_shared<const std::vector<std::string>>(stream->columns());
  impl->notifications = stream->notifications();
  impl->stream = std::move(stream);
  return internal::ApiAccess::make_result(std::move(impl));
}

}  // namespace api
}  // namespace guanxi

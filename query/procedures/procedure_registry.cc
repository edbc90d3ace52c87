#include "query/procedures/procedure_registry.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "query/query_error.h"

namespace guanxi::query {

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

namespace {

// Rows a procedure returned all at once.
class RowList final : public ProcedureRows {
 public:
  explicit RowList(std::vector<std::vector<Value>> rows) : rows_(std::move(rows)) {}
  bool next(std::vector<Value>& row) override {
    if (next_ >= rows_.size()) return false;
    row = std::move(rows_[next_++]);
    return true;
  }

 private:
  std::vector<std::vector<Value>> rows_;
  std::size_t next_ = 0;
};

}  // namespace

void ProcedureRegistry::install_on_first_use(std::function<void(ProcedureRegistry&)> install) {
  install_ = std::move(install);
  installed_.store(false, std::memory_order_release);
}

void ProcedureRegistry::ensure_installed() const {
  if (installed_.load(std::memory_order_acquire)) return;
  // Another thread waits here until the installing one is done; the
  // installing one comes back through its own add() calls and passes.
  std::lock_guard lock(install_mutex_);
  if (installed_.load(std::memory_order_relaxed) || installing_) return;
  installing_ = true;
  try {
    install_(const_cast<ProcedureRegistry&>(*this));
  } catch (...) {
    installing_ = false;
    throw;
  }
  installing_ = false;
  installed_.store(true, std::memory_order_release);
}

void ProcedureRegistry::add(ProcedureSignature signature, ProcedureBody body) {
  add_streaming(std::move(signature), [body = std::move(body)](ProcedureContext& context,
                                                               const std::vector<Value>& args) {
    return std::make_unique<RowList>(body(context, args));
  });
}

void ProcedureRegistry::add_streaming(ProcedureSignature signature, ProcedureStreamBody body) {
  ensure_installed();
  std::unique_lock lock(mutex_);
  if (Entry* e = find_entry(signature.name)) {
    e->signature = std::move(signature);
    e->body = std::move(body);
    return;
  }
  entries_.push_back(std::make_unique<Entry>(Entry{std::move(signature), std::move(body)}));
}

bool ProcedureRegistry::add_new(ProcedureSignature signature, ProcedureBody body) {
  ensure_installed();
  std::unique_lock lock(mutex_);
  if (find_entry(signature.name) != nullptr) return false;
  entries_.push_back(std::make_unique<Entry>(
      Entry{std::move(signature),
            [body = std::move(body)](ProcedureContext& context, const std::vector<Value>& args) {
              return std::make_unique<RowList>(body(context, args));
            }}));
  return true;
}

ProcedureRegistry::Entry* ProcedureRegistry::find_entry(std::string_view name) const {
  for (const auto& e : entries_) {
    if (equal_ignoring_case(e->signature.name, name)) return e.get();
  }
  return nullptr;
}

const ProcedureSignature* ProcedureRegistry::find(std::string_view name) const {
  ensure_installed();
  std::shared_lock lock(mutex_);
  const Entry* e = find_entry(name);
  return e ? &e->signature : nullptr;
}

std::vector<const ProcedureSignature*> ProcedureRegistry::list() const {
  ensure_installed();
  std::shared_lock lock(mutex_);
  std::vector<const ProcedureSignature*> out;
  out.reserve(entries_.size());
  for (const auto& e : entries_) out.push_back(&e->signature);
  std::sort(out.begin(), out.end(), [](const ProcedureSignature* a, const ProcedureSignature* b) {
    return a->name < b->name;
  });
  return out;
}

bool ProcedureRegistry::accepts(const std::string& type, Value& value) {
  if (value.is_null() || type.empty() || type == "ANY") return true;
  const ValueKind kind = value.kind();
  if (type == "NUMBER") return value.is_number();
  if (type == "FLOAT" && kind == ValueKind::kInt) {
    value = Value(static_cast<double>(value.as_int()));
    return true;
  }
  if (type.rfind("LIST", 0) == 0) return kind == ValueKind::kList;
  static constexpr ValueKind kKinds[] = {
      ValueKind::kBool,          ValueKind::kInt,      ValueKind::kFloat,     ValueKind::kString,
      ValueKind::kMap,           ValueKind::kDate,     ValueKind::kLocalTime, ValueKind::kTime,
      ValueKind::kLocalDateTime, ValueKind::kDateTime, ValueKind::kDuration,  ValueKind::kNode,
      ValueKind::kRelationship,  ValueKind::kPath};
  for (ValueKind k : kKinds) {
    if (type == value_kind_name(k)) return kind == k;
  }
  return true;  // a type name this check does not know: the body checks
}

std::string ProcedureRegistry::signature_text(const ProcedureSignature& signature) {
  std::string out = signature.name + "(";
  for (std::size_t i = 0; i < signature.parameters.size(); ++i) {
    const ProcedureParameter& p = signature.parameters[i];
    if (i > 0) out += ", ";
    out += p.name;
    if (p.default_value) out += " = " + p.default_value->to_string();
    out += " :: " + (p.type.empty() ? std::string("ANY") : p.type);
  }
  out += ") :: (";
  for (std::size_t i = 0; i < signature.outputs.size(); ++i) {
    if (i > 0) out += ", ";
    const ProcedureColumn& c = signature.outputs[i];
    out += c.name + " :: " + (c.type.empty() ? std::string("ANY") : c.type);
  }
  out += ")";
  return out;
}

std::vector<std::vector<Value>> ProcedureRegistry::call(const ProcedureSignature& procedure,
                                                        ProcedureContext& context,
                                                        std::vector<Value> args) const {
  std::unique_ptr<ProcedureRows> stream = open(procedure, context, std::move(args));
  std::vector<std::vector<Value>> rows;
  std::vector<Value> row;
  while (stream->next(row)) rows.push_back(std::move(row));
  return rows;
}

std::unique_ptr<ProcedureRows> ProcedureRegistry::open(const ProcedureSignature& procedure,
                                                       ProcedureContext& context,
                                                       std::vector<Value> args) const {
  ensure_installed();
  const Entry* entry = nullptr;
  {
    std::shared_lock lock(mutex_);
    for (const auto& e : entries_) {
      if (&e->signature == &procedure) entry = e.get();
    }
    // A signature from elsewhere: resolve by name.
    if (!entry) entry = find_entry(procedure.name);
  }
  if (!entry) {
    throw QueryError(
        QueryErrorCode::kNotFound,
        fmt::format("There is no procedure with the name `{}` registered", procedure.name));
  }
  const ProcedureSignature& sig = entry->signature;
  const std::size_t declared = sig.parameters.size();
  std::size_t required = 0;
  for (std::size_t i = 0; i < declared; ++i) {
    if (!sig.parameters[i].default_value) required = i + 1;
  }
  if (args.size() > declared || args.size() < required) {
    const std::string expected = required == declared ? fmt::format("{}", declared)
                                                      : fmt::format("{} to {}", required, declared);
    throw QueryError(
        QueryErrorCode::kInvalidArgument,
        fmt::format("Procedure call to `{}` takes {} argument{} but {} {} given; "
                    "signature: {}",
                    sig.name, expected, declared == 1 && required == 1 ? "" : "s", args.size(),
                    args.size() == 1 ? "was" : "were", signature_text(sig)));
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const ProcedureParameter& p = sig.parameters[i];
    if (!accepts(p.type, args[i])) {
      throw QueryError(QueryErrorCode::kInvalidArgument,
                       fmt::format("Procedure call to `{}`: argument `{}` must be {} but was {}; "
                                   "signature: {}",
                                   sig.name, p.name, p.type, value_kind_name(args[i].kind()),
                                   signature_text(sig)));
    }
  }
  for (std::size_t i = args.size(); i < declared; ++i)
    args.push_back(*sig.parameters[i].default_value);
  const ProcedureRegistry* previous = context.registry;
  context.registry = this;
  struct Restore {
    ProcedureContext& context;
    const ProcedureRegistry* previous;
    ~Restore() { context.registry = previous; }
  } restore{context, previous};
  return entry->body(context, args);
}

}  // namespace guanxi::query

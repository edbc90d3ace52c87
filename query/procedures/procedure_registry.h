// The procedure registry behind `CALL name(args) YIELD columns`.
//
// A procedure declares its signature (parameters and output columns, which
// the binder checks YIELD against) and a body that produces rows. Built-in
// db.* procedures are registered by register_db_procedures(); the algorithms
// (algo.*, graph.*) register theirs the same way.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "query/session_types.h"
#include "query/value.h"

namespace guanxi::algorithms {
class RunProgress;
}  // namespace guanxi::algorithms

namespace guanxi::storage {
class Graph;
class Transaction;
class WriteTransaction;
}  // namespace guanxi::storage

namespace guanxi::query {

class PropertyReader;
class ProcedureRegistry;
class ProjectionCatalog;
class ProjectionCache;

struct ProcedureParameter {
  std::string name;
  std::string type;                    // "MAP", "STRING", "ANY", ... (for docs and errors)
  std::optional<Value> default_value;  // set: the argument may be omitted
};

struct ProcedureColumn {
  std::string name;
  std::string type;
};

// What a procedure body may use while it runs.
struct ProcedureContext {
  storage::Graph& graph;
  const storage::Transaction& txn;
  storage::WriteTransaction* write_txn;  // set only for procedures declared `writes`
  PropertyReader& reader;
  const SessionOptions& session;
  ChangeSummary& changes;
  std::function<void()> check_cancelled;  // throws QueryError kCancelled
  // The session's named graph projections (graph.project / algo.* by name);
  // the engine sets it from the session's state.
  ProjectionCatalog* projections = nullptr;
  // The session's cancellation flag, for algorithms that poll it directly.
  const std::atomic<bool>* cancel_flag = nullptr;
  // The registry running the procedure; ProcedureRegistry::call() sets it
  // (dbms.procedures() lists its peers through it).
  const ProcedureRegistry* registry = nullptr;
  // Where algorithms report their phase and step (the session's LiveProgress);
  // null when nobody watches.
  algorithms::RunProgress* progress = nullptr;
  // The statement's text and start, for the audit entries a procedure writes.
  std::string_view statement_text;
  DateTime statement_time{};
  // The engine's cache of recent projections (projection_cache.h); the
  // engine sets it, null keeps nothing.
  ProjectionCache* projection_cache = nullptr;
};

struct ProcedureSignature {
  std::string name;  // dotted, as called: "db.labels"
  std::vector<ProcedureParameter> parameters;
  std::vector<ProcedureColumn> outputs;
  bool writes = false;
  std::string description;
  // Reads the audit log: the engine writes out the entries still queued
  // before the statement takes its snapshot (storage/audit_writer.h).
  bool reads_audit_log = false;
};

// Returns all rows, each with one value per output column in order.
using ProcedureBody = std::function<std::vector<std::vector<Value>>(
    ProcedureContext&, const std::vector<Value>& args)>;

// The rows of a procedure call, produced as they are pulled: a procedure
// whose rows come from one large array (an algorithm's value per node) makes
// each row on demand instead of building a million of them first. A stream
// outlives the call's ProcedureContext and must not refer to it.
class ProcedureRows {
 public:
  virtual ~ProcedureRows() = default;
  // Sets `row` to the next row (one value per output column); false at the end.
  virtual bool next(std::vector<Value>& row) = 0;
};

using ProcedureStreamBody = std::function<std::unique_ptr<ProcedureRows>(
    ProcedureContext&, const std::vector<Value>& args)>;

// Safe to use from several threads: an application may add procedures while
// sessions run statements. Signatures never move once added, so a cached
// plan's pointer to one stays valid.
class ProcedureRegistry {
 public:
  // Has `install` register its procedures (the built-ins) when the registry
  // is first used, before anything else happens to it: a statement that
  // calls no procedure never builds their hundred signatures, which were a
  // fifteenth of a one-statement `guanxi` process. Call before the
  // registry is shared.
  void install_on_first_use(std::function<void(ProcedureRegistry&)> install);
  // Registers a procedure; a second registration of a name replaces the
  // first's body and signature in place (built-ins, at start-up).
  void add(ProcedureSignature signature, ProcedureBody body);
  // The same for a procedure that streams its rows.
  void add_streaming(ProcedureSignature signature, ProcedureStreamBody body);
  // Registers a procedure unless one of its name (case ignored) exists;
  // returns false then, and changes nothing.
  bool add_new(ProcedureSignature signature, ProcedureBody body);
  // Looks a procedure up by name, case-insensitively; nullptr when unknown.
  const ProcedureSignature* find(std::string_view name) const;
  // Runs a procedure found by find(). Missing trailing arguments take their
  // defaults; too many or too few arguments, or an argument not of its
  // parameter's type (null passes any; an INTEGER passes for FLOAT and is
  // converted; "ANY" and unknown type names pass everything), throw
  // QueryError kInvalidArgument naming the procedure and its signature.
  std::unique_ptr<ProcedureRows> open(const ProcedureSignature& procedure,
                                      ProcedureContext& context, std::vector<Value> args) const;
  // open(), with every row read at once.
  std::vector<std::vector<Value>> call(const ProcedureSignature& procedure,
                                       ProcedureContext& context, std::vector<Value> args) const;
  // Every registered signature, sorted by name.
  std::vector<const ProcedureSignature*> list() const;

  // "db.labels() :: (label :: STRING)": the signature as dbms.procedures()
  // shows it and errors quote it; defaulted parameters read `name = value`.
  static std::string signature_text(const ProcedureSignature& signature);

  // Whether `value` may stand for a parameter or output declared `type`
  // ("STRING", "INTEGER", ...; null passes every type, and "ANY" or an
  // unknown name everything); an INTEGER for a FLOAT is converted in place.
  static bool accepts(const std::string& type, Value& value);

 private:
  struct Entry {
    ProcedureSignature signature;
    ProcedureStreamBody body;
  };
  // The entry called `name`, case ignored; the caller holds mutex_.
  Entry* find_entry(std::string_view name) const;
  // Runs the pending installation, once; a call from inside it returns.
  void ensure_installed() const;

  mutable std::shared_mutex mutex_;
  std::vector<std::unique_ptr<Entry>> entries_;

  std::function<void(ProcedureRegistry&)> install_;
  mutable std::atomic<bool> installed_{true};
  mutable std::recursive_mutex install_mutex_;  // held while installing
  mutable bool installing_ = false;             // under install_mutex_
};

// Registers db.labels, db.relationshipTypes, db.propertyKeys, db.schema,
// db.indexes, db.constraints and dbms.procedures.
void register_db_procedures(ProcedureRegistry& registry);
// privacy.grant, privacy.revoke, privacy.consents.
void register_privacy_procedures(ProcedureRegistry& registry);

}  // namespace guanxi::query

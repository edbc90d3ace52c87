// guanxi::Database and guanxi::Session: opening a database and talking to it.
//
//   auto db = guanxi::Database::open("customers.gx");      // creates if missing
//   auto session = db.session({.purpose = "marketing", .user = "crm-app"});
//   session.query("CREATE (:Customer {name: $name})", {{"name", "Ada"}});
//   for (const auto& row : session.query("MATCH (c:Customer) RETURN c.name AS name"))
//     std::cout << row["name"] << '\n';
//
// Threads: open a database once per process and share the Database object;
// give each thread its own Session (a Session, and the Results and Statements
// it makes, are used by one thread at a time; only Session::cancel may be
// called from another). Any number of sessions read at once; writes are
// serialized.
//
// Lifetimes: Sessions, Statements, Transactions and Results keep what they
// need alive, so they may outlive the Database object they came from; the
// database closes when the last of them is gone.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "guanxi/backup.h"
#include "guanxi/dump.h"
#include "guanxi/error.h"
#include "guanxi/export.h"
#include "guanxi/import.h"
#include "guanxi/maintenance.h"
#include "guanxi/procedure.h"
#include "guanxi/result.h"
#include "guanxi/session_options.h"
#include "guanxi/statement_progress.h"
#include "guanxi/value.h"

namespace guanxi {

// Statement parameters by name, without the '$': {{"k", 10}, {"name", "Ada"}}.
using Params = std::map<std::string, Value, std::less<>>;

struct Options {
  // Create the database directory when it does not exist. When false, a
  // missing database is an Error (kNotFound).
  bool create_if_missing = true;
  // Open for reading only. Every write fails with Error (kReadOnly) whose
  // message names the database and what was refused ("... is open
  // read-only: BEGIN refused"): writing statements, schema changes, BEGIN,
  // import and load. A database on read-only media, or whose lock.mdb this
  // user may not write, opens this way without the lock file: no process
  // may then write the database while it is open.
  bool read_only = false;
  // Starting size of the memory map in bytes (0: the default, 1 GiB). The
  // map grows by itself as the database does; the file only takes the
  // pages in use, so this is a hint for very large imports, never a limit.
  std::size_t map_size = 0;
  // false skips the fsync at each commit: faster, and an operating-system
  // crash may lose the last commits (never corrupts). For tests and bulk work.
  bool durable = true;
  // Permission bits of the files of a new database (data.mdb, lock.mdb; the
  // directory gets the matching execute bits). Owner-only by default: the
  // files hold customer data. The process umask still applies. Existing
  // files keep their permissions.
  unsigned file_mode = 0600;
  // Where the database's key file is: the master key, kept apart from the
  // data, that keys the `hash` mask's pseudonyms and the audit log's chain
  // (docs/privacy.md, "Storage and keys"). Empty: the environment variable
  // GUANXI_KEY_FILE when set, else `<path>.key` beside the database
  // directory. It is created (mode 0600) when the database first needs it,
  // at its first CREATE TAG or audit entry; from then on statements that
  // read tagged values fail with Error (kNotFound) naming the file when it
  // is missing, and with kInvalidArgument when it is another database's.
  std::string key_file;
  // Bytes of memory for the tagged values this process has decrypted, so
  // that reading one again costs no decryption (docs/privacy.md, "What it
  // costs"). It fills only as tagged values are read; 0 decrypts every read.
  std::size_t opened_value_cache = std::size_t{64} << 20;
  // Bytes of memory for the graphs algorithm calls project, so that another
  // algorithm on the same state of the database (no write committed since,
  // the same labels, types, orientation and weight, and a session that sees
  // the same) runs without reading the graph again. Least recently used
  // graphs go first; a commit drops them all; `CALL graph.cache()` shows
  // what is kept. 0 keeps none.
  std::size_t projection_cache = std::size_t{1} << 30;
};

class Session;
class Statement;
class Transaction;

namespace internal {
// The library's own access to the handles' internals; defined in api/, out of
// an application's reach.
class ApiAccess;
}  // namespace internal

class Database {
 public:
  // Opens the database in directory `path`, creating it when missing (unless
  // options say not). Throws Error: kNotFound (missing, not created),
  // kStorage (not a Guanxi database, a newer format, I/O), kReadOnly.
  static Database open(const std::string& path, const Options& options = {});

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  // A new session. Thread-safe. Throws Error (kClosed) after close().
  Session session(SessionOptions options = {});

  // Adds a user procedure (procedure.h) for every session of this database,
  // open ones included; it lasts as long as this process keeps the database
  // open. Thread-safe. Throws Error (kInvalidArgument) for a name that is
  // not dotted identifiers, a name already taken (built-ins included), an
  // unknown type, an empty parameter or output name, or no body; kClosed
  // after close().
  void add_procedure(ProcedureDefinition definition);

  // The directory given to open().
  const std::string& path() const;
  bool is_open() const { return impl_ != nullptr; }

  // Releases this handle. The database closes at once unless sessions or
  // results made from it still exist; it then closes when the last is gone.
  // Calling close() twice is harmless.
  void close();

  // ------------------------------------------------------------ operations
  // Each throws Error (kClosed) after close(), and Error (kReadOnly) for a
  // write through a database opened read-only. A thread of this process
  // that is inside an explicit transaction must not call them.

  // Imports CSV files (import.h) in one write transaction: all of it lands,
  // or a bad row throws Error (kStorage, "file:line: reason"; kNotFound for
  // a missing file) and the database is as before.
  ImportSummary import(const ImportOptions& options);

  // Checks the whole database in one snapshot: the data file's B-tree pages
  // (a table with damaged pages is not read), records and checksums,
  // adjacency both ways, label postings, indexes, counters (maintenance.h).
  // Damage is reported in the VerifyReport, not thrown. guanxi::verify checks
  // a database that may be too damaged to open.
  VerifyReport verify(const VerifyOptions& options = {});

  // Counts per label and type, degree distributions, indexes and size on
  // disk, from one snapshot (maintenance.h).
  Statistics statistics();

  // A hot backup into `file` (backup.h): one consistent snapshot, taken while
  // other sessions go on reading and writing. Throws Error: kInvalidArgument
  // (bad options, `file` exists and !overwrite), kStorage (cannot write it).
  BackupReport backup(const std::string& file, const BackupOptions& options = {});

  // Writes the dump (dump.h) to `out`. Throws Error (kStorage) when `out`
  // fails.
  DumpReport dump(std::ostream& out, const DumpOptions& options = {});
  // Writes the dump into `file`, through a temporary file that becomes `file`
  // only when complete. Throws Error: kInvalidArgument (`file` exists and
  // !options.overwrite), kStorage (cannot write it).
  DumpReport dump_to_file(const std::string& file, const DumpOptions& options = {});

  // Loads a dump (dump.h) in one write transaction, adding to what is there;
  // throws as guanxi::load does, and the database is then as before. From a
  // file (through zstd when its name ends in .zst), or from a stream, whose
  // errors say `name`:line.
  LoadReport load(const std::string& file, const LoadOptions& options = {});
  LoadReport load(std::istream& in, const std::string& name, const LoadOptions& options = {});

  // Exports (export.h) in a one-file format (not csv) to `out`. Throws Error:
  // kInvalidArgument (csv, which is a directory), errors of options.query as
  // Session::query throws them, kStorage (`out` fails).
  ExportReport export_graph(std::ostream& out, const ExportOptions& options);
  // Exports into `path`: a new directory for csv, a file otherwise, made
  // beside it and moved into place when complete. Throws Error:
  // kInvalidArgument (`path` exists and !options.overwrite; a csv array string
  // holding the array delimiter), errors of options.query, kStorage (I/O).
  ExportReport export_graph_to(const std::string& path, const ExportOptions& options);

 private:
  friend class internal::ApiAccess;
  struct Impl;
  explicit Database(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

class Session {
 public:
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;
  ~Session();

  // Runs one statement (a trailing ';' is allowed) with `params` for its $
  // parameters and returns its rows. Throws Error for a syntax, semantic or
  // run-time error; a failing statement changes nothing, except that
  // `CALL { } IN TRANSACTIONS` keeps the batches it committed before the
  // failure (the message says how many). Outside an explicit transaction a
  // statement commits on its own: a read-only statement reads one snapshot,
  // a writing statement has committed when this returns. Inside one, IN
  // TRANSACTIONS throws Error (kTransaction).
  Result query(std::string_view text, const Params& params = {});

  // Runs one statement, drops its rows and returns what it changed.
  ChangeSummary execute(std::string_view text, const Params& params = {});

  // Parses, checks and plans `text` once, to run it many times with
  // different parameters. Throws Error as query() does for syntax and
  // semantic errors.
  Statement prepare(std::string_view text);

  // Explicit transactions: after begin(), statements of this session share
  // one write transaction until commit() or rollback(). A statement that
  // fails inside it is undone alone; the transaction stays open. begin()
  // inside a transaction, commit() or rollback() outside one throw Error
  // (kTransaction). The same as running BEGIN, COMMIT and ROLLBACK.
  void begin();
  void commit();
  void rollback();
  bool in_transaction() const;

  // begin(), returning an object that rolls back in its destructor unless
  // committed: the exception-safe form.
  Transaction transaction();

  // Cancels the statement running on this session, if any, including one
  // whose Result is being pulled; safe to call from any thread. The
  // statement throws Error (kCancelled) and changes nothing.
  void cancel();

  // How far the statement running on this session has got (rows produced,
  // and an algorithm's phase and iteration), or the last one when none
  // runs; safe to call from any thread, as cancel() is, and cheap enough to
  // poll ten times a second. The statement pays nothing for being watched:
  // it publishes its counters whether or not anyone reads them. The fields
  // are each current, read a moment apart. A moved-from session reports
  // nothing.
  StatementProgress progress() const;

  const SessionOptions& options() const;

 private:
  friend class internal::ApiAccess;
  friend class Database;
  friend class Transaction;
  struct Impl;
  explicit Session(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

// A prepared statement. Running it skips parsing and planning.
class Statement {
 public:
  // Runs the statement with `params` on the session that prepared it.
  // Throws Error as Session::query() does.
  Result query(const Params& params = {});
  // Runs it, drops the rows and returns what it changed.
  ChangeSummary execute(const Params& params = {});
  const std::string& text() const;

 private:
  friend class internal::ApiAccess;
  friend class Session;
  struct Impl;
  explicit Statement(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

// An explicit transaction on one session (Session::transaction()). Run the
// statements on the session itself, then commit(); destroying the object
// without commit() or rollback() rolls back.
class Transaction {
 public:
  Transaction(Transaction&&) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  // Commits; afterwards the object does nothing. Throws Error (kTransaction)
  // when already committed or rolled back.
  void commit();
  // Rolls back; afterwards the object does nothing. Throws Error (kTransaction)
  // when already committed or rolled back.
  void rollback();
  bool active() const { return session_ != nullptr; }

 private:
  friend class Session;
  explicit Transaction(std::shared_ptr<Session::Impl> session) : session_(std::move(session)) {}
  std::shared_ptr<Session::Impl> session_;
};

}  // namespace guanxi

#include "shell/compact_command.h"

#include <fmt/format.h>

#include <filesystem>

#include "guanxi/maintenance.h"
#include "shell/command_error.h"
#include "shell/text_format.h"

namespace guanxi::shell {

CLI::App* add_compact_command(CLI::App& app, CompactArguments& arguments) {
  CLI::App* cmd = app.add_subcommand(
      "compact",
      "Rewrite a database into a data file of its live pages only (no process may have it open)");
  cmd->add_option("database", arguments.database, "Database directory")->required();
  cmd->footer(
      "The data file never shrinks by itself, and freed pages keep what they held until\n"
      "reused: deleted records, and values written before a tag covered them. The copy is\n"
      "written beside DB, checked, and moved into place in one rename: on any failure DB\n"
      "is as before. It needs free room for the pages in use. The database's key store is\n"
      "compacted too, which takes the wrapped keys of erased subjects out of it.");
  return cmd;
}

int run_compact(const CompactArguments& arguments) {
  std::error_code ec;
  if (!std::filesystem::exists(arguments.database, ec)) {
    throw CommandError("database '" + arguments.database + "' does not exist");
  }
  const CompactReport report = guanxi::compact(arguments.database);
  fmt::print("Compacted '{}' in {:.2f} s: {} before, {} after ({}, {})\n", arguments.database,
             report.elapsed.count(), human_bytes(report.bytes_before),
             human_bytes(report.bytes_after), counted(report.nodes, "node", "nodes"),
             counted(report.relationships, "relationship", "relationships"));
  if (report.key_store_bytes_before > 0) {
    fmt::print("Compacted its key store: {} before, {} after\n",
               human_bytes(report.key_store_bytes_before),
               human_bytes(report.key_store_bytes_after));
  }
  return kExitOk;
}

}  // namespace guanxi::shell

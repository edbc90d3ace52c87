// The `guanxi` binary: `guanxi [DB]` is the query shell (interactive, or a
// script with -c, -f or piped input; shell/shell_command.h), and the
// subcommands import, verify, stats, backup, restore, upgrade, compact, dump,
// load and export work on a database (or a backup or dump file) directly.
//
// Exit codes: 0 success; 1 a data or database problem (bad import row,
// integrity problems, missing database, a failing statement in a script);
// 2 a usage error. Errors go to stderr as "guanxi: error: <message>".

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "guanxi/error.h"
#include "shell/backup_command.h"
#include "shell/command_error.h"
#include "shell/command_names.h"
#include "shell/compact_command.h"
#include "shell/dump_command.h"
#include "shell/export_command.h"
#include "shell/import_command.h"
#include "shell/load_command.h"
#include "shell/restore_command.h"
#include "shell/shell_command.h"
#include "shell/stats_command.h"
#include "shell/upgrade_command.h"
#include "shell/verify_command.h"

namespace {

using namespace guanxi::shell;

void print_error(const std::string& message) { fmt::print(stderr, "guanxi: error: {}\n", message); }

// "guanxi import" when the arguments name a known subcommand, else "guanxi":
// where a usage error sends the user for help.
std::string command_named_in(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg.empty() || arg[0] == '-') continue;
    for (std::string_view command : command_names()) {
      if (arg == command) return "guanxi " + arg;
    }
    break;
  }
  return "guanxi";
}

// Whether `args` hold a subcommand's name or a request for help: anything
// but a command line of the query shell alone.
bool may_name_a_command(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg == "-h" || arg.starts_with("--help")) return true;
    for (std::string_view command : command_names()) {
      if (arg == command) return true;
    }
  }
  return false;
}

int run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);

  CLI::App app{
      "Guanxi: an embedded graph database for customers and the relationships between them",
      "guanxi"};
  app.set_version_flag("--version", std::string("guanxi ") + GUANXI_VERSION);
  app.footer(
      "Without a command, guanxi opens the query shell on DB.\n"
      "Run 'guanxi COMMAND --help' for the options of a command.");
  app.require_subcommand(0, 1);
  ShellArguments shell_args;
  add_shell_options(app, shell_args);

  ImportArguments import_args;
  VerifyArguments verify_args;
  StatsArguments stats_args;
  BackupArguments backup_args;
  RestoreArguments restore_args;
  UpgradeArguments upgrade_args;
  CompactArguments compact_args;
  DumpArguments dump_args;
  LoadArguments load_args;
  ExportArguments export_args;
  CLI::App* import_cmd = nullptr;
  CLI::App* verify_cmd = nullptr;
  CLI::App* stats_cmd = nullptr;
  CLI::App* backup_cmd = nullptr;
  CLI::App* restore_cmd = nullptr;
  CLI::App* upgrade_cmd = nullptr;
  CLI::App* compact_cmd = nullptr;
  CLI::App* dump_cmd = nullptr;
  CLI::App* load_cmd = nullptr;
  CLI::App* export_cmd = nullptr;
  // The subcommands' options are built only when the command line can name
  // one (or asks for help, which lists them): a query shell's command line
  // never does, and building all nine took about 4% of `guanxi DB -c
  // "RETURN 1"` (perf). Without them the parse is the same, since CLI11
  // takes an argument for a subcommand only when it is one's name.
  if (may_name_a_command(args)) {
    import_cmd = add_import_command(app, import_args);
    verify_cmd = add_verify_command(app, verify_args);
    stats_cmd = add_stats_command(app, stats_args);
    backup_cmd = add_backup_command(app, backup_args);
    restore_cmd = add_restore_command(app, restore_args);
    upgrade_cmd = add_upgrade_command(app, upgrade_args);
    compact_cmd = add_compact_command(app, compact_args);
    dump_cmd = add_dump_command(app, dump_args);
    load_cmd = add_load_command(app, load_args);
    export_cmd = add_export_command(app, export_args);
  }

  try {
    std::vector<std::string> rest = extract_import_groups(args, import_args);
    std::reverse(rest.begin(), rest.end());  // CLI11 takes its vector back to front
    app.parse(rest);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    print_error(e.what());
    fmt::print(stderr, "Run '{} --help' for usage.\n", command_named_in(args));
    return kExitUsage;
  } catch (const UsageError& e) {
    print_error(e.what());
    fmt::print(stderr, "Run '{} --help' for usage.\n", command_named_in(args));
    return kExitUsage;
  }

  try {
    const auto chosen = [](const CLI::App* command) { return command && command->parsed(); };
    if (chosen(import_cmd)) return run_import(import_args);
    if (chosen(verify_cmd)) return run_verify(verify_args);
    if (chosen(stats_cmd)) return run_stats(stats_args);
    if (chosen(backup_cmd)) return run_backup(backup_args);
    if (chosen(restore_cmd)) return run_restore(restore_args);
    if (chosen(upgrade_cmd)) return run_upgrade(upgrade_args);
    if (chosen(compact_cmd)) return run_compact(compact_args);
    if (chosen(dump_cmd)) return run_dump(dump_args);
    if (chosen(load_cmd)) return run_load(load_args);
    if (chosen(export_cmd)) return run_export(export_args);
    return run_shell(shell_args);
  } catch (const CommandError& e) {
    print_error(e.what());
    return e.exit_code();
  } catch (const guanxi::Error& e) {
    // Storage failures show their kind, as query errors show theirs:
    // "[storage] data file ... is damaged".
    if (e.code() == guanxi::ErrorCode::kStorage) {
      print_error(std::string("[") + e.code_name() + "] " + e.what());
    } else {
      print_error(e.what());
    }
    return kExitFailure;
  } catch (const std::bad_alloc&) {
    print_error("[limit] out of memory while running the statement");
    return kExitFailure;
  } catch (const std::exception& e) {
    print_error(e.what());
    return kExitFailure;
  }
}

}  // namespace

int main(int argc, char** argv) {
  // run() reports its own errors; this catches what escapes while the
  // command line itself is being set up.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "guanxi: error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "guanxi: error: unknown failure\n");
  }
  return kExitFailure;
}

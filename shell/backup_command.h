// `guanxi backup DB FILE [--force] [--level N]`: a hot, consistent,
// compressed and checksummed backup of a database (guanxi::backup), with
// a progress bar on a terminal; `guanxi backup --info FILE` prints a backup's
// header (and whether the file is complete) without reading its blocks.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "guanxi/backup.h"

namespace guanxi::shell {

struct BackupArguments {
  std::string database;
  std::string file;
  bool info = false;
  bool force = false;
  bool progress = true;
  int level = 1;
};

CLI::App* add_backup_command(CLI::App& app, BackupArguments& arguments);

// Returns the exit code; throws CommandError, UsageError or guanxi::Error.
int run_backup(const BackupArguments& arguments);

// The lines of `guanxi backup --info`, exposed for the verify command.
std::string format_backup_summary(const std::string& file, const BackupFileInfo& summary);

// "2024-05-01 10:00:00 UTC" for microseconds since the Unix epoch.
std::string utc_time(std::uint64_t micros);

}  // namespace guanxi::shell

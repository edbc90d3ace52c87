// Upgrading a database of an older on-disk format to this build's format:
// the base of `guanxi upgrade DB`.
//
// Each format change that keeps old databases comes with one step from its
// predecessor (from N to N + 1), registered in format_upgrade.cc. An upgrade
// first backs the database up (backup.h), then runs every step from the
// database's format to kFormatVersion and sets the new format in one write
// transaction: it lands whole or not at all, and the backup restores the old
// database exactly. Nothing else ever opens an older database.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "storage/backup.h"
#include "storage/environment.h"
#include "storage/graph.h"

namespace guanxi::storage {

// One step: changes a database of format `from` into format `from + 1`,
// inside the upgrade's write transaction. It must not set the format itself.
struct FormatUpgradeStep {
  std::uint32_t from;
  const char* description;  // for the report: what the step changes
  std::function<void(Graph& graph, WriteTransaction& txn)> apply;
};

// The registered steps, ordered by `from`: one for each format from
// kOldestUpgradableFormat to kFormatVersion - 1.
const std::vector<FormatUpgradeStep>& format_upgrade_steps();

struct UpgradeOptions {
  // Where the backup taken first goes. Empty: beside the database, as
  // `DB-format<N>-<YYYYmmdd-HHMMSS>.gxbackup`.
  std::filesystem::path backup_file;
  BackupOptions backup;
};

struct UpgradeReport {
  std::uint32_t from = 0;
  std::uint32_t to = 0;
  // Empty when the database already had this build's format (nothing was
  // done, no backup taken).
  std::vector<std::string> steps;
  std::filesystem::path backup_file;
  BackupReport backup;
  std::chrono::duration<double> elapsed{};
};

// Upgrades the database in `dir` (which must exist). Throws StorageError:
// kNotFound, kFormat (newer, or older than kOldestUpgradableFormat, or not a
// Guanxi database), kInvalidArgument (the backup file exists), and whatever a
// step or the backup throws; the database is then unchanged.
UpgradeReport upgrade_database(const std::filesystem::path& dir,
                               const UpgradeOptions& options = {});

}  // namespace guanxi::storage

#include "storage/format_upgrade.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "storage/adjacency_upgrade.h"
#include "storage/bytes.h"
#include "storage/privacy_catalog.h"

namespace guanxi::storage {

namespace fs = std::filesystem;

const std::vector<FormatUpgradeStep>& format_upgrade_steps() {
  static const std::vector<FormatUpgradeStep> steps = {
      {2, "give the database an id (meta/database_id)",
       [](Graph& graph, WriteTransaction& txn) {
         txn.check(write_database_id(txn.raw(), graph.env().dbi().meta, DatabaseId::generate()),
                   "writing the database id");
       }},
      // Opening an older database for the upgrade creates the tables it lacks.
      {3, "add the privacy table (tags, purposes, policies, consent)",
       [](Graph&, WriteTransaction&) {}},
      // The pseudonym key moves out of the data file: a database with tags
      // gets its key file (key_file.h), and its `hash` pseudonyms change.
      {4, "add the audit table (the hash-chained audit log); move the key out to the key file",
       [](Graph&, WriteTransaction& txn) {
         remove_legacy_pseudonym_key(txn);
         if (!read_privacy_schema(txn).tags.empty()) ensure_database_secret(txn);
       }},
      // Tagged values were stored as written; now each is sealed under its
      // subject's key (value_cipher.h), and index entries over them become
      // fingerprints. The key store is made beside the key file.
      {5, "seal tagged values at rest under per-subject keys (the key store)",
       [](Graph& graph, WriteTransaction& txn) {
         for (const TagDefinition& tag : read_privacy_schema(txn).tags)
           graph.reseal(txn, tag.entity, tag.label_or_type);
       }},
      // Records keep their old datetime and duration encodings (the codec
      // still reads them); index keys of those values changed, so every
      // index is built again from the records.
      {6, "index datetimes and durations under their new keys",
       [](Graph& graph, WriteTransaction& txn) {
         for (const IndexInfo& index : graph.indexes().list(txn)) {
           graph.drop_index(txn, index.label, index.key);
           graph.create_index(txn, index.label, index.key, index.unique, index.name);
         }
       }},
      {7, "store adjacency as compressed blocks", convert_to_block_adjacency},
      {8, "keep records only for relationships with properties", move_relationships_into_adjacency},
      // Ids imported into a database with tags were kept in the clear; a
      // database without tags is keyed so when it gets its first.
      {9, "key the import ID spaces by fingerprint in a database with tags",
       [](Graph& graph, WriteTransaction& txn) {
         if (!read_privacy_schema(txn).tags.empty()) graph.id_spaces().key_by_fingerprint(txn);
       }},
  };
  return steps;
}

namespace {

fs::path default_backup_file(const fs::path& dir, std::uint32_t format) {
  fs::path base = dir;
  if (base.filename().empty()) base = base.parent_path();  // "db/"
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  ::localtime_r(&now, &local);
  return base.parent_path() / fmt::format("{}-format{}-{:%Y%m%d-%H%M%S}.gxbackup",
                                          base.filename().string(), format, local);
}

}  // namespace

UpgradeReport upgrade_database(const fs::path& dir, const UpgradeOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  EnvironmentOptions env_options;
  env_options.create_if_missing = false;
  env_options.allow_older_format = true;
  std::unique_ptr<Graph> graph = Graph::open(dir, env_options);
  Environment* env = &graph->env();

  UpgradeReport report;
  report.from = env->identity().format;
  report.to = kFormatVersion;
  if (report.from == kFormatVersion) {
    report.elapsed = std::chrono::steady_clock::now() - start;
    return report;
  }
  report.backup_file =
      options.backup_file.empty() ? default_backup_file(dir, report.from) : options.backup_file;
  report.backup = backup_database(*env, report.backup_file, options.backup);

  const auto& steps = format_upgrade_steps();
  env->write([&](WriteTransaction& txn) {
    report.steps.clear();
    for (std::uint32_t version = report.from; version < kFormatVersion; ++version) {
      const auto step = std::find_if(steps.begin(), steps.end(),
                                     [&](const FormatUpgradeStep& s) { return s.from == version; });
      if (step == steps.end()) {
        throw StorageError(ErrorCode::kFormat,
                           fmt::format("no upgrade step from format {} to {} in this build",
                                       version, version + 1));
      }
      step->apply(*graph, txn);
      report.steps.push_back(
          fmt::format("format {} -> {}: {}", version, version + 1, step->description));
    }
    char version[4];
    put_be32(version, kFormatVersion);
    txn.put(env->dbi().meta, kFormatMetaKey, std::string_view(version, 4));
  });
  env->reload_identity();
  report.elapsed = std::chrono::steady_clock::now() - start;
  return report;
}

}  // namespace guanxi::storage

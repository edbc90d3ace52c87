// The key file: a database's master key, kept outside the database
// directory so that the data file and its backups alone do not hold it
// (docs/privacy.md, "Storage and keys").
//
// 60 bytes: the marker `guanxikf`, be32 version 1, the 16-byte id of the
// database it belongs to, and 32 random bytes of key. It is created once,
// when the database first needs a secret (the first CREATE TAG or audit
// entry), mode 0600, and never changes. Everything keyed derives a subkey
// from it (privacy_catalog.h): the `hash` mask's pseudonyms and the audit
// log's chain.
#pragma once

#include <array>
#include <filesystem>
#include <optional>

#include "storage/format_version.h"

namespace guanxi::storage {

struct KeyFileContents {
  DatabaseId database;
  std::array<unsigned char, 32> master{};
};

// Where the key file of the database in `dir` is: `configured` when set,
// else the environment variable GUANXI_KEY_FILE when set, else beside the
// directory as `<dir>.key` (not inside it, so copying the directory does
// not copy the key).
std::filesystem::path key_file_path(const std::filesystem::path& dir,
                                    const std::filesystem::path& configured);

// Creates `path` with `contents` (mode 0600, fails if it exists), and
// syncs it and its directory. Throws StorageError (kIo) naming the file.
void write_key_file(const std::filesystem::path& path, const KeyFileContents& contents);

// nullopt when `path` does not exist. Throws StorageError: kCorruption
// (not a key file, or damaged), kIo; each message names the file.
std::optional<KeyFileContents> read_key_file(const std::filesystem::path& path);

}  // namespace guanxi::storage

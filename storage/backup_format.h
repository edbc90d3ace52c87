// The backup file format: a header, zstd-compressed blocks of an LMDB
// compacting copy, and a trailer, each with its own XXH3-64 checksum, so that
// any flipped byte is found and named by the part it is in, and a truncated
// file is told from a complete one. All integers are little-endian.
//
//   header   (96 bytes)
//     0  8  magic "GXBACKUP"
//     8  4  backup format version (kBackupFormatVersion)
//    12  4  database format version of the copied database
//    16 16  database id
//    32  8  last committed transaction id of the snapshot copied
//    40  8  time the backup started, microseconds since the Unix epoch
//    48  8  nodes in the snapshot
//    56  8  relationships in the snapshot
//    64  8  bytes of the copy (the restored data.mdb), as expected at the start
//    72  4  block size: uncompressed bytes per block (the last may be shorter)
//    76  4  LMDB page size of the copy
//    80  8  reserved, zero
//    88  8  XXH3-64 of bytes 0..87
//   block    (40-byte header, then the compressed payload)
//     0  4  magic "GXBK"
//     4  4  payload bytes (a zstd frame with its own content checksum)
//     8  4  uncompressed bytes
//    12  4  reserved, zero
//    16  8  block index, from 0
//    24  8  XXH3-64 of the payload
//    32  8  XXH3-64 of bytes 0..31
//   trailer  (48 bytes)
//     0  8  magic "GXBKEND."
//     8  8  block count
//    16  8  uncompressed bytes in all blocks (the size of data.mdb)
//    24  8  the header's checksum, tying the trailer to its header
//    32  8  reserved, zero
//    40  8  XXH3-64 of bytes 0..39
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/format_version.h"

namespace guanxi::storage {

inline constexpr std::uint32_t kBackupFormatVersion = 1;
inline constexpr std::size_t kBackupHeaderSize = 96;
inline constexpr std::size_t kBlockHeaderSize = 40;
inline constexpr std::size_t kBackupTrailerSize = 48;
inline constexpr std::string_view kBackupMagic = "GXBACKUP";
inline constexpr std::string_view kBlockMagic = "GXBK";
inline constexpr std::string_view kTrailerMagic = "GXBKEND.";
// Blocks never hold more than this many uncompressed bytes, so a damaged
// size field cannot make a reader allocate without bound.
inline constexpr std::uint32_t kMaxBlockSize = 64u << 20;

struct BackupHeader {
  std::uint32_t backup_format = kBackupFormatVersion;
  std::uint32_t database_format = 0;
  DatabaseId database_id;
  std::uint64_t transaction_id = 0;
  std::uint64_t created_micros = 0;
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::uint64_t expected_bytes = 0;
  std::uint32_t block_size = 0;
  std::uint32_t page_size = 0;
  std::uint64_t checksum = 0;  // filled by encode / decode
};

struct BlockHeader {
  std::uint32_t payload_bytes = 0;
  std::uint32_t raw_bytes = 0;
  std::uint64_t index = 0;
  std::uint64_t payload_checksum = 0;
};

struct BackupTrailer {
  std::uint64_t blocks = 0;
  std::uint64_t raw_bytes = 0;
  std::uint64_t header_checksum = 0;
};

// Encodes `header` (computing its checksum into header.checksum).
std::string encode_backup_header(BackupHeader& header);
std::string encode_block_header(const BlockHeader& block);
std::string encode_backup_trailer(const BackupTrailer& trailer);

// Decoding: nullopt with `*why` set when the bytes are not a valid part
// (wrong magic, checksum mismatch, a field out of range). `bytes` must hold
// at least the part's size.
std::optional<BackupHeader> decode_backup_header(std::string_view bytes, std::string* why);
std::optional<BlockHeader> decode_block_header(std::string_view bytes, std::string* why);
std::optional<BackupTrailer> decode_backup_trailer(std::string_view bytes, std::string* why);

// XXH3-64 of a block's payload.
std::uint64_t payload_checksum(std::string_view payload);

}  // namespace guanxi::storage

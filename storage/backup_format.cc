#include "storage/backup_format.h"

#include <xxhash.h>

#include <cstring>

#include "storage/bytes.h"

namespace guanxi::storage {

namespace {

std::uint64_t checksum_of(std::string_view bytes) {
  return XXH3_64bits(bytes.data(), bytes.size());
}

bool zero(const char* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i]) return false;
  }
  return true;
}

// Checks magic and trailing checksum of a fixed-size part; sets *why.
bool check_part(std::string_view bytes, std::size_t size, std::string_view magic, const char* part,
                std::string* why) {
  if (bytes.size() < size) {
    *why = std::string(part) + " is cut short";
    return false;
  }
  if (bytes.substr(0, magic.size()) != magic) {
    *why = std::string("no ") + part + " marker";
    return false;
  }
  if (get_le64(bytes.data() + size - 8) != checksum_of(bytes.substr(0, size - 8))) {
    *why = std::string(part) + " checksum mismatch";
    return false;
  }
  return true;
}

}  // namespace

std::string encode_backup_header(BackupHeader& h) {
  std::string out(kBackupHeaderSize, '\0');
  char* p = out.data();
  std::memcpy(p, kBackupMagic.data(), 8);
  put_le32(p + 8, h.backup_format);
  put_le32(p + 12, h.database_format);
  std::memcpy(p + 16, h.database_id.bytes.data(), 16);
  put_le64(p + 32, h.transaction_id);
  put_le64(p + 40, h.created_micros);
  put_le64(p + 48, h.nodes);
  put_le64(p + 56, h.relationships);
  put_le64(p + 64, h.expected_bytes);
  put_le32(p + 72, h.block_size);
  put_le32(p + 76, h.page_size);
  h.checksum = checksum_of(std::string_view(p, 88));
  put_le64(p + 88, h.checksum);
  return out;
}

std::optional<BackupHeader> decode_backup_header(std::string_view bytes, std::string* why) {
  if (bytes.size() >= 8 && bytes.substr(0, 8) != kBackupMagic) {
    *why = "not a Guanxi backup (no backup marker at the start)";
    return std::nullopt;
  }
  if (!check_part(bytes, kBackupHeaderSize, kBackupMagic, "header", why)) return std::nullopt;
  const char* p = bytes.data();
  BackupHeader h;
  h.backup_format = get_le32(p + 8);
  h.database_format = get_le32(p + 12);
  std::memcpy(h.database_id.bytes.data(), p + 16, 16);
  h.transaction_id = get_le64(p + 32);
  h.created_micros = get_le64(p + 40);
  h.nodes = get_le64(p + 48);
  h.relationships = get_le64(p + 56);
  h.expected_bytes = get_le64(p + 64);
  h.block_size = get_le32(p + 72);
  h.page_size = get_le32(p + 76);
  h.checksum = get_le64(p + 88);
  if (h.block_size == 0 || h.block_size > kMaxBlockSize || !zero(p + 80, 8)) {
    *why = "header fields out of range";
    return std::nullopt;
  }
  return h;
}

std::string encode_block_header(const BlockHeader& b) {
  std::string out(kBlockHeaderSize, '\0');
  char* p = out.data();
  std::memcpy(p, kBlockMagic.data(), 4);
  put_le32(p + 4, b.payload_bytes);
  put_le32(p + 8, b.raw_bytes);
  put_le64(p + 16, b.index);
  put_le64(p + 24, b.payload_checksum);
  put_le64(p + 32, checksum_of(std::string_view(p, 32)));
  return out;
}

std::optional<BlockHeader> decode_block_header(std::string_view bytes, std::string* why) {
  if (!check_part(bytes, kBlockHeaderSize, kBlockMagic, "block header", why)) return std::nullopt;
  const char* p = bytes.data();
  BlockHeader b;
  b.payload_bytes = get_le32(p + 4);
  b.raw_bytes = get_le32(p + 8);
  b.index = get_le64(p + 16);
  b.payload_checksum = get_le64(p + 24);
  if (b.raw_bytes == 0 || b.raw_bytes > kMaxBlockSize || b.payload_bytes == 0 ||
      b.payload_bytes > kMaxBlockSize + (kMaxBlockSize >> 7) + 1024 || !zero(p + 12, 4)) {
    *why = "block header fields out of range";
    return std::nullopt;
  }
  return b;
}

std::string encode_backup_trailer(const BackupTrailer& t) {
  std::string out(kBackupTrailerSize, '\0');
  char* p = out.data();
  std::memcpy(p, kTrailerMagic.data(), 8);
  put_le64(p + 8, t.blocks);
  put_le64(p + 16, t.raw_bytes);
  put_le64(p + 24, t.header_checksum);
  put_le64(p + 40, checksum_of(std::string_view(p, 40)));
  return out;
}

std::optional<BackupTrailer> decode_backup_trailer(std::string_view bytes, std::string* why) {
  if (!check_part(bytes, kBackupTrailerSize, kTrailerMagic, "trailer", why)) return std::nullopt;
  const char* p = bytes.data();
  if (!zero(p + 32, 8)) {
    *why = "trailer fields out of range";
    return std::nullopt;
  }
  BackupTrailer t;
  t.blocks = get_le64(p + 8);
  t.raw_bytes = get_le64(p + 16);
  t.header_checksum = get_le64(p + 24);
  return t;
}

std::uint64_t payload_checksum(std::string_view payload) { return checksum_of(payload); }

}  // namespace guanxi::storage

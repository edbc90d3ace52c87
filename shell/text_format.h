// Small text helpers shared by the subcommands: numbers as people read them
// and strings as JSON needs them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace guanxi::shell {

// 1234567 -> "1,234,567".
std::string thousands(std::uint64_t n);

// A count with its noun: (1, "node", "nodes") -> "1 node", 2500 -> "2,500 nodes".
std::string counted(std::uint64_t n, std::string_view noun, std::string_view plural);

// Bytes in binary units with one decimal: 1536 -> "1.5 KiB", 10 -> "10 B".
std::string human_bytes(std::uint64_t bytes);

// `s` as a quoted JSON string (control characters escaped; bytes >= 0x80 are
// passed through, so valid UTF-8 stays valid).
std::string json_string(std::string_view s);

}  // namespace guanxi::shell

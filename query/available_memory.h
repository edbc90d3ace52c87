// How much memory the process may use when it runs in a control group (a
// container, a systemd unit with MemoryMax): the default memory budget is a
// share of it rather than of the whole machine's memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

namespace guanxi::query {

// The memory limit of the control group whose membership `self_cgroup`
// describes (the text of /proc/self/cgroup), read under `root` (normally
// /sys/fs/cgroup): the smallest `memory.max` (cgroup v2) of the group and
// its ancestors, or v1's `memory/<group>/memory.limit_in_bytes`; nullopt
// when there is no limit or none can be read.
std::optional<std::uint64_t> cgroup_memory_limit(const std::filesystem::path& root,
                                                 std::string_view self_cgroup);

// cgroup_memory_limit of this process.
std::optional<std::uint64_t> own_cgroup_memory_limit();

}  // namespace guanxi::query

// Named zones read from the system's tzdata (/usr/share/zoneinfo), one
// TZif file per zone (zone_file.h), with the footer's rule applied after the
// file's last listed transition, as java.time, and so Neo4j, do: a summer
// datetime in 2040 is in summer time.
#include "storage/time_zone.h"

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "storage/error.h"
#include "storage/file_contents.h"
#include "storage/zone_file.h"

namespace guanxi::storage {

namespace {

constexpr char kZoneInfoDir[] = "/usr/share/zoneinfo/";

// Whether `name` can name a zone: relative path components of letters,
// digits and "_+-.", none of them "." or "..". Names of other files under
// the directory are refused too: "localtime" is the machine's own zone
// under a name that would mean another zone on another machine,
// "posixrules" and "Factory" are not places, and "posix/" and "right/"
// repeat the database (the latter counting leap seconds, which instants
// here do not).
bool is_zone_name(std::string_view name) {
  if (name.empty() || name == "localtime" || name == "posixrules" || name == "Factory" ||
      name.starts_with("posix/") || name.starts_with("right/"))
    return false;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = std::min(name.find('/', start), name.size());
    const std::string_view part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    for (const char c : part) {
      const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      const bool digit = c >= '0' && c <= '9';
      if (!letter && !digit && c != '_' && c != '+' && c != '-' && c != '.') return false;
    }
    if (end == name.size()) return true;
    start = end + 1;
  }
}

// The zone file of `name`, or nullopt when there is none (or it does not
// read as one).
std::optional<ZoneFile> read_zone(std::string_view name) {
  if (!is_zone_name(name)) return std::nullopt;
  try {
    const FileContents file(kZoneInfoDir + std::string(name));
    return ZoneFile::parse(file.data());
  } catch (const StorageError&) {  // missing, a directory, unreadable
    return std::nullopt;
  }
}

// --- The table of ids ---

struct Zone {
  std::string name;
  ZoneFile file;
};

class Registry {
 public:
  std::optional<std::uint32_t> find(std::string_view name) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = ids_.find(name); it != ids_.end()) return it->second;
    }
    // Outside the lock: resolving reads the zone's file.
    std::optional<Zone> zone = resolve(name);
    if (!zone) return std::nullopt;
    std::lock_guard lock(mutex_);
    const auto [it, added] =
        ids_.try_emplace(std::string(name), static_cast<std::uint32_t>(zones_.size() + 1));
    if (added) zones_.push_back(std::move(*zone));
    return it->second;
  }

  // The zone of an id; nullptr when no such id was handed out. Zones never
  // change once added, and a deque keeps them in place as it grows, so the
  // pointer stays good without the lock.
  const Zone* get(std::uint32_t id) {
    std::lock_guard lock(mutex_);
    return id == 0 || id > zones_.size() ? nullptr : &zones_[id - 1];
  }

 private:
  static std::optional<Zone> resolve(std::string_view name) {
    std::optional<ZoneFile> file = read_zone(name);
    if (!file) return std::nullopt;
    return Zone{std::string(name), std::move(*file)};
  }

  std::mutex mutex_;
  std::deque<Zone> zones_;  // id - 1
  std::map<std::string, std::uint32_t, std::less<>> ids_;
};

// Never destroyed: values may be printed from static destructors and other
// threads until the process ends.
Registry& registry() {
  static Registry* const instance = new Registry;
  return *instance;
}

}  // namespace

std::optional<std::uint32_t> find_time_zone(std::string_view name) { return registry().find(name); }

std::string_view time_zone_name(std::uint32_t zone) {
  const Zone* z = registry().get(zone);
  return z ? std::string_view(z->name) : std::string_view();
}

std::int32_t offset_at_instant(std::uint32_t zone, std::int64_t utc_seconds) {
  const Zone* z = registry().get(zone);
  return z ? z->file.offset_at_instant(utc_seconds) : 0;
}

std::int32_t offset_for_local(std::uint32_t zone, std::int64_t local_seconds) {
  const Zone* z = registry().get(zone);
  return z ? z->file.offset_for_local(local_seconds) : 0;
}

}  // namespace guanxi::storage

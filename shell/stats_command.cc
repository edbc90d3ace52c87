#include "shell/stats_command.h"

#include <fmt/format.h>

#include <algorithm>

#include "shell/command_error.h"
#include "shell/open_database.h"
#include "shell/text_format.h"

namespace guanxi::shell {

namespace {

using Counts = std::vector<std::pair<std::string, std::uint64_t>>;

double bytes_per_relationship(const Statistics& s) {
  return s.relationships
             ? static_cast<double>(s.bytes_on_disk) / static_cast<double>(s.relationships)
             : 0.0;
}

// "0", "1", "2-3", "4-7", ... for a bucket with exclusive upper bound `bound`.
std::string bucket_name(std::uint64_t bound) {
  if (bound <= 2) return std::to_string(bound - 1);
  return fmt::format("{}-{}", bound / 2, bound - 1);
}

void append_counts(std::string& out, const char* title, std::uint64_t total, const Counts& counts,
                   std::size_t width) {
  out += fmt::format("{:<{}}{:>14}\n", title, width, thousands(total));
  for (const auto& [name, n] : counts) {
    out += fmt::format("  {:<{}}{:>14}\n", ":" + name, width - 2, thousands(n));
  }
}

std::string degree_line(const DegreeDistribution& d) {
  return fmt::format("min {}, median {}, mean {:.2f}, p90 {}, p99 {}, max {}", d.min, d.median,
                     d.mean, d.p90, d.p99, d.max);
}

std::string degree_json(const DegreeDistribution& d) {
  std::string out = fmt::format(
      "{{\"min\": {}, \"median\": {}, \"mean\": {:.4f}, \"p90\": {}, \"p99\": {}, \"max\": {}, "
      "\"histogram\": [",
      d.min, d.median, d.mean, d.p90, d.p99, d.max);
  for (std::size_t i = 0; i < d.histogram.size(); ++i) {
    const auto& [bound, nodes] = d.histogram[i];
    out += fmt::format("{}{{\"from\": {}, \"to\": {}, \"nodes\": {}}}", i ? ", " : "",
                       bound <= 1   ? 0
                       : bound <= 2 ? 1
                                    : bound / 2,
                       bound - 1, nodes);
  }
  return out + "]}";
}

std::string tables_json(const std::vector<TableStatistics>& tables) {
  std::string out = "[";
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const TableStatistics& t = tables[i];
    out += fmt::format(
        "{}{{\"name\": {}, \"entries\": {}, \"branch_pages\": {}, \"leaf_pages\": {}, "
        "\"overflow_pages\": {}, \"bytes\": {}, \"fill\": {:.4f}}}",
        i ? ", " : "", json_string(t.name), t.entries, t.branch_pages, t.leaf_pages,
        t.overflow_pages, t.bytes, t.fill);
  }
  return out + "]";
}

std::string counts_json(const Counts& counts, const char* count_name) {
  std::string out = "[";
  for (std::size_t i = 0; i < counts.size(); ++i) {
    out += fmt::format("{}{{\"name\": {}, \"{}\": {}}}", i ? ", " : "",
                       json_string(counts[i].first), count_name, counts[i].second);
  }
  return out + "]";
}

}  // namespace

std::string format_stats_text(const std::string& database, const Statistics& s) {
  std::size_t width = 16;
  for (const auto& c : s.labels) width = std::max(width, c.first.size() + 4);
  for (const auto& c : s.types) width = std::max(width, c.first.size() + 4);

  std::string out = fmt::format("{:<{}}{}\n", "Database", width, database);
  append_counts(out, "Nodes", s.nodes, s.labels, width);
  append_counts(out, "Relationships", s.relationships, s.types, width);
  out += fmt::format("{:<{}}{}\n", "Out-degree", width, degree_line(s.out_degree));
  out += fmt::format("{:<{}}{}\n", "In-degree", width, degree_line(s.in_degree));
  if (!s.out_degree.histogram.empty() || !s.in_degree.histogram.empty()) {
    // Merge the two histograms on their bucket bounds.
    std::vector<std::uint64_t> bounds;
    for (const auto& b : s.out_degree.histogram) bounds.push_back(b.first);
    for (const auto& b : s.in_degree.histogram) bounds.push_back(b.first);
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    auto nodes_in = [](const DegreeDistribution& d, std::uint64_t bound) {
      for (const auto& [b, n] : d.histogram) {
        if (b == bound) return n;
      }
      return std::uint64_t{0};
    };
    out += fmt::format("{:<{}}{:>14}{:>14}\n", "Degree", width, "out (nodes)", "in (nodes)");
    for (std::uint64_t bound : bounds) {
      out += fmt::format("  {:<{}}{:>14}{:>14}\n", bucket_name(bound), width - 2,
                         thousands(nodes_in(s.out_degree, bound)),
                         thousands(nodes_in(s.in_degree, bound)));
    }
  }
  if (s.indexes.empty()) {
    out += fmt::format("{:<{}}{}\n", "Indexes", width, "none");
  } else {
    out += fmt::format("{:<{}}{}\n", "Indexes", width, s.indexes.size());
    for (const auto& index : s.indexes) out += fmt::format("  {}\n", index);
  }
  out += fmt::format("{:<{}}{} ({} bytes)\n", "Size on disk", width, human_bytes(s.bytes_on_disk),
                     thousands(s.bytes_on_disk));
  if (s.relationships > 0) {
    out += fmt::format("{:<{}}{:.1f}\n", "Bytes per rel.", width, bytes_per_relationship(s));
  }
  if (!s.tables.empty()) {
    out += fmt::format("{:<{}}{:>14}{:>12}{:>12}{:>8}{:>11}\n", "Tables", width, "entries", "pages",
                       "size", "fill", "per rel.");
    for (const TableStatistics& t : s.tables) {
      const std::uint64_t pages = t.branch_pages + t.leaf_pages + t.overflow_pages;
      const std::string per_relationship =
          s.relationships > 0 ? fmt::format("{:.1f}", static_cast<double>(t.bytes) /
                                                          static_cast<double>(s.relationships))
                              : "-";
      out += fmt::format("  {:<{}}{:>14}{:>12}{:>12}{:>7.0f}%{:>11}\n", t.name, width - 2,
                         thousands(t.entries), thousands(pages), human_bytes(t.bytes),
                         t.fill * 100.0, per_relationship);
    }
  }
  return out;
}

std::string format_stats_json(const std::string& database, const Statistics& s) {
  std::string indexes = "[";
  for (std::size_t i = 0; i < s.indexes.size(); ++i) {
    indexes += (i ? ", " : "") + json_string(s.indexes[i]);
  }
  indexes += "]";
  return fmt::format(
      "{{\n"
      "  \"database\": {},\n"
      "  \"nodes\": {},\n"
      "  \"relationships\": {},\n"
      "  \"labels\": {},\n"
      "  \"types\": {},\n"
      "  \"indexes\": {},\n"
      "  \"out_degree\": {},\n"
      "  \"in_degree\": {},\n"
      "  \"bytes_on_disk\": {},\n"
      "  \"bytes_per_relationship\": {:.2f},\n"
      "  \"tables\": {}\n"
      "}}\n",
      json_string(database), s.nodes, s.relationships, counts_json(s.labels, "nodes"),
      counts_json(s.types, "relationships"), indexes, degree_json(s.out_degree),
      degree_json(s.in_degree), s.bytes_on_disk, bytes_per_relationship(s), tables_json(s.tables));
}

CLI::App* add_stats_command(CLI::App& app, StatsArguments& arguments) {
  CLI::App* cmd = app.add_subcommand(
      "stats", "Show counts per label and type, degree distributions, indexes and size on disk");
  cmd->add_option("database", arguments.database, "Database directory")->required();
  cmd->add_option("--format", arguments.format, "Output format: text (default) or json")
      ->transform(CLI::IsMember({"text", "json"}, CLI::ignore_case));
  return cmd;
}

int run_stats(const StatsArguments& arguments) {
  const Statistics stats = open_existing_database(arguments.database).statistics();
  const std::string text = arguments.format == "json"
                               ? format_stats_json(arguments.database, stats)
                               : format_stats_text(arguments.database, stats);
  fmt::print("{}", text);
  return kExitOk;
}

}  // namespace guanxi::shell

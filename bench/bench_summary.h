// The closing summary of the storage benchmarks (bench/storage_bench.cc).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "bench/bench_measurements.h"

namespace guanxi::bench {

// A figure with a target is met or MISSED; an information point (target 0)
// is neither.
inline const char* verdict(double target, bool met) {
  return target <= 0 ? "" : met ? "met" : "MISSED";
}

inline void print_ratio(const char* what, const char* ours, const char* raw, bool higher_is_better,
                        double target, const char* target_text) {
  if (!g_book.count(ours) || !g_book.count(raw)) return;
  const double a = median_of(g_book[ours]);
  const double b = median_of(g_book[raw]);
  if (b == 0) return;
  const double ratio = a / b;
  const bool met = higher_is_better ? ratio >= target : ratio <= target;
  std::printf("%-34s guanxi %12.4g  raw %12.4g  ratio %6.3f  target %-8s %s\n", what, a, b, ratio,
              target_text, verdict(target, met));
}

// A figure measured in paired rounds (storage_bench.cc: run_paired_lookups,
// BM_TwoHopPaired): the median of the per-round ratios `ratio`, beside the
// medians of each side's rounds.
inline void print_paired(const char* what, const char* ours, const char* raw, const char* ratio,
                         double target, const char* target_text) {
  if (!g_book.count(ours) || !g_book.count(raw) || !g_book.count(ratio)) return;
  const double r = median_of(g_book[ratio]);
  std::printf("%-34s guanxi %12.4g  raw %12.4g  ratio %6.3f  target %-8s %s\n", what,
              median_of(g_book[ours]), median_of(g_book[raw]), r, target_text,
              verdict(target, r <= target));
}

// Prints the closing summary: each Guanxi figure against its raw baseline,
// the ratio, its target and whether it was met; then sizes, and
// whether both sides' 2-hop counts agree (sets *failed when they do not).
inline void print_summary(int scale, int relationships_per_node,
                          const std::uint64_t two_hop_distinct[2], bool* failed) {
  std::printf(
      "\nSummary (scale %d: %llu nodes, %llu relationships; medians over runs; MDB_NOSYNC both "
      "sides)\n",
      scale, 1ULL << scale, static_cast<unsigned long long>(relationships_per_node) << scale);
  print_ratio("import, seconds", "import.guanxi.s", "import.raw.s", false, 1.3, "<= 1.3x");
  print_ratio("import, CPU s (all threads; info)", "import.guanxi.cpu_s", "import.raw.cpu_s", false,
              0, "(info)");
  print_ratio("scan, relationships per second", "scan.guanxi.relationships_per_s",
              "scan.raw.relationships_per_s", true, 0.5, ">= 0.5x");
  print_ratio("scan naming the type (info)", "scan.guanxi_typed.relationships_per_s",
              "scan.raw.relationships_per_s", true, 0, "(info)");
  print_ratio("scan, out table in key order (info)", "scan.guanxi_sequential.relationships_per_s",
              "scan.raw.relationships_per_s", true, 0, "(info)");
  print_paired("lookup by id, paired rounds, ns", "paired.lookup_by_id.guanxi.median_ns",
               "paired.lookup_by_id.raw.median_ns", "paired.lookup_by_id.ratio", 2.0, "<= 2x");
  // The raw baseline finds a node by its key, one B-tree descent; a lookup
  // by the imported id takes two (the index, then the node), and two raw
  // mdb_get in a row already take 1.8-2.0x one: the figure is information,
  // with its floor beside it.
  print_paired("lookup by index, paired (info)", "paired.lookup_by_index.guanxi.median_ns",
               "paired.lookup_by_index.raw.median_ns", "paired.lookup_by_index.ratio", 0, "(info)");
  print_paired("index vs its floor, paired (info)", "paired.lookup_by_index_floor.guanxi.median_ns",
               "paired.lookup_by_index_floor.raw.median_ns", "paired.lookup_by_index_floor.ratio",
               0, "(info)");
  print_ratio("lookup by id, apart (info)", "lookup.guanxi_by_id.median_ns",
              "lookup.raw_mdb_get.median_ns", false, 0, "(info)");
  print_ratio("lookup by index, apart (info)", "lookup.guanxi_by_index.median_ns",
              "lookup.raw_mdb_get.median_ns", false, 0, "(info)");
  print_ratio("mdb_get on guanxi nodes, median ns", "lookup.raw_get_guanxi_nodes.median_ns",
              "lookup.raw_mdb_get.median_ns", false, 0, "(info)");
  print_paired("2-hop, 1000 starts, paired, s", "paired.twohop.guanxi.s", "paired.twohop.raw.s",
               "paired.twohop.ratio", 1.2, "<= 1.2x");
  print_ratio("2-hop from 1000 starts, apart (info)", "twohop.guanxi.s", "twohop.raw.s", false, 0,
              "(info)");
  if (g_book.count("size.guanxi.bytes_per_relationship") &&
      g_book.count("size.raw.bytes_per_relationship")) {
    std::printf(
        "%-34s guanxi %12.1f  raw %12.1f  (whole database / relationships; raw holds one direction "
        "only)\n",
        "size on disk, bytes per relationship",
        median_of(g_book["size.guanxi.bytes_per_relationship"]),
        median_of(g_book["size.raw.bytes_per_relationship"]));
  }
  std::string tables;
  for (const auto& [name, runs] : g_book) {
    if (name.rfind("size.table.", 0) != 0) continue;
    char part[64];
    std::snprintf(part, sizeof part, "%s%s %.1f", tables.empty() ? "" : ", ", name.c_str() + 11,
                  median_of(runs));
    tables += part;
  }
  if (!tables.empty()) std::printf("guanxi bytes per relationship by table: %s\n", tables.c_str());
  if (two_hop_distinct[0] && two_hop_distinct[1]) {
    if (two_hop_distinct[0] != two_hop_distinct[1]) *failed = true;
    std::printf("2-hop distinct nodes per pass: guanxi %llu, raw %llu (%s)\n",
                static_cast<unsigned long long>(two_hop_distinct[0]),
                static_cast<unsigned long long>(two_hop_distinct[1]),
                two_hop_distinct[0] == two_hop_distinct[1] ? "agree" : "DISAGREE");
  }
}

}  // namespace guanxi::bench

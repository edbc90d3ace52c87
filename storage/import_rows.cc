#include "storage/import_rows.h"

#include <sys/mman.h>

#include <algorithm>

#include "storage/bytes.h"
#include "storage/dictionary.h"
#include "storage/record_codec.h"

namespace guanxi::storage {

namespace {

constexpr std::uint64_t kProgressStep = 4096;

[[noreturn]] void row_error(std::uint64_t line, std::string reason) {
  throw RowError{line, std::move(reason)};
}

void check_width(const std::vector<std::string_view>& fields, std::size_t width,
                 std::uint64_t line) {
  if (fields.size() != width) {
    row_error(line, "expected " + std::to_string(width) + " fields, found " +
                        std::to_string(fields.size()));
  }
}

Value parse_column(const Column& column, std::string_view text, char array_delimiter,
                   std::uint64_t line) {
  try {
    return parse_field(column, text, array_delimiter);
  } catch (const FieldError& e) {
    row_error(line, "column '" + column.spec + "': " + e.reason);
  }
}

bool inside(std::string_view outer, std::string_view inner) {
  return inner.data() >= outer.data() && inner.data() + inner.size() <= outer.data() + outer.size();
}

// Runs body(reader, fields) per record, turning syntax errors and row errors
// into chunk.error and anything else into chunk.failure.
template <typename Body>
void for_each_record(ChunkBase& chunk, const CsvDialect& dialect,
                     std::atomic<std::uint64_t>& rows_done, Body&& body) {
  std::uint64_t pending = 0;
  try {
    CsvReader reader(chunk.data, dialect, 0);
    std::vector<std::string_view> fields;
    while (reader.next(fields)) {
      body(reader.record_line(), fields);
      if (++pending == kProgressStep) {
        rows_done.fetch_add(pending, std::memory_order_relaxed);
        pending = 0;
      }
    }
    chunk.lines = reader.line();
  } catch (const CsvSyntaxError& e) {
    chunk.error = RowError{e.line, e.reason};
  } catch (const RowError& e) {
    chunk.error = e;
  } catch (...) {
    chunk.failure = std::current_exception();
  }
  rows_done.fetch_add(pending, std::memory_order_relaxed);
}

}  // namespace

std::uint32_t LocalNames::id(std::string_view name) {
  auto it = ids_.find(std::string(name));
  if (it != ids_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(names_.back(), id);
  return id;
}

void advise_huge_pages(void* data, std::size_t bytes) {
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  if (bytes < 2 * kHuge) return;
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

std::size_t estimate_records(std::string_view data) {
  const std::string_view head = data.substr(0, 1 << 16);
  const auto lines = static_cast<std::size_t>(std::count(head.begin(), head.end(), '\n'));
  if (lines == 0) return 16;
  const double per_line = static_cast<double>(head.size()) / static_cast<double>(lines);
  return static_cast<std::size_t>(static_cast<double>(data.size()) / per_line * 1.1) + 16;
}

std::string describe_space(const std::string& name) {
  return name.empty() ? "the global ID space" : "ID space '" + name + "'";
}

void parse_node_chunk(const NodeFileSpec& spec, NodeChunk& chunk,
                      std::atomic<std::uint64_t>& rows_done) {
  const ImportHeader& header = *spec.header;
  const std::size_t width = header.columns.size();
  reserve_large(chunk.rows, estimate_records(chunk.data));
  for_each_record(
      chunk, spec.dialect, rows_done,
      [&](std::uint64_t line, const std::vector<std::string_view>& fields) {
        check_width(fields, width, line);
        NodeRow row;
        row.line = line;
        if (header.id >= 0) {
          std::string_view id = fields[header.id];
          if (id.empty())
            row_error(line, "empty id in column '" + header.columns[header.id].spec + "'");
          if (!inside(chunk.data, id)) id = chunk.copies.emplace_back(id);
          row.id = id;
        }
        row.properties.reserve(spec.properties.size());
        for (const PropertyColumn& pc : spec.properties) {
          const std::string_view text = fields[pc.column];
          if (text.empty()) continue;  // neo4j-admin: an empty field is an absent property
          row.properties.push_back(Property{
              pc.key, parse_column(header.columns[pc.column], text, spec.array_delimiter, line)});
        }
        if (header.label >= 0) {
          row.labels_begin = static_cast<std::uint32_t>(chunk.labels.size());
          const std::string_view text = fields[header.label];
          std::size_t begin = 0;
          while (begin <= text.size()) {
            std::size_t end = text.find(spec.array_delimiter, begin);
            if (end == std::string_view::npos) end = text.size();
            if (end - begin > kMaxNameBytes)
              row_error(line, "column '" + header.columns[header.label].spec +
                                  "': " + name_too_long(NameKind::kLabel, end - begin));
            if (end > begin)
              chunk.labels.push_back(chunk.label_names.id(text.substr(begin, end - begin)));
            begin = end + 1;
          }
          row.labels_count = static_cast<std::uint32_t>(chunk.labels.size()) - row.labels_begin;
        }
        chunk.rows.push_back(std::move(row));
      });
}

namespace {

NodeId resolve(const EndpointSpace& space, std::string_view text, bool is_end,
               RelationshipChunk& chunk, std::uint64_t line) {
  const char* which = is_end ? "end" : "start";
  if (text.empty()) row_error(line, std::string("empty ") + which + " id");
  std::uint64_t pos = kNoId;
  if (space.integer) {
    std::int64_t v;
    if (!parse_int64(text, &v)) {
      row_error(line, std::string("unknown ") + which + " id '" + std::string(text) + "' (" +
                          describe_space(space.name) + " holds integer ids)");
    }
    if (space.ints) pos = space.ints->find(v);
  } else if (space.strings) {
    auto it = space.strings->find(text);
    if (it != space.strings->end()) pos = it->second;
  }
  if (pos != kNoId) return space.first_node + pos;
  if (space.in_database) {
    chunk.unresolved.push_back(UnresolvedEnd{chunk.rows.size(), is_end, std::string(text), line});
    return kNoId;
  }
  row_error(line, std::string("unknown ") + which + " id '" + std::string(text) + "' in " +
                      describe_space(space.name));
}

}  // namespace

void parse_relationship_chunk(const RelationshipFileSpec& spec, RelationshipChunk& chunk,
                              std::atomic<std::uint64_t>& rows_done) {
  const ImportHeader& header = *spec.header;
  const std::size_t width = header.columns.size();
  chunk.local_types = header.type >= 0;
  reserve_large(chunk.rows, estimate_records(chunk.data));
  std::string scratch;
  for_each_record(
      chunk, spec.dialect, rows_done,
      [&](std::uint64_t line, const std::vector<std::string_view>& fields) {
        check_width(fields, width, line);
        RelationshipRow row;
        row.src = resolve(spec.start, fields[header.start], false, chunk, line);
        row.dst = resolve(spec.end, fields[header.end], true, chunk, line);
        if (header.type >= 0) {
          const std::string_view type = fields[header.type];
          if (type.size() > kMaxNameBytes) {
            row_error(line, "column '" + header.columns[header.type].spec +
                                "': " + name_too_long(NameKind::kType, type.size()));
          } else if (!type.empty()) {
            row.type = chunk.type_names.id(type);
          } else if (!spec.fallback_type.empty()) {
            row.type = chunk.type_names.id(spec.fallback_type);
          } else {
            row_error(line, "empty :TYPE field and no relationship type given for the group");
          }
        } else {
          row.type = spec.type;
        }
        row.properties_size = 0;
        if (!spec.properties.empty()) {
          scratch.clear();
          ByteWriter w(&scratch);
          std::uint64_t count = 0;
          for (const PropertyColumn& pc : spec.properties) {
            const std::string_view text = fields[pc.column];
            if (text.empty()) continue;
            w.varint(pc.key);
            encode_value(parse_column(header.columns[pc.column], text, spec.array_delimiter, line),
                         w);
            ++count;
          }
          if (count > 0) {
            const std::size_t before = chunk.properties.size();
            ByteWriter(&chunk.properties).varint(count);
            chunk.properties += scratch;
            row.properties_size = static_cast<std::uint32_t>(chunk.properties.size() - before);
          }
        }
        chunk.rows.push_back(row);
      });
}

}  // namespace guanxi::storage

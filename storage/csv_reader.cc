#include "storage/csv_reader.h"

#include <algorithm>
#include <cstring>

namespace guanxi::storage {

std::string_view CsvReader::quoted_field(bool* copied, std::size_t* scratch_begin) {
  const char* p = data_.data();
  const std::size_t n = data_.size();
  const char quote = dialect_.quote;
  ++pos_;  // opening quote
  std::size_t start = pos_;
  *copied = false;
  for (;;) {
    const void* hit = pos_ < n ? std::memchr(p + pos_, quote, n - pos_) : nullptr;
    if (!hit) throw CsvSyntaxError{record_line_, "unterminated quoted field"};
    const std::size_t q = static_cast<const char*>(hit) - p;
    line_ += static_cast<std::uint64_t>(std::count(p + pos_, p + q, '\n'));
    if (q + 1 < n && p[q + 1] == quote) {
      // A doubled quote stands for one quote: copy what we have so far.
      if (!*copied) {
        *copied = true;
        *scratch_begin = scratch_.size();
      }
      scratch_.append(p + start, q + 1 - start);
      pos_ = q + 2;
      start = pos_;
      continue;
    }
    pos_ = q + 1;  // past the closing quote
    if (*copied) {
      scratch_.append(p + start, q - start);
      return {};
    }
    return {p + start, q - start};
  }
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
  fields.clear();
  scratch_.clear();
  copied_.clear();
  const char* p = data_.data();
  const std::size_t n = data_.size();
  const char delim = dialect_.delimiter;
  // Blank lines carry no record.
  while (pos_ < n && (p[pos_] == '\n' || p[pos_] == '\r')) {
    if (p[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= n) return false;
  record_line_ = line_;
  for (;;) {
    if (pos_ < n && p[pos_] == dialect_.quote) {
      bool copied;
      std::size_t begin = 0;
      std::string_view v = quoted_field(&copied, &begin);
      if (copied) copied_.push_back({fields.size(), begin, scratch_.size() - begin});
      fields.push_back(v);
      if (pos_ < n && p[pos_] != delim && p[pos_] != '\n' && p[pos_] != '\r') {
        throw CsvSyntaxError{
            line_, std::string("unexpected character '") + p[pos_] + "' after a closing quote"};
      }
    } else {
      const std::size_t start = pos_;
      while (pos_ < n) {
        const char c = p[pos_];
        if (c == delim || c == '\n' || c == '\r') break;
        ++pos_;
      }
      fields.emplace_back(p + start, pos_ - start);
    }
    if (pos_ >= n) break;
    const char c = p[pos_++];
    if (c == delim) continue;
    if (c == '\r' && pos_ < n && p[pos_] == '\n') ++pos_;
    ++line_;
    break;
  }
  for (const Copied& c : copied_) fields[c.field] = {scratch_.data() + c.offset, c.size};
  return true;
}

std::vector<std::string_view> split_at_newlines(std::string_view data, unsigned parts) {
  std::vector<std::string_view> out;
  if (parts <= 1 || data.size() < parts) {
    out.push_back(data);
    return out;
  }
  std::size_t begin = 0;
  for (unsigned i = 1; i < parts && begin < data.size(); ++i) {
    std::size_t target = std::max(begin, data.size() * i / parts);
    const std::size_t nl = data.find('\n', target);
    if (nl == std::string_view::npos) break;
    out.push_back(data.substr(begin, nl + 1 - begin));
    begin = nl + 1;
  }
  if (begin < data.size()) out.push_back(data.substr(begin));
  return out;
}

}  // namespace guanxi::storage

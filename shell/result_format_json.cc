// The json and jsonl formats: each row is an object from column name to the
// value as JSON (shell/value_json.h). json writes one array per statement,
// a row per line; jsonl writes one object per line and nothing else.
#include <fmt/format.h>

#include "shell/result_format.h"
#include "shell/value_json.h"

namespace guanxi::shell {

namespace {

class JsonFormatter : public ResultFormatter {
 public:
  JsonFormatter(std::FILE* out, bool lines) : out_(out), lines_(lines) {}
  void begin(const std::vector<std::string>& columns) override {
    columns_ = columns;
    rows_ = 0;
  }
  void row(const Row& row) override {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < row.size() && i < columns_.size(); ++i)
      object[columns_[i]] = to_json(row[i]);
    const std::string text =
        object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    if (lines_) {
      fmt::print(out_, "{}\n", text);
    } else {
      fmt::print(out_, "{}{}", rows_ == 0 ? "[\n  " : ",\n  ", text);
    }
    ++rows_;
  }
  void end() override {
    if (!lines_ && !columns_.empty()) fmt::print(out_, "{}", rows_ == 0 ? "[]\n" : "\n]\n");
    std::fflush(out_);
  }

 private:
  std::FILE* out_;
  bool lines_;
  std::vector<std::string> columns_;
  std::size_t rows_ = 0;
};

}  // namespace

std::unique_ptr<ResultFormatter> make_json_formatter(std::FILE* out, bool lines) {
  return std::make_unique<JsonFormatter>(out, lines);
}

}  // namespace guanxi::shell

#include "exchange/value_text.h"

#include <charconv>
#include <cmath>

#include "storage/temporal.h"

namespace guanxi::exchange {

namespace {

std::string float_text(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof(buf), d);
  return std::string(buf, result.ptr);
}

}  // namespace

std::string plain_text(const query::Value& value) {
  switch (value.kind()) {
    case query::ValueKind::kNull: return "";
    case query::ValueKind::kBool: return value.as_bool() ? "true" : "false";
    case query::ValueKind::kInt: return std::to_string(value.as_int());
    case query::ValueKind::kFloat: return float_text(value.as_float());
    case query::ValueKind::kString: return value.as_string();
    case query::ValueKind::kDate: return storage::format_date(value.as_date());
    case query::ValueKind::kDateTime: return storage::format_datetime(value.as_datetime());
    case query::ValueKind::kDuration: return storage::format_duration(value.as_duration());
    case query::ValueKind::kLocalTime: return storage::format_local_time(value.as_local_time());
    case query::ValueKind::kTime: return storage::format_time(value.as_time());
    case query::ValueKind::kLocalDateTime:
      return storage::format_local_datetime(value.as_local_datetime());
    case query::ValueKind::kList:
    case query::ValueKind::kMap:
      return to_json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    default: return value.to_string();  // graph values never reach an export's cells
  }
}

nlohmann::json to_json(const query::Value& value) {
  switch (value.kind()) {
    case query::ValueKind::kNull: return nullptr;
    case query::ValueKind::kBool: return value.as_bool();
    case query::ValueKind::kInt: return value.as_int();
    case query::ValueKind::kFloat:
      if (!std::isfinite(value.as_float())) return nullptr;
      return value.as_float();
    case query::ValueKind::kString: return value.as_string();
    case query::ValueKind::kList: {
      nlohmann::json out = nlohmann::json::array();
      for (const query::Value& v : value.as_list()) out.push_back(to_json(v));
      return out;
    }
    case query::ValueKind::kMap: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& [k, v] : value.as_map()) out[k] = to_json(v);
      return out;
    }
    case query::ValueKind::kDate:
    case query::ValueKind::kDateTime:
    case query::ValueKind::kDuration:
    case query::ValueKind::kLocalTime:
    case query::ValueKind::kTime:
    case query::ValueKind::kLocalDateTime: return plain_text(value);
    default: return value.to_string();
  }
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += "\xEF\xBF\xBD";
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace guanxi::exchange

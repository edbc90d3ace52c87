#include "storage/import_header.h"

#include <gtest/gtest.h>

#include "storage/error.h"
#include "storage/temporal.h"

namespace guanxi::storage {
namespace {

ImportHeader parse(const std::vector<std::string_view>& fields,
                   HeaderKind kind = HeaderKind::kNodes) {
  return parse_import_header(fields, kind, "f.csv");
}

std::string header_error(const std::vector<std::string_view>& fields,
                         HeaderKind kind = HeaderKind::kNodes) {
  try {
    parse(fields, kind);
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kImport);
    return e.what();
  }
  return "no error";
}

TEST(ImportHeader, NodeRolesAndIdSpaces) {
  const ImportHeader h = parse({"id:ID(Person)", "name", ":LABEL", "skip:IGNORE"});
  ASSERT_EQ(h.columns.size(), 4u);
  EXPECT_EQ(h.id, 0);
  EXPECT_EQ(h.label, 2);
  EXPECT_EQ(h.columns[0].role, ColumnRole::kId);
  EXPECT_EQ(h.columns[0].name, "id");
  EXPECT_EQ(h.columns[0].id_space, "Person");
  EXPECT_EQ(h.columns[1].role, ColumnRole::kProperty);
  EXPECT_EQ(h.columns[1].name, "name");
  EXPECT_EQ(h.columns[1].type, FieldType::kString);
  EXPECT_EQ(h.columns[3].role, ColumnRole::kIgnore);

  const ImportHeader bare = parse({":ID", "x:int"});
  EXPECT_EQ(bare.columns[0].name, "");      // a bare :ID keeps no property
  EXPECT_EQ(bare.columns[0].id_space, "");  // and is in the global space
}

TEST(ImportHeader, RelationshipRolesInAnyCase) {
  const ImportHeader h =
      parse({":start_id(Person)", ":End_Id(Tag)", ":type", "w:FLOAT"}, HeaderKind::kRelationships);
  EXPECT_EQ(h.start, 0);
  EXPECT_EQ(h.end, 1);
  EXPECT_EQ(h.type, 2);
  EXPECT_EQ(h.columns[0].id_space, "Person");
  EXPECT_EQ(h.columns[1].id_space, "Tag");
  EXPECT_EQ(h.columns[3].type, FieldType::kFloat);
}

TEST(ImportHeader, EveryValueTypeAndArrays) {
  struct Case {
    const char* spec;
    FieldType type;
    bool array;
  };
  const Case cases[] = {
      {"a:int", FieldType::kInt, false},
      {"a:LONG", FieldType::kInt, false},
      {"a:short", FieldType::kInt, false},
      {"a:byte", FieldType::kInt, false},
      {"a:float", FieldType::kFloat, false},
      {"a:Double", FieldType::kFloat, false},
      {"a:boolean", FieldType::kBool, false},
      {"a:STRING", FieldType::kString, false},
      {"a:char", FieldType::kString, false},
      {"a:date", FieldType::kDate, false},
      {"a:DateTime", FieldType::kDateTime, false},
      {"a:localdatetime", FieldType::kLocalDateTime, false},
      {"a:localtime", FieldType::kLocalTime, false},
      {"a:TIME", FieldType::kTime, false},
      {"a:duration", FieldType::kDuration, false},
      {"a:string[]", FieldType::kString, true},
      {"a:INT[]", FieldType::kInt, true},
      {"a:date[]", FieldType::kDate, true},
  };
  for (const Case& c : cases) {
    const ImportHeader h = parse({c.spec});
    EXPECT_EQ(h.columns[0].type, c.type) << c.spec;
    EXPECT_EQ(h.columns[0].array, c.array) << c.spec;
    EXPECT_EQ(h.columns[0].name, "a") << c.spec;
  }
}

TEST(ImportHeader, BadHeadersNameFileLineOneAndTheColumn) {
  EXPECT_EQ(header_error({"id:ID", "loc:point"}),
            "f.csv:1: column 'loc:point' has unknown type 'point'");
  EXPECT_EQ(header_error({"x:strin[]"}), "f.csv:1: column 'x:strin[]' has unknown type 'strin[]'");
  EXPECT_EQ(header_error({":int"}), "f.csv:1: column ':int' has no property name");
  EXPECT_EQ(header_error({"a:ID", "b:ID"}), "f.csv:1: column 'b:ID' repeats 'a:ID'");
  EXPECT_EQ(header_error({"name", "name:int"}), "f.csv:1: property 'name' appears in two columns");
  EXPECT_EQ(header_error({":START_ID", ":END_ID"}),
            "f.csv:1: column ':START_ID' does not belong in a nodes file");
  EXPECT_EQ(header_error({":START_ID", ":END_ID", ":LABEL"}, HeaderKind::kRelationships),
            "f.csv:1: column ':LABEL' does not belong in a relationships file");
  EXPECT_EQ(header_error({":START_ID", "w:int"}, HeaderKind::kRelationships),
            "f.csv:1: a relationships file needs :START_ID and :END_ID columns");
  EXPECT_EQ(header_error({"a:int(X)"}),
            "f.csv:1: column 'a:int(X)': only ID, START_ID and END_ID take an ID space");
  EXPECT_EQ(header_error({"a:ID(X"}), "f.csv:1: column 'a:ID(X': missing ')'");
}

Column column(FieldType type, bool array = false) {
  Column c;
  c.type = type;
  c.array = array;
  return c;
}

std::string field_error(const Column& c, std::string_view text) {
  try {
    parse_field(c, text, ';');
  } catch (const FieldError& e) {
    return e.reason;
  }
  return "no error";
}

TEST(ImportField, ConvertsEveryType) {
  EXPECT_EQ(parse_field(column(FieldType::kInt), " -42 ", ';'), Value(-42));
  EXPECT_EQ(parse_field(column(FieldType::kInt), "9223372036854775807", ';'),
            Value(std::int64_t{9223372036854775807}));
  EXPECT_EQ(parse_field(column(FieldType::kFloat), "2.5", ';'), Value(2.5));
  EXPECT_EQ(parse_field(column(FieldType::kFloat), "1e3", ';'), Value(1000.0));
  EXPECT_EQ(parse_field(column(FieldType::kBool), "TRUE", ';'), Value(true));
  EXPECT_EQ(parse_field(column(FieldType::kBool), "false", ';'), Value(false));
  EXPECT_EQ(parse_field(column(FieldType::kString), " keep spaces ", ';'), Value(" keep spaces "));
  EXPECT_EQ(parse_field(column(FieldType::kDate), "2024-02-29", ';'),
            Value(*parse_date("2024-02-29")));
  // The offset and the zone are kept as written.
  EXPECT_EQ(parse_field(column(FieldType::kDateTime), "2024-01-31T12:30:00+02:00", ';'),
            Value(DateTime{days_from_civil(2024, 1, 31) * kSecondsPerDay + 10 * 3600 + 30 * 60, 0,
                           7200, 0}));
  EXPECT_EQ(parse_field(column(FieldType::kDuration), "P1M2DT3S", ';'),
            Value(Duration{1, 2, 3, 0}));
  EXPECT_EQ(parse_field(column(FieldType::kLocalTime), "12:30:00.5", ';'),
            Value(LocalTime{(12 * 3600 + 30 * 60) * kNanosPerSecond + 500'000'000}));
  EXPECT_EQ(parse_field(column(FieldType::kTime), "12:30-01:00", ';'),
            Value(Time{(12 * 3600 + 30 * 60) * kNanosPerSecond, -3600}));
  EXPECT_EQ(parse_field(column(FieldType::kLocalDateTime), "1970-01-02T00:00:01", ';'),
            Value(LocalDateTime{86'401, 0}));
  EXPECT_EQ(parse_field(column(FieldType::kInt, true), "1;2;3", ';'), Value(List{1, 2, 3}));
  EXPECT_EQ(parse_field(column(FieldType::kString, true), "a;;b", ';'), Value(List{"a", "", "b"}));
  EXPECT_EQ(parse_field(column(FieldType::kBool, true), "true", ';'), Value(List{true}));
}

TEST(ImportField, RejectsBadText) {
  EXPECT_EQ(field_error(column(FieldType::kInt), "abc"), "'abc' is not an integer");
  EXPECT_EQ(field_error(column(FieldType::kInt), "1.5"), "'1.5' is not an integer");
  EXPECT_EQ(field_error(column(FieldType::kInt), "9223372036854775808"),
            "integer '9223372036854775808' is out of range");
  EXPECT_EQ(field_error(column(FieldType::kFloat), "1.2.3"), "'1.2.3' is not a number");
  EXPECT_EQ(field_error(column(FieldType::kBool), "yes"), "'yes' is not a boolean (true or false)");
  EXPECT_EQ(field_error(column(FieldType::kDate), "2023-02-29"),
            "'2023-02-29' is not a date (YYYY-MM-DD)");
  EXPECT_EQ(field_error(column(FieldType::kDateTime), "noon"), "'noon' is not a datetime");
  EXPECT_EQ(field_error(column(FieldType::kDuration), "1 day"), "'1 day' is not a duration");
  EXPECT_EQ(field_error(column(FieldType::kInt, true), "1;;2"), "empty array element");
  EXPECT_EQ(field_error(column(FieldType::kInt, true), "1;x"), "'x' is not an integer");
}

bool looks_like_data(const std::vector<std::string>& header,
                     const std::vector<std::string_view>& row) {
  return header_looks_like_data(header, row);
}

TEST(HeaderLooksLikeData, RowsOfDataAboveData) {
  // Numbers, dates and fields shaped like the ones below.
  EXPECT_TRUE(looks_like_data({"C001", "Ann", "Shanghai", "2021-03-04", "1234.5"},
                              {"C002", "Bo", "Beijing", "2022-05-06", "99"}));
  EXPECT_TRUE(looks_like_data({"1", "2"}, {"3", "4"}));
  EXPECT_TRUE(looks_like_data({"张伟", "138-0000-0001"}, {"李娜", "139-1111-2222"}));
  EXPECT_TRUE(looks_like_data({"ann@example.com", "x"}, {"bo@example.org", "y"}));
}

TEST(HeaderLooksLikeData, RealHeaders) {
  EXPECT_FALSE(looks_like_data({"customer_id", "name", "signup"}, {"C001", "Ann", "2021-03-04"}));
  // Plain words above plain words: could be either, so no warning.
  EXPECT_FALSE(looks_like_data({"segment", "tier"}, {"retail", "gold"}));
  EXPECT_FALSE(looks_like_data({"姓名", "城市"}, {"张伟", "上海"}));
  // A type or role makes it a header.
  EXPECT_FALSE(looks_like_data({"C001:ID", "2021-03-04"}, {"C002", "2022-05-06"}));
  EXPECT_FALSE(looks_like_data({"id", "1"}, {"2", "3"}));
  EXPECT_FALSE(looks_like_data({"LABEL", "1"}, {"Person", "3"}));
  // A field shaped unlike the one below.
  EXPECT_FALSE(looks_like_data({"C001", "phone"}, {"C002", "138-0000-0001"}));
  // Nothing to compare with.
  EXPECT_FALSE(looks_like_data({"C001", "Ann"}, {"C002"}));
}

}  // namespace
}  // namespace guanxi::storage

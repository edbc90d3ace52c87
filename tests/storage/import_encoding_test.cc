// Bulk import of input that is not plain UTF-8: byte-order marks, GBK,
// GB18030 and UTF-16 files, and bytes invalid in their encoding, which stop
// the import at file:line and change nothing.
#include "storage/import_encoding.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include "storage/bulk_import.h"
#include "storage/error.h"
#include "tests/storage/import_input_files.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

using test_support::InputFiles;
using test_support::node_by_id;
using test_support::properties_of;
using test_support::TempGraph;

// `utf8` converted to `encoding` with iconv, as another program would write it.
std::string encode(const std::string& utf8, const char* encoding) {
  iconv_t cd = iconv_open(encoding, "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));  // NOLINT(performance-no-int-to-ptr)
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* dst = out.data();
  std::size_t out_left = out.size();
  EXPECT_NE(iconv(cd, &in, &in_left, &dst, &out_left), static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

const std::string kCustomers =
    "customer_id:ID(Customer),name,city\n"
    "C001,张伟,上海\n"
    "C002,李娜,北京\n";

std::string name_of(Graph& graph, const std::string& id) {
  auto txn = graph.read();
  const NodeId node = node_by_id(graph, txn, "Customer", Value(id));
  EXPECT_NE(node, kNoId) << "no customer " << id;
  const auto props = properties_of(graph, txn, node);
  const auto it = props.find("name");
  return it == props.end() ? "" : it->second.as_string();
}

std::string import_error(Graph& graph, const std::filesystem::path& file,
                         const ImportOptions& options = {}) {
  try {
    bulk_import(graph, {{"Customer", {file}}}, {}, options);
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kImport);
    return e.what();
  }
  ADD_FAILURE() << "expected an error";
  return "";
}

TEST(ImportEncoding, Utf8ByteOrderMarkIsSkipped) {
  InputFiles files;
  TempGraph graph;
  bulk_import(*graph, {{"Customer", {files.write("customers.csv", "\xEF\xBB\xBF" + kCustomers)}}},
              {});
  auto txn = graph->read();
  // The first column's name has no U+FEFF in front.
  EXPECT_TRUE(graph->dictionary().find(txn, NameKind::kPropertyKey, "customer_id"));
  EXPECT_FALSE(graph->dictionary().find(txn, NameKind::kPropertyKey,
                                        "\xEF\xBB\xBF"
                                        "customer_id"));
  const NodeId node = node_by_id(*graph, txn, "Customer", Value("C001"));
  ASSERT_NE(node, kNoId);
  EXPECT_EQ(properties_of(*graph, txn, node).at("customer_id").as_string(), "C001");
  EXPECT_EQ(properties_of(*graph, txn, node).at("name").as_string(), "张伟");
}

TEST(ImportEncoding, ByteOrderMarksInHeaderAndDataFilesOfAGroup) {
  InputFiles files;
  TempGraph graph;
  ImportGroup group{"Customer",
                    {files.write("part1.csv",
                                 "\xEF\xBB\xBF"
                                 "C001,Ann\n"),
                     files.write("part2.csv",
                                 "\xEF\xBB\xBF"
                                 "C002,Bo\n")},
                    files.write("header.csv",
                                "\xEF\xBB\xBF"
                                "id:ID(Customer),name\n")};
  EXPECT_EQ(bulk_import(*graph, {group}, {}).nodes, 2u);
  auto txn = graph->read();
  EXPECT_NE(node_by_id(*graph, txn, "Customer", Value("C001")), kNoId);
  EXPECT_NE(node_by_id(*graph, txn, "Customer", Value("C002")), kNoId);
}

TEST(ImportEncoding, GbkFileIsConverted) {
  InputFiles files;
  TempGraph graph;
  const std::string gbk = encode(kCustomers, "GBK");
  ASSERT_NE(gbk, kCustomers);
  ImportOptions options;
  options.encoding = TextEncoding::kGbk;
  bulk_import(*graph, {{"Customer", {files.write("customers.csv", gbk)}}}, {}, options);
  EXPECT_EQ(name_of(*graph, "C001"), "张伟");
  EXPECT_EQ(name_of(*graph, "C002"), "李娜");
  auto txn = graph->read();
  EXPECT_EQ(
      properties_of(*graph, txn, node_by_id(*graph, txn, "Customer", Value("C002"))).at("city"),
      Value("北京"));
}

TEST(ImportEncoding, GbkFileReadAsUtf8IsALocatedError) {
  InputFiles files;
  TempGraph graph;
  const auto path = files.write("customers.csv", encode(kCustomers, "GBK"));
  const std::string message = import_error(*graph, path);
  EXPECT_EQ(message.rfind(path.string() + ":2: byte 0x", 0), 0u) << message;
  EXPECT_NE(message.find("is not valid UTF-8"), std::string::npos) << message;
  EXPECT_NE(message.find("gbk"), std::string::npos) << message;
  auto txn = graph->read();
  EXPECT_EQ(graph->counters().node_count(txn), 0u);
}

TEST(ImportEncoding, Gb18030FileWithCharactersBeyondGbk) {
  InputFiles files;
  TempGraph graph;
  // U+20000 (𠀀) has a four-byte GB18030 form and none in GBK.
  const std::string text = "id:ID(Customer),name\nC001,𠀀王\n";
  ImportOptions options;
  options.encoding = TextEncoding::kGb18030;
  bulk_import(*graph, {{"Customer", {files.write("c.csv", encode(text, "GB18030"))}}}, {}, options);
  EXPECT_EQ(name_of(*graph, "C001"), "𠀀王");
}

TEST(ImportEncoding, Utf16ByteOrderMarkSelectsUtf16) {
  InputFiles files;
  TempGraph graph;
  // No encoding given: the marks decide, little- and big-endian.
  const auto le = files.write("le.csv", "\xFF\xFE" + encode(kCustomers, "UTF-16LE"));
  const auto be = files.write("be.csv", "\xFE\xFF" + encode("customer_id:ID(Customer),name,city\r\n"
                                                            "C003,王芳,广州\r\n",
                                                            "UTF-16BE"));
  EXPECT_EQ(bulk_import(*graph, {{"Customer", {le, be}}}, {}).nodes, 3u);
  EXPECT_EQ(name_of(*graph, "C001"), "张伟");
  EXPECT_EQ(name_of(*graph, "C003"), "王芳");
}

TEST(ImportEncoding, Utf16WithoutMarkIsLittleEndian) {
  InputFiles files;
  TempGraph graph;
  ImportOptions options;
  options.encoding = TextEncoding::kUtf16;
  bulk_import(*graph, {{"Customer", {files.write("c.csv", encode(kCustomers, "UTF-16LE"))}}}, {},
              options);
  EXPECT_EQ(name_of(*graph, "C002"), "李娜");
}

TEST(ImportEncoding, InvalidUtf8NamesItsLineAndChangesNothing) {
  InputFiles files;
  TempGraph graph;
  bulk_import(*graph, {{"Customer", {files.write("first.csv", kCustomers)}}}, {});
  const auto path = files.write("bad.csv",
                                "customer_id:ID(Customer),name\n"
                                "C010,fine\n"
                                "C011,\"two\nlines\"\n"
                                "C012,bad \xC3\x28 byte\n");
  EXPECT_EQ(import_error(*graph, path),
            path.string() +
                ":5: byte 0xC3 is not valid UTF-8 (for a file in another encoding, name it: "
                "gbk, gb18030 or utf-16)");
  auto txn = graph->read();
  EXPECT_EQ(graph->counters().node_count(txn), 2u);
  EXPECT_EQ(node_by_id(*graph, txn, "Customer", Value("C010")), kNoId);
}

TEST(ImportEncoding, InvalidGbkNamesItsLine) {
  InputFiles files;
  TempGraph graph;
  ImportOptions options;
  options.encoding = TextEncoding::kGbk;
  // 0x81 starts a two-byte character; 0x0A cannot end one.
  const auto path = files.write("bad.csv", "id:ID(Customer),name\nC001,ok\nC002,\x81\n");
  const std::string message = import_error(*graph, path, options);
  EXPECT_EQ(message.rfind(path.string() + ":3: ", 0), 0u) << message;
  EXPECT_NE(message.find("GBK"), std::string::npos) << message;
}

TEST(ImportEncoding, FindInvalidUtf8) {
  EXPECT_EQ(find_invalid_utf8("plain ascii, long enough for the fast path"),
            std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("张伟 é 𠀀"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("ab\xC0\x80"), 2u);           // overlong NUL
  EXPECT_EQ(find_invalid_utf8("abc\xE0\x80\xAF"), 3u);      // overlong '/'
  EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0u);         // a surrogate
  EXPECT_EQ(find_invalid_utf8("x\xF4\x90\x80\x80"), 1u);    // past U+10FFFF
  EXPECT_EQ(find_invalid_utf8("0123456789\xE5\xBC"), 10u);  // cut short
  EXPECT_EQ(find_invalid_utf8("\xFF"), 0u);
  EXPECT_EQ(find_invalid_utf8("abcdefgh\x80"), 8u);  // a lone continuation byte
}

}  // namespace
}  // namespace guanxi::storage

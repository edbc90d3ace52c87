#include "query/parser/parser.h"

#include <fmt/format.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "GuanxiLexer.h"
#include "GuanxiParser.h"
#include "antlr4-runtime.h"
#include "query/parser/ast_builder.h"
#include "query/parser/syntax_errors.h"

namespace guanxi::query::parser {

namespace {

using guanxi_antlr::GuanxiLexer;
using guanxi_antlr::GuanxiParser;

// The parser's recursion is bounded by the token scan below; this is a second
// guard against running out of stack, should some construct recurse without
// brackets. 200 levels of nesting need well under 1 MiB (ASan included).
constexpr std::uintptr_t kParserStackBudget = 3u << 20;

class GuardedParser : public GuanxiParser {
 public:
  GuardedParser(antlr4::TokenStream* input, std::string_view text)
      : GuanxiParser(input),
        text_(text),
        stack_base_(reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0))) {}

  void enterRule(antlr4::ParserRuleContext* localctx, size_t state, size_t rule_index) override {
    auto here = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
    if (here < stack_base_ && stack_base_ - here > kParserStackBudget) {
      throw QueryError(
          QueryErrorCode::kLimit, "Query nested too deeply to parse",
          TextPosition{static_cast<std::uint32_t>(getCurrentToken()->getLine()),
                       static_cast<std::uint32_t>(getCurrentToken()->getCharPositionInLine() + 1)},
          text_);
    }
    GuanxiParser::enterRule(localctx, state, rule_index);
  }

 private:
  std::string_view text_;
  std::uintptr_t stack_base_;
};

TextPosition position_of(const antlr4::Token* token) {
  return {static_cast<std::uint32_t>(token->getLine()),
          static_cast<std::uint32_t>(token->getCharPositionInLine() + 1)};
}

// The keyword type of an identifier spelled `name`, case ignored, or 0. The
// grammar declares its keywords as token types without lexer rules, named
// by their spelling upper-cased (with a trailing '_' where that is a C++
// name); no other token's name is all capitals. `vocabulary` is the
// parser's: the lexer's has no keywords.
std::size_t keyword_type(const antlr4::dfa::Vocabulary& vocabulary, std::string_view name) {
  struct Keywords {
    std::unordered_map<std::string, std::size_t> types;
    std::size_t longest = 0;
  };
  static const Keywords* const keywords = [&vocabulary] {
    auto* made = new Keywords;
    for (std::size_t type = 1; type <= vocabulary.getMaxTokenType(); ++type) {
      std::string spelling = vocabulary.getSymbolicName(type);
      if (!spelling.empty() && spelling.back() == '_') spelling.pop_back();
      if (spelling.empty() || !std::all_of(spelling.begin(), spelling.end(),
                                           [](char c) { return c >= 'A' && c <= 'Z'; }))
        continue;
      made->longest = std::max(made->longest, spelling.size());
      made->types.emplace(std::move(spelling), type);
    }
    return made;
  }();
  if (name.size() > keywords->longest) return 0;
  std::string upper(name);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    } else if (c < 'A' || c > 'Z') {
      return 0;
    }
  }
  const auto it = keywords->types.find(upper);
  return it == keywords->types.end() ? 0 : it->second;
}

// The grammar lexes a name as a run of ASCII letters, digits and '_' and of
// any other character but the Unicode spaces; which of those are letters
// and numbers (a letter or '_' first, then letters, numbers and '_', as
// openCypher says) is decided here, as each name is lexed, so the first
// bad character is reported where the lexer would have reported it. Why:
// the lexer's own tables for \p{L} and \p{N}, hundreds of ranges read when
// the library loads, took 2.6 ms of the 21 ms a `guanxi DB -c 'RETURN 1'`
// process took (perf stat, median of 20). It also gives a name spelled like
// a keyword its keyword's type (keyword_type).
class NameCheckingLexer : public GuanxiLexer {
 public:
  // `keywords`: the parser's vocabulary, which holds the keywords' types.
  NameCheckingLexer(antlr4::CharStream* input, std::string_view text,
                    const antlr4::dfa::Vocabulary& keywords)
      : GuanxiLexer(input), text_(text), keywords_(&keywords) {}

  std::unique_ptr<antlr4::Token> nextToken() override {
    std::unique_ptr<antlr4::Token> lexed = GuanxiLexer::nextToken();
    const size_t kind = lexed->getType();
    if (kind == GuanxiLexer::Identifier) {
      if (const std::size_t keyword = keyword_type(*keywords_, lexed->getText())) {
        // Every token the lexer makes is a CommonToken (its default factory).
        static_cast<antlr4::CommonToken&>(*lexed).setType(keyword);
        return lexed;
      }
      check(*lexed, 0);
    }
    // $name; $0 and $`quoted` hold no name characters to check.
    if (kind == GuanxiLexer::Parameter) {
      const std::string spelled = lexed->getText();
      if (spelled.size() > 1 && spelled[1] != '`' && (spelled[1] < '0' || spelled[1] > '9'))
        check(*lexed, 1);
    }
    return lexed;
  }

 private:
  // Checks the name in `name_token` from its code point `from` on.
  void check(const antlr4::Token& name_token, std::size_t from) const {
    const std::string name = name_token.getText();
    std::size_t index = 0;  // code points
    for (std::size_t i = 0; i < name.size(); ++index) {
      utf8proc_int32_t c = 0;
      const utf8proc_ssize_t length =
          utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(name.data() + i),
                           static_cast<utf8proc_ssize_t>(name.size() - i), &c);
      if (length <= 0) return;  // the text was checked as UTF-8 before lexing
      if (index >= from && !name_character(c, index == from)) {
        throw QueryError(QueryErrorCode::kSyntax,
                         "Invalid input '" + name.substr(i, static_cast<std::size_t>(length)) + "'",
                         TextPosition{static_cast<std::uint32_t>(name_token.getLine()),
                                      static_cast<std::uint32_t>(
                                          name_token.getCharPositionInLine() + 1 + index)},
                         text_);
      }
      i += static_cast<std::size_t>(length);
    }
  }

  static bool name_character(utf8proc_int32_t c, bool first) {
    if (c < 0x80) {
      return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
             (!first && c >= '0' && c <= '9');
    }
    switch (utf8proc_category(c)) {
      case UTF8PROC_CATEGORY_LU:
      case UTF8PROC_CATEGORY_LL:
      case UTF8PROC_CATEGORY_LT:
      case UTF8PROC_CATEGORY_LM:
      case UTF8PROC_CATEGORY_LO: return true;
      case UTF8PROC_CATEGORY_ND:
      case UTF8PROC_CATEGORY_NL:
      case UTF8PROC_CATEGORY_NO: return !first;
      default: return false;
    }
  }

  std::string_view text_;
  const antlr4::dfa::Vocabulary* keywords_;
};

// The length of the UTF-8 sequence starting at text[i] (RFC 3629: no
// overlong forms, no surrogates, nothing past U+10FFFF), or 0 when invalid.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = at(0);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size() || at(1) < low || at(1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if ((at(k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

// Throws kSyntax at the first byte that is not valid UTF-8: ANTLR's input
// stream would otherwise fail without saying where (std::range_error from its
// UTF-8 decoder, for overlong forms and surrogates too).
void check_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text, i);
    const bool valid = length > 0;
    if (!valid) {
      TextPosition pos{1, 1};
      for (std::size_t k = 0; k < i; ++k) {
        if (text[k] == '\n') {
          ++pos.line;
          pos.column = 1;
        } else if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) {
          ++pos.column;
        }
      }
      throw QueryError(QueryErrorCode::kSyntax, "Invalid UTF-8 in query text", pos, text);
    }
    i += length;
  }
}

struct BracketTokens {
  std::vector<bool> opens, closes;
};

const BracketTokens& bracket_tokens(const antlr4::dfa::Vocabulary& vocabulary) {
  static const BracketTokens brackets = [&vocabulary] {
    BracketTokens b;
    const size_t count = vocabulary.getMaxTokenType() + 1;
    b.opens.assign(count, false);
    b.closes.assign(count, false);
    for (size_t type = 0; type < count; ++type) {
      const std::string literal = vocabulary.getLiteralName(type);
      b.opens[type] = literal == "'('" || literal == "'['" || literal == "'{'";
      b.closes[type] = literal == "')'" || literal == "']'" || literal == "'}'";
    }
    return b;
  }();
  return brackets;
}

// Scans the tokens before parsing: an unterminated comment is reported as
// such, and nesting beyond kMaxNestingDepth (brackets and CASE ... END, the
// only ways the grammar recurses) is refused before the recursive-descent
// parser could exhaust the stack.
void check_tokens(const std::vector<antlr4::Token*>& tokens,
                  const antlr4::dfa::Vocabulary& vocabulary, std::string_view text) {
  const BracketTokens& brackets = bracket_tokens(vocabulary);
  int depth = 0;
  auto type_at = [&tokens](std::size_t i) {
    return i < tokens.size() ? tokens[i]->getType() : antlr4::Token::EOF;
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const size_t type = tokens[i]->getType();
    if (type == GuanxiLexer::UnterminatedComment) {
      throw QueryError(QueryErrorCode::kSyntax, "Unterminated comment: no closing */",
                       position_of(tokens[i]), text);
    }
    bool opens = type < brackets.opens.size() && brackets.opens[type];
    bool closes = type < brackets.closes.size() && brackets.closes[type];
    if (type == GuanxiParser::CASE || type == GuanxiParser::END) {
      // CASE and END are also allowed as names: n.end, {case: 1}.
      const std::string previous =
          i > 0 ? vocabulary.getLiteralName(tokens[i - 1]->getType()) : std::string();
      const std::string next = vocabulary.getLiteralName(type_at(i + 1));
      const bool is_name = previous == "'.'" || next == "':'" || next == "'.'";
      opens = !is_name && type == GuanxiParser::CASE;
      closes = !is_name && type == GuanxiParser::END;
    }
    if (opens && ++depth > kMaxNestingDepth) {
      throw QueryError(
          QueryErrorCode::kLimit,
          fmt::format("Query nested too deeply: more than {} levels", kMaxNestingDepth),
          position_of(tokens[i]), text);
    }
    if (closes && depth > 0) --depth;
  }
}

}  // namespace

void load_grammar() {
  static std::once_flag loaded;
  std::call_once(loaded, [] {
    const GuanxiLexer::Initializer lexer_tables;
    const GuanxiParser::Initializer parser_tables;
  });
}

ast::Statement parse_statement(std::string_view text) {
  load_grammar();
  if (text.size() > kMaxQueryBytes) {
    throw QueryError(
        QueryErrorCode::kLimit,
        fmt::format("Query too long: {} bytes, at most {} allowed", text.size(), kMaxQueryBytes));
  }
  check_utf8(text);
  antlr4::ANTLRInputStream input(text.data(), text.size());
  // The parser is made first, for its vocabulary: the lexer gives keywords
  // their types from it. Making it reads no token.
  antlr4::CommonTokenStream tokens(nullptr);
  GuardedParser parser(&tokens, text);
  NameCheckingLexer lexer(&input, text, parser.getVocabulary());
  LexerErrorThrower lexer_errors(text);
  lexer.removeErrorListeners();
  lexer.addErrorListener(&lexer_errors);
  tokens.setTokenSource(&lexer);
  tokens.fill();
  check_tokens(tokens.getTokens(), parser.getVocabulary(), text);

  parser.removeErrorListeners();
  auto* simulator = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  GuanxiParser::StatementContext* tree = nullptr;
  // SLL prediction first: faster, and right for every valid statement it
  // accepts. Only when it fails does full LL decide (and report the error).
  simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  try {
    tree = parser.statement();
  } catch (const antlr4::ParseCancellationException&) {
    parser.reset();
    simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser.setErrorHandler(std::make_shared<SyntaxErrorThrower>(text));
    tree = parser.statement();
  }
  AstBuilder builder(text, input);
  ast::Statement statement = builder.build(tree);
  // SHOW PROCEDURES and SHOW FUNCTIONS are the listing procedures' rows, so
  // that both forms answer alike and YIELD ... WHERE works on the CALL form.
  if (statement.kind == ast::StatementKind::kShowProcedures ||
      statement.kind == ast::StatementKind::kShowFunctions) {
    const bool procedures = statement.kind == ast::StatementKind::kShowProcedures;
    ast::Statement call =
        parse_statement(procedures ? "CALL dbms.procedures()" : "CALL dbms.functions()");
    call.mode = statement.mode;
    call.text = std::move(statement.text);
    return call;
  }
  return statement;
}

}  // namespace guanxi::query::parser

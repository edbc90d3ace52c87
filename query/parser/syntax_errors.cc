#include "query/parser/syntax_errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "GuanxiLexer.h"
#include "GuanxiParser.h"
#include "antlr4-runtime.h"
#include "query/query_error.h"

namespace guanxi::query::parser {

namespace {

using antlr4::misc::IntervalSet;
using guanxi_antlr::GuanxiParser;

constexpr std::size_t kMaxShownTokenLength = 40;

TextPosition position_of(const antlr4::Token* token) {
  return {static_cast<std::uint32_t>(token->getLine()),
          static_cast<std::uint32_t>(token->getCharPositionInLine() + 1)};
}

std::string shown_text(std::string text) {
  if (text.size() > kMaxShownTokenLength) {
    // Cut on a UTF-8 character boundary.
    std::size_t cut = kMaxShownTokenLength;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return text;
}

// Sets of tokens shown under one name when all of them are expected: the
// first tokens of an expression, of a name that may be a keyword (a label or
// property key), and of an identifier.
struct TokenGroups {
  IntervalSet expression;
  IntervalSet operand;  // what may follow a binary operator
  IntervalSet schema_name;
  IntervalSet symbolic_name;
};

const TokenGroups& token_groups(const antlr4::atn::ATN& atn) {
  static const TokenGroups groups = [&atn] {
    auto first = [&atn](size_t rule) {
      IntervalSet set = atn.nextTokens(atn.ruleToStartState[rule]);
      set.remove(antlr4::Token::EPSILON);
      return set;
    };
    return TokenGroups{first(GuanxiParser::RuleExpression),
                       first(GuanxiParser::RuleUnaryExpression),
                       first(GuanxiParser::RuleSchemaName), first(GuanxiParser::RuleSymbolicName)};
  }();
  return groups;
}

bool includes(const IntervalSet& set, const IntervalSet& subset) {
  return subset.subtract(set).isEmpty();
}

// How a token type is named in "expected ..." and its rank in the list:
// keywords, then kinds of thing, then punctuation, then end of input.
std::pair<int, std::string> expected_name(const antlr4::dfa::Vocabulary& vocabulary, ssize_t type) {
  if (type == static_cast<ssize_t>(antlr4::Token::EOF)) return {3, "end of input"};
  switch (type) {
    case GuanxiParser::Identifier:
    case GuanxiParser::EscapedIdentifier: return {1, "an identifier"};
    case GuanxiParser::DecimalInteger:
    case GuanxiParser::HexInteger:
    case GuanxiParser::OctalInteger:
    case GuanxiParser::FloatLiteral: return {1, "a number"};
    case GuanxiParser::StringLiteral: return {1, "a string"};
    case GuanxiParser::Parameter: return {1, "a parameter"};
    case GuanxiParser::SHORTESTPATH: return {0, "shortestPath"};
    case GuanxiParser::ALLSHORTESTPATHS: return {0, "allShortestPaths"};
    default: break;
  }
  std::string literal = vocabulary.getLiteralName(static_cast<size_t>(type));
  if (!literal.empty()) return {2, literal};
  std::string keyword = vocabulary.getSymbolicName(static_cast<size_t>(type));
  if (!keyword.empty() && keyword.back() == '_') keyword.pop_back();  // NULL_, SKIP_, ...
  return {0, keyword};
}

std::string describe_expected(const antlr4::Parser& parser, IntervalSet expected) {
  expected.remove(antlr4::Token::EPSILON);
  std::vector<std::pair<int, std::string>> names;
  const TokenGroups& groups = token_groups(parser.getATN());
  for (const auto& [group, name] :
       {std::pair{&groups.expression, "an expression"}, std::pair{&groups.operand, "an expression"},
        std::pair{&groups.schema_name, "a name"},
        std::pair{&groups.symbolic_name, "an identifier"}}) {
    if (!group->isEmpty() && includes(expected, *group)) {
      names.emplace_back(1, name);
      expected = expected.subtract(*group);
    }
  }
  for (ssize_t type : expected.toList()) {
    names.push_back(expected_name(parser.getVocabulary(), type));
  }
  // Stable: keywords keep the grammar's order, which lists clauses first.
  std::stable_sort(names.begin(), names.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> unique;
  for (auto& entry : names) {
    if (std::find(unique.begin(), unique.end(), entry.second) == unique.end()) {
      unique.push_back(std::move(entry.second));
    }
  }
  std::string out;
  for (std::size_t i = 0; i < unique.size(); ++i) {
    if (i > 0) out += i + 1 == unique.size() ? " or " : ", ";
    out += unique[i];
  }
  return out;
}

}  // namespace

void LexerErrorThrower::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token*, size_t line,
                                    size_t char_position_in_line, const std::string&,
                                    std::exception_ptr) {
  TextPosition pos{static_cast<std::uint32_t>(line),
                   static_cast<std::uint32_t>(char_position_in_line + 1)};
  std::string first;
  if (auto* lexer = dynamic_cast<antlr4::Lexer*>(recognizer)) {
    size_t start = lexer->tokenStartCharIndex;
    if (start < lexer->_input->size()) {
      first = lexer->_input->getText(antlr4::misc::Interval(start, start));
    }
  }
  std::string message;
  if (first == "'" || first == "\"") {
    message = "Unterminated string literal: no closing " + first;
  } else if (first == "`") {
    message = "Unterminated quoted name: no closing `";
  } else if (first == "$") {
    message = "Invalid parameter: expected a name or a number after '$'";
  } else {
    message = "Invalid input '" + first + "'";
  }
  throw QueryError(QueryErrorCode::kSyntax, message, pos, text_);
}

void SyntaxErrorThrower::record_expected(antlr4::Parser* recognizer) {
  size_t index = recognizer->getCurrentToken()->getTokenIndex();
  const antlr4::atn::ATN& atn = recognizer->getATN();
  const IntervalSet& next = atn.nextTokens(atn.states[recognizer->getState()]);
  if (index > furthest_token_ || furthest_expected_.isEmpty()) {
    furthest_token_ = index;
    furthest_expected_ = next;
  } else if (index == furthest_token_) {
    furthest_expected_.addAll(next);
  }
}

void SyntaxErrorThrower::fail(antlr4::Parser* recognizer, antlr4::Token* offending,
                              const IntervalSet& expected_here) {
  IntervalSet expected = expected_here;
  if (offending->getTokenIndex() == furthest_token_) expected.addAll(furthest_expected_);
  std::string found = offending->getType() == antlr4::Token::EOF
                          ? "Unexpected end of input"
                          : "Invalid input '" + shown_text(offending->getText()) + "'";
  std::string wanted = describe_expected(*recognizer, std::move(expected));
  std::string message = wanted.empty() ? found : found + ": expected " + wanted;
  throw QueryError(QueryErrorCode::kSyntax, message, position_of(offending), text_);
}

void SyntaxErrorThrower::sync(antlr4::Parser* recognizer) {
  record_expected(recognizer);
  DefaultErrorStrategy::sync(recognizer);
}

void SyntaxErrorThrower::reportError(antlr4::Parser* recognizer,
                                     const antlr4::RecognitionException& e) {
  antlr4::Token* offending = e.getOffendingToken();
  if (offending == nullptr) offending = recognizer->getCurrentToken();
  if (const auto* no_viable = dynamic_cast<const antlr4::NoViableAltException*>(&e)) {
    // Prediction may have failed several tokens after the decision: what the
    // decision expected is then no help at the offending token.
    if (no_viable->getStartToken() != offending) fail(recognizer, offending, IntervalSet());
  }
  fail(recognizer, offending, e.getExpectedTokens());
}

antlr4::Token* SyntaxErrorThrower::recoverInline(antlr4::Parser* recognizer) {
  fail(recognizer, recognizer->getCurrentToken(), recognizer->getExpectedTokens());
}

void SyntaxErrorThrower::recover(antlr4::Parser*, std::exception_ptr e) {
  // reportError always throws first; never resume after an error.
  std::rethrow_exception(e);
}

void SyntaxErrorThrower::reportUnwantedToken(antlr4::Parser* recognizer) {
  fail(recognizer, recognizer->getCurrentToken(), recognizer->getExpectedTokens());
}

void SyntaxErrorThrower::reportMissingToken(antlr4::Parser* recognizer) {
  fail(recognizer, recognizer->getCurrentToken(), recognizer->getExpectedTokens());
}

}  // namespace guanxi::query::parser

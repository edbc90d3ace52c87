// The arithmetic operators of openCypher on query values: + - * / % ^ and
// unary minus.
//
// Null in gives null out. INTEGER op INTEGER stays an INTEGER and overflow
// throws QueryError kArithmetic, as does integer division or modulo by zero;
// with a FLOAT involved the IEEE result stands (1.0 / 0 is Infinity, 0.0 / 0
// is NaN). `^` always yields a FLOAT. `+` also concatenates strings (a string
// and a number, boolean or temporal value print the other side into it),
// lists (list + list, list + element, element + list), and adds durations to
// temporal values and to durations (`-` subtracts them; `*` and `/` scale a
// duration by a number). Any other pairing throws kType naming both
// types.
#pragma once

#include "query/ast.h"
#include "query/value.h"

namespace guanxi::query {

Value add_values(const Value& a, const Value& b);
// a + b taking `a` over: a list or string on the left grows in place instead
// of being copied, so that an accumulator (`reduce(l = [], x IN xs | l + [x])`)
// builds in time linear in its final size. Same results and errors as
// add_values.
Value add_values_consuming(Value a, const Value& b);
Value subtract_values(const Value& a, const Value& b);
Value multiply_values(const Value& a, const Value& b);
Value divide_values(const Value& a, const Value& b);
Value modulo_values(const Value& a, const Value& b);
Value power_values(const Value& a, const Value& b);
Value negate_value(const Value& a);

// Dispatches one of kAdd, kSub, kMul, kDiv, kMod, kPow.
Value apply_arithmetic(ast::BinaryOp op, const Value& a, const Value& b);

// The text a value contributes to a string concatenation ('a' + 1.5 is
// 'a1.5'): strings as is, numbers and booleans as printed, temporal values in
// ISO form. Throws kType for lists, maps and graph values.
std::string concatenation_text(const Value& v);

}  // namespace guanxi::query

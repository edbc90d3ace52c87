// Guanxi's Cypher dialect.
//
// One combined grammar; the C++ lexer and parser are generated from it at
// build time (query/CMakeLists.txt) and turned into the plain AST of
// query/ast.h by query/parser/. Keywords are case-insensitive. Operators are
// written as loops rather than left recursion so that the parse tree stays
// flat for long chains (a + b + c + ...); precedence, loosest first:
//   OR < XOR < AND < NOT < comparison < IN / STARTS WITH / ENDS WITH /
//   CONTAINS / =~ / IS [NOT] NULL < + - < * / % < ^ < unary + - < postfix
grammar Guanxi;

// Keywords, case-insensitive. They are token types without lexer rules:
// the lexer reads a keyword as an Identifier, and query/parser/parser.cc
// gives an identifier spelled like one (any case) its type. A keyword's
// name is its spelling upper-cased, with a trailing _ where the spelling
// would clash with a C++ name. (As lexer rules of one [aA] set per letter
// they were three quarters of the lexer's tables, which every process
// builds before its first statement.) Clause keywords first: error messages
// list expected tokens in this order.
tokens {
  MATCH, OPTIONAL, UNWIND, WITH, RETURN, CREATE, MERGE, SET, REMOVE, DELETE,
  DETACH, CALL, UNION, WHERE, AS, DISTINCT, ORDER, BY, ASCENDING, ASC,
  DESCENDING, DESC, SKIP_, LIMIT, ALL, ON, YIELD, EXPLAIN, PROFILE, BEGIN,
  COMMIT, ROLLBACK, INDEX, INDEXES, CONSTRAINT, CONSTRAINTS, DROP, SHOW, TAG,
  TAGS, PURPOSE, PURPOSES, POLICIES, ALLOW, DISALLOW, READ, MASK, BASIS,
  PROCEDURES, FUNCTIONS, TRANSACTIONS, OF, ROW, ROWS, FOR, REQUIRE, ASSERT,
  UNIQUE, IF, EXISTS, IS, NOT, NULL_, AND, OR, XOR, IN, STARTS, ENDS, CONTAINS,
  TRUE_, FALSE_, CASE, WHEN, THEN, ELSE, END, COUNT, ANY, NONE, SINGLE, REDUCE,
  SHORTESTPATH, ALLSHORTESTPATHS
}

// --- statements --------------------------------------------------------------

statement
  : ( EXPLAIN | PROFILE )? statementBody ';'? EOF
  ;

statementBody
  : schemaStatement
  | transactionStatement
  | query
  ;

transactionStatement
  : BEGIN
  | COMMIT
  | ROLLBACK
  ;

schemaStatement
  : CREATE INDEX schemaObjectName? ifNotExists? FOR '(' variable nodeLabel ')'
      ON '(' variable '.' propertyKeyName ')'                                   # createIndex
  | CREATE INDEX ON nodeLabel '(' propertyKeyName ')'                           # createIndexOn
  | DROP INDEX ON nodeLabel '(' propertyKeyName ')'                             # dropIndexOn
  | DROP INDEX schemaObjectName ifExists?                                       # dropIndex
  | CREATE CONSTRAINT schemaObjectName? ifNotExists? FOR '(' variable nodeLabel ')'
      REQUIRE variable '.' propertyKeyName IS UNIQUE                            # createConstraint
  | CREATE CONSTRAINT schemaObjectName? ifNotExists? ON '(' variable nodeLabel ')'
      ASSERT variable '.' propertyKeyName IS UNIQUE                             # createConstraint
  | DROP CONSTRAINT ON '(' variable nodeLabel ')'
      ASSERT variable '.' propertyKeyName IS UNIQUE                             # dropConstraintOn
  | DROP CONSTRAINT schemaObjectName ifExists?                                  # dropConstraint
  | SHOW ( INDEX | INDEXES )                                                    # showIndexes
  | SHOW ( CONSTRAINT | CONSTRAINTS )                                           # showConstraints
  | CREATE TAG symbolicName ON ':' schemaName
      '(' propertyKeyName ( ',' propertyKeyName )* ')' MASK maskSpec           # createTag
  | DROP TAG symbolicName                                                       # dropTag
  | CREATE PURPOSE symbolicName BASIS symbolicName                              # createPurpose
  | DROP PURPOSE symbolicName                                                   # dropPurpose
  | ALLOW symbolicName READ symbolicName                                        # allowRead
  | DISALLOW symbolicName READ symbolicName                                     # disallowRead
  | SHOW TAGS                                                                   # showTags
  | SHOW PURPOSES                                                               # showPurposes
  | SHOW POLICIES                                                               # showPolicies
  | SHOW PROCEDURES                                                             # showProcedures
  | SHOW FUNCTIONS                                                              # showFunctions
  ;

// null, redact, partial(n), hash, year.
maskSpec : ( NULL_ | symbolicName ) ( '(' integerLiteral ')' )? ;

schemaObjectName : symbolicName ;
ifNotExists : IF NOT EXISTS ;
ifExists : IF EXISTS ;

// --- queries -----------------------------------------------------------------

query
  : singleQuery ( unionOperator singleQuery )*
  ;

unionOperator
  : UNION ALL?
  ;

singleQuery
  : clause+
  ;

clause
  : matchClause
  | unwindClause
  | withClause
  | returnClause
  | createClause
  | mergeClause
  | setClause
  | removeClause
  | deleteClause
  | subqueryClause
  | callClause
  ;

matchClause : OPTIONAL? MATCH pattern whereClause? ;
unwindClause : UNWIND expression AS variable ;
withClause : WITH projectionBody whereClause? ;
returnClause : RETURN projectionBody ;
whereClause : WHERE expression ;

projectionBody
  : DISTINCT? projectionItems orderBy? skipClause? limitClause?
  ;

projectionItems
  : star='*' ( ',' projectionItem )*
  | projectionItem ( ',' projectionItem )*
  ;

projectionItem : expression ( AS variable )? ;
orderBy : ORDER BY sortItem ( ',' sortItem )* ;
sortItem : expression ( ASCENDING | ASC | DESCENDING | DESC )? ;
skipClause : SKIP_ expression ;
limitClause : LIMIT expression ;

createClause : CREATE pattern ;
mergeClause : MERGE patternPart mergeAction* ;
mergeAction : ON ( MATCH | CREATE ) setClause ;

setClause : SET setItem ( ',' setItem )* ;
setItem
  : propertyExpression '=' expression    # setProperty
  | variable '=' expression              # setReplaceProperties
  | variable '+=' expression             # setMergeProperties
  | variable nodeLabels                  # setLabels
  ;

removeClause : REMOVE removeItem ( ',' removeItem )* ;
removeItem
  : variable nodeLabels                  # removeLabels
  | propertyExpression                   # removeProperty
  ;

deleteClause : DETACH? DELETE expression ( ',' expression )* ;

// CALL { ... }: a query run once per incoming row (an importing WITH as its
// first clause brings outer variables in); its RETURN columns join the row.
subqueryClause : CALL '{' query '}' inTransactions? ;

// CALL { } IN TRANSACTIONS [OF n ROW|ROWS]: commit every n input rows.
inTransactions : IN TRANSACTIONS ( OF batchRows=expression ( ROW | ROWS ) )? ;

callClause
  : CALL procedureName ( arguments='(' ( expression ( ',' expression )* )? ')' )?
    ( YIELD ( yieldStar='*' | yieldItem ( ',' yieldItem )* ) whereClause? )?
  ;
procedureName : ( schemaName '.' )* schemaName ;
yieldItem : schemaName ( AS variable )? ;

// --- patterns ----------------------------------------------------------------

pattern : patternPart ( ',' patternPart )* ;

patternPart
  : ( variable '=' )? anonymousPatternPart
  ;

anonymousPatternPart
  : shortestPathPattern
  | patternElement
  ;

shortestPathPattern
  : ( SHORTESTPATH | ALLSHORTESTPATHS ) '(' patternElement ')'
  ;

patternElement : nodePattern patternElementChain* ;

// A pattern used as an expression has at least one relationship, so that
// `(n)` stays a parenthesized expression.
relationshipsPattern : nodePattern patternElementChain+ ;

nodePattern : '(' variable? nodeLabels? properties? ')' ;

patternElementChain : relationshipPattern nodePattern ;

relationshipPattern
  : leftArrow='<'? '-' relationshipDetail? '-' rightArrow='>'?
  ;

relationshipDetail
  : '[' variable? relationshipTypes? rangeLiteral? properties? ']'
  ;

properties : mapLiteral | parameter ;

relationshipTypes : ':' schemaName ( '|' ':'? schemaName )* ;

nodeLabels : nodeLabel+ ;
nodeLabel : ':' schemaName ;

rangeLiteral
  : '*' minHops=integerLiteral? ( dots='..' maxHops=integerLiteral? )?
  ;

// --- expressions -------------------------------------------------------------

expression : orExpression ;

orExpression : xorExpression ( OR xorExpression )* ;
xorExpression : andExpression ( XOR andExpression )* ;
andExpression : notExpression ( AND notExpression )* ;
notExpression : NOT* comparisonExpression ;

comparisonExpression
  : predicateExpression ( comparisonOperator predicateExpression )*
  ;

comparisonOperator : '=' | '<>' | '!=' | '<' | '<=' | '>' | '>=' ;

predicateExpression
  : addSubExpression predicateSuffix*
  ;

predicateSuffix
  : STARTS WITH addSubExpression     # startsWithSuffix
  | ENDS WITH addSubExpression       # endsWithSuffix
  | CONTAINS addSubExpression        # containsSuffix
  | '=~' addSubExpression            # regexSuffix
  | IN addSubExpression              # inSuffix
  | IS NOT? NULL_                     # isNullSuffix
  ;

addSubExpression
  : multExpression ( addSubOperator multExpression )*
  ;
addSubOperator : '+' | '-' ;

multExpression
  : powerExpression ( multOperator powerExpression )*
  ;
multOperator : '*' | '/' | '%' ;

powerExpression
  : unaryExpression ( '^' unaryExpression )*
  ;

unaryExpression
  : unaryOperator* postfixExpression
  ;
unaryOperator : '+' | '-' ;

postfixExpression
  : atom postfix*
  ;

postfix
  : '.' propertyKeyName                          # propertyLookup
  | '[' expression ']'                           # indexLookup
  | '[' from=expression? '..' to=expression? ']' # sliceLookup
  | nodeLabels                                   # labelCheck
  ;

propertyExpression : atom ( '.' propertyKeyName )+ ;

atom
  : literal                                              # literalAtom
  | parameter                                            # parameterAtom
  | caseExpression                                       # caseAtom
  | COUNT '(' '*' ')'                                    # countStarAtom
  | listComprehension                                    # listComprehensionAtom
  | patternComprehension                                 # patternComprehensionAtom
  | listLiteral                                          # listAtom
  | quantifier '(' filterExpression ')'                  # quantifierAtom
  | REDUCE '(' accumulator=variable '=' init=expression ','
      filterVariable=variable IN list=expression '|' step=expression ')'  # reduceAtom
  | EXISTS '{' MATCH? pattern whereClause? '}'           # existsSubqueryAtom
  | EXISTS '{' query '}'                                 # existsQueryAtom
  | COUNT '{' MATCH? pattern whereClause? '}'            # countSubqueryAtom
  | COUNT '{' query '}'                                  # countQueryAtom
  | EXISTS '(' relationshipsPattern ')'                  # existsPatternAtom
  | EXISTS '(' expression ')'                            # existsPropertyAtom
  | shortestPathPattern                                  # shortestPathAtom
  | relationshipsPattern                                 # patternPredicateAtom
  | '(' expression ')'                                   # parenthesizedAtom
  | functionName '(' DISTINCT? ( expression ( ',' expression )* )? ')'  # functionCallAtom
  | variable '{' ( mapProjectionItem ( ',' mapProjectionItem )* )? '}'   # mapProjectionAtom
  | variable                                             # variableAtom
  ;

quantifier : ALL | ANY | NONE | SINGLE ;

filterExpression : variable IN expression ( WHERE expression )? ;

listComprehension
  : '[' variable IN source=expression ( WHERE predicate=expression )? ( '|' projection=expression )? ']'
  ;

patternComprehension
  : '[' ( variable '=' )? relationshipsPattern ( WHERE predicate=expression )? '|' projection=expression ']'
  ;

caseExpression
  : CASE subject=expression? caseAlternative+ ( ELSE elseValue=expression )? END
  ;
caseAlternative : WHEN when=expression THEN then=expression ;

mapProjectionItem
  : '.' propertyKeyName            # projectProperty
  | '.' '*'                        # projectAllProperties
  | propertyKeyName ':' expression # projectEntry
  | variable                       # projectVariable
  ;

functionName : ( symbolicName '.' )* symbolicName ;

literal
  : numberLiteral
  | StringLiteral
  | TRUE_
  | FALSE_
  | NULL_
  | mapLiteral
  ;

numberLiteral : integerLiteral | FloatLiteral ;
integerLiteral : DecimalInteger | HexInteger | OctalInteger ;

listLiteral : '[' ( expression ( ',' expression )* )? ']' ;

mapLiteral
  : '{' ( propertyKeyName ':' expression ( ',' propertyKeyName ':' expression )* )? '}'
  ;

parameter : Parameter ;

// --- names -------------------------------------------------------------------

propertyKeyName : schemaName ;

variable : symbolicName ;

// Names of variables and functions: identifiers and the keywords that never
// start or continue an expression.
symbolicName
  : Identifier
  | EscapedIdentifier
  | COUNT | ASSERT | REQUIRE | UNIQUE | SHOW | BEGIN | COMMIT | ROLLBACK
  | EXPLAIN | PROFILE | INDEXES | CONSTRAINTS | END
  | TAG | TAGS | PURPOSE | PURPOSES | POLICIES | ALLOW | DISALLOW | READ | MASK | BASIS
  | PROCEDURES | FUNCTIONS | TRANSACTIONS | OF | ROW | ROWS
  ;

// Labels, relationship types, property and map keys may be any keyword
// (n.count, {limit: 1}, :Order).
schemaName : symbolicName | reservedWord ;

reservedWord
  : MATCH | OPTIONAL | WHERE | WITH | UNWIND | AS | RETURN | DISTINCT | ORDER | BY
  | ASC | ASCENDING | DESC | DESCENDING | SKIP_ | LIMIT | UNION | ALL | CREATE | MERGE
  | ON | SET | REMOVE | DELETE | DETACH | CALL | YIELD | INDEX | CONSTRAINT | DROP
  | FOR | IF | EXISTS | IS | NOT | NULL_ | AND | OR | XOR | IN | STARTS | ENDS
  | CONTAINS | TRUE_ | FALSE_ | CASE | WHEN | THEN | ELSE | END | ANY | NONE | SINGLE
  | REDUCE | SHORTESTPATH | ALLSHORTESTPATHS
  ;

// --- lexer -------------------------------------------------------------------

HexInteger : '0' [xX] HexDigit+ ;
OctalInteger : '0' [oO] [0-7]+ ;
DecimalInteger : Digit+ ;
FloatLiteral
  : Digit+ '.' Digit+ Exponent?
  | '.' Digit+ Exponent?
  | Digit+ Exponent
  ;

// Escapes are checked (and decoded) by the parser, so that a bad one is
// reported as such rather than as an unterminated string.
StringLiteral
  : '"' ( ~["\\] | '\\' . )* '"'
  | '\'' ( ~['\\] | '\\' . )* '\''
  ;

Parameter : '$' ( IdentifierStart IdentifierPart* | Digit+ | '`' ( ~'`' | '``' )* '`' ) ;

Identifier : IdentifierStart IdentifierPart* ;
EscapedIdentifier : '`' ( ~'`' | '``' )* '`' ;

LineComment : '//' ~[\r\n]* -> skip ;
BlockComment : '/*' .*? '*/' -> skip ;
// A comment that never ends: a token of its own so that the parser can say so.
UnterminatedComment : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
Whitespace : [ \t\r\n\f\u000B\u00A0\u2028\u2029\u3000\uFEFF]+ -> skip ;

// Any character but the spaces of Whitespace: query/parser/parser.cc keeps
// the letters and numbers (\p{L}, \p{N}) and reports the others.
fragment IdentifierStart : [a-zA-Z_\u0080-\u009F\u00A1-\u2027\u202A-\u2FFF\u3001-\uFEFE\uFF00-\u{10FFFF}] ;
fragment IdentifierPart : [a-zA-Z0-9_\u0080-\u009F\u00A1-\u2027\u202A-\u2FFF\u3001-\uFEFE\uFF00-\u{10FFFF}] ;
fragment Digit : [0-9] ;
fragment HexDigit : [0-9a-fA-F] ;
fragment Exponent : [eE] [+-]? Digit+ ;


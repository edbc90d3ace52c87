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

// Clause keywords first: error messages list expected tokens in this order.
MATCH : M A T C H ;
OPTIONAL : O P T I O N A L ;
UNWIND : U N W I N D ;
WITH : W I T H ;
RETURN : R E T U R N ;
CREATE : C R E A T E ;
MERGE : M E R G E ;
SET : S E T ;
REMOVE : R E M O V E ;
DELETE : D E L E T E ;
DETACH : D E T A C H ;
CALL : C A L L ;
UNION : U N I O N ;
WHERE : W H E R E ;
AS : A S ;
DISTINCT : D I S T I N C T ;
ORDER : O R D E R ;
BY : B Y ;
ASCENDING : A S C E N D I N G ;
ASC : A S C ;
DESCENDING : D E S C E N D I N G ;
DESC : D E S C ;
SKIP_ : S K I P ;
LIMIT : L I M I T ;
ALL : A L L ;
ON : O N ;
YIELD : Y I E L D ;
EXPLAIN : E X P L A I N ;
PROFILE : P R O F I L E ;
BEGIN : B E G I N ;
COMMIT : C O M M I T ;
ROLLBACK : R O L L B A C K ;
INDEX : I N D E X ;
INDEXES : I N D E X E S ;
CONSTRAINT : C O N S T R A I N T ;
CONSTRAINTS : C O N S T R A I N T S ;
DROP : D R O P ;
SHOW : S H O W ;
TAG : T A G ;
TAGS : T A G S ;
PURPOSE : P U R P O S E ;
PURPOSES : P U R P O S E S ;
POLICIES : P O L I C I E S ;
ALLOW : A L L O W ;
DISALLOW : D I S A L L O W ;
READ : R E A D ;
MASK : M A S K ;
BASIS : B A S I S ;
PROCEDURES : P R O C E D U R E S ;
FUNCTIONS : F U N C T I O N S ;
TRANSACTIONS : T R A N S A C T I O N S ;
OF : O F ;
ROW : R O W ;
ROWS : R O W S ;
FOR : F O R ;
REQUIRE : R E Q U I R E ;
ASSERT : A S S E R T ;
UNIQUE : U N I Q U E ;
IF : I F ;
EXISTS : E X I S T S ;
IS : I S ;
NOT : N O T ;
NULL_ : N U L L ;
AND : A N D ;
OR : O R ;
XOR : X O R ;
IN : I N ;
STARTS : S T A R T S ;
ENDS : E N D S ;
CONTAINS : C O N T A I N S ;
TRUE_ : T R U E ;
FALSE_ : F A L S E ;
CASE : C A S E ;
WHEN : W H E N ;
THEN : T H E N ;
ELSE : E L S E ;
END : E N D ;
COUNT : C O U N T ;
ANY : A N Y ;
NONE : N O N E ;
SINGLE : S I N G L E ;
REDUCE : R E D U C E ;
SHORTESTPATH : S H O R T E S T P A T H ;
ALLSHORTESTPATHS : A L L S H O R T E S T P A T H S ;

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

fragment A : [aA] ;
fragment B : [bB] ;
fragment C : [cC] ;
fragment D : [dD] ;
fragment E : [eE] ;
fragment F : [fF] ;
fragment G : [gG] ;
fragment H : [hH] ;
fragment I : [iI] ;
fragment J : [jJ] ;
fragment K : [kK] ;
fragment L : [lL] ;
fragment M : [mM] ;
fragment N : [nN] ;
fragment O : [oO] ;
fragment P : [pP] ;
fragment Q : [qQ] ;
fragment R : [rR] ;
fragment S : [sS] ;
fragment T : [tT] ;
fragment U : [uU] ;
fragment V : [vV] ;
fragment W : [wW] ;
fragment X : [xX] ;
fragment Y : [yY] ;
fragment Z : [zZ] ;

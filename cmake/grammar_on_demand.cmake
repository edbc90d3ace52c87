# Run after ANTLR generates the lexer and the parser (query/CMakeLists.txt),
# with DIR the folder of the generated files.
#
# The 4.7.2 tool builds each recognizer's tables in a static object,
# `<Recognizer>::Initializer <Recognizer>::_init`, so every program linking
# the query layer paid about 2 ms at start-up (measured with perf on
# `guanxi DB -c "RETURN 1"`), before main and on one thread, whether or not it
# parsed anything. This removes those objects and makes the Initializer
# struct public: query/parser/parser.cc builds the tables once, on the first
# parse (parser::load_grammar).
#
# The generation rule empties the folder first, so the files are always
# fresh: text not found means the tool's output changed shape.
function(replace_in file from to)
  file(READ ${file} text)
  string(FIND "${text}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${file}: no '${from}'; the ANTLR tool changed its output")
  endif()
  string(REPLACE "${from}" "${to}" text "${text}")
  file(WRITE ${file} "${text}")
endfunction()

foreach(recognizer GuanxiLexer GuanxiParser)
  replace_in(${DIR}/${recognizer}.h "  struct Initializer {" "public:\n  struct Initializer {")
  replace_in(${DIR}/${recognizer}.cpp "${recognizer}::Initializer ${recognizer}::_init;" "")
endforeach()

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
foreach(recognizer GuanxiLexer GuanxiParser)
  set(header ${DIR}/${recognizer}.h)
  set(source ${DIR}/${recognizer}.cpp)
  file(READ ${header} text)
  string(FIND "${text}" "public:\n  struct Initializer {" already)
  if(already EQUAL -1)
    string(FIND "${text}" "  struct Initializer {" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "${header}: no Initializer struct; the ANTLR tool changed its output")
    endif()
    string(REPLACE "  struct Initializer {" "public:\n  struct Initializer {" text "${text}")
    file(WRITE ${header} "${text}")
  endif()
  file(READ ${source} text)
  set(definition "${recognizer}::Initializer ${recognizer}::_init;")
  string(FIND "${text}" "${definition}" at)
  if(NOT at EQUAL -1)
    string(REPLACE "${definition}" "" text "${text}")
    file(WRITE ${source} "${text}")
  endif()
endforeach()

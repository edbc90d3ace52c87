# Run by CTest with `cmake -P` (see CMakeLists.txt): installs the build into
# a fresh prefix, checks what is there, and builds and runs examples/ against
# it with CMake and with pkg-config. Any failure stops with a message.
cmake_minimum_required(VERSION 3.25)

set(prefix ${GUANXI_WORK_DIR}/prefix)
file(REMOVE_RECURSE ${GUANXI_WORK_DIR})
file(MAKE_DIRECTORY ${GUANXI_WORK_DIR})

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${what} failed (${status}):\n${out}")
  endif()
  message(STATUS "${what}: ok")
endfunction()

run("cmake --install" ${CMAKE_COMMAND} --install ${GUANXI_BUILD_DIR} --prefix ${prefix})

# Only include/guanxi is public: no header of the layers may be installed.
file(GLOB_RECURSE headers RELATIVE ${prefix}/include ${prefix}/include/*)
if(NOT headers)
  message(FATAL_ERROR "no headers installed under ${prefix}/include")
endif()
foreach(header ${headers})
  if(NOT header MATCHES "^guanxi/[a-z_]+\\.h$")
    message(FATAL_ERROR "installed a header outside include/guanxi: ${header}")
  endif()
endforeach()
if(NOT EXISTS ${prefix}/bin/guanxi)
  message(FATAL_ERROR "the guanxi shell was not installed")
endif()

# The sanitizer build's library needs the sanitizers' runtime in the program too.
set(flags "")
if(GUANXI_SANITIZE)
  set(flags "-fsanitize=address,undefined -fno-omit-frame-pointer")
endif()

# With CMake, as examples/CMakeLists.txt says.
set(launcher "")
if(GUANXI_CXX_LAUNCHER)
  set(launcher -DCMAKE_CXX_COMPILER_LAUNCHER=${GUANXI_CXX_LAUNCHER})
endif()
run("configure examples/ with find_package(guanxi)"
    ${CMAKE_COMMAND} -S ${GUANXI_EXAMPLES_DIR} -B ${GUANXI_WORK_DIR}/examples
    -G ${GUANXI_GENERATOR} -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_CXX_COMPILER=${GUANXI_CXX_COMPILER} ${launcher} "-DCMAKE_CXX_FLAGS=${flags}")
run("build examples/" ${CMAKE_COMMAND} --build ${GUANXI_WORK_DIR}/examples)
run("run embed_customers (CMake)"
    ${GUANXI_WORK_DIR}/examples/embed_customers ${GUANXI_WORK_DIR}/db-cmake)

# With pkg-config, as a Makefile would.
find_program(pkg_config pkg-config REQUIRED)
file(GLOB_RECURSE pc_files ${prefix}/*/guanxi.pc)
list(LENGTH pc_files pc_count)
if(NOT pc_count EQUAL 1)
  message(FATAL_ERROR "expected one guanxi.pc under ${prefix}, found: ${pc_files}")
endif()
get_filename_component(pc_dir ${pc_files} DIRECTORY)
set(ENV{PKG_CONFIG_PATH} ${pc_dir})
execute_process(COMMAND ${pkg_config} --cflags --libs guanxi RESULT_VARIABLE status
                OUTPUT_VARIABLE pc_flags ERROR_VARIABLE pc_error OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "pkg-config --cflags --libs guanxi failed: ${pc_error}")
endif()
execute_process(COMMAND ${pkg_config} --modversion guanxi OUTPUT_VARIABLE pc_version
                OUTPUT_STRIP_TRAILING_WHITESPACE)
message(STATUS "guanxi.pc: version ${pc_version}, flags ${pc_flags}")
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
separate_arguments(flags UNIX_COMMAND "${flags}")
run("build embed_customers with pkg-config"
    ${GUANXI_CXX_LAUNCHER} ${GUANXI_CXX_COMPILER} -std=c++20 -O0 ${flags}
    ${GUANXI_EXAMPLES_DIR}/embed_customers.cc -o ${GUANXI_WORK_DIR}/embed_customers_pc ${pc_flags})
run("run embed_customers (pkg-config)"
    ${GUANXI_WORK_DIR}/embed_customers_pc ${GUANXI_WORK_DIR}/db-pkg-config)

file(REMOVE_RECURSE ${GUANXI_WORK_DIR})

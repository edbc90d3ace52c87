# Which form of a third-party library a program links: the shared object, or
# the static archive where the system ships one.
#
# The `guanxi` program starts once per command in an analyst's script, so the
# time before its first statement is a figure of its own, and each shared
# library costs a mapping, relocations and page faults at every start. On the
# 2-core Debian VM the project is measured on, an empty program linked to the
# shell's shared libraries took 8 ms to start against 2 ms with libc alone,
# and linking the archives Debian ships took `guanxi DB -c "RETURN 1"` from
# 22 ms to 18 ms (medians of 20 runs). The C++ runtime is linked statically
# too (guanxi_static_runtime): fmt's implementation is compiled into the
# storage layer (storage/fmt_implementation.cc) instead of loaded from
# libfmt.so, and the time zones are read without libdate-tz
# (storage/zone_file.h), so no shared library the shell loads needs
# libstdc++; libroaring and libgomp, which ship no archive, are C libraries.
# A C++ program's own start took 3.9 ms with the shared runtime against
# 2.6 ms with the static one, /bin/true 2.4 ms.
#
# A target sets the property GUANXI_STATIC_DEPENDENCIES to ON to link the
# archives; every other target keeps the shared libraries: the test programs
# stay small and quick to link, and the installed package names the shared
# libraries (cmake/install.cmake). The choice is made per linked program
# because the libraries' link interfaces hold both forms, picked by a
# generator expression evaluated on the program being linked.

set(GUANXI_STATIC_CHOICE "$<BOOL:$<TARGET_PROPERTY:GUANXI_STATIC_DEPENDENCIES>>")

# Sets `var` to link items for a dependency: `shared` (a target or a file) for
# programs without the property, the archives named in ARGN (file names such
# as libedit.a, in link order) for programs with it. When one of the archives
# is missing, both kinds of program link `shared`. The shared libraries the
# archives replace (libedit.so, ...) are listed in the global property
# GUANXI_ARCHIVED_LIBRARIES, which tests/package checks the shell against.
function(guanxi_archived_library name)
  set_property(GLOBAL APPEND PROPERTY GUANXI_ARCHIVED_LIBRARIES ${name})
endfunction()

function(guanxi_dependency var shared)
  set(archives "")
  foreach(name IN LISTS ARGN)
    string(MAKE_C_IDENTIFIER "GUANXI_ARCHIVE_${name}" found)
    find_library(${found} NAMES ${name})
    if(NOT ${found})
      message(STATUS "No ${name}: programs link ${shared} shared")
      set(${var} "${shared}" PARENT_SCOPE)
      return()
    endif()
    list(APPEND archives "$<${GUANXI_STATIC_CHOICE}:${${found}}>")
  endforeach()
  foreach(name IN LISTS ARGN)
    string(REGEX REPLACE "\\.a$" ".so" replaced ${name})
    guanxi_archived_library(${replaced})
  endforeach()
  set(${var} "$<$<NOT:${GUANXI_STATIC_CHOICE}>:${shared}>" ${archives} PARENT_SCOPE)
endfunction()

# Links `target` with the C++ runtime's archives (libstdc++, libgcc), for
# g++ builds without the sanitizers, whose runtimes expect the shared ones.
# Only a program may ask: it must load no shared library that needs
# libstdc++ itself, or the process would hold two copies of it.
function(guanxi_static_runtime target)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND NOT GUANXI_SANITIZE)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
    guanxi_archived_library(libstdc++.so)
    guanxi_archived_library(libgcc_s.so)
  endif()
endfunction()

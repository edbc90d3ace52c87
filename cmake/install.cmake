# `cmake --install`: the public headers (include/guanxi, nothing else),
# libguanxi.a, the `guanxi` shell, a CMake package (find_package(guanxi)
# giving guanxi::guanxi) and a pkg-config file (guanxi.pc).
#
# The installed libguanxi.a is one archive holding every layer: the objects
# of the API (target guanxi) and of the static libraries guanxi_exchange,
# guanxi_query, guanxi_algorithms and guanxi_storage, merged by `ar`. An application then
# links one library and never sees the layers' targets or headers, while the
# build keeps its per-layer libraries and their compile flags unchanged. The
# third-party libraries stay shared libraries, link dependencies of the
# package, not copied in.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(GUANXI_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/guanxi)
set(GUANXI_MERGED_ARCHIVE ${CMAKE_CURRENT_BINARY_DIR}/install/libguanxi.a)
set(GUANXI_MERGE_SCRIPT ${CMAKE_CURRENT_BINARY_DIR}/install/libguanxi.mri)
file(GENERATE OUTPUT ${GUANXI_MERGE_SCRIPT} CONTENT
"CREATE ${GUANXI_MERGED_ARCHIVE}
ADDLIB $<TARGET_FILE:guanxi>
ADDLIB $<TARGET_FILE:guanxi_exchange>
ADDLIB $<TARGET_FILE:guanxi_query>
ADDLIB $<TARGET_FILE:guanxi_algorithms>
ADDLIB $<TARGET_FILE:guanxi_storage>
SAVE
END
")
add_custom_command(OUTPUT ${GUANXI_MERGED_ARCHIVE}
                   COMMAND ${CMAKE_COMMAND} -E remove -f ${GUANXI_MERGED_ARCHIVE}
                   COMMAND ${CMAKE_AR} -M < ${GUANXI_MERGE_SCRIPT}
                   DEPENDS guanxi guanxi_exchange guanxi_query guanxi_algorithms guanxi_storage
                           ${GUANXI_MERGE_SCRIPT}
                   COMMENT "Merging the layers into the installed libguanxi.a" VERBATIM)
add_custom_target(guanxi_installed_archive ALL DEPENDS ${GUANXI_MERGED_ARCHIVE})

install(FILES ${GUANXI_MERGED_ARCHIVE} DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY include/guanxi DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING
        PATTERN "*.h")
install(TARGETS guanxi_shell RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

configure_package_config_file(cmake/guanxi-config.cmake.in
                              ${CMAKE_CURRENT_BINARY_DIR}/guanxi-config.cmake
                              INSTALL_DESTINATION ${GUANXI_CMAKE_DIR}
                              PATH_VARS CMAKE_INSTALL_LIBDIR CMAKE_INSTALL_INCLUDEDIR)
# Before 1.0 a minor version may break the API: only the same minor matches.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/guanxi-config-version.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/guanxi-config.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/guanxi-config-version.cmake
        DESTINATION ${GUANXI_CMAKE_DIR})

# pkg-config: a static library needs every dependency at an application's
# link; those without a pkg-config file of their own are named in Libs.
find_package(OpenMP REQUIRED)
set(GUANXI_PC_REQUIRES "Requires: lmdb libxxhash libzstd re2 libsodium libutf8proc")
set(GUANXI_PC_LIBS
    "Libs: -L\${libdir} -lguanxi -lroaring -lantlr4-runtime ${OpenMP_CXX_FLAGS} -pthread")
# Relative to the file's own folder, so that an installed tree can move.
file(RELATIVE_PATH GUANXI_PC_PREFIX_FROM_PCDIR /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(cmake/guanxi.pc.in ${CMAKE_CURRENT_BINARY_DIR}/guanxi.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/guanxi.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

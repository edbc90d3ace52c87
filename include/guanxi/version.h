// The version of Guanxi: of these headers (the constants) and of the library
// an application is linked with (version()).
//
//   if (std::string_view(guanxi::version()) != guanxi::kVersion) ...  // mismatched build
//
// Versions follow semantic versioning: the minor number grows for additions,
// the major number for changes that break the API or the on-disk format.
// The build (CMakeLists.txt) reads the project version from this file.
#pragma once

#define GUANXI_VERSION_MAJOR 0
#define GUANXI_VERSION_MINOR 1
#define GUANXI_VERSION_PATCH 0

namespace guanxi {

inline constexpr int kVersionMajor = GUANXI_VERSION_MAJOR;
inline constexpr int kVersionMinor = GUANXI_VERSION_MINOR;
inline constexpr int kVersionPatch = GUANXI_VERSION_PATCH;
// "MAJOR.MINOR.PATCH" of these headers.
inline constexpr char kVersion[] = "0.1.0";

// "MAJOR.MINOR.PATCH" of the library linked in; equal to kVersion unless
// the headers and the library come from different builds.
const char* version();

}  // namespace guanxi

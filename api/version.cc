#include "guanxi/version.h"

namespace guanxi {

// Compiled into the library, so that it reports the library's version even
// when an application was built against other headers.
const char* version() { return kVersion; }

}  // namespace guanxi

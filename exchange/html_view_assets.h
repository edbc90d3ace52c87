// The HTML network view's page template and script (exchange/html/), embedded
// at build time. The page holds {{TITLE}}, {{DATA}} and {{SCRIPT}}, each once.
#pragma once

namespace guanxi::exchange {

extern const char* const kNetworkViewPage;
extern const char* const kNetworkViewScript;

}  // namespace guanxi::exchange

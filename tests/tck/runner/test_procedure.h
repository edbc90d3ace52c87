// The TCK's test procedures ("there exists a procedure test.my.proc(in ::
// INTEGER?) :: (out :: STRING?):" followed by a table) as user procedures
// (guanxi/procedure.h): the table's rows whose parameter columns equal the
// arguments (TCK equality) give the output rows.
#pragma once

#include <string>
#include <vector>

#include "guanxi/procedure.h"

namespace guanxi::tck {

// `declaration` is the step's text after "there exists a procedure ", the
// table's first row names the parameters then the outputs. Throws
// std::runtime_error for a declaration or table it cannot read.
ProcedureDefinition test_procedure(const std::string& declaration,
                                   const std::vector<std::vector<std::string>>& table);

}  // namespace guanxi::tck

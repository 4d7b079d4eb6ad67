// SourcePos: a place in a file a user wrote (a framework, a plan, a register), for messages
// that say where to look.
#pragma once

namespace probation {

struct SourcePos {
  int line = 0;    // 1-based; 0 when not known
  int column = 0;  // 1-based, in characters
};

}  // namespace probation

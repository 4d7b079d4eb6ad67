#include "base/status.h"

namespace probation {

std::string Status::ToString() const {
  switch (code_) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kInvalidArgument:
      return "invalid argument: " + message_;
    case StatusCode::kNotFound:
      return "not found: " + message_;
    case StatusCode::kAlreadyExists:
      return "already exists: " + message_;
    case StatusCode::kFailedPrecondition:
      return "failed precondition: " + message_;
    case StatusCode::kIoError:
      return "I/O error: " + message_;
    case StatusCode::kInternal:
      return "internal error: " + message_;
    case StatusCode::kPermissionDenied:
      return "permission denied: " + message_;
    case StatusCode::kConflict:
      return "conflict: " + message_;
  }
  return message_;
}

}  // namespace probation

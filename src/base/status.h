// Status: the outcome of an operation that can fail, with a canonical code and a message
// written for the person who has to act on it. Result<T>: a value or a non-OK Status.
// Both are plain values; thread-compatible.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace probation {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller's input is wrong (bad row, bad option)
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,  // the system is not in a state where this can run
  kIoError,             // a file or the database could not be read or written
  kInternal,
  kPermissionDenied,  // the user's role or scope does not allow this
  kConflict,          // the record changed since the caller read it (a stale version)
};

class Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "invalid argument: message" (or "OK").
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string message) {
  return Status(StatusCode::kInvalidArgument, std::move(message));
}
inline Status NotFound(std::string message) {
  return Status(StatusCode::kNotFound, std::move(message));
}
inline Status FailedPrecondition(std::string message) {
  return Status(StatusCode::kFailedPrecondition, std::move(message));
}
inline Status IoError(std::string message) {
  return Status(StatusCode::kIoError, std::move(message));
}
inline Status Internal(std::string message) {
  return Status(StatusCode::kInternal, std::move(message));
}
inline Status PermissionDenied(std::string message) {
  return Status(StatusCode::kPermissionDenied, std::move(message));
}
inline Status Conflict(std::string message) {
  return Status(StatusCode::kConflict, std::move(message));
}

// A value of type T, or the Status saying why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(state_).ok() && "Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  // REQUIRES: !ok() for the error; returns OK when there is a value.
  Status status() const { return ok() ? Status() : std::get<Status>(state_); }

  // REQUIRES: ok().
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace probation

// Returns early from the enclosing function when `expr` (a Status) is not OK.
#define PROBATION_RETURN_IF_ERROR(expr)   \
  do {                                    \
    ::probation::Status status_ = (expr); \
    if (!status_.ok()) return status_;    \
  } while (false)

// Evaluates `expr` (a Result); returns its Status from the enclosing function when it failed,
// otherwise moves its value into `lhs` (which may declare a variable).
#define PROBATION_CONCAT_INNER(a, b) a##b
#define PROBATION_CONCAT(a, b) PROBATION_CONCAT_INNER(a, b)
#define PROBATION_ASSIGN_OR_RETURN(lhs, expr) \
  PROBATION_ASSIGN_OR_RETURN_IMPL(PROBATION_CONCAT(result_, __LINE__), lhs, expr)
#define PROBATION_ASSIGN_OR_RETURN_IMPL(result, lhs, expr) \
  auto result = (expr);                                    \
  if (!result.ok()) return result.status();                \
  lhs = std::move(result).value()

// Status and Result: how engine and ledger report operating errors (I/O, corrupt bytes, version
// conflicts, a locked store). Domain rejections are not Statuses: see ledger/rejection.h.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace fij {

enum class StatusCode : int {
  kOk = 0,
  kNotFound = 1,
  kCorruption = 2,
  kIOError = 3,
  kInvalidArgument = 4,
  kConflict = 5,
  kBusy = 6,
};

// A value type: cheap to copy, never throws. `ok()` statuses carry no message.
class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status NotFound(std::string m) { return Status(StatusCode::kNotFound, std::move(m)); }
  static Status Corruption(std::string m) { return Status(StatusCode::kCorruption, std::move(m)); }
  static Status IOError(std::string m) { return Status(StatusCode::kIOError, std::move(m)); }
  static Status InvalidArgument(std::string m) {
    return Status(StatusCode::kInvalidArgument, std::move(m));
  }
  static Status Conflict(std::string m) { return Status(StatusCode::kConflict, std::move(m)); }
  static Status Busy(std::string m) { return Status(StatusCode::kBusy, std::move(m)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  Status(StatusCode c, std::string m) : code_(c), message_(std::move(m)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

template <typename T>
using Result = tl::expected<T, Status>;

namespace internal {
// What `return Err(s)` yields: converts to a Status or to any Result<T>, so the same macros
// serve functions of both return types.
struct ErrorProxy {
  Status status;
  operator Status() const& { return status; }
  operator Status() && { return std::move(status); }
  template <typename T>
  operator Result<T>() && {
    return tl::unexpected<Status>(std::move(status));
  }
};
}  // namespace internal

inline internal::ErrorProxy Err(Status s) { return internal::ErrorProxy{std::move(s)}; }

namespace internal {
// Collects a message with operator<< and aborts in its destructor: FIJ_CHECK's engine.
class CheckFailure {
 public:
  CheckFailure(const char* file, int line, const char* cond) {
    stream_ << file << ":" << line << ": check failed: " << cond << " ";
  }
  [[noreturn]] ~CheckFailure() {
    std::fprintf(stderr, "%s\n", stream_.str().c_str());
    std::fflush(stderr);
    std::abort();
  }
  template <typename T>
  CheckFailure& operator<<(const T& v) {
    stream_ << v;
    return *this;
  }

 private:
  std::ostringstream stream_;
};
}  // namespace internal

}  // namespace fij

// An invariant that only a bug can break. On in every build type.
#define FIJ_CHECK(cond) \
  if (cond) {           \
  } else                \
    ::fij::internal::CheckFailure(__FILE__, __LINE__, #cond)

#define FIJ_CONCAT_INNER(a, b) a##b
#define FIJ_CONCAT(a, b) FIJ_CONCAT_INNER(a, b)

// Returns the Status of `expr` (a Status or a Result) from the calling function if not ok.
#define FIJ_RETURN_IF_ERROR(expr)                                   \
  do {                                                              \
    auto&& fij_status_or_ = (expr);                                 \
    if (!::fij::internal::IsOk(fij_status_or_))                     \
      return ::fij::Err(::fij::internal::GetStatus(fij_status_or_)); \
  } while (0)

// `FIJ_ASSIGN_OR_RETURN(auto x, ResultExpr())`: unwraps or returns the error.
#define FIJ_ASSIGN_OR_RETURN(lhs, expr) \
  FIJ_ASSIGN_OR_RETURN_IMPL(FIJ_CONCAT(fij_result_, __LINE__), lhs, expr)
#define FIJ_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp) return ::fij::Err(std::move(tmp).error()); \
  lhs = std::move(*tmp)

namespace fij::internal {
inline bool IsOk(const Status& s) { return s.ok(); }
template <typename T>
bool IsOk(const Result<T>& r) {
  return r.has_value();
}
inline Status GetStatus(const Status& s) { return s; }
template <typename T>
Status GetStatus(const Result<T>& r) {
  return r.error();
}
}  // namespace fij::internal

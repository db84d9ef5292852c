#include "engine/status.h"

namespace fij {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case StatusCode::kOk: name = "OK"; break;
    case StatusCode::kNotFound: name = "NotFound"; break;
    case StatusCode::kCorruption: name = "Corruption"; break;
    case StatusCode::kIOError: name = "IOError"; break;
    case StatusCode::kInvalidArgument: name = "InvalidArgument"; break;
    case StatusCode::kConflict: name = "Conflict"; break;
    case StatusCode::kBusy: name = "Busy"; break;
  }
  if (message_.empty()) return name;
  return std::string(name) + ": " + message_;
}

}  // namespace fij

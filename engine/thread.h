// Threads fij starts for its own work (the second half of a large append, a scan's reading
// thread, verify's chain pass) are a speed-up, never a requirement (decision 66): when the OS
// refuses one (std::thread throws std::system_error, e.g. EAGAIN at the process or user thread
// limit), the caller does that work itself, slower, with the same result. Before, the exception
// escaped: the CLI printed "internal error" and a library caller got an exception instead of a
// Result.
#pragma once

#include <cstdint>
#include <system_error>
#include <thread>
#include <utility>

namespace fij::engine {

namespace testing {
// Makes the next `n` TryStartThread calls fail as if the OS had refused their thread (the tests
// of every fallback; root ignores RLIMIT_NPROC, so a real refusal cannot be provoked in CI).
void RefuseThreadStarts(int n);
// TryStartThread calls that failed (refused by the OS or by RefuseThreadStarts) since the
// process started.
uint64_t RefusedThreadStarts();
}  // namespace testing

namespace internal {
bool TakeRefusal();                                   // true: fail this start (RefuseThreadStarts)
void NoteRefusal(const char* why, const char* what);  // counted, logged at debug level
void Name(std::thread& t, const char* name);          // best effort: a name is for tools only
}  // namespace internal

// Starts fn() on a new thread held by *t. False, with *t untouched and fn not called, when the
// thread could not be started: the caller then does the work itself. `name` (at most 15
// bytes) is what `top -H`, `perf report --comm` and gdb show for the thread.
template <class Fn>
bool TryStartThread(std::thread* t, Fn&& fn, const char* what, const char* name) {
  if (internal::TakeRefusal()) {
    internal::NoteRefusal("refused for a test", what);
    return false;
  }
  try {
    *t = std::thread(std::forward<Fn>(fn));
    internal::Name(*t, name);
    return true;
  } catch (const std::system_error& e) {
    internal::NoteRefusal(e.what(), what);
    return false;
  }
}

}  // namespace fij::engine

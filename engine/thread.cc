#include "engine/thread.h"

#include <pthread.h>

#include <atomic>

#include <spdlog/spdlog.h>

namespace fij::engine {
namespace {
std::atomic<int> refusals_to_make{0};
std::atomic<uint64_t> refused{0};
}  // namespace

namespace testing {
void RefuseThreadStarts(int n) { refusals_to_make.store(n); }
uint64_t RefusedThreadStarts() { return refused.load(); }
}  // namespace testing

namespace internal {
bool TakeRefusal() {
  int n = refusals_to_make.load(std::memory_order_relaxed);
  while (n > 0)
    if (refusals_to_make.compare_exchange_weak(n, n - 1)) return true;
  return false;
}
void NoteRefusal(const char* why, const char* what) {
  refused.fetch_add(1);
  spdlog::debug("could not start a thread for {} ({}): doing it on this thread", what, why);
}
void Name(std::thread& t, const char* name) { pthread_setname_np(t.native_handle(), name); }
}  // namespace internal

}  // namespace fij::engine

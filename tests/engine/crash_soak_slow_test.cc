// The crash test of crash_test.cc as a soak: 10 000 kill-and-reopen rounds (about 20 minutes on
// two cores, mostly fsync). Built and discovered with the label "slow", but it skips itself
// unless FIJ_SOAK=1; run the binary directly, since the ctest presets time out after 300 s:
//   FIJ_SOAK=1 build/release/tests/crash_soak_slow_test     (FIJ_CRASH_SEED=n replays a failure)
#define FIJ_CRASH_HARNESS_ONLY
#include "tests/engine/crash_test.cc"

namespace fij::engine::crash {
namespace {

constexpr uint64_t kSoakRounds = 10'000;
constexpr uint64_t kSoakRoundsPerStore = 50;

TEST(CrashSoakTest, TenThousandKillsLoseNoAcknowledgedAppendAndLeaveNoPartialOne) {
  const char* soak = std::getenv("FIJ_SOAK");
  if (soak == nullptr || std::string(soak) != "1") GTEST_SKIP() << "set FIJ_SOAK=1 to run";
  RunCrashRounds(kSoakRounds, kSoakRoundsPerStore);
}

}  // namespace
}  // namespace fij::engine::crash

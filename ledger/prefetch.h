// FetchLine: asks for the cache line holding `p` without waiting for it (decision 77).
//
// Not __builtin_prefetch: GCC 12 at -O2 deletes a __builtin_prefetch behind a condition on a
// std::vector's size, with the loads that computed its address (its dead-code elimination
// treats the prefetch as having no effect), so a fetching pass compiled to nothing. The asm is
// volatile, so it stays where it is written. A prefetch never faults, but `p` must still point
// into (or one past) memory the caller owns, as any pointer arithmetic must.
#pragma once

namespace fij::ledger {

inline void FetchLine(const void* p) {
#if defined(__x86_64__) || defined(__i386__)
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(p)));
#elif defined(__aarch64__)
  asm volatile("prfm pldl1keep, %0" : : "Q"(*static_cast<const char*>(p)));
#else
  __builtin_prefetch(p);
#endif
}

}  // namespace fij::ledger

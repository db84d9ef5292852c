// jemalloc's options for the programs that link it (fij_malloc, decisions 41 and 48), read by
// jemalloc at its first allocation.
// `narenas:1`: one arena for every thread (jemalloc's default is 4 per CPU); this 2-core
// machine gains nothing from more (the per-thread caches take most allocations), and each
// arena's partly used pages add to the RSS.
// No `thp:always` any more (decision 48): jemalloc follows the kernel's transparent huge page
// setting (here `madvise`, so 4 KiB pages). Huge pages took 20 times fewer faults, but on this
// virtual machine a 2 MiB page touched for the first time costs up to 4.6 ms per MiB when the
// host must back it (`fij_bench first-touch`: 4 KiB pages 0.41 ms per MiB), and a replay
// touches every page of the State it builds once: `fij replay` of 1 M events, alternated
// 10 times each, median 0.807 -> 0.690 s, worst 1.076 -> 0.775 s, peak RSS 105-111 -> 99 MiB.
// The MALLOC_CONF environment variable still overrides this.
extern "C" {
// NOLINTNEXTLINE: the name and linkage jemalloc looks for.
const char* malloc_conf = "narenas:1";
}

// jemalloc's options for the programs that link it (fij_malloc, decision 41), read by jemalloc
// at its first allocation. `thp:always`: the heap's extents are madvised MADV_HUGEPAGE, so a
// fold whose State grows by hundreds of MiB takes one page fault per 2 MiB instead of one per
// 4 KiB (a 1 M-event replay: ~99 000 faults -> ~5 000), and its tree walks miss the TLB less.
// This machine kind's kernel leaves transparent huge pages to madvise
// (/sys/kernel/mm/transparent_hugepage/enabled); where they are off, the option does nothing.
// `narenas:1`: one arena for every thread (jemalloc's default is 4 per CPU); with huge pages,
// each arena's partly used 2 MiB pages add to the RSS (+30 MiB on `report balance --full` of
// 1 M events with 8 arenas, +8 MiB with one), and this 2-core machine gains nothing from more
// (the per-thread caches take most allocations). The MALLOC_CONF environment variable still
// overrides both.
extern "C" {
// NOLINTNEXTLINE: the name and linkage jemalloc looks for.
const char* malloc_conf = "thp:always,narenas:1";
}

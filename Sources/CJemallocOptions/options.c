// jemalloc's options for the `tender` executable, compiled in only with the `jemalloc` trait (Package.swift).
//
// jemalloc reads `malloc_conf` from the program at its first allocation (its own definition is weak); the
// MALLOC_CONF environment variable, read after it, still overrides it.
//
// percpu_arena:percpu gives each CPU one arena, chosen by the CPU a thread runs on, instead of four arenas a CPU
// handed to threads in turn. The daemon allocates on several threads that take turns on the same cores (the intake
// loop, the commit thread, the preparing threads, Dispatch's workers): with an arena per thread, the pages one thread
// freed stayed in its arena while the next phase's thread took new ones from its own. With an arena per CPU the next
// phase reuses them. Measured in BENCHMARKS.md ("The fourteenth round"): the close of 10,000 tenders peaks about
// 10 MiB lower, for no measurable CPU.
//
// Nothing in the program refers to it: the linker keeps and exports it because libjemalloc refers to it.
const char *malloc_conf = "percpu_arena:percpu";

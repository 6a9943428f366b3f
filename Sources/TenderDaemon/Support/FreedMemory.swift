#if canImport(Glibc)
    import Glibc
#endif

/// Gives the operating system back the memory the allocator keeps after it was freed.
///
/// Allocators keep freed pages for reuse (jemalloc for ten seconds by default), so a daemon's resident memory is the
/// most it ever held at once plus everything freed recently. The close of a large procurement re-reads thousands of
/// whole submissions and evaluates them, then keeps only the result and what the reports read while it makes the
/// result's bytes and renders the reports: without this, the memory freed before that work stays resident beside it.
/// With jemalloc linked (the `jemalloc` trait) every arena's freed pages are purged (`arena.<all>.purge`); with the C
/// library's allocator, `malloc_trim`.
enum FreedMemory {
    /// How many tenders an evaluation has before what it frees is given back: a small one frees little, and a burst
    /// of small closes would pay for a purge each.
    static let tendersWorthReleasing = 1_000

    private typealias MallocControl =
        @convention(c) (
            UnsafePointer<CChar>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?, UnsafeMutableRawPointer?, Int
        ) -> Int32

    private typealias MallocTrim = @convention(c) (Int) -> Int32

    /// jemalloc's `mallctl`, when jemalloc is linked.
    private static let mallocControl: MallocControl? = symbol("mallctl").map {
        unsafeBitCast($0, to: MallocControl.self)
    }
    /// The C library's `malloc_trim` (glibc's; its header is not part of the Glibc module).
    private static let mallocTrim: MallocTrim? = symbol("malloc_trim").map { unsafeBitCast($0, to: MallocTrim.self) }

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        #if canImport(Glibc)
            return dlsym(nil, name)
        #else
            return nil
        #endif
    }

    /// Gives back what the allocator holds freed (a few milliseconds for a hundred megabytes).
    static func release() {
        if let mallocControl {
            // MALLCTL_ARENAS_ALL (4096): every arena.
            _ = mallocControl("arena.4096.purge", nil, nil, nil, 0)
        } else if let mallocTrim {
            _ = mallocTrim(0)
        }
    }
}

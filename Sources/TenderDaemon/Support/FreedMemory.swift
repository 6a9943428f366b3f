#if canImport(Glibc)
    import Glibc
#endif

/// Gives the operating system back the memory the allocator keeps after it was freed.
///
/// Allocators keep freed pages for reuse (jemalloc for ten seconds by default), so a daemon's resident memory is the
/// most it ever held at once plus everything freed recently. The close of a large procurement re-reads thousands of
/// whole submissions and evaluates them, then keeps only the result and what the reports read while it spools the
/// result's bytes and renders the reports, then lets the result go and reads the bytes back for its ledger entry:
/// without this, the memory freed before each step stays resident beside it. It is called after the documents are
/// let go, after each report file of megabytes is written, and before the spooled bytes are read back.
/// With jemalloc linked (the `jemalloc` trait) every arena's freed pages are purged (`arena.<all>.purge`); with the C
/// library's allocator, `malloc_trim`.
enum FreedMemory {
    /// How many tenders an evaluation has before what it frees is given back: a small one frees little, and a burst
    /// of small closes would pay for a purge each.
    static let tendersWorthReleasing = 1_000

    /// How large a report file is before what made it is given back once it is written.
    static let fileWorthReleasing = 4 << 20

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

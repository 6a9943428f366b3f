/// Consecutive, disjoint ranges of integer keys (`seq`, `rowid`) covering `lowest...highest`, for reading a
/// table in chunks (``LedgerVerifier``, and the benchmarks' floor for it). Concatenating the chunks' rows in order gives exactly the
/// rows of one ordered scan limited to `lowest...highest`.
package struct KeyRanges {
    /// The ranges, in increasing key order.
    package let ranges: [ClosedRange<Int>]

    /// Ranges of about `width` keys each, at most `maximumCount` of them; none when `lowest` is nil (empty table).
    package init(lowest: Int?, highest: Int?, width: Int, maximumCount: Int = 4096) {
        guard let lowest, let highest, lowest <= highest else {
            ranges = []
            return
        }
        let (span, overflow) = highest.subtractingReportingOverflow(lowest)
        guard !overflow, span < Int.max / 2 else {
            ranges = [lowest...highest]
            return
        }
        let width = max(1, width)
        let count = max(1, min(maximumCount, span / width + 1))
        let step = (span + count) / count
        var ranges: [ClosedRange<Int>] = []
        var start = lowest
        while true {
            let end = highest - start < step ? highest : start + step - 1
            ranges.append(start...end)
            if end == highest { break }
            start = end + 1
        }
        self.ranges = ranges
    }
}

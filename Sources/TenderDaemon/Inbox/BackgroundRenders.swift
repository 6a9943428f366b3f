import Dispatch
import Synchronization

/// Sets of final reports rendered in the background while the intake loop goes on deciding the rest of a batch, at
/// most `width` at once; ``FinalReports`` starts them and waits for them before the batch is committed.
///
/// A serial feeder queue of its own waits for a free place (one worker thread blocked there at most), so the intake
/// loop never waits on it until it asks for the results.
final class BackgroundRenders: Sendable {
    private let feeder = DispatchQueue(label: "tender.reports.final")
    private let places: DispatchSemaphore
    private let group = DispatchGroup()
    /// What each started set gave, by the index it was started with (nil where it could not be rendered).
    private let rendered = Mutex<[Int: StagedReports?]>([:])

    init(width: Int) {
        places = DispatchSemaphore(value: max(1, width))
    }

    /// Starts rendering the set numbered `index` with `render`.
    func start(_ index: Int, _ render: @escaping @Sendable () -> StagedReports?) {
        group.enter()
        feeder.async { [self] in
            places.wait()
            DispatchQueue.global().async { [self] in
                let staged = render()
                rendered.withLock { $0[index] = .some(staged) }
                places.signal()
                group.leave()
            }
        }
    }

    /// Waits for every set started, and returns what each gave, by index.
    func finish() -> [Int: StagedReports?] {
        group.wait()
        return rendered.withLock { all in
            defer { all = [:] }
            return all
        }
    }
}

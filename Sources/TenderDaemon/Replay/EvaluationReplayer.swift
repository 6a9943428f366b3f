import Foundation
public import TenderLedger
import TenderPlugins
import TenderRules
public import TenderScoring

/// Re-runs a recorded evaluation from the ledger's blobs alone and compares the result byte for byte.
public struct EvaluationReplayer: Sendable {
    let store: LedgerStore

    public init(store: LedgerStore) {
        self.store = store
    }

    /// The outcome of replaying one `procurement-evaluated` entry.
    public struct Outcome: Sendable {
        public var seq: Int
        public var procurement: String
        /// Empty when the replayed result is identical.
        public var differences: [String]
        /// How many input documents the entry records (0 when its body is not JSON).
        public var inputs: Int = 0
    }

    /// Replays one `procurement-evaluated` entry held in memory.
    public func replay(_ entry: LedgerEntry) -> Outcome {
        replay(.held(entry), seq: entry.seq)
    }

    /// Replays the `procurement-evaluated` entry `seq`, reading its body from the ledger a piece at a time: the
    /// recorded result of a large evaluation, tens of megabytes, is compared as it is read, not held (the body is
    /// read whole only to name differences, or when it cannot be split or the rest of it does not parse).
    public func replay(seq: Int) -> Outcome {
        replay(.stored, seq: seq)
    }

    /// Replays many `procurement-evaluated` entries held in memory on all cores (each replay is independent).
    ///
    /// - Returns: one outcome per entry, in the order given.
    public func replayAll(_ entries: [LedgerEntry]) -> [Outcome] {
        ConcurrentMap.map(entries.count) { replay(entries[$0]) }
    }

    /// Replays the `procurement-evaluated` entries `seqs` on all cores, reading each body from the ledger a piece at
    /// a time (``replay(seq:)``).
    ///
    /// - Returns: one outcome per entry, in the order given.
    public func replayAll(seqs: [Int]) -> [Outcome] {
        ConcurrentMap.map(seqs.count) { replay(seq: seqs[$0]) }
    }

    /// Where an entry's body is read: held in memory, or from the ledger.
    enum BodySource {
        case held(LedgerEntry)
        case stored
    }

    /// Calls `use` with the length of entry `seq`'s body and a function that reads any range of it (nil when that
    /// read fails).
    ///
    /// - Throws: ``ReplayError`` when the ledger cannot be read or has no such entry.
    func reading<T>(_ source: BodySource, seq: Int, _ use: (Int, (Range<Int>) -> [UInt8]?) -> T) throws(ReplayError)
        -> T
    {
        switch source {
        case .held(let entry):
            return use(entry.body.count) { range in
                range.lowerBound >= 0 && range.upperBound <= entry.body.count ? Array(entry.body[range]) : nil
            }
        case .stored:
            return try fromLedger(seq: seq) { () throws(LedgerError) in try store.withEntryBody(seq: seq, use) }
        }
    }

    /// Entry `seq` with its whole body.
    func whole(_ source: BodySource, seq: Int) throws(ReplayError) -> LedgerEntry {
        switch source {
        case .held(let entry): return entry
        case .stored:
            return try fromLedger(seq: seq) { () throws(LedgerError) in try store.entry(seq: seq) }
        }
    }

    /// What `read` reads of entry `seq` from the ledger; why not, when the ledger cannot be read or has no such entry.
    private func fromLedger<T>(seq: Int, _ read: () throws(LedgerError) -> T?) throws(ReplayError) -> T {
        let value: T?
        do {
            value = try read()
        } catch {
            throw ReplayError(description: "\(error) Run 'tender ledger verify'.")
        }
        guard let value else { throw ReplayError(description: "the ledger has no entry #\(seq)") }
        return value
    }

    func replay(_ source: BodySource, seq: Int) -> Outcome {
        let procurement: String
        var body: JSONValue
        func notJSON(_ error: JSONParser.Failure) -> Outcome {
            Outcome(seq: seq, procurement: "?", differences: ["the entry body is not JSON: \(error)"])
        }
        func unreadable(_ error: ReplayError) -> Outcome {
            Outcome(seq: seq, procurement: "?", differences: [error.description])
        }
        // The recorded result is compared as the bytes it was recorded as, read a piece at a time; only the rest of
        // the body is parsed (the result of a large procurement is several times its size as a tree). A body this
        // cannot split is parsed whole.
        var split: (result: Range<Int>, rest: [UInt8])?
        do {
            split = try reading(source, seq: seq) { count, read -> (result: Range<Int>, rest: [UInt8])? in
                guard let members = BodyMembers(count: count, read: read),
                    let result = members.range(of: EvaluationEntry.resultMember),
                    let rest = members.without(EvaluationEntry.resultMember, read: read)
                else { return nil }
                return (result, rest)
            }
        } catch {
            return unreadable(error)
        }
        var recordedRange = split?.result
        do {
            if let split, let rest = try? JSONParser(maximumDepth: 256).parse(split.rest) {
                body = rest
            } else {
                // Whatever the split cannot take, and a body that does not parse, as the whole body (the error
                // then names the stored bytes).
                recordedRange = nil
                let entry: LedgerEntry
                do {
                    entry = try whole(source, seq: seq)
                } catch {
                    return unreadable(error)
                }
                body = try entry.json()
            }
            procurement = body["procurement"]?.stringValue ?? "?"
        } catch {
            return notJSON(error)
        }
        // What was parsed is let go (the range of the recorded result is kept), and the inputs are taken out of the body:
        // the re-run lets them go once it has read their blobs (thousands of small objects for a large procurement).
        split = nil
        var inputs: [JSONValue]?
        if case .object(var members) = body, case .array(let listed)? = members.removeValue(forKey: "inputs") {
            body = .object(members)
            inputs = listed
        }
        var outcome = Outcome(seq: seq, procurement: procurement, differences: [], inputs: inputs?.count ?? 0)
        do {
            let replayed = try rerun(body, inputs: inputs.take())
            if let recordedRange {
                let same = try reading(source, seq: seq) { _, read in
                    replayed.hasCanonicalBytes(count: recordedRange.count) { range in
                        read(
                            (range.lowerBound + recordedRange.lowerBound)..<(range.upperBound + recordedRange.lowerBound)
                        )
                    }
                }
                if same { return outcome }
            }
            // They differ: the recorded result is read from the whole body, as before, to name the differences.
            let recorded: JSONValue
            if recordedRange == nil {
                recorded = body[EvaluationEntry.resultMember] ?? .null
            } else {
                let entry = try whole(source, seq: seq)
                do {
                    recorded = try entry.json()[EvaluationEntry.resultMember] ?? .null
                } catch {
                    return notJSON(error)
                }
            }
            outcome.differences = JSONDiff.paths(recorded, replayed.json)
            if body["engine"]?.stringValue != ScoringEngine.version, !outcome.differences.isEmpty {
                let version = body["engine"]?.stringValue ?? "?"
                outcome.differences.insert(
                    "recorded by engine \(version), replayed with \(ScoringEngine.version)", at: 0)
            }
        } catch {
            outcome.differences = [error.description]
        }
        return outcome
    }

    /// Why a recorded evaluation cannot be re-run.
    public struct ReplayError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// A recorded evaluation rebuilt from the ledger's blobs: everything its reports are made from.
    public struct Reconstruction: Sendable {
        public var methodology: Methodology
        public var submissions: [Submission]
        public var marks: [MarksDocument]
        public var decisions: [Decision]
        /// The plugins recorded with it.
        public var plugins: (any PluginEvaluator)?
        public var result: EvaluationResult
        public var recordedResult: JSONValue
        public var rulesetDigest: String
        public var publishedAt: Timestamp
        public var noticeDate: String?
        public var seq: Int
    }

    /// Re-runs a `procurement-evaluated` entry and returns its inputs and result.
    public func reconstruct(_ entry: LedgerEntry) throws(ReplayError) -> Reconstruction {
        let body: JSONValue
        do {
            body = try entry.json()
        } catch {
            throw ReplayError(description: "entry #\(entry.seq) is not JSON: \(error)")
        }
        let rerun = try rerunInputs(body)
        let published = (body["published_at"] ?? body["recorded_at"])?.stringValue.flatMap { Timestamp(rfc3339: $0) }
        return Reconstruction(
            methodology: rerun.methodology, submissions: rerun.submissions, marks: rerun.marks,
            decisions: rerun.decisions, plugins: rerun.plugins, result: rerun.result,
            recordedResult: body[EvaluationEntry.resultMember] ?? .null,
            rulesetDigest: body["ruleset_digest"]?.stringValue ?? "", publishedAt: published ?? Timestamp(seconds: 0),
            noticeDate: body["notice_date"]?.stringValue, seq: entry.seq)
    }

    /// The result evaluated again, to compare with the recorded one: the trees keep only what the evaluation reads.
    /// `inputs`: the body's `inputs`, when the caller took them out of it.
    func rerun(_ body: JSONValue, inputs: consuming [JSONValue]? = nil) throws(ReplayError) -> EvaluationResult {
        try rerunInputs(body, inputs: inputs.take(), reports: false).result
    }

    /// A recorded evaluation's inputs, read back from the blobs, and its result evaluated again.
    struct Rerun {
        var methodology: Methodology
        var submissions: [Submission]
        var marks: [MarksDocument]
        var decisions: [Decision]
        var plugins: (any PluginEvaluator)?
        var result: EvaluationResult
    }

    /// `inputs`: the body's `inputs`, when the caller took them out of it (they are let go once their blobs are read);
    /// `reports`: the submissions' trees keep what the reports read as well (``reconstruct(_:)``).
    func rerunInputs(_ body: JSONValue, inputs taken: consuming [JSONValue]? = nil, reports: Bool = true)
        throws(ReplayError) -> Rerun
    {
        let parser = DocumentParser()
        var methodology = try recordedMethodology(body)
        var submissions: [Submission] = []
        var marks: [MarksDocument] = []
        var decisions: [Decision] = []
        // The recorded plugins come first (what they read decides what each tree keeps), but a problem with them is
        // reported after any with the documents, as it was when the documents were read first.
        let plugins = Result { () throws(ReplayError) -> PluginBundle in try recordedPlugins(body) }
        let loaded = try? plugins.get()
        // Each input's blob, name and time of receipt, in recorded order.
        var inputs = (taken.take() ?? body["inputs"]?.arrayValue ?? []).map { input in
            (
                sha256: input["document_sha256"]?.stringValue, name: input["name"]?.stringValue,
                receivedAt: input["received_at"]?.stringValue
            )
        }
        // Each input's blob read and parsed on every core, a submission's tree cut down to what the evaluation (and,
        // with `reports`, its reports) read (a blob's bytes are not held beyond its parse); the first problem in
        // recorded order is the one reported, whether a missing blob or a document that no longer parses.
        let reads =
            loaded.map { SubmissionReads(methodology: methodology, plugins: $0.host, reports: reports) } ?? .everything
        var read = ConcurrentMap.map(inputs.count) { [inputs] index -> Result<ParsedDocument, ReplayError> in
            let input = inputs[index]
            guard let hash = input.sha256, let name = input.name else {
                return .failure(ReplayError(description: "an input does not name its document blob"))
            }
            return Result { () throws(ReplayError) in
                let bytes = try blob(hash, what: "document \(name)")
                do {
                    let parsed = try parser.parse(bytes, file: name, documentID: Hex.sha256(bytes))
                    guard case .submission(let submission) = parsed else { return parsed }
                    return .submission(reads.trimmed(submission))
                } catch {
                    throw ReplayError(description: "recorded document \(name) no longer parses: \(error)")
                }
            }
        }
        for (index, input) in inputs.enumerated() {
            switch try read[index].get() {
            case .submission(var submission):
                if submission.receivedAt == nil, let seen = input.receivedAt {
                    submission.receivedAt = Timestamp(rfc3339: seen)
                }
                submissions.append(submission)
            case .marks(let document): marks.append(document)
            case .decision(let decision): decisions.append(decision)
            default: break
            }
        }
        // Each document is now in one of the three lists: what was read and the inputs' names (a few hundred bytes a
        // document beside theirs) are let go before the evaluation.
        read = []
        inputs = []
        let bundle = try plugins.get()
        // One lot of a lotted procurement: the lot's methodology, over the tenders for the lot (the other lots'
        // submissions, recorded after the lot's own inputs, count for the limit on lots one supplier may tender for).
        if methodology.lotting != nil, let lot = body["lot"]?.stringValue {
            submissions = LotsEngine.tenders(for: lot, of: submissions, methodology: methodology)
            marks = marks.filter { $0.lot == lot }
            decisions = decisions.filter { $0.lot == lot }
            methodology = methodology.lot(lot)
        }
        // An evaluation is replayed with the semantics of the engine that recorded it.
        let semantics = body["engine"]?.stringValue ?? ScoringEngine.version
        let result = ScoringEngine(methodology: methodology, plugins: bundle.host, semantics: semantics)
            .evaluate(submissions: submissions, marks: marks, decisions: decisions)
        return Rerun(
            methodology: methodology, submissions: submissions, marks: marks, decisions: decisions,
            plugins: bundle.host, result: result)
    }

    /// The methodology an entry names, read back from its blob.
    func recordedMethodology(_ body: JSONValue) throws(ReplayError) -> Methodology {
        guard let methodologyHash = body["methodology_sha256"]?.stringValue,
            let methodologyName = body["methodology_name"]?.stringValue
        else { throw ReplayError(description: "the entry does not name its methodology blob") }
        let methodologyBytes = try blob(methodologyHash, what: "methodology \(methodologyName)")
        let parsed: Methodology
        do {
            guard
                case .methodology(let methodology, _) = try DocumentParser().parse(
                    methodologyBytes, file: methodologyName, documentID: Hex.sha256(methodologyBytes))
            else { throw ReplayError(description: "blob \(methodologyHash) is not a methodology") }
            parsed = methodology
        } catch {
            throw ReplayError(description: "the recorded methodology no longer parses: \(error)")
        }
        return parsed.callOff == nil ? parsed : try resolveCallOff(parsed, body)
    }

    /// A call-off's methodology with the members of the framework (or dynamic market) recorded with it.
    func resolveCallOff(_ methodology: Methodology, _ body: JSONValue) throws(ReplayError) -> Methodology {
        guard let hash = body["framework_sha256"]?.stringValue, let name = body["framework_name"]?.stringValue else {
            throw ReplayError(
                description: "the entry does not name the framework record its call-off was checked against")
        }
        let bytes = try blob(hash, what: "framework \(name)")
        guard case .framework(let framework)? = try? DocumentParser().parse(bytes, file: name, documentID: hash) else {
            throw ReplayError(description: "the recorded framework \(name) no longer parses")
        }
        switch CallOffResolver.resolve(methodology, frameworks: [framework]) {
        case .success(let resolved): return resolved
        case .failure(let failure):
            throw ReplayError(
                description: "the call-off no longer resolves: " + failure.messages.joined(separator: "; "))
        }
    }

    /// A recorded award across lots rebuilt from the ledger's blobs: the award made again from each lot's evaluation,
    /// replayed, with everything its reports are made from.
    public struct AwardReconstruction: Sendable {
        /// The methodology that declares the lots.
        public var methodology: Methodology
        public var award: LotAward
        public var recordedAward: JSONValue
        /// Each lot's evaluation (with its entry's sequence number), in the order the entry names them.
        public var lots: [Reconstruction]
        /// Lots whose replayed evaluation differs from the one the award names.
        public var differingLots: [String]
    }

    /// Rebuilds a `lots-awarded` entry: finds each lot's evaluation it names (the latest `procurement-evaluated`
    /// entry before it for that lot with that result), replays them and awards the lots again.
    ///
    /// - Parameter evaluations: the ledger's `procurement-evaluated` entries, in order.
    public func reconstructAward(_ entry: LedgerEntry, evaluations: [LedgerEntry]) throws(ReplayError)
        -> AwardReconstruction
    {
        let body: JSONValue
        do {
            body = try entry.json()
        } catch {
            throw ReplayError(description: "entry #\(entry.seq) is not JSON: \(error)")
        }
        let procurement = body["procurement"]?.stringValue ?? "?"
        let methodology = try recordedMethodology(body)
        guard methodology.lotting != nil else {
            throw ReplayError(description: "the recorded methodology declares no lots")
        }
        var lots: [Reconstruction] = []
        var byLot: [String: Reconstruction] = [:]
        var differing: [String] = []
        for (lot, sha) in LotsAwardedEntry.evaluations(body) {
            let named = evaluations.last { evaluation in
                guard evaluation.seq < entry.seq, let evaluated = try? evaluation.json() else { return false }
                return evaluated["procurement"]?.stringValue == procurement && evaluated["lot"]?.stringValue == lot
                    && LotsAwardedEntry.resultDigest(evaluated[EvaluationEntry.resultMember] ?? .null) == sha
            }
            guard let named else {
                throw ReplayError(description: "no evaluation of lot \(lot) before #\(entry.seq) has result \(sha)")
            }
            let replayed = try reconstruct(named)
            lots.append(replayed)
            byLot[lot] = replayed
            if LotsAwardedEntry.resultDigest(replayed.result) != sha { differing.append(lot) }
        }
        let award = LotsEngine.award(methodology, results: byLot.mapValues(\.result)) { [byLot] lot in
            let replayed = byLot[lot]!
            return (
                ScoringEngine(methodology: replayed.methodology, plugins: replayed.plugins),
                (replayed.submissions, replayed.marks, replayed.decisions)
            )
        }
        return AwardReconstruction(
            methodology: methodology, award: award, recordedAward: body["award"] ?? .null, lots: lots,
            differingLots: differing)
    }

    /// Replays a `lots-awarded` entry (``reconstructAward(_:evaluations:)``) and compares the award.
    public func replayAward(_ entry: LedgerEntry, evaluations: [LedgerEntry]) -> Outcome {
        let procurement = (try? entry.json())?["procurement"]?.stringValue ?? "?"
        var outcome = Outcome(seq: entry.seq, procurement: procurement, differences: [])
        do {
            let rebuilt = try reconstructAward(entry, evaluations: evaluations)
            outcome.differences =
                rebuilt.differingLots.map { "lot \($0): the replayed evaluation differs from the one the award names" }
                + JSONDiff.paths(rebuilt.recordedAward, rebuilt.award.json)
            outcome.inputs = rebuilt.lots.count
        } catch {
            outcome.differences.append(error.description)
        }
        return outcome
    }

    /// Replays a `stage-concluded` entry: finds the stage's evaluation it names (the latest `procurement-evaluated`
    /// entry before it for that procurement, lot and stage with that result), replays it, applies the stage's rule
    /// again and compares the outcome.
    ///
    /// - Parameter evaluations: the ledger's `procurement-evaluated` entries, in order.
    public func replayStage(_ entry: LedgerEntry, evaluations: [LedgerEntry]) -> Outcome {
        let body = (try? entry.json()) ?? .null
        let procurement = body["procurement"]?.stringValue ?? "?"
        var outcome = Outcome(seq: entry.seq, procurement: procurement, differences: [])
        let (lot, stage) = (body["lot"]?.stringValue, body["stage"]?.stringValue)
        let sha = body["result_digest"]?.stringValue
        let named = evaluations.last { evaluation in
            guard evaluation.seq < entry.seq, let evaluated = try? evaluation.json() else { return false }
            return evaluated["procurement"]?.stringValue == procurement && evaluated["lot"]?.stringValue == lot
                && evaluated["stage"]?.stringValue == stage
                && LotsAwardedEntry.resultDigest(evaluated[EvaluationEntry.resultMember] ?? .null) == sha
        }
        guard let named else {
            outcome.differences.append(
                "no evaluation of stage \(stage ?? "?") before #\(entry.seq) has result \(sha ?? "?")")
            return outcome
        }
        do {
            let replayed = try reconstruct(named)
            outcome.inputs = replayed.submissions.count
            guard let declared = replayed.methodology.stage,
                let again = StageProgression.outcome(of: declared, result: replayed.result)
            else {
                outcome.differences.append("the recorded methodology of #\(named.seq) declares no stage to conclude")
                return outcome
            }
            if LotsAwardedEntry.resultDigest(replayed.result) != sha {
                outcome.differences.append("the replayed evaluation #\(named.seq) differs from the one the entry names")
            }
            outcome.differences += JSONDiff.paths(body["outcome"] ?? .null, again.json)
        } catch {
            outcome.differences.append(error.description)
        }
        return outcome
    }

    /// The plugins an evaluation entry records, rebuilt from their blobs.
    func recordedPlugins(_ body: JSONValue) throws(ReplayError) -> PluginBundle {
        var members: [PluginBundle.Member] = []
        for plugin in body["plugins"]?.arrayValue ?? [] {
            guard let name = plugin["name"]?.stringValue, let manifest = plugin["manifest_sha256"]?.stringValue,
                let module = plugin["module_sha256"]?.stringValue
            else { throw ReplayError(description: "a recorded plugin does not name its manifest and module blobs") }
            members.append(
                PluginBundle.Member(
                    name: name, manifestBytes: try blob(manifest, what: "plugin \(name) manifest"),
                    moduleBytes: try blob(module, what: "plugin \(name) module")))
        }
        let bundle = PluginBundle.rebuild(members)
        guard bundle.problems.isEmpty else {
            throw ReplayError(
                description: "the recorded plugins no longer load: " + bundle.problems.joined(separator: "; "))
        }
        return bundle
    }

    func blob(_ hash: String, what: String) throws(ReplayError) -> [UInt8] {
        do {
            guard let blob = try store.blob(sha256: hash) else {
                throw ReplayError(description: "\(what): blob \(hash) is missing from the ledger")
            }
            return blob.bytes
        } catch {
            throw ReplayError(description: "\(what): blob \(hash) cannot be read: \(error)")
        }
    }

}

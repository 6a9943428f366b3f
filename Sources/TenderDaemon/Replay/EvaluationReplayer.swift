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

    /// Replays one `procurement-evaluated` entry.
    public func replay(_ entry: LedgerEntry) -> Outcome {
        let procurement: String
        let body: JSONValue
        do {
            body = try entry.json()
            procurement = body["procurement"]?.stringValue ?? "?"
        } catch {
            return Outcome(seq: entry.seq, procurement: "?", differences: ["the entry body is not JSON: \(error)"])
        }
        var outcome = Outcome(
            seq: entry.seq, procurement: procurement, differences: [],
            inputs: body["inputs"]?.arrayValue?.count ?? 0)
        do {
            let replayed = try rerun(body)
            let recorded = body["result"] ?? .null
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

    /// Replays many `procurement-evaluated` entries on all cores (each replay is independent).
    ///
    /// - Returns: one outcome per entry, in the order given.
    public func replayAll(_ entries: [LedgerEntry]) -> [Outcome] {
        ConcurrentMap.map(entries.count) { replay(entries[$0]) }
    }

    /// Why a recorded evaluation cannot be re-run.
    public struct ReplayError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// A recorded evaluation rebuilt from the ledger's blobs: everything its reports are made from.
    public struct Reconstruction: Sendable {
        public var methodology: Methodology
        public var submissions: [Submission]
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
        let (methodology, submissions, result) = try rerunInputs(body)
        let published = (body["published_at"] ?? body["recorded_at"])?.stringValue.flatMap { Timestamp(rfc3339: $0) }
        return Reconstruction(
            methodology: methodology, submissions: submissions, result: result, recordedResult: body["result"] ?? .null,
            rulesetDigest: body["ruleset_digest"]?.stringValue ?? "", publishedAt: published ?? Timestamp(seconds: 0),
            noticeDate: body["notice_date"]?.stringValue, seq: entry.seq)
    }

    func rerun(_ body: JSONValue) throws(ReplayError) -> EvaluationResult {
        try rerunInputs(body).2
    }

    func rerunInputs(_ body: JSONValue) throws(ReplayError) -> (Methodology, [Submission], EvaluationResult) {
        let parser = DocumentParser()
        guard let methodologyHash = body["methodology_sha256"]?.stringValue,
            let methodologyName = body["methodology_name"]?.stringValue
        else { throw ReplayError(description: "the entry does not name its methodology blob") }
        let methodologyBytes = try blob(methodologyHash, what: "methodology \(methodologyName)")
        let methodology: Methodology
        do {
            guard
                case .methodology(let parsed, _) = try parser.parse(
                    methodologyBytes, file: methodologyName, documentID: Hex.sha256(methodologyBytes))
            else { throw ReplayError(description: "blob \(methodologyHash) is not a methodology") }
            methodology = parsed
        } catch {
            throw ReplayError(description: "the recorded methodology no longer parses: \(error)")
        }
        var submissions: [Submission] = []
        var marks: [MarksDocument] = []
        var decisions: [Decision] = []
        for input in body["inputs"]?.arrayValue ?? [] {
            guard let hash = input["document_sha256"]?.stringValue, let name = input["name"]?.stringValue else {
                throw ReplayError(description: "an input does not name its document blob")
            }
            let bytes = try blob(hash, what: "document \(name)")
            do {
                switch try parser.parse(bytes, file: name, documentID: Hex.sha256(bytes)) {
                case .submission(var submission):
                    if submission.receivedAt == nil, let seen = input["received_at"]?.stringValue {
                        submission.receivedAt = Timestamp(rfc3339: seen)
                    }
                    submissions.append(submission)
                case .marks(let document): marks.append(document)
                case .decision(let decision): decisions.append(decision)
                default: break
                }
            } catch {
                throw ReplayError(description: "recorded document \(name) no longer parses: \(error)")
            }
        }
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
        // An evaluation is replayed with the semantics of the engine that recorded it.
        let semantics = body["engine"]?.stringValue ?? ScoringEngine.version
        let result = ScoringEngine(methodology: methodology, plugins: bundle.host, semantics: semantics)
            .evaluate(submissions: submissions, marks: marks, decisions: decisions)
        return (methodology, submissions, result)
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

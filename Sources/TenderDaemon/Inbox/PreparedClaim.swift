import Foundation
import TenderLedger
import TenderPlugins
import TenderRules
import TenderScoring

/// A claimed file read, identified (SHA-256) and parsed: the part of intake that touches no shared state, so
/// many claims are prepared at once on every core while the intake loop decides and commits earlier ones.
struct PreparedClaim: Sendable {
    enum Content: Sendable {
        /// Refused before parsing (a link, not a regular file, too large, unreadable); the bytes are not kept.
        case refused(sha: String, size: Int, reasons: [String])
        /// Read whole: the bytes, their SHA-256, and the parsed document or every problem found in it.
        case read(bytes: [UInt8], sha: String, parsed: Result<ParsedDocument, DocumentError>)
    }

    var claim: Claim
    var content: Content
    /// A submission's arrival assessment, made ahead against the marks its procurement had when the window
    /// started; used only if the procurement still has exactly those marks when the claim is decided.
    var assessment: Assessment?

    struct Assessment: Sendable {
        var marksCount: Int
        var result: TenderResult
        /// The explanation as the ledger records it, serialized here (on the preparing cores), not by the writer.
        var json: SerializedJSON

        /// Assesses `submission` on arrival against `marks`, with its explanation as the ledger records it.
        init(_ submission: Submission, marks: [MarksDocument], methodology: Methodology, plugins: PluginBundle) {
            marksCount = marks.count
            result = ScoringEngine(methodology: methodology, plugins: plugins.host).assessOnArrival(
                submission, marks: marks)
            let rounding = methodology.evaluation.rounding
            json =
                SerializedJSON(canonicalObject: result.canonicalJSON(rounding: rounding, flags: []))
                ?? SerializedJSON(result.json(rounding: rounding, flags: []))
        }
    }

    /// Whether this is a close document (which evaluates its procurement) or a decision (which evaluates it again
    /// once it has been closed).
    var mayEvaluate: Bool {
        switch content {
        case .read(_, _, .success(.close)), .read(_, _, .success(.decision)): return true
        default: return false
        }
    }

    /// What an assessment made ahead needs: the rule set the batch is pinned to and the book's marks as they were.
    struct Context: Sendable {
        var ruleSet: RuleSet
        var marks: ProcurementBook.LoadedMarks
    }

    /// Reads, hashes and parses one claimed file in `processing/`.
    static func prepare(_ claim: Claim, settings: DaemonSettings, context: Context? = nil) -> PreparedClaim {
        let path = (settings.processing as NSString).appendingPathComponent(claim.claimName)
        func refused(_ reason: String, sha: String = "", size: Int = 0) -> PreparedClaim {
            PreparedClaim(claim: claim, content: .refused(sha: sha, size: size, reasons: [reason]))
        }
        switch FileSystem.kind(path) {
        case .symlink:
            return refused(
                "\(claim.originalName) is a symbolic link; the inbox never follows links. Copy the document itself in.")
        case .other, .missing:
            return refused(
                "\(claim.originalName) is not a regular file (a folder or a device?); drop documents as plain files.")
        case .regular:
            break
        }
        let bytes: [UInt8]
        do {
            let read = try FileSystem.read(path, limit: settings.maxDocumentBytes)
            guard let content = read.bytes else {
                return refused(
                    "\(claim.originalName): the file is \(read.size) bytes, more than the limit of "
                        + "\(settings.maxDocumentBytes) (setting max_document_bytes); split it or ask the operator",
                    sha: IntakeDecider.streamedSHA256(path), size: read.size)
            }
            bytes = content
        } catch {
            return refused("\(claim.originalName): \(error.description)")
        }
        let sha = Hex.sha256(bytes)
        let parser = DocumentParser(maximumBytes: settings.maxDocumentBytes)
        let parsed: Result<ParsedDocument, DocumentError>
        do {
            parsed = .success(try parser.parse(bytes, file: claim.originalName, documentID: sha))
        } catch {
            parsed = .failure(error)
        }
        var prepared = PreparedClaim(claim: claim, content: .read(bytes: bytes, sha: sha, parsed: parsed))
        if let context, case .success(let document) = parsed { prepared.assessment = assess(document, claim, context) }
        return prepared
    }

    /// Assesses a submission on arrival ahead of its turn, when its procurement's marks are known.
    private static func assess(_ document: ParsedDocument, _ claim: Claim, _ context: Context) -> Assessment? {
        // A tender for several lots, or one a limit on tendered lots may concern, is assessed in its turn.
        guard case .submission(var submission) = document, submission.lots.isEmpty else { return nil }
        let key = ProcurementKey(reference: submission.procurement, lot: submission.lot, stage: submission.stage)
        guard let entry = context.ruleSet.entry(for: key),
            entry.methodology.lotting?.limits.maxTendered == nil,
            ProcurementMatcher(methodology: entry.methodology).problems(document).isEmpty,
            let marks = context.marks[key]
        else { return nil }
        if submission.receivedAt == nil { submission.receivedAt = claim.seenAt }
        return Assessment(submission, marks: marks, methodology: entry.methodology, plugins: context.ruleSet.plugins)
    }

    /// Starts preparing `claims` on the background cores (below the intake loop's priority); ``BackgroundCores/Pending/wait()``
    /// returns them in claim order.
    static func start(_ claims: [Claim], settings: DaemonSettings, context: Context? = nil)
        -> BackgroundCores.Pending<PreparedClaim>
    {
        BackgroundCores.shared.map(claims.count) { prepare(claims[$0], settings: settings, context: context) }
    }
}

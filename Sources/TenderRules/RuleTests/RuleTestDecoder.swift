import Foundation
import TenderScoring

/// Decodes `kind: rule-tests`.
struct RuleTestDecoder {
    let diagnostics: DiagnosticCollector
    var read: ValueReader { ValueReader(diagnostics: diagnostics) }

    func decode(_ fields: inout Fields) -> RuleTestFile? {
        let stagesNode = fields.take("stages")
        let stages = stagesNode.flatMap { read.textList($0, "stages") } ?? []
        let methodologyNode =
            stagesNode != nil
            ? stagesNode : fields.require("methodology", "the methodology file, relative to this file")
        let methodology = stagesNode != nil ? stages.first : read.text(methodologyNode, "methodology")
        if let stagesNode, fields.has("methodology") {
            diagnostics.error(
                stagesNode, "give methodology (one methodology) or stages (every stage's methodology), not both")
        }
        let frameworks =
            fields.has("frameworks") ? read.textList(fields.take("frameworks"), "frameworks") ?? [] : []
        var tests: [RuleTestCase] = []
        if let items = read.list(fields.require("tests"), "tests") {
            tests = items.compactMap(testCase)
        }
        fields.finish()
        guard let methodology else { return nil }
        return RuleTestFile(
            methodology: methodology, methodologyLocation: diagnostics.location(methodologyNode), tests: tests,
            stages: stages, frameworks: frameworks)
    }

    func testCase(_ node: YAMLNode) -> RuleTestCase? {
        guard var fields = Fields(node, context: "a test", diagnostics: diagnostics) else { return nil }
        let name = read.text(fields.require("name"), "test name")
        var documents: [RuleTestDocument] = []
        if let items = read.list(
            fields.require("documents", "paths relative to this file, or inline documents"), "documents")
        {
            for (index, item) in items.enumerated() {
                if case .mapping = item {
                    let id = "inline:\(diagnostics.file):\(item.mark.line)"
                    do {
                        let document = try DocumentParser().decode(item, diagnostics: diagnostics, documentID: id)
                        documents.append(.inline(document, diagnostics.location(item)))
                    } catch {
                        continue
                    }
                } else if let path = read.text(item, "document \(index + 1)") {
                    documents.append(.path(path, diagnostics.location(item)))
                }
            }
        }
        let expect = fields.require("expect").flatMap(expectations)
        let mechanism = fields.take("mechanism").flatMap { read.choice($0, "mechanism", as: LotMechanism.self) }
        fields.finish()
        guard let name, let expect else { return nil }
        return RuleTestCase(
            name: name, location: diagnostics.location(node), documents: documents, expect: expect,
            mechanism: mechanism)
    }

    func expectations(_ node: YAMLNode) -> RuleExpectations? {
        guard var fields = Fields(node, context: "expect", diagnostics: diagnostics) else { return nil }
        let isFinal = read.bool(fields.take("final"), "final")
        var winner: String?? = nil
        if let winnerNode = fields.take("winner") {
            winner =
                ValueReader.scalarValue(winnerNode.scalar ?? .init("")) == .null
                ? .some(nil) : read.text(winnerNode, "winner")
        }
        var tenders: [(String, TenderExpectation)] = []
        if let tendersNode = fields.take("tenders"),
            let tenderFields = Fields(tendersNode, context: "tenders", diagnostics: diagnostics)
        {
            for pair in tenderFields.pairs {
                if let expectation = tender(pair.value) { tenders.append((pair.key, expectation)) }
            }
        }
        var flags: [FlagExpectation] = []
        for item in read.list(fields.take("flags"), "flags") ?? [] {
            guard var flagFields = Fields(item, context: "an expected flag", diagnostics: diagnostics) else { continue }
            let kind = read.text(flagFields.require("kind"), "flag kind")
            let tender = read.text(flagFields.take("tender"), "flag tender")
            let check = read.text(flagFields.take("check"), "flag check")
            flagFields.finish()
            if let kind {
                flags.append(
                    FlagExpectation(kind: kind, tender: tender, check: check, location: diagnostics.location(item)))
            }
        }
        let absent = fields.has("no_flags") ? read.textList(fields.take("no_flags"), "no_flags") ?? [] : []
        let missing = fields.has("missing_marks") ? read.textList(fields.take("missing_marks"), "missing_marks") : nil
        let rejected = read.integer(fields.take("rejected_marks"), "rejected_marks", range: 0...10_000)
        var lots: [(String, RuleExpectations)] = []
        if let lotsNode = fields.take("lots"),
            let lotFields = Fields(lotsNode, context: "lots", diagnostics: diagnostics)
        {
            for pair in lotFields.pairs {
                if let expectation = expectations(pair.value) { lots.append((pair.key, expectation)) }
            }
        }
        var award: [(String, AwardExpectation)] = []
        if let awardNode = fields.take("award"),
            let awardFields = Fields(awardNode, context: "award", diagnostics: diagnostics)
        {
            for pair in awardFields.pairs {
                if let expectation = awardExpectation(pair.value) { award.append((pair.key, expectation)) }
            }
        }
        var stages: [(String, RuleExpectations)] = []
        if let stagesNode = fields.take("stages"),
            let stageFields = Fields(stagesNode, context: "stages", diagnostics: diagnostics)
        {
            for pair in stageFields.pairs {
                if let expectation = expectations(pair.value) { stages.append((pair.key, expectation)) }
            }
        }
        let progressed = fields.has("progressed") ? read.textList(fields.take("progressed"), "progressed") : nil
        let dropped = fields.has("dropped") ? read.textList(fields.take("dropped"), "dropped") : nil
        var refused: [RefusalExpectation] = []
        for item in read.list(fields.take("refused"), "refused") ?? [] {
            guard var refusal = Fields(item, context: "an expected refusal", diagnostics: diagnostics) else { continue }
            let tender = read.text(refusal.require("tender"), "refused tender")
            let stage = read.text(refusal.take("stage"), "refused stage")
            let reasons =
                refusal.has("reason_contains")
                ? read.textList(refusal.take("reason_contains"), "reason_contains") ?? [] : []
            refusal.finish()
            if let tender {
                refused.append(
                    RefusalExpectation(
                        tender: tender, stage: stage, reasonContains: reasons, location: diagnostics.location(item)))
            }
        }
        fields.finish()
        var expectations = RuleExpectations(
            isFinal: isFinal, winner: winner, tenders: tenders, flags: flags, absentFlags: absent,
            missingMarks: missing, rejectedMarks: rejected, location: diagnostics.location(node), lots: lots,
            award: award)
        expectations.stages = stages
        expectations.progressed = progressed
        expectations.dropped = dropped
        expectations.refused = refused
        return expectations
    }

    func awardExpectation(_ node: YAMLNode) -> AwardExpectation? {
        guard var fields = Fields(node, context: "a lot's expected award", diagnostics: diagnostics) else { return nil }
        var awarded: String?? = nil
        if let awardedNode = fields.take("awarded") {
            awarded =
                ValueReader.scalarValue(awardedNode.scalar ?? .init("")) == .null
                ? .some(nil) : read.text(awardedNode, "awarded")
        }
        let moved = read.bool(fields.take("moved"), "moved")
        let reasons =
            fields.has("reason_contains") ? read.textList(fields.take("reason_contains"), "reason_contains") ?? [] : []
        fields.finish()
        return AwardExpectation(
            awarded: awarded, moved: moved, reasonContains: reasons, location: diagnostics.location(node))
    }

    func tender(_ node: YAMLNode) -> TenderExpectation? {
        guard var fields = Fields(node, context: "a tender expectation", diagnostics: diagnostics) else { return nil }
        let status = fields.has("status") ? read.choice(fields.take("status"), "status", as: TenderStatus.self) : nil
        var rank: Int?? = nil
        if let rankNode = fields.take("rank") {
            rank =
                rankNode.scalar.map(ValueReader.scalarValue) == .null
                ? .some(nil) : read.integer(rankNode, "rank", range: 1...1_000_000)
        }
        let total = read.decimal(fields.take("total"), "total")
        var points: [(String, Decimal)] = []
        if let pointsNode = fields.take("points"),
            let pointFields = Fields(pointsNode, context: "points", diagnostics: diagnostics)
        {
            for pair in pointFields.pairs {
                if let value = read.decimal(pair.value, "points for \(pair.key)") { points.append((pair.key, value)) }
            }
        }
        let value = read.decimal(fields.take("price_per_quality_point"), "price_per_quality_point")
        let reasons =
            fields.has("reasons_contain") ? read.textList(fields.take("reasons_contain"), "reasons_contain") ?? [] : []
        fields.finish()
        return TenderExpectation(
            status: status, rank: rank, total: total, points: points, pricePerQualityPoint: value,
            reasonsContain: reasons, location: diagnostics.location(node))
    }
}

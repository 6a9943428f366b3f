import Foundation
import TenderScoring

extension RedFlags {
    /// R044: different suppliers sharing an address or contact details (normalised for case, spacing,
    /// punctuation and postcode format; phone numbers compared by digits).
    func sharedDetails(_ received: [TenderResult], submissions: [Submission]) -> [RedFlag] {
        let byDocument = Dictionary(submissions.map { ($0.documentID, $0) }, uniquingKeysWith: { first, _ in first })
        var owners: [String: [TenderResult]] = [:]
        for tender in received {
            guard let submission = byDocument[tender.documentID] else { continue }
            for key in Self.similarityKeys(submission.content) {
                owners[key, default: []].append(tender)
            }
        }
        var seen: Set<[String]> = []
        var flags: [RedFlag] = []
        for key in owners.keys.sorted() {
            let tenders = owners[key]!
            guard Set(tenders.map(\.supplier.identity)).count >= 2 else { continue }
            let keys = tenders.map(\.key).sorted()
            let what = key.hasPrefix("address:") ? "address" : "contact details"
            guard seen.insert(keys + [what]).inserted else { continue }
            flags.append(
                RedFlag(
                    code: "R044", title: "Tenderers share \(what)", tenders: keys,
                    message: "\(keys.joined(separator: ", ")) give the same \(what)",
                    action: "check whether the suppliers are connected (common ownership or control) and whether "
                        + "their tenders were prepared independently; ask for a certificate of non-collusion"))
        }
        return flags
    }

    /// The normalised address and contact values of a submission, each prefixed with its kind.
    static func similarityKeys(_ content: DocumentValue) -> [String] {
        var keys: [String] = []
        if let address = content.value(at: "supplier.address") {
            let text = normalised(flatten(address))
            if !text.isEmpty { keys.append("address:" + text) }
        }
        for path in ["supplier.contact", "supplier.email", "supplier.phone"] {
            guard let contact = content.value(at: path) else { continue }
            keys += contactKeys(contact)
        }
        return keys
    }

    private static func contactKeys(_ value: DocumentValue) -> [String] {
        switch value {
        case .map(let members):
            return members.keys.sorted().flatMap { key -> [String] in
                let lowered = key.lowercased()
                if lowered.contains("address") && !lowered.contains("email") {
                    let text = normalised(flatten(members[key]!))
                    return text.isEmpty ? [] : ["address:" + text]
                }
                if lowered == "name" { return [] }
                return contactKeys(members[key]!)
            }
        case .list(let items):
            return items.flatMap(contactKeys)
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if trimmed.contains("@") { return ["email:" + trimmed] }
            var digits = trimmed.filter(\.isASCII).filter(\.isNumber)
            if trimmed.hasPrefix("+44") { digits = "0" + digits.dropFirst(2) }
            return digits.count >= 7 ? ["phone:" + digits] : []
        case .number(let number):
            return contactKeys(.string(DecimalText.exact(number)))
        default:
            return []
        }
    }

    private static func flatten(_ value: DocumentValue) -> String {
        switch value {
        case .string(let text): return text
        case .number(let number): return DecimalText.exact(number)
        case .list(let items): return items.map(flatten).joined(separator: " ")
        case .map(let members): return members.keys.sorted().map { flatten(members[$0]!) }.joined(separator: " ")
        default: return ""
        }
    }

    /// Lower case, letters and digits only: "Unit 4,  Tame Valley B77 5BY" and "unit 4 tame valley b775by" match.
    static func normalised(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}

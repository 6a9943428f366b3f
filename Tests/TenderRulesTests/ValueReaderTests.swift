import Foundation
import Testing

@testable import TenderRules

struct ValueReaderTests {
    /// The ASCII fast path of the identifier check must accept exactly what the character set accepts.
    @Test func identifierCheckAgreesWithTheCharacterSetOnEveryScalarOfTheBasicPlane() {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.:/"))
        var disagreements: [UInt32] = []
        for value in UInt32(0)..<0x1_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if ValueReader.isIdentifier(String(Character(scalar))) != allowed.contains(scalar) {
                disagreements.append(value)
            }
        }
        #expect(disagreements.isEmpty, "scalars judged differently: \(disagreements.prefix(10))")
        #expect(ValueReader.isIdentifier("GB-COH-12345678"))
        #expect(ValueReader.isIdentifier("ocds-h6vhtk-04a1b2/lot:1_é"))
        #expect(!ValueReader.isIdentifier("E 1"))
        #expect(!ValueReader.isIdentifier("T-0001;"))
    }
}

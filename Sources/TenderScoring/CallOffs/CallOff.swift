/// What a call-off methodology says about the framework or dynamic market it calls off from (`call_off:`), and,
/// once resolved against the framework record (``CallOffResolver``), who may be awarded it.
public struct CallOff: Sendable, Hashable {
    public var kind: Framework.Kind
    /// The framework's (or market's) id.
    public var framework: String
    /// The lot (framework) or category (dynamic market).
    public var part: String
    /// The members of that lot or category: set by ``CallOffResolver``, `nil` until then.
    public var members: [Framework.Member]?

    public init(kind: Framework.Kind, framework: String, part: String, members: [Framework.Member]? = nil) {
        self.kind = kind
        self.framework = framework
        self.part = part
        self.members = members
    }

    /// "framework wmca-retrofit-framework lot 2".
    public var label: String { "\(kind.name) \(framework) \(kind.part) \(part)" }

    /// Why a tender from `supplier` may not be awarded this call-off (it is not a member), or `nil`; always `nil`
    /// before the call-off is resolved.
    public func nonMember(_ supplier: Supplier) -> String? {
        guard let members else { return nil }
        if let identifier = supplier.identifier, members.contains(where: { $0.identifier == identifier }) {
            return nil
        }
        let who = supplier.identifier.map { "\(supplier.name) (\($0))" } ?? "\(supplier.name) (no identifier)"
        switch kind {
        case .framework:
            return "\(who) is not a member of \(label): only suppliers party to the framework may be awarded a "
                + "contract under it (s.45–47); the tender is disregarded"
        case .dynamicMarket:
            return "\(who) is not a member of \(label): call-off competitions are open only to the market's members "
                + "(s.34–40); the tender is disregarded"
        }
    }
}

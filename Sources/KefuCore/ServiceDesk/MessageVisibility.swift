/// Public replies are seen by the customer; internal notes never are.
public enum MessageVisibility: String, Codable, Sendable, CaseIterable {
    case `public`
    case `internal`
}

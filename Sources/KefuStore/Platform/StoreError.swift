/// Store failures that are not domain outcomes (configuration, corrupt rows).
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case configuration(String)
    case corrupt(String)

    public var description: String {
        switch self {
        case .configuration(let message), .corrupt(let message): message
        }
    }
}

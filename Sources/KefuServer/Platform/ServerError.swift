/// Start-up failures of the server.
public enum ServerError: Error, CustomStringConvertible {
    case missingResource(String)

    public var description: String {
        switch self {
        case .missingResource(let name): "The resource \(name) is missing from the build."
        }
    }
}

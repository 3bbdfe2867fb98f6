import Foundation
import Hummingbird

extension ServerConfiguration {
    /// `path` as an address people can open from another device (a QR code, a printed poster): on the public URL
    /// when one is configured, else on the host the request reached, else the path alone.
    func publicLink(_ path: String, request: Request) -> String {
        if let base = publicURL?.trimmingCharacters(in: CharacterSet(charactersIn: "/")), !base.isEmpty {
            return base + path
        }
        guard let host = request.head.authority, !host.isEmpty else { return path }
        return "http://\(host)\(path)"
    }
}

import NIOSSL

/// The TLS settings of a mail connection: certificates are always verified, against the system's
/// roots or against one CA file (a private CA, or the self-signed one of the test servers).
public struct MailTLS: Sendable {
    /// A PEM file of CA certificates to trust instead of the system roots; nil trusts the system.
    public var trustedCAFile: String?

    public init(trustedCAFile: String? = nil) {
        self.trustedCAFile = trustedCAFile
    }

    func makeContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let trustedCAFile {
            configuration.trustRoots = .file(trustedCAFile)
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// The name sent as SNI and checked against the certificate. An IP literal cannot be sent as SNI,
    /// so for one NIOSSL checks the certificate's IP addresses against the peer's address instead.
    static func serverName(for host: String) -> String? {
        let isIPv4 =
            host.split(separator: ".", omittingEmptySubsequences: false).count == 4
            && host.allSatisfy { $0.isNumber || $0 == "." }
        return isIPv4 || host.contains(":") ? nil : host
    }
}

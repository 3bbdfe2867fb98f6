/// Why a connection to a mail server broke below the protocol, so each client can call it a
/// temporary failure with a clear text.
enum MailConnectionError: Error, Sendable, CustomStringConvertible {
    case connectFailed(host: String, port: Int, reason: String)
    case timedOut(seconds: Int64)
    case closedByServer
    case tls(String)
    case responseTooLong(limit: Int)

    var description: String {
        switch self {
        case .connectFailed(let host, let port, let reason): "cannot connect to \(host):\(port): \(reason)"
        case .timedOut(let seconds): "no answer from the server within \(seconds) s"
        case .closedByServer: "the server closed the connection"
        case .tls(let reason): "TLS failed: \(reason)"
        case .responseTooLong(let limit): "a server response exceeded \(limit) bytes"
        }
    }
}

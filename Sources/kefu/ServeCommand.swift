import ArgumentParser
import Foundation
import Hummingbird
import KefuMailNet
import KefuServer
import KefuStore
import Logging
import Prometheus
import ServiceLifecycle

/// `kefu serve`: runs the web UI and the API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the Kefu server.")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Public URL (https makes session cookies Secure); default $KEFU_PUBLIC_URL.") var publicURL: String?
    @Flag(help: "Seed a demo business on an empty database and create a demo admin.") var demo = false
    @Option(
        help: ArgumentHelp(
            "A reverse proxy's IP address whose X-Forwarded-For names the client (repeatable).",
            valueName: "address"))
    var trustedProxy: [String] = []
    @Option(help: ArgumentHelp("A file whose first line is a token that may read /metrics.", valueName: "file"))
    var metricsTokenFile: String?
    @Option(help: "Failed logins per client address, over all accounts, in 15 minutes before it must wait.")
    var maxFailedLoginsPerAddress = 100
    @Option(help: "Private folder for uploads (PostgreSQL); default $KEFU_DATA_DIR, else ./kefu-data.")
    var dataDir: String?
    @Option(
        name: .customLong("mail-from"),
        help: ArgumentHelp(
            "The address replies by mail go out from when the customer's mail named no mailbox.",
            valueName: "address"))
    var mailFrom: String?
    @Option(
        name: .customLong("smtp-url"),
        help: ArgumentHelp(
            "The SMTP server replies by mail go out through: smtp://[user:pass@]host[:port] (STARTTLS when offered) "
                + "or smtps://…", valueName: "url"))
    var smtpURL: String?
    @Option(
        name: .customLong("imap-url"),
        help: ArgumentHelp(
            "An IMAP mailbox to fetch new mail from into tickets: imaps://user:pass@host[:port]/INBOX or imap://…",
            valueName: "url"))
    var imapURL: String?
    @Option(
        name: .customLong("imap-mailbox"),
        help: ArgumentHelp(
            "The Kefu mailbox (its ingest name) the fetched mail is for; default: the one its Delivered-To names.",
            valueName: "name"))
    var imapMailbox: String?
    @Option(help: ArgumentHelp("Seconds between two IMAP polls.", valueName: "seconds"))
    var imapInterval = 30
    @Option(
        name: .customLong("mail-ca-file"),
        help: ArgumentHelp(
            "A PEM file of CA certificates the SMTP and IMAP servers' certificates are checked against, instead of "
                + "the system's.", valueName: "file"))
    var mailCAFile: String?
    @OptionGroup var options: DatabaseOptions

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1–65535.") }
        for proxy in trustedProxy where !ServerConfiguration.isIPAddress(proxy) {
            throw ValidationError("--trusted-proxy \(proxy) is not an IP address.")
        }
        guard maxFailedLoginsPerAddress >= 1 else {
            throw ValidationError("--max-failed-logins-per-address must be ≥ 1.")
        }
        if let mailFrom, mailFrom.split(separator: "@", omittingEmptySubsequences: false).count != 2 {
            throw ValidationError("--mail-from \(mailFrom) is not an email address.")
        }
        guard imapInterval >= 1 else { throw ValidationError("--imap-interval must be ≥ 1.") }
        if let smtpURL {
            do { _ = try SMTPClient(url: MailServerURL(smtpURL)) } catch {
                throw ValidationError("--smtp-url: \(error)")
            }
        }
        if let imapURL {
            do { _ = try IMAPClient(url: MailServerURL(imapURL)) } catch {
                throw ValidationError("--imap-url: \(error)")
            }
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel =
                ProcessInfo.processInfo.environment["KEFU_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.publicURL = publicURL ?? ProcessInfo.processInfo.environment["KEFU_PUBLIC_URL"]
        configuration.trustedProxies = trustedProxy
        configuration.loginMaxFailuresPerAddress = maxFailedLoginsPerAddress
        configuration.mailFrom = mailFrom
        let tls = MailTLS(trustedCAFile: mailCAFile)
        if let smtpURL {
            configuration.mailTransport = SMTPMailTransport(
                client: try SMTPClient(url: MailServerURL(smtpURL), tls: tls))
        }
        if let metricsTokenFile {
            guard let text = try? String(contentsOfFile: metricsTokenFile, encoding: .utf8),
                let token = text.split(whereSeparator: \.isNewline).first.map({
                    $0.trimmingCharacters(in: .whitespaces)
                }),
                token.count >= 16
            else {
                throw CLIFailure(
                    "--metrics-token-file \(metricsTokenFile): "
                        + "needs a token of at least 16 characters on its first line")
            }
            configuration.metricsToken = token
        }
        if let directory = dataDir ?? ProcessInfo.processInfo.environment["KEFU_DATA_DIR"] {
            configuration.dataDirectory = directory
        }
        let logger = Logger(label: "kefu")
        let database = try await options.open()
        do {
            if demo { try await Demo.prepare(database) }
            let app = try KefuApplication.build(
                configuration: configuration, database: database, metrics: registry,
                logger: logger)
            print("Kefu is serving http://\(host):\(port) (database: \(options.location)).")
            fflush(nil)  // the demo login must show even when output goes to a file or a pipe
            // SIGTERM or SIGINT stops the server first (requests in flight finish, live-update streams end), then
            // the job worker (between two jobs), then the database (and its live-updates relay).
            let worker = KefuApplication.jobWorker(
                database: database, metrics: registry, mail: configuration.mailDelivery)
            var services: [any Service] = [DatabaseService(database), worker]
            if let imapURL {
                services.append(
                    IMAPMailPolling.poller(
                        client: try IMAPClient(url: MailServerURL(imapURL), tls: tls), database: database,
                        mailbox: imapMailbox, mailFrom: mailFrom, interval: .seconds(imapInterval), logger: logger))
            }
            let group = ServiceGroup(
                services: services + [app],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }
}

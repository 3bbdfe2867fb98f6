import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/import` (manager+): upload a CSV (multipart POST `/import`) for a dry run and a preview of
/// the rejected rows, then POST `/import/commit` imports the same file. Between the two the bytes
/// wait in the uploads directory under a random id joined to the session's token id, so one
/// session can never commit another's file; they are deleted on commit or after an hour.
/// `/customers/export.csv` downloads every customer in the import format.
struct ImportPage {
    let web: WebRoutes

    static let maxUpload = 32 << 20
    static let keepUploads: TimeInterval = 3600

    func register(on router: Router<KefuRequestContext>) {
        web.get(router, "import", show)
        web.post(router, "import", upload)
        web.post(router, "import/commit", commit)
        // The API's export handler, reached with the session instead of a bearer token.
        web.get(router, "customers/export.csv") { request, context in
            try await CustomerTransferRoutes(database: web.database).export(request, context: context)
        }
    }

    struct ImportView {
        var policies: [Option]
        var errors: [String]
        var preview: SummaryView?
        var result: SummaryView?
        var uploadID: String?
        var fileName: String
    }

    struct SummaryView {
        var imported: Int
        var merged: Int
        var skipped: Int
        var rejectedCount: Int
        var rejected: [CustomerCSV.RowError]
        var hasRejected: Bool
        var counts: String

        init(_ summary: CustomerImport.Summary, ui: WebUI, key: String) {
            imported = summary.imported
            merged = summary.merged
            skipped = summary.skipped
            rejectedCount = Set(summary.rejected.map(\.row)).count
            rejected = summary.rejected
            hasRejected = !summary.rejected.isEmpty
            counts = ui.t(
                key,
                [
                    "imported": String(imported), "merged": String(merged), "skipped": String(skipped),
                    "rejected": String(rejectedCount),
                ])
        }
    }

    /// A file the import refused as a whole, as the import page listing why.
    private struct RejectedFile: Error {
        var page: Response
    }

    /// Runs the import (or its dry run); a refused file (unreadable, bad header) becomes the page to show.
    private func run(_ bytes: [UInt8], policy: CustomerImport.OnDuplicate, dryRun: Bool, ui: WebUI,
                     context: KefuRequestContext) async throws -> Result<CustomerImport.Summary, RejectedFile> {
        do {
            return .success(try await CustomerImport(web.database).run(bytes: bytes, onDuplicate: policy, dryRun: dryRun,
                                                                       by: context.attribution()))
        } catch DomainError.invalid(let errors) {
            return .failure(RejectedFile(page: page(ui, policy: policy, errors: errors.map { Self.message($0, ui: ui) },
                                                    status: .unprocessableContent)))
        }
    }

    private func page(_ ui: WebUI, policy: CustomerImport.OnDuplicate, errors: [String],
                      status: HTTPResponse.Status) -> Response {
        ui.render("import", title: ui.t("import.title"), model: view(ui, policy: policy, errors: errors), status: status)
    }

    private func view(_ ui: WebUI, policy: CustomerImport.OnDuplicate = .reject, errors: [String] = []) -> ImportView {
        ImportView(
            policies: ui.options(
                CustomerImport.OnDuplicate.allCases.map(\.rawValue), selected: policy.rawValue,
                label: { ui.t("import.on_duplicate." + $0) }),
            errors: errors, preview: nil, result: nil, uploadID: nil, fileName: "")
    }

    @Sendable func show(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let ui = web.views.ui(request, context)
        return ui.render("import", title: ui.t("import.title"), model: view(ui))
    }

    @Sendable func upload(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType]) else {
            throw Problem(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                detail: "Upload the file as multipart/form-data.")
        }
        let buffer = try await request.body.collect(upTo: Self.maxUpload)
        guard let form = MultipartForm(body: Array(buffer.readableBytesView), boundary: boundary) else {
            throw Problem.badRequest("The upload is not a valid multipart form.")
        }
        try WebSession.checkCSRF(form.text("csrf_token"), context: context)
        let ui = web.views.ui(request, context)
        let policy = CustomerImport.OnDuplicate(rawValue: form.text("on_duplicate")) ?? .reject
        guard let file = form.first("file"), !file.bytes.isEmpty else {
            return page(ui, policy: policy, errors: [ui.t("import.no_file")], status: .unprocessableContent)
        }
        let summary: CustomerImport.Summary
        switch try await run(file.bytes, policy: policy, dryRun: true, ui: ui, context: context) {
        case .success(let result): summary = result
        case .failure(let rejected): return rejected.page
        }
        let id = try stash(file.bytes, context: context)
        var model = view(ui, policy: policy)
        model.preview = SummaryView(summary, ui: ui, key: "import.preview_counts")
        model.uploadID = id
        model.fileName = file.filename ?? ""
        return ui.render("import", title: ui.t("import.title"), model: model)
    }

    @Sendable func commit(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let form = try await WebForm.posted(request, context: context)
        let ui = web.views.ui(request, context)
        let policy = CustomerImport.OnDuplicate(rawValue: form["on_duplicate"] ?? "") ?? .reject
        guard let url = try stashedFile(form["upload"], context: context), let bytes = try? Data(contentsOf: url) else {
            return page(ui, policy: policy, errors: [ui.t("import.expired")], status: .gone)
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let summary: CustomerImport.Summary
        switch try await run(Array(bytes), policy: policy, dryRun: false, ui: ui, context: context) {
        case .success(let result): summary = result
        case .failure(let rejected): return rejected.page
        }
        var model = view(ui, policy: policy)
        model.result = SummaryView(summary, ui: ui, key: "import.result_counts")
        return ui.render("import", title: ui.t("import.title"), model: model)
    }

    static func message(_ error: FieldError, ui: WebUI) -> String {
        let key = "import.error." + error.code
        let label = ui.strings.has(key) ? ui.t(key) : ui.t("import.error.bad_file")
        return error.message.isEmpty ? label : label + " — " + error.message
    }

    // MARK: - uploads waiting for their commit

    private func owner(_ context: KefuRequestContext) throws -> String {
        guard let identity = context.identity else { throw Problem.unauthorized() }
        return identity.tokenID.uuidString.lowercased()
    }

    /// Saves the bytes under a new random id and sweeps uploads older than an hour.
    private func stash(_ bytes: [UInt8], context: KefuRequestContext) throws -> String {
        let files = FileManager.default
        try files.createDirectory(at: web.uploads, withIntermediateDirectories: true)
        let cutoff = Date().addingTimeInterval(-Self.keepUploads)
        for name in (try? files.contentsOfDirectory(atPath: web.uploads.path)) ?? [] {
            let url = web.uploads.appendingPathComponent(name)
            let modified = (try? files.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? nil
            if let modified, modified < cutoff { try? files.removeItem(at: url) }
        }
        let id = WebSession.randomID()
        let url = web.uploads.appendingPathComponent("\(try owner(context))-\(id).csv")
        try Data(bytes).write(to: url, options: [.atomic])
        return id
    }

    /// The stashed file for `id` when this session uploaded it within the hour; the id must be
    /// one `randomID` makes, so it can never name another path.
    private func stashedFile(_ id: String?, context: KefuRequestContext) throws -> URL? {
        guard let id, id.count == 32, id.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        let url = web.uploads.appendingPathComponent("\(try owner(context))-\(id).csv")
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            let modified = attributes[.modificationDate] as? Date,
            Date().timeIntervalSince(modified) < Self.keepUploads
        else { return nil }
        return url
    }
}

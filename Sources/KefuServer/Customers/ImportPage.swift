import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/import` (manager+): upload a CSV (multipart POST `/import`) for a dry run and a preview of
/// the rejected rows, then POST `/import/commit` imports the same file, or POST `/import/cancel`
/// drops it. Between the two the file waits in the private `UploadFolder` under a random id joined
/// to the session's token id, so one session can never commit another's file; it is deleted on
/// commit or cancel, or swept after an hour. Both runs stream the file from there.
/// `/customers/export.csv` downloads every customer in the import format.
struct ImportPage {
    let web: WebRoutes

    static let maxUpload = 32 << 20

    func register(on router: Router<KefuRequestContext>) {
        // At start-up: files left by a server that stopped between preview and commit.
        web.uploads.sweep()
        web.get(router, "import", show)
        web.post(router, "import", upload)
        web.post(router, "import/commit", commit)
        web.post(router, "import/cancel", cancel)
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
        var rejected: [CSV.RowError]
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
    private func run(
        _ file: URL, policy: CustomerImport.OnDuplicate, dryRun: Bool, ui: WebUI,
        context: KefuRequestContext
    ) async throws -> Result<CustomerImport.Summary, RejectedFile> {
        do {
            return .success(
                try await CustomerImport(web.database).run(
                    file: file, onDuplicate: policy, dryRun: dryRun,
                    by: context.attribution()))
        } catch DomainError.invalid(let errors) {
            return .failure(
                RejectedFile(
                    page: page(
                        ui, policy: policy, errors: errors.map { Self.message($0, ui: ui) },
                        status: .unprocessableContent)))
        }
    }

    private func page(
        _ ui: WebUI, policy: CustomerImport.OnDuplicate, errors: [String],
        status: HTTPResponse.Status
    ) -> Response {
        ui.render(
            "import", title: ui.t("import.title"), model: view(ui, policy: policy, errors: errors), status: status)
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
        return ui.render("import", title: ui.t("import.title"), model: view(ui), flash: ui.flash(request))
    }

    @Sendable func upload(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let received = try await receive(request, context: context)
        let ui = web.views.ui(request, context)
        guard let id = received.id, let file = received.file else {
            return page(ui, policy: received.policy, errors: [ui.t("import.no_file")], status: .unprocessableContent)
        }
        // A file that cannot be imported does not wait for a commit.
        var waits = false
        defer { if !waits { try? FileManager.default.removeItem(at: file) } }
        let summary: CustomerImport.Summary
        switch try await run(file, policy: received.policy, dryRun: true, ui: ui, context: context) {
        case .success(let result): summary = result
        case .failure(let rejected): return rejected.page
        }
        waits = true
        var model = view(ui, policy: received.policy)
        model.preview = SummaryView(summary, ui: ui, key: "import.preview_counts")
        model.uploadID = id
        model.fileName = received.fileName
        return ui.render("import", title: ui.t("import.title"), model: model)
    }

    /// An upload's form, its file saved in the uploads folder as upload `id` (nil when no file was chosen).
    private struct Received {
        var policy: CustomerImport.OnDuplicate
        var id: String?
        var file: URL?
        var fileName = ""
    }

    /// Reads the multipart body and saves its file; the body is let go on return, before the import
    /// reads the file back a piece at a time.
    private func receive(_ request: Request, context: KefuRequestContext) async throws -> Received {
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType]) else {
            throw Problem(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                detail: "Upload the file as multipart/form-data.")
        }
        let buffer = try await request.body.collect(upTo: Self.maxUpload)
        guard let form = MultipartForm(body: buffer, boundary: boundary) else {
            throw Problem.badRequest("The upload is not a valid multipart form.")
        }
        try WebSession.checkCSRF(form.text("csrf_token"), context: context)
        let policy = CustomerImport.OnDuplicate(rawValue: form.text("on_duplicate")) ?? .reject
        guard let file = form.first("file"), !file.bytes.isEmpty else { return Received(policy: policy) }
        web.uploads.sweep()
        let id = WebSession.randomID()
        let saved = try web.uploads.create(try fileName(of: id, context: context), bytes: file.bytes)
        return Received(policy: policy, id: id, file: saved, fileName: file.filename ?? "")
    }

    @Sendable func commit(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let form = try await WebForm.posted(request, context: context)
        let ui = web.views.ui(request, context)
        let policy = CustomerImport.OnDuplicate(rawValue: form["on_duplicate"] ?? "") ?? .reject
        guard let name = try uploadName(form["upload"], context: context), let file = web.uploads.waiting(name) else {
            return page(ui, policy: policy, errors: [ui.t("import.expired")], status: .gone)
        }
        defer { web.uploads.remove(name) }
        let summary: CustomerImport.Summary
        switch try await run(file, policy: policy, dryRun: false, ui: ui, context: context) {
        case .success(let result): summary = result
        case .failure(let rejected): return rejected.page
        }
        var model = view(ui, policy: policy)
        model.result = SummaryView(summary, ui: ui, key: "import.result_counts")
        return ui.render("import", title: ui.t("import.title"), model: model)
    }

    /// Deletes this session's waiting upload, if any, and goes back to an empty import page.
    @Sendable func cancel(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let form = try await WebForm.posted(request, context: context)
        if let name = try uploadName(form["upload"], context: context) { web.uploads.remove(name) }
        return WebRoutes.redirect("/import", flash: "import_cancelled")
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

    /// The file name of upload `id` for this session; nil unless `id` is one `randomID` makes, so
    /// it can never name another path.
    private func uploadName(_ id: String?, context: KefuRequestContext) throws -> String? {
        guard let id, id.count == 32, id.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        return try fileName(of: id, context: context)
    }

    private func fileName(of id: String, context: KefuRequestContext) throws -> String {
        "\(try owner(context))-\(id).csv"
    }
}

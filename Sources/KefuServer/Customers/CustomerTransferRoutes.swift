import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// `/api/v1/customers/import` and `/export`: CSV in and out, for managers.
struct CustomerTransferRoutes {
    let database: KefuDatabase

    func register(on group: RouterGroup<KefuRequestContext>) {
        group.get("customers/export", use: export)
        group.post("customers/import", use: importCSV)
    }

    @Sendable func export(_ request: Request, context: KefuRequestContext) async throws -> Response {
        try context.require(.manager)
        let database = self.database
        // Streamed page by page, so memory stays bounded however many customers there are.
        let body = ResponseBody { writer in
            try await CustomerExport(database).run { try await writer.write(ByteBuffer(string: $0)) }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"customers.csv\"",
            ],
            body: body)
    }

    struct SummaryDTO: ResponseEncodable {
        var summary: CustomerImport.Summary
        func encode(to encoder: any Encoder) throws { try summary.encode(to: encoder) }
    }

    @Sendable func importCSV(_ request: Request, context: KefuRequestContext) async throws -> SummaryDTO {
        try context.require(.manager)
        let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
            .lowercased()
        guard type == "text/csv" else {
            throw Problem(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                detail: "Send the file as text/csv.")
        }
        let dryRun = try request.queryFields.bool("dry_run") ?? false
        let policyText = request.query("on_duplicate")?.nilIfBlank ?? "reject"
        guard let policy = CustomerImport.OnDuplicate(rawValue: policyText) else {
            throw Problem.badRequest("on_duplicate must be merge, skip or reject.", field: "on_duplicate")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let summary = try await CustomerImport(database).run(
            bytes: Array(buffer.readableBytesView), onDuplicate: policy,
            dryRun: dryRun, by: context.attribution())
        return SummaryDTO(summary: summary)
    }
}

import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A customer (or a page of them) as a response body written by `CustomerJSON`.
enum CustomerBody: ResponseGenerator {
    case one(Customer)
    case list(Page<Customer>, CursorSigner)

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let bytes =
            switch self {
            case .one(let customer): try CustomerJSON.one(customer)
            case .list(let page, let cursors): try CustomerJSON.list(page, cursors: cursors)
            }
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(bytes.count)],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

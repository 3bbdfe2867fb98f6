import Foundation
import Hummingbird
import KefuCore
import KefuStore

extension RouterGroup {
    /// The five routes of a JSON collection, the same for every one the API has: GET lists and
    /// POST creates at `path`; GET reads, PATCH changes and DELETE removes one item at
    /// `path/item`, where `item` is the route parameter that names it.
    func collection(
        _ path: String, item: String = ":id",
        list: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator,
        create: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator,
        get: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator,
        update: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator,
        delete: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator
    ) {
        let itemPath = RouterPath("\(path)/\(item)")
        self.get(RouterPath(path), use: list)
        post(RouterPath(path), use: create)
        self.get(itemPath, use: get)
        patch(itemPath, use: update)
        self.delete(itemPath, use: delete)
    }
}

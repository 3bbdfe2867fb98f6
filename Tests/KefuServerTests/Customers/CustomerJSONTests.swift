import Foundation
import KefuCore
@testable import KefuServer
import KefuStore
import KefuTestSupport
import Testing

/// `CustomerJSON` must write exactly what the API's `JSONEncoder` writes for the same record.
@Suite("Customer JSON writer")
struct CustomerJSONTests {
    static let cursors = CursorSigner(secret: Data(repeating: 7, count: 32))

    static func reference(_ page: Page<Customer>) throws -> [UInt8] {
        Array(
            try KefuJSON.encoder.encode(
                ListDTO(page, cursors: cursors) { customer in
                    RecordDTO(
                        id: customer.id, profile: customer.profile, createdAt: customer.createdAt,
                        updatedAt: customer.updatedAt)
                }))
    }

    static func reference(_ customer: Customer) throws -> [UInt8] {
        Array(
            try KefuJSON.encoder.encode(
                RecordDTO(
                    id: customer.id, profile: customer.profile,
                    createdAt: customer.createdAt, updatedAt: customer.updatedAt)))
    }

    @Test func oneCustomerMatchesTheEncoderForEveryFieldAndAnEmptyProfile() throws {
        let times = [
            Date(timeIntervalSince1970: 1_764_000_000.999), Date(timeIntervalSince1970: 946_684_799.5),
            Date(timeIntervalSince1970: 0),
        ]
        for profile in [CustomerProfile.everyFieldFixture, CustomerProfile()] {
            for time in times {
                let customer = Customer(
                    id: UUID(), profile: profile, createdAt: time, updatedAt: time.addingTimeInterval(86_399.4))
                let written = try CustomerJSON.one(customer)
                let expected = try Self.reference(customer)
                #expect(
                    written == expected,
                    "\(String(decoding: written, as: UTF8.self))\n\(String(decoding: expected, as: UTF8.self))")
            }
        }
    }

    @Test func listsMatchTheEncoderWithAndWithoutANextCursor() throws {
        let customers = (0..<3).map { index in
            var profile = index == 1 ? CustomerProfile.everyFieldFixture : CustomerProfile()
            profile.name = "客户\(index)"
            return Customer(
                id: UUID(), profile: profile, createdAt: Date(timeIntervalSince1970: 1_764_000_000 + Double(index)),
                updatedAt: Date(timeIntervalSince1970: 1_764_000_100))
        }
        let cursor = PageCursor(value: .text("客户2"), id: customers[2].id)
        for page in [Page(items: customers, nextCursor: cursor), Page(items: [], nextCursor: nil)] {
            #expect(try CustomerJSON.list(page, cursors: Self.cursors) == Self.reference(page))
        }
    }
}

import Foundation
import KefuCore
@testable import KefuServer
import KefuStore
import Testing

/// `CustomerJSON` must write exactly what the API's `JSONEncoder` writes for the same record.
@Suite("Customer JSON writer")
struct CustomerJSONTests {
    static func reference(_ page: Page<Customer>) throws -> [UInt8] {
        Array(try KefuJSON.encoder.encode(ListDTO(page) { customer in
            RecordDTO(id: customer.id, profile: customer.profile, createdAt: customer.createdAt, updatedAt: customer.updatedAt)
        }))
    }

    static func reference(_ customer: Customer) throws -> [UInt8] {
        Array(try KefuJSON.encoder.encode(RecordDTO(id: customer.id, profile: customer.profile,
                                                    createdAt: customer.createdAt, updatedAt: customer.updatedAt)))
    }

    static var everyField: CustomerProfile {
        var profile = CustomerProfile()
        profile.kind = .organization
        profile.name = "王小明 \"Quote\" back\\slash a/b 😀 \u{2028} \u{7F}"
        profile.phones = ["+8613800138000", "+861058001234"]
        profile.emails = ["a@example.com"]
        profile.address = "上海市\n浦东新区\t1号\r"
        profile.birthday = "1990-02-28"
        profile.gender = .female
        profile.branchID = UUID(uuidString: "0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B")
        profile.tier = "VIP"
        profile.stage = .atRisk
        profile.personality = .owl
        profile.tags = ["车主", "", "a\"b"]
        profile.sourceChannel = "wechat"
        profile.consent = Consent(phone: true, sms: false, email: true, wechat: false)
        profile.isInternal = true
        profile.department = "财务部"
        profile.organization = "华信科技有限公司"
        profile.remarks = (0..<32).map { String(UnicodeScalar(UInt8($0))) }.joined()
        profile.customFields = ["car": .string("沪A·12345"), "visits": .number(3), "spend": .number(0.1),
                                "big": .number(1e21), "minus": .number(-2.5)]
        return profile
    }

    @Test func oneCustomerMatchesTheEncoderForEveryFieldAndAnEmptyProfile() throws {
        let times = [Date(timeIntervalSince1970: 1_764_000_000.999), Date(timeIntervalSince1970: 946_684_799.5),
                     Date(timeIntervalSince1970: 0)]
        for profile in [Self.everyField, CustomerProfile()] {
            for time in times {
                let customer = Customer(id: UUID(), profile: profile, createdAt: time, updatedAt: time.addingTimeInterval(86_399.4))
                let written = try CustomerJSON.one(customer)
                let expected = try Self.reference(customer)
                #expect(written == expected, "\(String(decoding: written, as: UTF8.self))\n\(String(decoding: expected, as: UTF8.self))")
            }
        }
    }

    @Test func listsMatchTheEncoderWithAndWithoutANextCursor() throws {
        let customers = (0..<3).map { index in
            var profile = index == 1 ? Self.everyField : CustomerProfile()
            profile.name = "客户\(index)"
            return Customer(id: UUID(), profile: profile, createdAt: Date(timeIntervalSince1970: 1_764_000_000 + Double(index)),
                            updatedAt: Date(timeIntervalSince1970: 1_764_000_100))
        }
        let cursor = PageCursor(value: .text("客户2"), id: customers[2].id)
        for page in [Page(items: customers, nextCursor: cursor), Page(items: [], nextCursor: nil)] {
            #expect(try CustomerJSON.list(page) == Self.reference(page))
        }
    }
}

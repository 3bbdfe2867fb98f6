import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A key contact as JSON: its profile with id, customer id and times.
typealias ContactDTO = RecordDTO<KeyContactProfile>

extension RecordDTO where Profile == KeyContactProfile {
    init(_ contact: KeyContact) {
        self.init(
            id: contact.id, profile: contact.profile, extra: ["customer_id": contact.customerID],
            createdAt: contact.createdAt, updatedAt: contact.updatedAt)
    }
}

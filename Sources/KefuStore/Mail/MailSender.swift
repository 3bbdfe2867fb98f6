import Foundation
import KefuCore
import SQLKit

/// The customer an incoming message is from: the one holding the sender's address, else a new one (source
/// channel `email`, named by the display name or else the address, email consent false: writing to a business
/// is no consent to its mail).
enum MailSender {
    static func customer(
        _ sender: MailAddress, rules: CustomerRules, on tx: any SQLDatabase, by attribution: Attribution
    ) async throws -> UUID {
        // Two first messages from one new address must not both make a customer for it.
        try await TransactionLock.take(["identity:\(sender.address)"], on: tx)
        if let holder = try await tx.select().column("*").from("customer_identities")
            .where("value", .equal, sender.address).first(decoding: IdentityRow.self)
        {
            return holder.customer_id
        }
        var profile = CustomerProfile()
        let name = (sender.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        profile.name = name.isEmpty ? sender.address : name
        profile.emails = [sender.address]
        profile.sourceChannel = TicketChannel.email.rawValue
        let valid: CustomerProfile
        do throws(ValidationFailure) {
            valid = try profile.validated(under: rules)
        } catch {
            throw DomainError.invalid(error)
        }
        let create = try PreparedCreate(validated: valid, by: attribution)
        try await CreateBatch.insertRows([create], on: tx)
        return create.row.id
    }
}

public import Foundation
public import KefuCore
public import KefuStore

/// Tickets for the service-desk report tests, logged, answered and resolved through the repositories
/// at fixed times in November 2026 (the default time zone, Asia/Shanghai, UTC+8):
///
/// | ticket | received (local) | type, channel | branch, team | first reply | resolved | root cause |
/// | --- | --- | --- | --- | --- | --- | --- |
/// | 1 | 11-01 00:30 | inquiry, phone | A, T | +1 h | +3 h | |
/// | 2 | 11-02 09:00 | request, email | | +30 min | | |
/// | 3 | 11-03 09:00 | complaint, phone | A | +2 h | +12 h | compressor |
/// | 4 | 11-10 09:00 | complaint, web | | | +48 h | compressor |
/// | 5 | 11-20 09:00 | complaint, chat | | | | compressor |
/// | 6 | 11-25 09:00 | complaint, social | | | | rude (a name with markup and a formula) |
///
/// Outside the period or the count: a compliment on 10-31 23:30 and one on 12-01 07:00 (both inside
/// November in UTC), and an inquiry on 11-05 merged into ticket 1.
public struct ServiceDeskReportSeed: Sendable {
    public let branchID: UUID
    public let teamID: UUID
    public let compressor: ComplaintCause
    public let rude: ComplaintCause

    /// November 2026, the period every figure is counted over.
    public static let period = ReportFilter(
        from: CalendarDay(year: 2026, month: 11, day: 1)!, to: CalendarDay(year: 2026, month: 11, day: 30)!)

    /// `hour`:`minute` on `day` `month` 2026 in Shanghai, as a UTC instant.
    public static func local(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        CalendarDay(year: 2026, month: month, day: day)!.start(in: TimeZone(identifier: "Asia/Shanghai")!)
            .addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
    }

    public static func seed(_ database: KefuDatabase) async throws -> ServiceDeskReportSeed {
        let system = database.system("seed")
        let agent = try await UserRepository(database).create(
            email: "seed.agent@example.test", name: "坐席", role: .agent, passwordHash: "x", by: system)
        func by(_ date: Date) -> Attribution {
            Attribution(userID: agent.id, email: agent.email, requestID: "seed", now: date)
        }
        var customer = CustomerProfile()
        customer.name = "王小明"
        let customerID = try await CustomerRepository(database).create(customer, by: system).id
        var branch = BranchProfile()
        branch.name = "静安店"
        let branchID = try await BranchRepository(database).create(branch, by: system).id
        let teamID = try await TeamRepository(database).create(name: "售后", members: [agent.id], by: system)
        let complaints = ComplaintRepository(database)
        let compressor = try await complaints.addCause(
            category: "产品质量", name: "压缩机故障", nameEN: "Compressor failure", by: system)
        let rude = try await complaints.addCause(
            category: "服务 & \"礼仪\"", name: "=1+1 <b>态度差</b>", nameEN: nil, by: system)
        let tickets = TicketRepository(database)

        func ticket(
            _ type: TicketType, _ channel: TicketChannel, at received: Date, branch: UUID? = nil, team: UUID? = nil
        ) async throws -> UUID {
            let draft = TicketDraft(
                customerID: customerID, type: type, channel: channel, subject: "\(type.rawValue) \(channel.rawValue)",
                branchID: branch, teamID: team)
            return try await tickets.create(draft, creator: .staff(id: agent.id, role: .agent), by: by(received))
                .ticket.id
        }
        func number(_ id: UUID) async throws -> Int { try await tickets.get(id).ticket.number.sequence }
        func reply(_ id: UUID, at date: Date) async throws {
            _ = try await tickets.reply(to: id, body: "您好", visibility: .public, by: by(date))
        }
        func resolve(_ id: UUID, at date: Date) async throws {
            _ = try await tickets.update(id, with: TicketChange(status: .resolved), by: by(date))
        }
        func cause(_ id: UUID, _ cause: ComplaintCause, at date: Date, solved: Bool) async throws {
            _ = try await complaints.record(
                .rootCause, ComplaintStepInput(note: "查明", causeID: cause.id), on: id, by: by(date))
            if solved {
                _ = try await complaints.record(.solution, ComplaintStepInput(note: "更换"), on: id, by: by(date))
            }
        }

        _ = try await ticket(.compliment, .walkIn, at: local(10, 31, 23, 30))
        let first = try await ticket(.inquiry, .phone, at: local(11, 1, 0, 30), branch: branchID, team: teamID)
        try await reply(first, at: local(11, 1, 1, 30))
        try await resolve(first, at: local(11, 1, 3, 30))
        let second = try await ticket(.request, .email, at: local(11, 2, 9))
        try await reply(second, at: local(11, 2, 9, 30))
        let third = try await ticket(.complaint, .phone, at: local(11, 3, 9), branch: branchID)
        try await reply(third, at: local(11, 3, 11))
        try await cause(third, compressor, at: local(11, 3, 12), solved: true)
        try await resolve(third, at: local(11, 3, 21))
        let merged = try await ticket(.inquiry, .phone, at: local(11, 5, 9))
        // Merging is another slice's; the reports only need the column set, as a merge sets it.
        let (survivor, absorbed) = (try await number(first), try await number(merged))
        try await database.execute(
            "UPDATE tickets SET merged_into = (SELECT id FROM tickets WHERE number = \(survivor)) WHERE number = \(absorbed)"
        )
        let fourth = try await ticket(.complaint, .web, at: local(11, 10, 9))
        try await cause(fourth, compressor, at: local(11, 11, 9), solved: true)
        try await resolve(fourth, at: local(11, 12, 9))
        let fifth = try await ticket(.complaint, .chat, at: local(11, 20, 9))
        try await cause(fifth, compressor, at: local(11, 20, 10), solved: false)
        let sixth = try await ticket(.complaint, .social, at: local(11, 25, 9))
        try await cause(sixth, rude, at: local(11, 25, 10), solved: false)
        _ = try await ticket(.compliment, .walkIn, at: local(12, 1, 7))
        return ServiceDeskReportSeed(branchID: branchID, teamID: teamID, compressor: compressor, rude: rude)
    }
}

import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite("Service-desk settings") struct ServiceDeskSettingsTests {
        @Test func defaultsAreTheIssueAndSeedDefaults() throws {
            let settings = ServiceDeskSettings()
            #expect(
                settings.ticketCapacity == 50 && settings.reopenWindowDays == 7 && settings.publicTicketsPerHour == 20)
            #expect(settings.reopenWindow == 7 * 86_400)
            #expect(settings.silentMajority == SilentMajorityEstimator())
            #expect(settings.validationErrors().isEmpty)
        }

        @Test func missingMembersReadAsDefaults() throws {
            let decoded = try JSONDecoder().decode(
                ServiceDeskSettings.self, from: Data(#"{"reopen_window_days": 3}"#.utf8))
            #expect(decoded == ServiceDeskSettings(reopenWindowDays: 3))
        }

        @Test func everyBadValueIsNamedByItsPath() {
            var settings = ServiceDeskSettings(ticketCapacity: 0, reopenWindowDays: -1, recurringCauseCount: 1)
            settings.silentMajority.complainingShare = 0
            settings.silentMajority.tellingShare = 1.5
            settings.silentMajority.toldPerTeller = FigureRange(20, 10)
            let fields = settings.validationErrors().map(\.field)
            #expect(
                fields == [
                    "service_desk.ticket_capacity", "service_desk.reopen_window_days",
                    "service_desk.recurring_cause_count", "service_desk.silent_majority.complaining_share",
                    "service_desk.silent_majority.telling_share", "service_desk.silent_majority.told_per_teller",
                ])
            var business = BusinessSettings()
            business.serviceDesk = settings
            #expect(business.validationErrors().count == fields.count)
        }
    }
}

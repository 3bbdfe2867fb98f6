import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite struct TicketDraftValidationTests {
        let now = ServiceDeskTests.now

        func draft(_ change: (inout TicketDraft) -> Void = { _ in }) -> TicketDraft {
            var draft = TicketDraft(
                customerID: ServiceDeskTests.customer, type: .complaint, channel: .walkIn, subject: "  早餐冷了 \n",
                description: "\n客人说粥是凉的。  ")
            change(&draft)
            return draft
        }

        func errors(_ draft: TicketDraft) -> [FieldError] {
            do {
                _ = try draft.validated(now: now)
                return []
            } catch {
                return error.errors
            }
        }

        @Test func trimsTextAndFillsDefaults() throws {
            // MUT
            let valid = try draft { $0.tags = [" 早餐 ", "早餐", "", "VIP", "vip"] }.validated(now: now)
            // validate
            #expect(valid.subject == "早餐冷了")
            #expect(valid.description == "客人说粥是凉的。")
            #expect(valid.priority == .normal)
            #expect(valid.receivedAt == now)
            #expect(valid.tags == ["早餐", "VIP"])
        }

        @Test func keepsAGivenPriorityAndAPastReceivedAt() throws {
            let earlier = now.addingTimeInterval(-3 * 60 * 60)
            let valid = try draft {
                $0.priority = .urgent
                $0.receivedAt = earlier
            }.validated(now: now)
            #expect(valid.priority == .urgent)
            #expect(valid.receivedAt == earlier)
        }

        @Test func requiresASubject() {
            #expect(
                errors(draft { $0.subject = " \u{3000}\n" }) == [
                    FieldError(field: "subject", code: "required", message: "Subject is required.")
                ])
        }

        @Test func boundsSubjectAndDescription() {
            let atLimit = draft {
                $0.subject = String(repeating: "字", count: TicketDraft.maxSubjectLength)
                $0.description = String(repeating: "字", count: TicketDraft.maxDescriptionLength)
            }
            #expect(errors(atLimit).isEmpty)
            let over = draft {
                $0.subject = String(repeating: "字", count: TicketDraft.maxSubjectLength + 1)
                $0.description = String(repeating: "字", count: TicketDraft.maxDescriptionLength + 1)
            }
            #expect(errors(over).map(\.field) == ["subject", "description"])
            #expect(errors(over).map(\.code) == ["too_long", "too_long"])
        }

        @Test func anEmptyDescriptionIsAllowed() {
            #expect(errors(draft { $0.description = "  " }).isEmpty)
        }

        @Test func receivedAtMayNotLieInTheFuture() {
            let tolerated = draft { $0.receivedAt = now.addingTimeInterval(TicketDraft.futureTolerance) }
            #expect(errors(tolerated).isEmpty)
            let future = draft { $0.receivedAt = now.addingTimeInterval(TicketDraft.futureTolerance + 1) }
            #expect(
                errors(future) == [
                    FieldError(
                        field: "received_at", code: "in_future", message: "Received at may not be in the future.")
                ])
        }

        @Test func tagsFollowTheCustomerLimits() {
            let many = draft { $0.tags = (0...CustomerRules.maxTags).map { "tag\($0)" } }
            #expect(errors(many).map(\.code) == ["too_many"])
            let long = draft { $0.tags = [String(repeating: "长", count: CustomerRules.maxTagLength + 1), "a;b"] }
            #expect(errors(long).map(\.code) == ["too_long", "invalid_tag"])
            #expect(Set(errors(long).map(\.field)) == ["tags"])
        }

        @Test func reportsEveryProblemAtOnce() {
            let bad = draft {
                $0.subject = ""
                $0.receivedAt = now.addingTimeInterval(ServiceDeskTests.day)
            }
            #expect(errors(bad).map(\.field) == ["subject", "received_at"])
        }

        @Test func decodesTheCreateRequest() throws {
            let json = """
                {"customer_id": "\(ServiceDeskTests.customer.uuidString)", "type": "request", "channel": "walk_in",
                 "subject": "加床", "owner_id": "\(ServiceDeskTests.id(9).uuidString)", "priority": "high"}
                """
            let draft = try JSONDecoder().decode(TicketDraft.self, from: Data(json.utf8))
            #expect(draft.channel == .walkIn)
            #expect(draft.priority == .high)
            #expect(draft.ownerID == ServiceDeskTests.id(9))
            #expect(draft.description == "")
            #expect(draft.tags == [])
            #expect(draft.receivedAt == nil)
        }
    }
}

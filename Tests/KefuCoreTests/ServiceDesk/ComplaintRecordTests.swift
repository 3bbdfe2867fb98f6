import Foundation
import KefuCore
import Testing

extension ServiceDeskTests {
    @Suite struct ComplaintRecordTests {
        let agent = ServiceDeskTests.id(7)
        let cause = ServiceDeskTests.id(50)
        let now = ServiceDeskTests.now

        func problems(_ step: ComplaintStep, _ input: ComplaintStepInput) -> [FieldError] {
            var record = ComplaintRecord()
            do {
                try record.record(step, input, by: agent, at: now)
                return []
            } catch {
                return error.fieldErrors
            }
        }

        @Test func recordsWhoWhenAndWhat() throws {
            var record = ComplaintRecord()
            try record.record(.listen, ComplaintStepInput(note: " 客人讲了七分钟 ", listenedSeconds: 420), by: agent, at: now)
            try record.record(.rootCause, ComplaintStepInput(note: "空调滤网堵塞", causeID: cause), by: agent, at: now)
            #expect(
                record.steps[.listen]
                    == ComplaintStepRecord(byID: agent, recordedAt: now, note: "客人讲了七分钟", listenedSeconds: 420))
            #expect(record.steps[.rootCause]?.causeID == cause)
            #expect(record.missing == [.solution])
        }

        @Test func missingListsTheGateStepsInOrder() throws {
            var record = ComplaintRecord()
            #expect(record.missing == [.rootCause, .solution])
            try record.record(.solution, ComplaintStepInput(note: "换房"), by: agent, at: now)
            #expect(record.missing == [.rootCause])
            try record.record(.rootCause, ComplaintStepInput(note: "滤网", causeID: cause), by: agent, at: now)
            #expect(record.missing == [])
        }

        @Test func reRecordingAStepKeepsTheLatest() throws {
            var record = ComplaintRecord()
            try record.record(.apologise, ComplaintStepInput(note: "当面道歉"), by: agent, at: now)
            let later = now.addingTimeInterval(60)
            try record.record(.apologise, ComplaintStepInput(note: "经理再次道歉"), by: cause, at: later)
            #expect(record.steps[.apologise] == ComplaintStepRecord(byID: cause, recordedAt: later, note: "经理再次道歉"))
        }

        @Test func aNoteIsRequired() {
            #expect(problems(.apologise, ComplaintStepInput(note: " ")).map(\.code) == ["required"])
        }

        @Test func rootCauseNamesACauseAndOnlyItMay() {
            #expect(
                problems(.rootCause, ComplaintStepInput(note: "x")) == [
                    FieldError(field: "cause_id", code: "required", message: "Name the root cause.")
                ])
            #expect(problems(.solution, ComplaintStepInput(note: "x", causeID: cause)).map(\.code) == ["not_allowed"])
        }

        @Test func listenedSecondsAreNonNegativeAndOnlyOnListen() {
            #expect(problems(.listen, ComplaintStepInput(note: "x", listenedSeconds: 0)).isEmpty)
            #expect(
                problems(.listen, ComplaintStepInput(note: "x", listenedSeconds: -1)) == [
                    FieldError(
                        field: "listened_seconds", code: "negative", message: "Listened seconds cannot be negative.")
                ])
            #expect(
                problems(.followUp, ComplaintStepInput(note: "x", listenedSeconds: 30)).map(\.field) == [
                    "listened_seconds"
                ])
        }

        @Test func reportsEveryProblemAtOnce() {
            let input = ComplaintStepInput(note: "", causeID: cause, listenedSeconds: 5)
            #expect(problems(.execution, input).map(\.field) == ["note", "cause_id", "listened_seconds"])
        }

        @Test func jsonShowsAllSixStepsAndWhatIsMissing() throws {
            var record = ComplaintRecord()
            try record.record(.listen, ComplaintStepInput(note: "听", listenedSeconds: 60), by: agent, at: now)
            let data = try JSONEncoder().encode(record)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let steps = try #require(object["steps"] as? [String: Any])
            #expect(Set(steps.keys) == Set(ComplaintStep.allCases.map(\.rawValue)))
            #expect(steps["apologise"] is NSNull)
            let listen = try #require(steps["listen"] as? [String: Any])
            #expect(listen["listened_seconds"] != nil)
            #expect(listen["by_id"] as? String == agent.uuidString)
            #expect(object["missing"] as? [String] == ["root_cause", "solution"])
            #expect(try JSONDecoder().decode(ComplaintRecord.self, from: data) == record)
        }
    }
}

import KefuCore
import Testing

@Suite struct UserRulesTests {
    @Test func aNewAccountIsStoredNormalised() throws {
        let (email, name) = try UserRules.validate(email: "  Agent@Example.TEST\n", name: "\u{3000}王 小明\t\n")
        #expect(email == "agent@example.test")
        #expect(name == "王 小明")
    }

    @Test func everyProblemIsReportedAtOnce() {
        #expect(
            throws: DomainError.invalid([
                FieldError(
                    field: "email", code: "invalid_email", message: "\"not an email\" is not a valid email address."),
                FieldError(field: "name", code: "required", message: "Name is required."),
            ])
        ) { try UserRules.validate(email: "not an email", name: " \n ") }
    }

    @Test func aChangedNameIsTrimmedTheSameWay() throws {
        #expect(try UserRules.validate(name: " 李雷\n") == "李雷")
        #expect(throws: DomainError.self) { try UserRules.validate(name: "\n\t\u{3000}") }
    }
}

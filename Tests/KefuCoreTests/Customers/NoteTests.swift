import KefuCore
import Testing

@Suite struct NoteTests {
    @Test func trimsTheBody() throws {
        #expect(try Note.validatedBody("  called back \n") == "called back")
    }

    @Test func rejectsEmptyAndOverlongBodies() {
        let empty = ValidationFailure([FieldError(field: "body", code: "required", message: "The note is empty.")])
        #expect(throws: empty) {
            try Note.validatedBody(" \n ")
        }
        #expect(throws: ValidationFailure.self) {
            try Note.validatedBody(String(repeating: "字", count: Note.maxLength + 1))
        }
    }
}

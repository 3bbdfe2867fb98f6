import Foundation

/// What a staff password must satisfy: long enough and not one attackers try first.
public enum PasswordPolicy {
    public static let minimumLength = 10

    /// The most common leaked passwords of ten or more characters, plus the obvious patterns;
    /// compared case-insensitively.
    static let common: Set<String> = [
        "1234567890", "0123456789", "12345678910", "123456789a", "a123456789", "qwertyuiop", "1q2w3e4r5t",
        "1qaz2wsx3edc", "password12", "password123", "password1234", "passw0rd123", "iloveyou12", "qwerty1234",
        "qwerty123456", "abcdefghij", "abc1234567", "abcd123456", "1111111111", "0000000000", "123123123123",
        "qazwsxedcrfv", "zaq12wsxcde3", "welcome123", "admin12345", "administrator", "letmein123",
        "football123", "baseball123", "sunshine123", "princess123", "superman123", "1234qwerasdf",
        "woaini1314", "woaini520", "5201314520", "asdfghjkl1", "asdfghjkl;", "zxcvbnm123", "changeme123",
        "kefu123456", "kefukefu12", "password!1", "p@ssw0rd123", "1234567890a", "aa12345678", "a1234567890",
        "qq123456789", "88888888888", "66666666666", "12344321aa", "987654321a", "9876543210",
    ]

    /// Returns the problem with `password`, or nil when it is acceptable.
    public static func problem(with password: String) -> FieldError? {
        if password.count < minimumLength {
            return FieldError(
                field: "password", code: "too_short",
                message: "The password must be at least \(minimumLength) characters long.")
        }
        let lowered = password.lowercased()
        if common.contains(lowered) || Set(lowered).count <= 2 || isSequence(lowered) {
            return FieldError(
                field: "password", code: "too_common",
                message: "This password is too common; choose a less guessable one.")
        }
        return nil
    }

    /// "abcdefghijk", "0123456789" and their reverses.
    private static func isSequence(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.map(\.value)
        let steps = zip(scalars, scalars.dropFirst()).map { Int($1) - Int($0) }
        return steps.allSatisfy { $0 == 1 } || steps.allSatisfy { $0 == -1 }
    }
}

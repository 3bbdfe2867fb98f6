import Foundation

/// An id typed into a form: people paste either the id or the address of the record's page.
enum PastedID {
    static func parse(_ text: String) -> UUID? {
        let last = text.split(separator: "/").last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        return UUID(uuidString: last)
    }
}

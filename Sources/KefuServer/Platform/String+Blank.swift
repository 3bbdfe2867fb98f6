/// Query parameters and form fields: text of only spaces counts as absent.
extension String {
    var nilIfBlank: String? { trimmingCharacters(in: .whitespaces).isEmpty ? nil : self }
}

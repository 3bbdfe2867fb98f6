import KefuCore

/// The customer schemas' field properties in the OpenAPI document, written from
/// `CustomerProfile.fields` when the document is loaded: `openapi.yaml` holds a marker comment
/// where they go, so the served contract always lists the fields the server reads and writes.
enum CustomerOpenAPI {
    /// Marker lines in `openapi.yaml` and what replaces them.
    static func expand(_ document: String) -> String {
        document
            .replacingOccurrences(of: "        # customer fields: required\n", with: required())
            .replacingOccurrences(of: "        # customer fields: as written\n", with: properties(patch: false))
            .replacingOccurrences(of: "        # customer fields: as read\n", with: properties(patch: true))
    }

    /// `- key` lines for the top-level members a customer always has.
    private static func required() -> String {
        CustomerProfile.jsonMembers.compactMap {
            if case .customFields = $0 { return nil }
            return "        - \($0.name)\n"
        }.joined()
    }

    private static func properties(patch: Bool) -> String {
        var out = ""
        for member in CustomerProfile.jsonMembers {
            switch member {
            case .field(let field):
                out += "        \(field.key):\n" + schema(field, patch: patch, indent: "          ")
            case .group(let name, let fields):
                out += "        \(name):\n          type: object\n"
                out +=
                    patch
                    ? "          description: Only the members present change.\n"
                    : "          required: [\(fields.map(\.member).joined(separator: ", "))]\n"
                out += "          properties:\n"
                for field in fields {
                    out += "            \(field.member):\n" + schema(field, patch: patch, indent: "              ")
                }
            case .customFields:
                continue
            }
        }
        return out
    }

    private static func schema(_ field: CustomerField, patch: Bool, indent: String) -> String {
        var lines: [String]
        switch field.kind {
        case .name:
            lines = ["type: string"] + (patch ? ["minLength: 1", "maxLength: \(CustomerRules.maxNameLength)"] : [])
        case .text:
            lines = ["type: [string, 'null']"] + (patch ? ["maxLength: \(CustomerRules.maxTextLength)"] : [])
        case .date:
            lines = ["type: [string, 'null']", "format: date"]
        case .tier:
            lines = ["type: string"] + (patch ? ["description: One of the tiers configured in settings."] : [])
        case .branch:
            lines = ["type: [string, 'null']", "format: uuid"]
        case .staffUser:
            lines = ["type: [string, 'null']", "format: uuid"]
            if patch { lines += ["description: An active staff user's id (`unknown_user` otherwise)."] }
        case .flag:
            lines = ["type: boolean"]
        case .choice(let choice):
            var values = choice.values
            if patch, choice.looseInJSON {
                values += choice.values.filter { $0.contains("_") }.map { $0.replacingOccurrences(of: "_", with: "-") }
            }
            lines =
                choice.isOptional
                ? ["type: [string, 'null']", "enum: [\(values.joined(separator: ", ")), null]"]
                : ["type: string", "enum: [\(values.joined(separator: ", "))]"]
        case .phones:
            lines = [
                "type: array", "description: Phone numbers, normalised to E.164 using the business's phone region.",
            ]
            lines += ["items:", "  type: string"]
        case .emails:
            lines = ["type: array", "description: Email addresses, lower-cased.", "items:", "  type: string"]
        case .tags:
            lines = ["type: array"]
            if patch {
                lines += [
                    "maxItems: \(CustomerRules.maxTags)",
                    "description: Trimmed, empty ones dropped, duplicates (ignoring case) removed; `;` is refused.",
                    "items:", "  type: string", "  maxLength: \(CustomerRules.maxTagLength)", "  pattern: '^[^;]*$'",
                ]
            } else {
                lines += ["items:", "  type: string"]
            }
        }
        return lines.map { indent + $0 + "\n" }.joined()
    }
}

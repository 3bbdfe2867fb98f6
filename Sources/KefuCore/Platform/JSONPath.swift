/// A decoder's coding path as the JSON path an error names (`classes[1].arrivals_per_hour`, `policy.kind`), so a
/// value that breaks a rule deep in a document reads the same wherever it is reported.
public enum JSONPath {
    /// `codingPath` written as a path: keys joined by dots, array positions in brackets, no leading dot.
    public static func text(_ codingPath: [any CodingKey]) -> String {
        var path = ""
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return path
    }

    /// The path of the member `key` of the object at `codingPath`.
    public static func field(_ key: String, under codingPath: [any CodingKey]) -> String {
        text(codingPath + [AnyCodingKey(key)])
    }
}

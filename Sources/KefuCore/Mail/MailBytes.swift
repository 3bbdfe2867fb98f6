/// Line handling on raw message bytes, where a line ends in CRLF (the standard) or a bare LF (what an
/// MTA's pipe or a saved `.eml` file often hands over); both are accepted everywhere.
enum MailBytes {
    /// The lines of `bytes` without their line ends.
    static func lines(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let feed = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var end = feed
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            lines.append(bytes[start..<end])
            start = feed + 1
        }
        return lines
    }

    /// The header section and the body of an entity, split at the first empty line; an entity that
    /// starts with an empty line has no header, one without any has no body.
    static func splitEntity(_ bytes: ArraySlice<UInt8>) -> (header: ArraySlice<UInt8>, body: ArraySlice<UInt8>) {
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let feed = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
            let isEmpty = feed == start || (feed == start + 1 && bytes[start] == 0x0D)
            if isEmpty {
                return (bytes[bytes.startIndex..<start], bytes[min(feed + 1, bytes.endIndex)...])
            }
            start = feed + 1
        }
        return (bytes, bytes[bytes.endIndex...])
    }
}

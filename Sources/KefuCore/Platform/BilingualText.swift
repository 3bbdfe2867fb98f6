/// A text written in both languages the UI speaks: a follow-up's script, a survey question. Either may be left
/// out of a request (it reads as empty), and a reader falls back to the other.
public struct BilingualText: Codable, Sendable, Equatable {
    public var zh: String
    public var en: String

    public init(zh: String = "", en: String = "") {
        self.zh = zh
        self.en = en
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        zh = try c.decodeIfPresent(String.self, forKey: .zh) ?? ""
        en = try c.decodeIfPresent(String.self, forKey: .en) ?? ""
    }

    enum CodingKeys: String, CodingKey { case zh, en }

    /// The text in Chinese or English, the other when that one is empty.
    public func text(chinese: Bool) -> String {
        chinese ? (zh.isEmpty ? en : zh) : (en.isEmpty ? zh : en)
    }
}

/// The five dimensions of service quality (Parasuraman, Zeithaml & Berry 1988; DOMAIN.md §4). Each owns
/// a fixed run of the 22 items, so a rating's item number alone says which dimension it scores.
public enum ServqualDimension: String, CaseIterable, Sendable, Codable {
    case tangibles
    case reliability
    case responsiveness
    case assurance
    case empathy

    /// The item numbers of the dimension, in the questionnaire's order.
    public var items: ClosedRange<Int> {
        switch self {
        case .tangibles: return 1...4
        case .reliability: return 5...9
        case .responsiveness: return 10...13
        case .assurance: return 14...17
        case .empathy: return 18...22
        }
    }

    /// The dimension of an item 1–22.
    public static func of(item: Int) -> ServqualDimension {
        guard let dimension = allCases.first(where: { $0.items.contains(item) }) else {
            preconditionFailure("SERVQUAL item \(item) is not one of 1–22")
        }
        return dimension
    }

    public var nameEN: String {
        switch self {
        case .tangibles: return "Tangibles"
        case .reliability: return "Reliability"
        case .responsiveness: return "Responsiveness"
        case .assurance: return "Assurance"
        case .empathy: return "Empathy"
        }
    }

    /// The course's names (DOMAIN.md §4).
    public var nameZH: String {
        switch self {
        case .tangibles: return "有形度"
        case .reliability: return "信赖度"
        case .responsiveness: return "反映度"
        case .assurance: return "专业度"
        case .empathy: return "同理度"
        }
    }

    /// One line saying what the dimension covers, for the survey page and the reports.
    public var definitionEN: String {
        switch self {
        case .tangibles: return "What customers can see: premises, equipment, staff appearance and printed materials."
        case .reliability: return "Doing what was promised, accurately and dependably."
        case .responsiveness: return "Being willing to help and serving customers without delay."
        case .assurance: return "Staff whose knowledge and courtesy make customers trust the business."
        case .empathy: return "Caring about each customer and paying them individual attention."
        }
    }

    public var definitionZH: String {
        switch self {
        case .tangibles: return "顾客看得见的部分：场所、设备、员工仪表和印刷资料。"
        case .reliability: return "准确、可靠地兑现所承诺的服务。"
        case .responsiveness: return "乐于帮助顾客，并及时提供服务。"
        case .assurance: return "员工的专业知识和礼貌让顾客信任这家企业。"
        case .empathy: return "关心每一位顾客，给予个别的关注。"
        }
    }
}

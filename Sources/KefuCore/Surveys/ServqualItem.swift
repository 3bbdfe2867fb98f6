/// One of the 22 SERVQUAL statements. `en`/`zh` are the statement body, read after "A business like this
/// should …" for an expectation (or the adequate and desired levels) and after "This business …" for a
/// perception; the wording is Kefu's own, written from the dimension definitions.
public struct ServqualItem: Sendable, Hashable {
    public let number: Int
    public let dimension: ServqualDimension
    public let en: String
    public let zh: String

    init(_ number: Int, _ en: String, _ zh: String) {
        self.number = number
        self.dimension = ServqualDimension.of(item: number)
        self.en = en
        self.zh = zh
    }
}

extension Servqual {
    /// The 22 items in questionnaire order (`items[i].number == i + 1`).
    public static let items: [ServqualItem] = [
        ServqualItem(1, "has modern-looking equipment", "设备看起来现代、齐全"),
        ServqualItem(2, "has clean, comfortable and well laid-out premises", "营业场所整洁、舒适、布局合理"),
        ServqualItem(3, "has staff who look neat and professional", "员工仪表整洁、专业"),
        ServqualItem(4, "has signs, forms and printed materials that are clear and easy to read", "标识、单据和印刷资料清楚易读"),
        ServqualItem(5, "keeps the promises it makes to customers", "说到做到，兑现对顾客的承诺"),
        ServqualItem(6, "finishes a service by the time it said it would", "在答应的时间内完成服务"),
        ServqualItem(7, "works sincerely to solve a customer's problem", "顾客遇到问题时，真诚地帮助解决"),
        ServqualItem(8, "gets the service right the first time", "第一次就把服务做对"),
        ServqualItem(9, "keeps accurate, error-free records and bills", "记录和账单准确无误"),
        ServqualItem(10, "tells customers exactly when things will be done", "明确告诉顾客服务什么时候完成"),
        ServqualItem(11, "serves customers promptly, without needless waiting", "及时为顾客服务，不让顾客白白等待"),
        ServqualItem(12, "has staff who are always willing to help", "员工总是乐于帮助顾客"),
        ServqualItem(13, "has staff who are never too busy to answer a request", "员工再忙也会及时回应顾客的请求"),
        ServqualItem(14, "has staff whose conduct gives customers confidence", "员工的言行让顾客放心"),
        ServqualItem(15, "makes customers feel safe in their dealings with it", "顾客与之打交道时感到安全可靠"),
        ServqualItem(16, "has staff who are courteous every time", "员工始终彬彬有礼"),
        ServqualItem(17, "has staff with the knowledge to answer customers' questions", "员工具备解答顾客问题的专业知识"),
        ServqualItem(18, "gives each customer individual attention", "给予每位顾客个别的关注"),
        ServqualItem(19, "has opening hours that suit its customers", "营业时间方便顾客"),
        ServqualItem(20, "has staff who look after customers personally", "员工给予顾客贴心的照顾"),
        ServqualItem(21, "has its customers' best interests at heart", "把顾客的利益放在心上"),
        ServqualItem(22, "understands what its customers specifically need", "了解顾客的具体需要"),
    ]
}

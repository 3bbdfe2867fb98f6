import Foundation
import KefuCore

/// The demo business `kefu serve --demo` creates on an empty database: two branches and a few
/// hundred customers (people and organisations with key contacts, tiers, tags and notes), all
/// generated deterministically so every demo looks the same.
public enum DemoSeed {
    static let surnames = [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
    ]
    static let givenNames = [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
        "小明", "建华", "婷婷", "晓东", "文静",
    ]
    static let companies = [
        "华东物流", "蓝海酒店管理", "鑫源汽车服务", "瑞丰餐饮连锁", "恒通电子", "新纪元旅行社", "安信财务咨询",
        "金桥建材", "东方医疗器械", "绿源食品",
    ]
    static let tags = ["车主", "常客", "生日月", "商务", "家庭", "投诉过", "会员日", "早餐", "wechat"]
    static let notes = [
        "喜欢靠窗的位置", "上次投诉等待时间过长，已道歉并赠送优惠券", "对价格敏感，关注满减活动",
        "Prefers email over phone calls", "每月初来店保养", "VIP 客户，需经理亲自接待",
    ]

    /// Seeds only when the database has no customers; returns how many were created.
    public static func seedIfEmpty(_ database: KefuDatabase) async throws -> Int {
        let customers = CustomerRepository(database)
        guard try await customers.count(CustomerQuery()) == 0 else { return 0 }
        let attribution = database.system("demo-seed")
        var settings = BusinessSettings()
        settings.businessName = "客服演示 Kefu Demo"
        _ = try await SettingsRepository(database).update(settings, by: attribution)
        var branchIDs: [UUID] = []
        for (name, address) in [("静安店 Jing'an", "上海市静安区南京西路 1000 号"), ("浦东店 Pudong", "上海市浦东新区世纪大道 200 号")] {
            var branch = BranchProfile()
            branch.name = name
            branch.address = address
            branchIDs.append(try await BranchRepository(database).create(branch, by: attribution).id)
        }
        let stages = LifecycleStage.allCases
        let styles = PersonalityStyle.allCases
        var created = 0
        for index in 0..<240 {
            var profile = CustomerProfile()
            let isOrganization = index % 8 == 0
            profile.kind = isOrganization ? .organization : .person
            profile.name =
                isOrganization
                ? companies[(index / 8) % companies.count] + (index >= 80 ? "\(index / 80 + 1)号店" : "")
                : surnames[index % surnames.count] + givenNames[(index * 7) % givenNames.count]
            profile.phones = [String(format: "13%09d", 800_000_000 + index * 7919)]
            if index % 3 == 0 { profile.emails = ["customer\(index)@example.com"] }
            profile.tier = index % 10 == 0 ? "VIP" : index % 4 == 0 ? "gold" : "standard"
            profile.stage = stages[index % stages.count]
            profile.personality = styles[index % styles.count]
            profile.tags = [tags[index % tags.count]] + (index % 5 == 0 ? [tags[(index + 3) % tags.count]] : [])
            profile.branchID = branchIDs[index % 2]
            profile.sourceChannel = ["walk-in", "phone", "wechat", "web"][index % 4]
            profile.consent = Consent(phone: true, sms: index % 2 == 0, email: index % 3 == 0, wechat: index % 4 == 2)
            profile.gender = isOrganization ? .unspecified : [.female, .male][index % 2]
            if !isOrganization {
                profile.birthday = String(format: "19%02d-%02d-%02d", 60 + index % 40, 1 + index % 12, 1 + index % 28)
            }
            profile.isInternal = index % 50 == 7
            if profile.isInternal { profile.department = "财务部" }
            let customer = try await customers.create(profile, by: attribution)
            if index % 4 == 1 {
                _ = try await NoteRepository(database).create(
                    customerID: customer.id, body: notes[index % notes.count], by: attribution)
            }
            if isOrganization {
                var contact = KeyContactProfile()
                contact.name = surnames[(index + 5) % surnames.count] + "经理"
                contact.title = "采购经理"
                contact.phones = [String(format: "13%09d", 900_000_000 + index)]
                contact.interests = "高尔夫、茶"
                contact.topicsToRaise = "新店开业、年度合作计划"
                contact.topicsToAvoid = "竞争对手的价格"
                contact.personality = styles[(index + 1) % styles.count]
                _ = try await ContactRepository(database).create(customerID: customer.id, contact, by: attribution)
            }
            created += 1
        }
        return created
    }
}

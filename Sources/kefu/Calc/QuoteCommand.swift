import ArgumentParser
import Foundation
import KefuCore

/// `kefu calc quote`: prices a basket offline against a file of promotions with the engine the server quotes
/// with, so a promotion can be tried before it is stored and a price checked by hand.
struct QuoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quote",
        abstract: "Prices a basket against promotions (member prices, bundles, 满减, 满赠, percentages, amounts).",
        discussion: """
            Member prices apply first, then bundles, then the order-level kinds, and of each promotion group at \
            most one, choosing the combination with the greatest benefit for the customer (docs/SCIENCE.md \
            §10). A malformed basket or promotion exits 1 with one line naming the promotion, the basket line or \
            the basket field.
            """
    )

    @Option(
        help: ArgumentHelp("Basket JSON {\"at\", \"tier\", \"branch\", \"coupons\", \"lines\"}.", valueName: "file"))
    var basket: String
    @Option(help: ArgumentHelp("JSON array of promotions.", valueName: "file")) var promotions: String
    @Option(help: "Output format (json).") var format = CalcFormat.json
    @Option(help: "Language of the explanation.") var lang = QuoteLanguage.en

    enum QuoteLanguage: String, ExpressibleByArgument, CaseIterable {
        case zhHans = "zh-Hans"
        case en
    }

    func validate() throws { try format.require([.json]) }

    func run() throws {
        let basket = try read(self.basket) { data throws(PromotionInputError) in try Basket.decode(data) }
        let promotions = try read(self.promotions) { data throws(PromotionInputError) in
            try Promotion.decodeList(data)
        }
        let quote = PromotionEngine.quote(basket, promotions: promotions, chinese: lang == .zhHans)
        let lines = quote.lines.map { line in
            CalcJSON.object([
                ("sku", .string(line.sku)), ("quantity", .int(line.quantity)), ("unit_price", .int(line.unitPrice)),
                ("member_unit_price", .int(line.memberUnitPrice)), ("bundled_quantity", .int(line.bundledQuantity)),
            ])
        }
        let applied = quote.applied.map { entry in
            CalcJSON.object([
                ("id", .string(entry.id)), ("kind", .string(entry.kind)), ("discount", .int(entry.discount)),
            ])
        }
        let gifts = quote.gifts.map { gift in
            CalcJSON.object([
                ("sku", .string(gift.sku)), ("quantity", .int(gift.quantity)), ("value", .int(gift.value)),
                ("promotion", .string(gift.promotion)),
            ])
        }
        CalcIO.write(
            CalcJSON.object([
                ("subtotal", .int(quote.subtotal)), ("discount", .int(quote.discount)), ("total", .int(quote.total)),
                ("lines", .array(lines)), ("applied", .array(applied)), ("gifts", .array(gifts)),
                ("explanation", .array(quote.explanation.map(CalcJSON.string))),
            ]).rendered)
    }

    /// The file at `path` parsed by `parse`; a file that cannot be read or parsed fails (1) naming it.
    private func read<T>(_ path: String, _ parse: (Data) throws(PromotionInputError) -> T) throws -> T {
        let data = try CalcIO.read(path)
        do throws(PromotionInputError) {
            return try parse(data)
        } catch {
            throw CLIFailure("\(path): \(error.description)")
        }
    }
}

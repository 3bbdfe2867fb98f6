import Foundation
import KefuCore
import Testing

@Suite struct CustomFieldsTests {
    @Test func valueTextWritesWholeNumbersWithoutFraction() {
        #expect(CustomFieldValue.number(3).text == "3")
        #expect(CustomFieldValue.number(-42).text == "-42")
        #expect(CustomFieldValue.number(2.5).text == "2.5")
        #expect(CustomFieldValue.string("Model 3").text == "Model 3")
    }

    @Test func valueDecodesNumbersAndStrings() throws {
        let decoded = try JSONDecoder().decode(
            [String: CustomFieldValue].self,
            from: Data(#"{"a": 1.5, "b": "x", "c": 7}"#.utf8))
        #expect(decoded == ["a": .number(1.5), "b": .string("x"), "c": .number(7)])
    }

    @Test func valueRoundTripsThroughJSON() throws {
        let values: [String: CustomFieldValue] = ["n": .number(12), "s": .string("12")]
        let data = try JSONEncoder().encode(values)
        #expect(try JSONDecoder().decode([String: CustomFieldValue].self, from: data) == values)
    }
}

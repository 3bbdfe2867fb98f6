import KefuCore
import Testing

@Suite struct CustomerRecordDateTests {
    @Test(arguments: ["2024-02-29", "2000-02-29", "1850-01-01", "1990-12-31", "2023-04-30"])
    func acceptsRealDates(_ text: String) {
        #expect(CustomerRules.isRecordDate(text))
    }

    @Test(arguments: [
        "2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "2024-1-01",
        "24-01-01", "2024/01/01", "20240101", "1849-12-31", "", "2024-01-01T00:00", "+024-01-01",
    ])
    func rejectsOtherText(_ text: String) {
        #expect(!CustomerRules.isRecordDate(text))
    }
}

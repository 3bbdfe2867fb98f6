import KefuCore
import Testing

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        "13800138000", "+8613800138000", "+86 138 0013 8000", "+86-138-0013-8000", "0086 13800138000",
        "008613800138000", "8613800138000", "86 138 0013 8000", "138-0013-8000", " 138 0013 8000 ",
        "＋86 13800138000", "１３８００１３８０００", "013800138000",
    ])
    func normalizesChineseMobiles(_ raw: String) {
        #expect(PhoneNumber.normalize(raw) == "+8613800138000")
    }

    @Test func normalizesChineseLandlines() {
        #expect(PhoneNumber.normalize("010-12345678") == "+861012345678")
        #expect(PhoneNumber.normalize("(010) 1234 5678") == "+861012345678")
        #expect(PhoneNumber.normalize("02112345678") == "+862112345678")
        #expect(PhoneNumber.normalize("0755-12345678") == "+8675512345678")
        #expect(PhoneNumber.normalize("0755 1234567") == "+867551234567")
        #expect(PhoneNumber.normalize("0086-10-12345678") == "+861012345678")
    }

    @Test func dropsTrunkZeroWrittenAfterCountryCode() {
        #expect(PhoneNumber.normalize("+86 (0)10 1234 5678") == "+861012345678")
        #expect(PhoneNumber.normalize("+86 010 12345678") == "+861012345678")
        #expect(PhoneNumber.normalize("+44 (0)20 7946 0958") == "+442079460958")
    }

    @Test func normalizesOtherRegions() {
        #expect(PhoneNumber.normalize("(415) 555-2671", defaultRegion: "US") == "+14155552671")
        #expect(PhoneNumber.normalize("1-415-555-2671", defaultRegion: "US") == "+14155552671")
        #expect(PhoneNumber.normalize("020 7946 0958", defaultRegion: "GB") == "+442079460958")
        #expect(PhoneNumber.normalize("9123 4567", defaultRegion: "HK") == "+85291234567")
        #expect(PhoneNumber.normalize("9123 4567", defaultRegion: "hk") == "+85291234567")
    }

    @Test func keepsInternationalNumbersWhateverTheRegion() {
        #expect(PhoneNumber.normalize("+1 415 555 2671") == "+14155552671")
        #expect(PhoneNumber.normalize("+44 20 7946 0958") == "+442079460958")
        #expect(PhoneNumber.normalize("+852 9123 4567") == "+85291234567")
        #expect(PhoneNumber.normalize("+8613800138000", defaultRegion: "US") == "+8613800138000")
    }

    @Test(arguments: ["", "   ", "abc", "138 0013 8000 ext 1", "13800138000a", "+", "00", "0", "138_0013_8000"])
    func rejectsGarbage(_ raw: String) {
        #expect(PhoneNumber.normalize(raw) == nil)
    }

    @Test(arguments: ["12345", "1380013800", "138001380001", "12800138000", "+86 12345", "+1234567890123456", "95588"])
    func rejectsWrongLengthsAndImpossibleChineseNumbers(_ raw: String) {
        #expect(PhoneNumber.normalize(raw) == nil)
    }

    @Test func listsSupportedRegionsSorted() {
        #expect(PhoneNumber.supportedRegions.contains("CN"))
        #expect(PhoneNumber.supportedRegions == PhoneNumber.supportedRegions.sorted())
    }
}

import Testing

@testable import KefuCore

@Suite struct ServqualTests {
    let allPoints: [ServqualDimension: Double] = [
        .tangibles: 20, .reliability: 20, .responsiveness: 20, .assurance: 20, .empathy: 20,
    ]

    @Test func itemsAreTwentyTwoInOrderWithBothLanguages() {
        #expect(Servqual.items.map(\.number) == Array(1...22))
        #expect(Servqual.items.allSatisfy { !$0.en.isEmpty && !$0.zh.isEmpty })
        #expect(Set(Servqual.items.map(\.en)).count == 22 && Set(Servqual.items.map(\.zh)).count == 22)
        let counts = ServqualDimension.allCases.map { d in Servqual.items.filter { $0.dimension == d }.count }
        #expect(counts == [4, 5, 4, 4, 5])
    }

    @Test(arguments: [
        (1, ServqualDimension.tangibles), (4, .tangibles), (5, .reliability), (9, .reliability),
        (10, .responsiveness), (13, .responsiveness), (14, .assurance), (17, .assurance), (18, .empathy),
        (22, .empathy),
    ])
    func itemsBelongToTheirDimension(item: Int, dimension: ServqualDimension) {
        #expect(ServqualDimension.of(item: item) == dimension)
        #expect(dimension.items.contains(item))
    }

    @Test func dimensionsHaveNamesAndDefinitionsInBothLanguages() {
        #expect(ServqualDimension.allCases.map(\.nameZH) == ["有形度", "信赖度", "反映度", "专业度", "同理度"])
        #expect(ServqualDimension.allCases.allSatisfy { !$0.definitionEN.isEmpty && !$0.definitionZH.isEmpty })
    }

    @Test func acceptsACompleteOrPartialResponse() throws {
        try Servqual.validate(ServqualExample.responses[1], format: .twoColumn)
        try Servqual.validate(ServqualResponse(respondentID: "empty"), format: .threeColumn)
        let shares: [ServqualDimension: Double] = [
            .tangibles: 33.3, .reliability: 33.3, .responsiveness: 33.4, .assurance: 0, .empathy: 0,
        ]
        try Servqual.validate(ServqualResponse(respondentID: "p", points: shares), format: .twoColumn)
    }

    @Test func refusesBadResponsesNamingTheItemOrDimension() {
        let cases: [(ServqualResponse, ServqualFormat, ServqualError)] = [
            (
                ServqualResponse(respondentID: "r", perception: [5: 8]), .twoColumn,
                .ratingOutOfRange(column: .perception, item: 5, rating: 8, scale: 1...7)
            ),
            (
                ServqualResponse(respondentID: "r", expectation: [3: 0]), .twoColumn,
                .ratingOutOfRange(column: .expectation, item: 3, rating: 0, scale: 1...7)
            ),
            (
                ServqualResponse(respondentID: "r", desired: [22: 10]), .threeColumn,
                .ratingOutOfRange(column: .desired, item: 22, rating: 10, scale: 1...9)
            ),
            (
                ServqualResponse(respondentID: "r", perception: [23: 4]), .twoColumn,
                .unknownItem(column: .perception, item: 23)
            ),
            (
                ServqualResponse(respondentID: "r", expectation: [1: 4]), .threeColumn,
                .columnNotInFormat(column: .expectation, format: .threeColumn)
            ),
            (
                ServqualResponse(respondentID: "r", adequate: [7: 6], desired: [7: 5]), .threeColumn,
                .adequateAboveDesired(item: 7, adequate: 6, desired: 5)
            ),
            (
                ServqualResponse(respondentID: "r", points: [.tangibles: 50, .empathy: 50]), .twoColumn,
                .pointsIncomplete(missing: [.reliability, .responsiveness, .assurance])
            ),
            (
                ServqualResponse(
                    respondentID: "r",
                    points: [.tangibles: 60, .reliability: -10, .responsiveness: 20, .assurance: 20, .empathy: 10]),
                .twoColumn, .pointsNegative(dimension: .reliability, points: -10)
            ),
            (
                ServqualResponse(
                    respondentID: "r",
                    points: [.tangibles: 20, .reliability: 20, .responsiveness: 20, .assurance: 20, .empathy: 19]),
                .twoColumn, .pointsTotal(99)
            ),
        ]
        for (response, format, error) in cases {
            #expect(throws: error) { try Servqual.validate(response, format: format) }
        }
        #expect(
            ServqualError.adequateAboveDesired(item: 7, adequate: 6, desired: 5).description
                == "a7 (6) is above d7 (5): the adequate level cannot exceed the desired one")
        #expect(
            ServqualError.ratingOutOfRange(column: .perception, item: 5, rating: 8, scale: 1...7).description
                == "p5 is 8, outside the 1–7 scale")
    }
}

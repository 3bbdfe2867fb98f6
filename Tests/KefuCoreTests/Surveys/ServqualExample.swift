@testable import KefuCore

/// The worked example of docs/SCIENCE.md §9: three respondents, six items (1, 2, 5, 10, 14, 18), r2
/// skipping p2, r3 answering no responsiveness item, points from r1 and r2.
enum ServqualExample {
    static let responses = [
        ServqualResponse(
            respondentID: "r1", expectation: [1: 6, 2: 5, 5: 7, 10: 6, 14: 5, 18: 6],
            perception: [1: 4, 2: 5, 5: 5, 10: 6, 14: 6, 18: 3],
            points: [.tangibles: 10, .reliability: 40, .responsiveness: 20, .assurance: 20, .empathy: 10]),
        ServqualResponse(
            respondentID: "r2", expectation: [1: 7, 2: 6, 5: 7, 10: 5, 14: 6, 18: 5],
            perception: [1: 5, 5: 6, 10: 3, 14: 6, 18: 5],
            points: [.tangibles: 20, .reliability: 30, .responsiveness: 20, .assurance: 15, .empathy: 15]),
        ServqualResponse(
            respondentID: "r3", expectation: [1: 5, 2: 4, 5: 6, 14: 7, 18: 4],
            perception: [1: 5, 2: 6, 5: 6, 14: 5, 18: 5]),
    ]

    /// The same responses as a `kefu calc servqual` file: every e/p column, empty where unanswered.
    static var csv: String {
        let ratings = ServqualFormat.twoColumn.columns.flatMap { column in (1...22).map(column.field) }
        let points = ServqualDimension.allCases.map { "w_" + $0.rawValue }
        var lines = [(["respondent_id"] + ratings + points).joined(separator: ",")]
        for response in responses {
            let cells = ServqualFormat.twoColumn.columns.flatMap { column in
                (1...22).map { item in column.ratings(of: response)[item].map { String($0) } ?? "" }
            }
            let weights = ServqualDimension.allCases.map { response.points?[$0].map { String(Int($0)) } ?? "" }
            lines.append(([response.respondentID] + cells + weights).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

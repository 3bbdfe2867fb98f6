/// Readers for `kefu calc servqual` and `kefu calc nps`. Columns may come in any order; an unknown or
/// repeated column, a non-integer or off-scale rating and a repeated respondent_id are errors on their
/// row; an empty cell is a question the respondent skipped.
extension CalcCSV {
    /// `respondent_id` and the format's rating columns (`e1…e22,p1…p22`, or `a1…a22,d1…d22,p1…p22`),
    /// with the five `w_<dimension>` importance points optional (all five columns or none). A row whose
    /// five points are empty gave none. Each response passes `Servqual.validate`.
    public func servqualResponses(format: ServqualFormat) throws(CalcInputError) -> [ServqualResponse] {
        let ratingColumns = format.columns.flatMap { column in (1...22).map(column.field) }
        let pointColumns = ServqualDimension.allCases.map { "w_" + $0.rawValue }
        try refuseUnknownColumns(allowed: Set(["respondent_id"] + ratingColumns + pointColumns))
        let columns = try columns(required: ["respondent_id"] + ratingColumns, optional: pointColumns)
        let missingPoints = pointColumns.filter { columns[$0] == nil }
        guard missingPoints.count == pointColumns.count || missingPoints.isEmpty else {
            throw CalcInputError(
                line: headerLine,
                "missing column \(missingPoints.map { "\"\($0)\"" }.joined(separator: ", ")) "
                    + "(give all five w_ columns or none)")
        }
        var ids = RespondentIDs()
        var responses: [ServqualResponse] = []
        responses.reserveCapacity(rows.count)
        for row in rows {
            var response = ServqualResponse(respondentID: try ids.read(row, columns["respondent_id"]!))
            for column in format.columns {
                var ratings: [Int: Int] = [:]
                for item in 1...22 {
                    let name = column.field(item)
                    ratings[item] = try CalcCSV.integer(row, columns[name]!, name: name)
                }
                switch column {
                case .expectation: response.expectation = ratings
                case .adequate: response.adequate = ratings
                case .desired: response.desired = ratings
                case .perception: response.perception = ratings
                }
            }
            response.points = try points(row, columns)
            do {
                try Servqual.validate(response, format: format)
            } catch {
                throw CalcInputError(line: row.line, error.description)
            }
            responses.append(response)
        }
        return responses
    }

    /// The `score` of each `respondent_id,score` row that has one (0–10).
    public func npsScores() throws(CalcInputError) -> [Int] {
        try refuseUnknownColumns(allowed: ["respondent_id", "score"])
        let columns = try columns(required: ["respondent_id", "score"])
        var ids = RespondentIDs()
        var scores: [Int] = []
        scores.reserveCapacity(rows.count)
        for row in rows {
            _ = try ids.read(row, columns["respondent_id"]!)
            guard let score = try CalcCSV.integer(row, columns["score"]!, name: "score") else { continue }
            guard NPSScore.scale.contains(score) else {
                throw CalcInputError(line: row.line, "score is \(score), outside the 0–10 scale")
            }
            scores.append(score)
        }
        return scores
    }

    /// The row's points, nil when the file has no point columns or the row leaves all five empty.
    private func points(_ row: Row, _ columns: [String: Int]) throws(CalcInputError) -> [ServqualDimension: Double]? {
        var points: [ServqualDimension: Double] = [:]
        for dimension in ServqualDimension.allCases {
            let name = "w_" + dimension.rawValue
            guard let index = columns[name], !row.fields[index].calcTrimmed().isEmpty else { continue }
            points[dimension] = try CalcCSV.double(row, index, name: name)
        }
        return points.isEmpty ? nil : points
    }

    /// A whole number, or nil for an empty cell.
    private static func integer(_ row: Row, _ index: Int, name: String) throws(CalcInputError) -> Int? {
        let text = row.fields[index].calcTrimmed()
        guard !text.isEmpty else { return nil }
        guard let value = Int(text) else {
            throw CalcInputError(line: row.line, "\(name) \"\(text)\" is not a whole number")
        }
        return value
    }
}

/// The respondent ids read so far, so a repeated one names the row it first appeared on.
private struct RespondentIDs {
    private var rows: [String: Int] = [:]

    mutating func read(_ row: CalcCSV.Row, _ index: Int) throws(CalcInputError) -> String {
        let id = try CalcCSV.identifier(row, index, name: "respondent_id")
        if let first = rows.updateValue(row.line, forKey: id) {
            throw CalcInputError(line: row.line, "respondent_id \"\(id)\" already appeared on row \(first)")
        }
        return id
    }
}

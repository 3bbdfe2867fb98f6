import Foundation
import KefuCore

/// SERVQUAL on the survey page: the statements by dimension, each with a select per column of the survey's
/// format, and the optional importance points.
struct ServqualFormView {
    var intro: String
    var dimensions: [DimensionView]
    var importance: ImportanceView?

    struct DimensionView {
        var name: String
        var definition: String
        var items: [ItemView]
    }

    struct ItemView {
        var number: Int
        var text: String
        var ratings: [RatingView]
    }

    struct RatingView {
        var name: String
        var label: String
        var options: [SurveyFormView.Choice]
        var field: FieldView
    }

    struct ImportanceView {
        var label: String
        var weights: [WeightView]
    }

    struct WeightView {
        var name: String
        var label: String
        var field: FieldView
    }

    init(_ survey: Survey, posted: (String) -> String, messages: FieldMessages, ui: WebUI) {
        let chinese = ui.language == .zhHans
        let format = survey.servqualFormat
        intro = ui.t("survey.servqual.intro_" + format.rawValue)
        dimensions = ServqualDimension.allCases.map { dimension in
            DimensionView(
                name: chinese ? dimension.nameZH : dimension.nameEN,
                definition: chinese ? dimension.definitionZH : dimension.definitionEN,
                items: Servqual.items.filter { $0.dimension == dimension }.map { item in
                    ItemView(
                        number: item.number, text: chinese ? item.zh : item.en,
                        ratings: format.columns.map { column in
                            let name = column.field(item.number)
                            let value = posted(name)
                            return RatingView(
                                name: name, label: ui.t("survey.servqual.\(format.rawValue).\(column.rawValue)"),
                                options: [SurveyFormView.Choice(value: "", label: "–", checked: value.isEmpty)]
                                    + format.scale.map {
                                        SurveyFormView.Choice(
                                            value: String($0), label: String($0), checked: String($0) == value)
                                    },
                                field: messages.field(name, value: value))
                        })
                })
        }
        if survey.importance {
            importance = ImportanceView(
                label: ui.t("survey.servqual.importance"),
                weights: ServqualDimension.allCases.map { dimension in
                    let name = SurveyAnswer.weightField(dimension)
                    return WeightView(
                        name: name, label: chinese ? dimension.nameZH : dimension.nameEN,
                        field: messages.field(name, value: posted(name)))
                })
        }
    }

    /// The names of the inputs, whose errors show beside them.
    static func inputs(of survey: Survey) -> [String] {
        let format = survey.servqualFormat
        return format.columns.flatMap { column in (1...22).map { column.field($0) } }
            + ServqualDimension.allCases.map(SurveyAnswer.weightField)
    }
}

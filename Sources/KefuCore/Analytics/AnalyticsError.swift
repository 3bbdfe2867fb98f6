/// Why a customer-base model could not be fitted or applied.
public enum AnalyticsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// There is nothing (or too little) to fit on.
    case insufficientData(String)
    /// The optimiser stopped before the gradient reached tolerance — typically data the model cannot
    /// describe (everyone identical, no repeat buyers), where the likelihood has no interior maximum.
    case didNotConverge(model: String, gradientNorm: Double)
    /// A parameter or horizon is outside its domain.
    case invalidInput(String)

    public var description: String {
        switch self {
        case .insufficientData(let message), .invalidInput(let message):
            return message
        case .didNotConverge(let model, let gradientNorm):
            return "the \(model) fit did not converge (gradient norm \(gradientNorm)); the data may not fit the model"
        }
    }
}

import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A customer's relationship health as `GET /api/v1/customers/{id}/health` returns it: exactly `balance`,
/// `at_risk` and `movements`, each movement exactly `kind`, `at`, `weight` and `contribution`.
struct HealthDTO: FieldsDTO {
    var health: HealthBalance

    var fields: KeyValuePairs<String, any Encodable> {
        ["balance": health.balance, "at_risk": health.atRisk, "movements": health.movements.map(Movement.init)]
    }

    struct Movement: FieldsDTO {
        var movement: HealthMovement

        var fields: KeyValuePairs<String, any Encodable> {
            [
                "kind": movement.kind.rawValue, "at": movement.at, "weight": movement.weight,
                "contribution": movement.contribution,
            ]
        }
    }
}

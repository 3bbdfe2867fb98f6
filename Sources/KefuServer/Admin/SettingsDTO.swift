import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// The settings object as the API returns it.
struct SettingsDTO: ResponseEncodable, Sendable {
    var settings: BusinessSettings
    func encode(to encoder: any Encoder) throws { try settings.encode(to: encoder) }
}

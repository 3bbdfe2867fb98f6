/// A branch to simulate (issue 14 §7), as `kefu calc simulate-queue --config` reads it:
/// `{"counters": 3, "open_minutes": 480, "service_minutes": {"distribution": "lognormal", "mean": 4.0, "sd": 1.5},
/// "classes": [{"name": "vip", "arrivals_per_hour": 6}, {"name": "normal", "arrivals_per_hour": 30}],
/// "policy": {"kind": "aged", "aging_minutes": 10}}`. The list order of `classes` is their priority order.
public struct QueueSimulatorConfig: Sendable, Hashable {
    /// One class of customers, arriving as a Poisson stream.
    public struct CustomerClass: Sendable, Hashable {
        public var name: String
        public var arrivalsPerHour: Double

        public init(name: String, arrivalsPerHour: Double) {
            self.name = name
            self.arrivalsPerHour = arrivalsPerHour
        }
    }

    public var counters: Int
    /// How long the doors are open each day; any positive number, far more than a day if wanted.
    public var openMinutes: Double
    public var serviceMinutes: ServiceTimeDistribution
    /// First class first.
    public var classes: [CustomerClass]
    public var policy: QueuePolicy

    private static let countersRule = "must be an integer of at least 1"

    /// The config, or the first rule it breaks as a `ValidationFailure` naming the JSON path.
    public init(
        counters: Int, openMinutes: Double, serviceMinutes: ServiceTimeDistribution, classes: [CustomerClass],
        policy: QueuePolicy
    ) throws(ValidationFailure) {
        func fail(_ field: String, _ message: String) -> ValidationFailure {
            ValidationFailure([FieldError(field: field, code: "invalid", message: message)])
        }
        guard counters >= 1 else { throw fail("counters", Self.countersRule) }
        guard openMinutes > 0, openMinutes.isFinite else { throw fail("open_minutes", "must be more than 0") }
        switch serviceMinutes {
        case .exponential(let mean), .deterministic(let mean), .lognormal(let mean, _):
            guard mean > 0, mean.isFinite else { throw fail("service_minutes.mean", "must be more than 0") }
        }
        if case .lognormal(_, let sd) = serviceMinutes, !(sd >= 0 && sd.isFinite) {
            throw fail("service_minutes.sd", "must not be negative")
        }
        guard !classes.isEmpty else { throw fail("classes", "at least one class is needed") }
        var names: Set<String> = []
        for (index, customerClass) in classes.enumerated() {
            guard !customerClass.name.isEmpty else { throw fail("classes[\(index)].name", "must not be empty") }
            guard names.insert(customerClass.name).inserted else {
                throw fail("classes[\(index)].name", "\"\(customerClass.name)\" is listed twice")
            }
            guard customerClass.arrivalsPerHour >= 0, customerClass.arrivalsPerHour.isFinite else {
                throw fail("classes[\(index)].arrivals_per_hour", "must not be negative")
            }
        }
        self.counters = counters
        self.openMinutes = openMinutes
        self.serviceMinutes = serviceMinutes
        self.classes = classes
        self.policy = policy
    }
}

extension QueueSimulatorConfig: Decodable {
    /// Every problem, a wrong type or a missing field included, is a `ValidationFailure` naming its JSON path
    /// (`counters`, `service_minutes.sd`, `classes[1].arrivals_per_hour`, `policy.aging_minutes`).
    public init(from decoder: any Decoder) throws {
        let json = try ConfigReader(decoder)
        let counters = try json.number("counters")
        guard counters == counters.rounded(), abs(counters) <= Double(Int32.max) else {
            throw json.failure("counters", Self.countersRule)
        }
        let openMinutes = try json.number("open_minutes")
        let service = try json.object("service_minutes")
        let distributionName = try service.string("distribution")
        let mean = try service.number("mean")
        let distribution: ServiceTimeDistribution
        switch distributionName {
        case "exponential": distribution = .exponential(mean: mean)
        case "deterministic": distribution = .deterministic(mean: mean)
        case "lognormal": distribution = .lognormal(mean: mean, sd: try service.number("sd"))
        default:
            throw service.failure(
                "distribution", "unknown distribution \"\(distributionName)\" (exponential, deterministic or lognormal)"
            )
        }
        var classes: [CustomerClass] = []
        for item in try json.items("classes") {
            classes.append(
                CustomerClass(name: try item.string("name"), arrivalsPerHour: try item.number("arrivals_per_hour")))
        }
        let policy = try json.object("policy")
        try self.init(
            counters: Int(counters), openMinutes: openMinutes, serviceMinutes: distribution, classes: classes,
            policy: QueuePolicy(
                kind: try policy.string("kind"), agingMinutes: try policy.optionalNumber("aging_minutes"),
                path: policy.path))
    }
}

/// Reads one object of the simulator config, turning every decoding problem into a `ValidationFailure` that names
/// the field's JSON path.
private struct ConfigReader {
    private let container: KeyedDecodingContainer<AnyCodingKey>
    let path: [any CodingKey]

    /// The object `decoder` holds; paths are named from the decoder's own.
    init(_ decoder: any Decoder) throws(ValidationFailure) {
        let container: KeyedDecodingContainer<AnyCodingKey>
        do {
            container = try decoder.container(keyedBy: AnyCodingKey.self)
        } catch {
            let field = decoder.codingPath.isEmpty ? "config" : JSONPath.text(decoder.codingPath)
            throw ValidationFailure([FieldError(field: field, code: "invalid", message: "expected a JSON object")])
        }
        self.init(container, path: decoder.codingPath)
    }

    private init(_ container: KeyedDecodingContainer<AnyCodingKey>, path: [any CodingKey]) {
        self.container = container
        self.path = path
    }

    func failure(_ key: String, _ message: String) -> ValidationFailure {
        ValidationFailure([FieldError(field: JSONPath.field(key, under: path), code: "invalid", message: message)])
    }

    /// The value under `key`, nil when absent or null.
    func optionalNumber(_ key: String) throws(ValidationFailure) -> Double? {
        do {
            return try container.decodeIfPresent(Double.self, forKey: AnyCodingKey(key))
        } catch {
            throw failure(key, "expected a number")
        }
    }

    func number(_ key: String) throws(ValidationFailure) -> Double {
        guard let value = try optionalNumber(key) else { throw failure(key, "required") }
        return value
    }

    func string(_ key: String) throws(ValidationFailure) -> String {
        try present(key)
        do {
            return try container.decode(String.self, forKey: AnyCodingKey(key))
        } catch {
            throw failure(key, "expected a string")
        }
    }

    func object(_ key: String) throws(ValidationFailure) -> ConfigReader {
        try present(key)
        do {
            return ConfigReader(
                try container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: AnyCodingKey(key)),
                path: path + [AnyCodingKey(key)])
        } catch {
            throw failure(key, "expected an object")
        }
    }

    /// The objects of the list under `key`.
    func items(_ key: String) throws(ValidationFailure) -> [ConfigReader] {
        try present(key)
        var readers: [ConfigReader] = []
        do {
            var list = try container.nestedUnkeyedContainer(forKey: AnyCodingKey(key))
            while !list.isAtEnd {
                let index = list.currentIndex
                do {
                    readers.append(
                        ConfigReader(
                            try list.nestedContainer(keyedBy: AnyCodingKey.self),
                            path: path + [AnyCodingKey(key), IndexKey(intValue: index)]))
                } catch {
                    throw failure("\(key)[\(index)]", "expected an object")
                }
            }
        } catch let problem as ValidationFailure {
            throw problem
        } catch {
            throw failure(key, "expected a list")
        }
        return readers
    }

    /// Fails unless `key` holds a value other than null.
    private func present(_ key: String) throws(ValidationFailure) {
        let codingKey = AnyCodingKey(key)
        guard container.contains(codingKey), (try? container.decodeNil(forKey: codingKey)) == false else {
            throw failure(key, "required")
        }
    }

    private struct IndexKey: CodingKey {
        let intValue: Int?
        var stringValue: String { "\(intValue!)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}

/// Turns a period's complaint counts into what they stand for: "the silent majority" of DOMAIN.md §2.
///
/// The factors and their defaults come from seed 001 (the course slides DOMAIN.md §2 cites, section on
/// dissatisfied customers): about 95 % of dissatisfied customers never complain to the provider, only 5 % do;
/// about 50 % of the dissatisfied tell 10–20 other people, and about 15 % of those told pass it on to another
/// 10–20; a satisfied customer tells 2–5 people; about 95 % of complainers whose problem is solved quickly and
/// well come back. They are rules of thumb, not measurements of this business, so each is an input a manager
/// may change, and `Estimate` keeps the factors beside the figures so a report can show both.
public struct SilentMajorityEstimator: Sendable, Equatable, Codable {
    /// Share of dissatisfied customers who complain (seed: 5 %, so each complaint stands for ~20).
    public var complainingShare: Double
    /// Share of dissatisfied customers who tell others (seed: about 50 %).
    public var tellingShare: Double
    /// How many people each of them tells (seed: 10–20).
    public var toldPerTeller: FigureRange
    /// Share of those told who pass it on (seed: about 15 %).
    public var retellingShare: Double
    /// How many people each of those tells again (seed: 10–20).
    public var retoldPerReteller: FigureRange
    /// How many people a satisfied customer tells (seed: 2–5).
    public var toldPerSatisfied: FigureRange
    /// Share of quickly resolved complainers who come back (seed: about 95 %).
    public var fastResolvedReturnShare: Double

    public init(
        complainingShare: Double = 0.05, tellingShare: Double = 0.5, toldPerTeller: FigureRange = .init(10, 20),
        retellingShare: Double = 0.15, retoldPerReteller: FigureRange = .init(10, 20),
        toldPerSatisfied: FigureRange = .init(2, 5), fastResolvedReturnShare: Double = 0.95
    ) {
        self.complainingShare = complainingShare
        self.tellingShare = tellingShare
        self.toldPerTeller = toldPerTeller
        self.retellingShare = retellingShare
        self.retoldPerReteller = retoldPerReteller
        self.toldPerSatisfied = toldPerSatisfied
        self.fastResolvedReturnShare = fastResolvedReturnShare
    }

    enum CodingKeys: String, CodingKey {
        case complainingShare = "complaining_share"
        case tellingShare = "telling_share"
        case toldPerTeller = "told_per_teller"
        case retellingShare = "retelling_share"
        case retoldPerReteller = "retold_per_reteller"
        case toldPerSatisfied = "told_per_satisfied"
        case fastResolvedReturnShare = "fast_resolved_return_share"
    }

    /// The estimate for `complaints` complaints in a period, of which `fastResolved` were resolved quickly
    /// (the SLA decides what "quickly" means). Nil when a share is outside 0…1, the complaining share is 0, or a
    /// count is negative: there is no honest estimate then.
    public func estimate(complaints: Int, fastResolved: Int) -> Estimate? {
        let shares = [complainingShare, tellingShare, retellingShare, fastResolvedReturnShare]
        guard complainingShare > 0, shares.allSatisfy({ (0...1).contains($0) }), complaints >= 0, fastResolved >= 0
        else { return nil }
        let dissatisfied = Double(complaints) / complainingShare
        let tellers = dissatisfied * tellingShare
        let firstWave = toldPerTeller.scaled(by: tellers)
        let secondWave = retoldPerReteller.scaled(by: retellingShare).times(firstWave)
        return Estimate(
            factors: self, complaints: complaints, dissatisfiedPerComplaint: 1 / complainingShare,
            dissatisfiedCustomers: dissatisfied, silentDissatisfied: dissatisfied - Double(complaints),
            tellers: tellers, peopleToldFirstHand: firstWave, peopleToldSecondHand: secondWave,
            peopleReached: firstWave.plus(secondWave),
            returningComplainers: Double(fastResolved) * fastResolvedReturnShare,
            satisfiedWordOfMouth: toldPerSatisfied.scaled(by: Double(fastResolved) * fastResolvedReturnShare))
    }

    /// Every derived figure of one estimate, with the factors that produced them.
    public struct Estimate: Sendable, Equatable, Codable {
        public var factors: SilentMajorityEstimator
        public var complaints: Int
        /// 1 ÷ complaining share.
        public var dissatisfiedPerComplaint: Double
        /// Complaints × dissatisfied per complaint.
        public var dissatisfiedCustomers: Double
        /// The dissatisfied who never complained.
        public var silentDissatisfied: Double
        /// Dissatisfied × telling share.
        public var tellers: Double
        /// Tellers × told per teller.
        public var peopleToldFirstHand: FigureRange
        /// First-hand × retelling share × retold per reteller.
        public var peopleToldSecondHand: FigureRange
        /// First-hand + second-hand.
        public var peopleReached: FigureRange
        /// Fast-resolved complaints × return share.
        public var returningComplainers: Double
        /// Returning complainers × told per satisfied customer: the good word a fast resolution buys.
        public var satisfiedWordOfMouth: FigureRange

        enum CodingKeys: String, CodingKey {
            case factors, complaints
            case dissatisfiedPerComplaint = "dissatisfied_per_complaint"
            case dissatisfiedCustomers = "dissatisfied_customers"
            case silentDissatisfied = "silent_dissatisfied"
            case tellers
            case peopleToldFirstHand = "people_told_first_hand"
            case peopleToldSecondHand = "people_told_second_hand"
            case peopleReached = "people_reached"
            case returningComplainers = "returning_complainers"
            case satisfiedWordOfMouth = "satisfied_word_of_mouth"
        }
    }
}

/// A low–high pair, as the seed gives its word-of-mouth figures ("10–20 people").
public struct FigureRange: Sendable, Equatable, Codable {
    public var low: Double
    public var high: Double

    public init(_ low: Double, _ high: Double) {
        self.low = low
        self.high = high
    }

    func scaled(by factor: Double) -> FigureRange { FigureRange(low * factor, high * factor) }
    func times(_ other: FigureRange) -> FigureRange { FigureRange(low * other.low, high * other.high) }
    func plus(_ other: FigureRange) -> FigureRange { FigureRange(low + other.low, high + other.high) }
}

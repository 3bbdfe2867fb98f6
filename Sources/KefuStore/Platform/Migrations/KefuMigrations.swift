import FluentKit

/// The ordered list of schema changes. Append only: a released migration is never edited.
enum KefuMigrations {
    static let all: [any Migration] = [
        CreatePlatformTables(),
        CreateCustomerTables(),
        CreateCustomerSearchIndex(),
        CreateCustomerGramIndex(),
        CoverRecentCustomerSearch(),
        CreateServerSecrets(),
        CreateServiceDeskTables(),
        AddServiceDeskSettings(),
        CreateNotifications(),
        IndexTicketLinksByOtherEnd(),
        IndexTicketsByReceipt(),
        CreateKnowledgeBase(),
        CreateSignedLinks(),
        CreateRateLimitEvents(),
        CreateTicketSearchIndex(),
        CreateJobs(),
        CreateCalendars(),
        CreateSLAPolicies(),
        AddTicketSLA(),
        CreatePurchases(),
        CreateFollowUps(),
        CreateHealthEvents(),
        CreateSurveys(),
        AddCustomerExternalID(),
        CreateSurveyCampaigns(),
        CreateLoyalty(),
        CreatePromotions(),
        CreateCoupons(),
        CreateCrossSellRules(),
        AddMovementReward(),
        AddMemberReferrals(),
    ]
}

/// The priority classes of the walk-in queue, in their default order: a member tier names the class its members
/// queue in, so a Gold member's visit is served as `vip` wherever the branch's policy ranks classes.
public enum QueueClass: String, Codable, Sendable, CaseIterable {
    case urgent, express, vip, normal
}

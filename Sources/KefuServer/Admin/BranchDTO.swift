import Foundation
import Hummingbird
import KefuCore
import KefuStore

/// A branch as JSON: its profile with id and times.
typealias BranchDTO = RecordDTO<BranchProfile>

extension RecordDTO where Profile == BranchProfile {
    init(_ branch: Branch) {
        self.init(id: branch.id, profile: branch.profile, createdAt: branch.createdAt, updatedAt: branch.updatedAt)
    }
}

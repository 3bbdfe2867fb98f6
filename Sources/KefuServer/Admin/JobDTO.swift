import Foundation
import Hummingbird
import KefuStore

/// A background job as JSON (`GET /api/v1/admin/jobs`); `payload` is the job's JSON payload as text.
struct JobDTO: FieldsDTO {
    var job: Job

    var fields: KeyValuePairs<String, any Encodable> {
        [
            "id": job.id, "kind": job.kind, "key": job.key, "payload": job.payload, "status": job.status.rawValue,
            "run_at": job.runAt, "attempts": job.attempts, "max_attempts": job.maxAttempts,
            "last_error": job.lastError, "locked_until": job.lockedUntil, "locked_by": job.lockedBy,
            "created_at": job.createdAt, "updated_at": job.updatedAt,
        ]
    }
}

import Foundation
import KefuCore

/// The service-desk part of `/admin/settings`: one row per setting, its inputs named after the
/// setting's JSON path (`service_desk.ticket_capacity`; a range has `….low` and `….high`), so the
/// validation errors of `ServiceDeskSettings` land beside their inputs. Shares are edited as percents.
enum ServiceDeskSettingsForm {
    enum Scale { case whole, percent, people }

    struct Entry: Sendable {
        var key: String
        var scale: Scale
        var get: @Sendable (ServiceDeskSettings) -> [Double]
        var set: @Sendable (inout ServiceDeskSettings, [Double]) -> Void
    }

    struct Row {
        var label: String
        var unit: String
        var inputs: [Input]
        var errors: [String]
        var invalid: Bool
    }

    struct Input {
        var name: String
        var value: String
        var label: String
    }

    static let prefix = "service_desk."

    private static func whole(
        _ key: String, _ path: any WritableKeyPath<ServiceDeskSettings, Int> & Sendable
    ) -> Entry {
        Entry(
            key: key, scale: .whole, get: { [Double($0[keyPath: path])] },
            set: { settings, values in settings[keyPath: path] = Int(values[0]) })
    }

    private static func share(
        _ key: String, _ path: any WritableKeyPath<SilentMajorityEstimator, Double> & Sendable
    ) -> Entry {
        Entry(
            key: "silent_majority." + key, scale: .percent, get: { [$0.silentMajority[keyPath: path]] },
            set: { settings, values in settings.silentMajority[keyPath: path] = values[0] })
    }

    private static func range(
        _ key: String, _ path: any WritableKeyPath<SilentMajorityEstimator, FigureRange> & Sendable
    ) -> Entry {
        Entry(
            key: "silent_majority." + key, scale: .people,
            get: { [$0.silentMajority[keyPath: path].low, $0.silentMajority[keyPath: path].high] },
            set: { settings, values in settings.silentMajority[keyPath: path] = FigureRange(values[0], values[1]) })
    }

    static let entries: [Entry] = [
        whole("ticket_capacity", \.ticketCapacity),
        whole("reopen_window_days", \.reopenWindowDays),
        whole("public_tickets_per_hour", \.publicTicketsPerHour),
        whole("recurring_cause_count", \.recurringCauseCount),
        whole("recurring_cause_days", \.recurringCauseDays),
        whole("mail_per_sender_per_minute", \.mailPerSenderPerMinute),
        whole("mail_max_message_bytes", \.mailMaxMessageBytes),
        whole("mail_max_attachment_bytes", \.mailMaxAttachmentBytes),
        share("complaining_share", \.complainingShare),
        share("telling_share", \.tellingShare),
        range("told_per_teller", \.toldPerTeller),
        share("retelling_share", \.retellingShare),
        range("retold_per_reteller", \.retoldPerReteller),
        range("told_per_satisfied", \.toldPerSatisfied),
        share("fast_resolved_return_share", \.fastResolvedReturnShare),
    ]

    private static func names(_ entry: Entry) -> [String] {
        entry.scale == .people
            ? [prefix + entry.key + ".low", prefix + entry.key + ".high"] : [prefix + entry.key]
    }

    /// The posted values applied to `settings`; an input that is not a number (a whole number where
    /// one is asked) is an error on its setting, which keeps its old value, as does a setting the
    /// form did not post.
    static func read(_ form: WebForm, into settings: inout ServiceDeskSettings) -> [FieldError] {
        var errors: [FieldError] = []
        for entry in entries where names(entry).contains(where: form.has) {
            let values = names(entry).map { name -> Double? in
                let text = form.raw(name).trimmingCharacters(in: .whitespaces)
                guard let number = Double(text), number.isFinite else { return nil }
                if entry.scale == .whole { return number.rounded() == number ? number : nil }
                return entry.scale == .percent ? number / 100 : number
            }
            let numbers = values.compactMap { $0 }
            guard numbers.count == values.count else {
                errors.append(
                    FieldError(
                        field: prefix + entry.key, code: entry.scale == .whole ? "not_whole_number" : "not_a_number",
                        message: "Enter a number."))
                continue
            }
            if entry.scale == .whole, !numbers.allSatisfy({ abs($0) < 1e9 }) {
                errors.append(FieldError(field: prefix + entry.key, code: "out_of_range", message: "Too large."))
                continue
            }
            entry.set(&settings, numbers)
        }
        return errors
    }

    /// The rows to show, with the values as posted or stored and the messages for each.
    static func rows(_ settings: ServiceDeskSettings, messages: FieldMessages, ui: WebUI) -> [Row] {
        entries.map { entry in
            let label = ui.t("settings.sd." + entry.key)
            let values = entry.get(settings).map { value in
                let shown = entry.scale == .percent ? value * 100 : value
                return shown.rounded() == shown ? String(Int(shown)) : String(shown)
            }
            let inputLabels =
                entry.scale == .people ? [ui.t("settings.sd.low"), ui.t("settings.sd.high")] : [label]
            let inputs = zip(names(entry), zip(values, inputLabels)).map {
                Input(name: $0.0, value: $0.1.0, label: $0.1.1)
            }
            let errors = messages.byInput[prefix + entry.key] ?? []
            return Row(
                label: label, unit: ui.t("settings.sd.unit." + String(describing: entry.scale)), inputs: inputs,
                errors: errors, invalid: !errors.isEmpty)
        }
    }

    /// The error keys the rows show (everything else on the page goes to the general messages).
    static var inputs: Set<String> { Set(entries.map { prefix + $0.key }) }
}
